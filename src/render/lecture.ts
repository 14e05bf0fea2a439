/**
 * `npm run render -- lecture`: every scene of the lecture list in order, each after its title card,
 * joined into one MP4. Each part is an ordinary cached render (cards from the cards project into
 * <out>/.lecture/, scenes as <out>/<scene>.mp4); the join copies the video (same encoder, so the
 * cuts are clean and the frames add up), re-encodes the parts' audio once into one AAC track, and
 * shifts the parts' subtitles by where each part starts.
 */
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {mkdir, readFile, rename, rm, writeFile} from 'node:fs/promises';
import {basename, join, relative, resolve} from 'node:path';
import {type LectureEntry, LECTURE_ENV, cardId, checkList} from '../lecture/list';
import {stamp} from '../narration/track';
import {UsageError, type RenderOptions} from './args';
import {RenderError} from './browser';
import {checkFresh, computeKey, recordRender, renderCached, sceneInput, toolVersions} from './cache';
import type {Run, Tools} from './run';
import {scenePaths} from './sceneIds';
import {ROOT} from './server';
import {ioMessage, probeFrames} from './sinks';
import {ffmpegMessage} from './tools';

export const LECTURE = 'lecture';
export const DEFAULT_LIST = 'src/lecture.json';
export const CARDS_PROJECT = 'src/lecture/cards.project.ts';
const CARD_SCENE = 'src/lecture/titleCard.tsx';
/** The title cards' folder inside --out. */
export const PARTS_DIR = '.lecture';

/** What the lecture cannot be combined with: it is one whole MP4. */
export function checkLectureOptions(o: RenderOptions): void {
  if (o.scenes.length > 1) throw new UsageError(`"${LECTURE}" renders the whole lecture; name no other scene with it`);
  const other = o.still
    ? '--still'
    : o.sheet
      ? '--sheet'
      : o.shard
        ? '--shard'
        : o.join
          ? '--join'
          : o.slides
            ? '--slides'
            : o.range
              ? '--range'
              : o.list
                ? '--list'
                : o.format !== 'mp4'
                  ? `--format ${o.format}`
                  : null;
  if (other) throw new UsageError(`"${LECTURE}" cannot be combined with ${other} (it is one whole MP4)`);
  if (o.encoder === 'discard' || o.encoder === 'stock-ffmpeg')
    throw new UsageError(`"${LECTURE}" cannot use --encoder ${o.encoder}`);
}

/** The list's entries whose scene the project has, in the list's order; the others are named and skipped. */
export function lectureEntries(listFile: string, known: string[], log: (line: string) => void): LectureEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(listFile, 'utf8'));
  } catch (e) {
    throw new UsageError(
      `lecture list ${relative(ROOT, listFile)}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (e as Error).message}`,
    );
  }
  let entries: LectureEntry[];
  try {
    entries = checkList(data, `lecture list ${relative(ROOT, listFile)}`).scenes;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const missing = entries.filter(e => !known.includes(e.id)).map(e => e.id);
  if (missing.length) log(`${LECTURE}: skipping ${missing.join(', ')} (not in the project)`);
  const kept = entries.filter(e => known.includes(e.id));
  if (kept.length === 0)
    throw new UsageError(
      `lecture list ${relative(ROOT, listFile)} names no scene of the project; known scenes: ${known.join(', ')}`,
    );
  return kept;
}

/** One part of the joined video as ffprobe sees it. */
export interface Part {
  path: string;
  frames: number;
  fps: number;
  /** Its first audio stream's sample rate and channel layout, or null for none. */
  audio: {rate: number; layout: string} | null;
  /** The subtitles beside it (<part>.srt), or null. */
  srt: string | null;
}

interface ProbedStream {
  codec_type: string;
  r_frame_rate?: string;
  sample_rate?: string;
  channel_layout?: string;
  channels?: number;
}

export function probePart(ffprobe: string, path: string): Part {
  const r = spawnSync(ffprobe, ['-v', 'error', '-show_streams', '-of', 'json', path], {encoding: 'utf8'});
  if (r.status !== 0) throw new RenderError(`lecture part ${basename(path)} is unreadable: ${ffmpegMessage(r.stderr)}`);
  const streams = (JSON.parse(r.stdout) as {streams: ProbedStream[]}).streams;
  const video = streams.find(s => s.codec_type === 'video');
  const audio = streams.find(s => s.codec_type === 'audio');
  if (!video) throw new RenderError(`lecture part ${basename(path)} has no video`);
  const [num, den] = (video.r_frame_rate ?? '0/1').split('/').map(Number);
  const srt = path.replace(/\.mp4$/, '.srt');
  return {
    path,
    frames: probeFrames(ffprobe, path),
    fps: num / den,
    audio: audio
      ? {rate: Number(audio.sample_rate), layout: audio.channel_layout ?? (audio.channels === 1 ? 'mono' : 'stereo')}
      : null,
    srt: existsSync(srt) ? srt : null,
  };
}

export interface Cue {
  /** Start and end as frame indices of the part (cues are exact to the frame). */
  from: number;
  to: number;
  text: string;
}

const TIME = /(\d+):(\d{2}):(\d{2})[,.](\d{3})/;
const seconds = (m: RegExpExecArray) => Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000;

/** The cues of an SRT file, their times turned into frames at `fps`. */
export function parseSrt(text: string, fps: number): Cue[] {
  const cues: Cue[] = [];
  for (const block of text.replace(/\r/g, '').split(/\n\s*\n/)) {
    const lines = block.split('\n');
    const at = lines.findIndex(l => l.includes('-->'));
    if (at < 0) continue;
    const [a, b] = lines[at].split('-->').map(s => TIME.exec(s));
    if (!a || !b) continue;
    const textLines = lines
      .slice(at + 1)
      .join('\n')
      .trim();
    if (textLines) cues.push({from: Math.round(seconds(a) * fps), to: Math.round(seconds(b) * fps), text: textLines});
  }
  return cues;
}

export function formatSrt(cues: Cue[], fps: number): string {
  return cues
    .map((c, i) => `${i + 1}\n${stamp(c.from, fps, ',')} --> ${stamp(c.to, fps, ',')}\n${c.text}\n`)
    .join('\n');
}

export function formatVtt(cues: Cue[], fps: number): string {
  return `WEBVTT\n\n${cues.map(c => `${stamp(c.from, fps, '.')} --> ${stamp(c.to, fps, '.')}\n${c.text}\n`).join('\n')}`;
}

/**
 * The cues for the MP4's subtitle stream: a blank cue (a no-break space) runs from the last cue to
 * the end, so the stream lasts as long as the video after silent parts (the .srt keeps the real cues).
 */
export function paddedCues(cues: Cue[], frames: number): Cue[] {
  const last = cues.reduce((end, c) => Math.max(end, c.to), 0);
  return last < frames ? [...cues, {from: last, to: frames, text: '\u00a0'}] : cues;
}

/** The parts' cues on the joined timeline: each part's shifted by the frames before it. */
export function joinCues(parts: {frames: number; cues: Cue[]}[]): Cue[] {
  let offset = 0;
  const all: Cue[] = [];
  for (const p of parts) {
    all.push(...p.cues.map(c => ({...c, from: c.from + offset, to: c.to + offset})));
    offset += p.frames;
  }
  return all;
}

/**
 * ffmpeg's arguments for the join: video copied through the concat demuxer; when any part has
 * audio, every part's audio (silence for a part without) cut or padded to its exact length and
 * encoded once; the subtitles from `srt` as mov_text.
 */
export function joinArgs(parts: Part[], list: string, srt: string | null, out: string): string[] {
  const fps = parts[0].fps;
  const args = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', '-f', 'concat', '-safe', '0', '-i', list];
  const maps = ['-map', '0:v:0'];
  const codecs = ['-c:v', 'copy'];
  const format = parts.find(p => p.audio)?.audio;
  let input = 1;
  if (format) {
    const chains: string[] = [];
    parts.forEach((p, i) => {
      const samples = Math.round((p.frames * format.rate) / fps);
      const source = p.audio
        ? `[${input++}:a:0]aresample=${format.rate}`
        : `anullsrc=r=${format.rate}:cl=${format.layout}`;
      chains.push(
        `${source},aformat=sample_rates=${format.rate}:channel_layouts=${format.layout},apad=whole_len=${samples},atrim=end_sample=${samples}[a${i}]`,
      );
    });
    for (const p of parts) if (p.audio) args.push('-i', p.path);
    args.push(
      '-filter_complex',
      `${chains.join(';')};${parts.map((_, i) => `[a${i}]`).join('')}concat=n=${parts.length}:v=0:a=1[aout]`,
    );
    maps.push('-map', '[aout]');
    codecs.push('-c:a', 'aac', '-b:a', '192k');
  }
  if (srt) {
    args.push('-i', srt);
    maps.push('-map', `${input}:s:0`);
    codecs.push('-c:s', 'mov_text');
  }
  return [
    ...args,
    ...maps,
    ...codecs,
    '-fflags',
    '+bitexact',
    '-video_track_timescale',
    String(Math.round(fps * 512)),
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    out,
  ];
}

/**
 * The concat demuxer's list. Each part starts at its own 0 (a part whose audio has encoder priming
 * would otherwise shift the video that follows) and lasts exactly its frames, so no audio padding
 * opens a gap between the video of two parts.
 */
export function concatList(parts: Part[]): string {
  const entries = parts.map(p => `file '${p.path.replace(/'/g, "'\\''")}'\ninpoint 0\nduration ${p.frames / p.fps}\n`);
  return `ffconcat version 1.0\n${entries.join('')}`;
}

/** The join's ffmpeg and partial files while it runs, so an interrupt can stop and remove them. */
let joining: {child: ChildProcess | null; temps: string[]} | null = null;

/** Stops a running join and removes its partial files (the CLI calls this when it is interrupted). */
export async function abortLecture(): Promise<void> {
  const j = joining;
  if (!j) return;
  if (j.child && j.child.exitCode === null && j.child.signalCode === null) {
    const exited = new Promise(done => j.child!.once('exit', done));
    j.child.kill('SIGKILL');
    await exited;
  }
  await Promise.all(j.temps.map(t => rm(t, {force: true})));
}

function runFfmpeg(ffmpeg: string, args: string[]): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(ffmpeg, args, {stdio: ['ignore', 'ignore', 'pipe']});
    joining!.child = child;
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', e => fail(e));
    child.on('exit', code =>
      code === 0 && !/error/i.test(stderr)
        ? ok()
        : fail(new Error(`ffmpeg failed (exit ${code}): ${ffmpegMessage(stderr)}`)),
    );
  });
}

/** Joins `paths` into `final` (+ .srt/.vtt when the parts have subtitles); checks the frame count before renaming. */
export async function joinParts(
  paths: string[],
  final: string,
  tools: {ffmpeg: string; ffprobe: string},
): Promise<{frames: number; cues: number}> {
  const parts = paths.map(p => probePart(tools.ffprobe, p));
  const fps = parts[0].fps;
  const odd = parts.find(p => p.fps !== fps);
  if (odd) throw new RenderError(`lecture part ${basename(odd.path)} runs at ${odd.fps} fps, the others at ${fps}`);
  const expected = parts.reduce((n, p) => n + p.frames, 0);
  const tmp = (ext: string) => `${final.replace(/\.mp4$/, ext)}.${process.pid}.partial`;
  const [tmpMp4, tmpSrt, tmpVtt, list] = [tmp('.mp4'), tmp('.srt'), tmp('.vtt'), tmp('.txt')];
  const muxSrt = tmp('.mux.srt');
  joining = {child: null, temps: [tmpMp4, tmpSrt, tmpVtt, list, muxSrt]};
  try {
    const withCues = await Promise.all(
      parts.map(async p => ({frames: p.frames, cues: p.srt ? parseSrt(await readFile(p.srt, 'utf8'), fps) : []})),
    );
    const cues = joinCues(withCues);
    const subtitled = parts.some(p => p.srt);
    if (subtitled) {
      await writeFile(tmpSrt, formatSrt(cues, fps));
      await writeFile(tmpVtt, formatVtt(cues, fps));
      await writeFile(muxSrt, formatSrt(paddedCues(cues, expected), fps));
    }
    await writeFile(list, concatList(parts));
    await runFfmpeg(tools.ffmpeg, joinArgs(parts, list, subtitled ? muxSrt : null, tmpMp4));
    const frames = probeFrames(tools.ffprobe, tmpMp4);
    if (frames !== expected)
      throw new Error(`the joined MP4 holds ${frames} frames, expected ${expected} (the sum of its parts)`);
    await rename(tmpMp4, final);
    for (const ext of ['.srt', '.vtt']) {
      const companion = final.replace(/\.mp4$/, ext);
      if (subtitled) await rename(ext === '.srt' ? tmpSrt : tmpVtt, companion);
      else await rm(companion, {force: true});
    }
    return {frames, cues: cues.length};
  } catch (e) {
    throw new RenderError(`${LECTURE}: ${ioMessage(e)}`);
  } finally {
    await abortLecture();
    joining = null;
  }
}

export interface LectureContext {
  o: RenderOptions;
  tools: Tools;
  open(o: RenderOptions): Promise<Run>;
  log(line: string): void;
}

/** Renders the lecture: the cards and scenes that are stale, then the join unless it is up to date. */
export async function renderLecture({o, tools, open, log}: LectureContext): Promise<string> {
  const projectFile = resolve(ROOT, o.project);
  const paths = scenePaths(projectFile);
  const entries = lectureEntries(resolve(ROOT, o.lectureList ?? DEFAULT_LIST), [...paths.keys()], log);
  const out = resolve(o.out);
  const partsDir = join(out, PARTS_DIR);
  await mkdir(partsDir, {recursive: true});
  const versions = toolVersions(tools.browserPath, tools.ffmpeg);

  // The cards project reads the entries from the environment when its Vite server starts.
  process.env[LECTURE_ENV] = JSON.stringify(entries);
  const cards = {...o, project: CARDS_PROJECT, out: partsDir, scenes: entries.map(e => cardId(e.id))};
  const byCard = new Map(entries.map(e => [cardId(e.id), e]));
  await renderCached({
    o: cards,
    scenes: cards.scenes,
    inputOf: card => ({
      root: ROOT,
      entries: [join(ROOT, CARD_SCENE)],
      files: Object.fromEntries([CARDS_PROJECT, CARDS_PROJECT.replace(/\.ts$/, '.meta')].map(f => [f, join(ROOT, f)])),
      dirs: [],
      extra: byCard.get(card),
      options: cards,
      tools: versions,
    }),
    open,
    log,
  });

  const scenes = {...o, scenes: entries.map(e => e.id)};
  await renderCached({
    o: scenes,
    scenes: scenes.scenes,
    inputOf: id => sceneInput(ROOT, o.project, paths.get(id)!, id, scenes, versions),
    open,
    log,
  });

  const parts = entries.flatMap(e => [join(partsDir, `${cardId(e.id)}.mp4`), join(out, `${e.id}.mp4`)]);
  const final = join(out, `${LECTURE}.mp4`);
  const companions = parts.flatMap(p => ['.srt', '.vtt'].map(ext => p.replace(/\.mp4$/, ext)));
  const key = await computeKey({
    root: ROOT,
    entries: [],
    files: Object.fromEntries([...parts, ...companions].map(p => [`(out)/${relative(out, p)}`, p])),
    dirs: [],
    extra: parts.map(p => relative(out, p)),
    options: o,
    tools: versions,
  });
  if (!o.force && (await checkFresh(final, key)).fresh) {
    log(`${LECTURE}: up to date`);
    return final;
  }
  const started = performance.now();
  const ffmpeg = tools.ffmpeg!;
  const {frames, cues} = await joinParts(parts, final, {ffmpeg, ffprobe: tools.ffprobe ?? ffmpeg});
  await recordRender(final, key);
  const subs = cues ? `, ${cues} subtitle cues` : '';
  log(
    `${LECTURE}: ${parts.length} parts, ${frames} frames${subs} joined in ${((performance.now() - started) / 1000).toFixed(1)}s → ${basename(out)}/${basename(final)}`,
  );
  return final;
}
