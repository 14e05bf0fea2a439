/**
 * Speech for narration lines, made offline: espeak-ng speaks a line, ffmpeg trims its silences and
 * normalises it to −16 LUFS (EBU R128) with true peaks under −3 dBTP. Clips are cached by the
 * hash of what made them, so an unchanged line is never synthesised again. A recorded file
 * `src/scenes/<id>.voice/<key>.wav|mp3` (`<id>.voice/en/…` for English) replaces the synthetic clip.
 */
import {createHash} from 'node:crypto';
import {existsSync, mkdirSync, readFileSync, renameSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {ffmpegMessage, onPath, runTool, ToolError, type Env} from '../render/tools';
import {readingSeconds, type NarrationLine, type Voice} from './types';

/** Bump when the clip pipeline changes: every cached clip is then made again. */
const PIPELINE = 'nnm-voice/2';
export const SAMPLE_RATE = 48000;
export const TARGET_LUFS = -16;
/** Clips peak under −3 dBTP: AAC encoding adds up to about a decibel of overshoot. */
export const TARGET_PEAK = -3;
/** espeak-ng's voice for each narration language, and the text it reads. */
export const ESPEAK_VOICE: Record<Voice, string> = {zh: 'cmn', en: 'en'};
const SPEED_WPM = 165;

/** Speech cannot be made: one line for the user, with what to do about it. */
export class VoiceError extends ToolError {
  override name = 'VoiceError';
}

export const cacheDir = (root: string) => join(root, 'node_modules/.cache/nn-motion/voice');
export const narrationFile = (root: string, scene: string) => join(root, 'src/scenes', `${scene}.narration.ts`);

/**
 * A narration file's lines, outside Vite's dev server (which has its own loader): bundled by esbuild
 * and imported as plain JavaScript, so it works under any Node loader (the CLI's tsx, vitest, a build).
 */
export async function importLines(file: string): Promise<NarrationLine[]> {
  const {build} = await import('esbuild');
  const r = await build({
    entryPoints: [file],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
  });
  const code = Buffer.from(r.outputFiles[0].text).toString('base64');
  return ((await import(`data:text/javascript;base64,${code}`)) as {default: NarrationLine[]}).default;
}

/** ESPEAK_NG_PATH, else espeak-ng on PATH. */
export function resolveEspeak(env: Env = process.env): string {
  const path = env.ESPEAK_NG_PATH || onPath('espeak-ng', env);
  if (path && existsSync(path)) return path;
  const where = env.ESPEAK_NG_PATH
    ? `ESPEAK_NG_PATH=${env.ESPEAK_NG_PATH} does not exist`
    : 'espeak-ng is not installed';
  throw new VoiceError(
    `${where}: narration needs it (scripts/setup.sh installs it, or apt-get install -y espeak-ng); render silently with --no-audio`,
  );
}

export interface Speaker {
  espeak: string;
  /** espeak-ng's version line: part of every clip's hash. */
  version: string;
}

/** What makes clips: ffmpeg always, espeak-ng (looked up on first need) for lines nobody recorded. */
export interface Voicing {
  ffmpeg: string;
  speak: () => Promise<Speaker>;
}

/** espeak-ng, checked to run and to have the voice. */
export async function speaker(voice: Voice, env: Env = process.env): Promise<Speaker> {
  const espeak = resolveEspeak(env);
  let version: string;
  let voices: string;
  try {
    version = (await runTool(espeak, ['--version'])).stdout.trim();
    voices = (await runTool(espeak, [`--voices=${ESPEAK_VOICE[voice]}`])).stdout;
  } catch (e) {
    throw new VoiceError(
      `${espeak} does not run (${(e as Error).message.split('\n')[0]}); reinstall espeak-ng or render silently with --no-audio`,
    );
  }
  const name = ESPEAK_VOICE[voice];
  if (!voices.split('\n').some(l => l.trim().split(/\s+/)[1] === name)) {
    throw new VoiceError(
      `espeak-ng has no "${name}" voice for --voice ${voice}; install espeak-ng-data, pick another --voice, or render silently with --no-audio`,
    );
  }
  return {espeak, version};
}

/** A recorded clip for a line, if the user dropped one next to the scene. */
export function recordedClip(root: string, scene: string, key: string, voice: Voice): string | null {
  const dir = join(root, 'src/scenes', `${scene}.voice`, voice === 'zh' ? '' : voice);
  for (const ext of ['wav', 'mp3']) {
    const file = join(dir, `${key}.${ext}`);
    if (existsSync(file)) return file;
  }
  return null;
}

/** A made clip: a 48 kHz mono 16-bit WAV in the cache, and its length. */
export interface MadeClip {
  file: string;
  seconds: number;
  hash: string;
  /** The recorded file it came from; null for speech. */
  recorded: string | null;
}

/** The seconds of a PCM WAV, from its header: ffmpeg may add chunks before `data`. */
export function wavSeconds(file: string): number {
  const b = readFileSync(file);
  if (b.toString('ascii', 0, 4) !== 'RIFF' || b.toString('ascii', 8, 12) !== 'WAVE')
    throw new Error(`${file} is not a WAV file`);
  let rate = 0;
  let blockAlign = 0;
  for (let at = 12; at + 8 <= b.length;) {
    const id = b.toString('ascii', at, at + 4);
    const size = b.readUInt32LE(at + 4);
    if (id === 'fmt ') {
      rate = b.readUInt32LE(at + 12);
      blockAlign = b.readUInt16LE(at + 20);
    }
    if (id === 'data') return Math.min(size, b.length - at - 8) / blockAlign / rate;
    at += 8 + size + (size % 2);
  }
  throw new Error(`${file} has no audio data`);
}

const TRIM =
  'silenceremove=start_periods=1:start_threshold=-50dB,areverse,silenceremove=start_periods=1:start_threshold=-50dB,areverse';

/** Integrated loudness (LUFS) and true peak (dBTP) of `input` through `filter`. */
export async function loudness(ffmpeg: string, input: string, filter = 'anull'): Promise<{lufs: number; peak: number}> {
  const {stderr} = await runTool(ffmpeg, [
    '-hide_banner',
    '-nostats',
    '-nostdin',
    '-i',
    input,
    '-af',
    `${filter},ebur128=peak=true:framelog=verbose`,
    '-f',
    'null',
    '-',
  ]);
  const at = stderr.lastIndexOf('Summary:');
  if (at < 0) throw new Error(ffmpegMessage(stderr) || 'ffmpeg measured no loudness');
  const summary = stderr.slice(at);
  const lufs = Number(/I:\s+(-?[\d.]+|-inf) LUFS/.exec(summary)?.[1]);
  const peak = Number(/Peak:\s+(-?[\d.]+|-inf) dBFS/.exec(summary)?.[1]);
  return {lufs: Number.isFinite(lufs) ? lufs : -70, peak: Number.isFinite(peak) ? peak : -120};
}

/** Trims, resamples and normalises `input` into `out`: gain to −16 LUFS, a limiter for the peaks, then a last trim of the gain. */
async function normalise(ffmpeg: string, input: string, out: string): Promise<void> {
  const base = `${TRIM},aresample=${SAMPLE_RATE},aformat=channel_layouts=mono`;
  const first = await loudness(ffmpeg, input, base);
  if (first.lufs <= -69) throw new VoiceError(`${input} is silent`);
  const limited = `${base},volume=${(TARGET_LUFS - first.lufs).toFixed(2)}dB,alimiter=limit=0.5:level=0:attack=2:release=40:asc=1`;
  const second = await loudness(ffmpeg, input, limited);
  const gain = Math.min(TARGET_LUFS - second.lufs, TARGET_PEAK - second.peak);
  await runTool(
    ffmpeg,
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-nostdin',
      '-y',
      '-i',
      input,
      '-af',
      `${limited},volume=${gain.toFixed(2)}dB`,
      '-ar',
      String(SAMPLE_RATE),
      '-ac',
      '1',
      '-c:a',
      'pcm_s16le',
      '-map_metadata',
      '-1',
      '-fflags',
      '+bitexact',
      '-f',
      'wav',
      out,
    ],
    [out],
  );
}

/** The text espeak-ng reads: subscripts and the like as plain characters. */
const spoken = (text: string) => text.normalize('NFKC');

/** Makes (or finds in the cache) the clip of one line. `speak` is null when only recorded clips may be used. */
export async function makeClip(
  root: string,
  scene: string,
  line: NarrationLine,
  voice: Voice,
  v: Voicing,
): Promise<MadeClip> {
  const dir = cacheDir(root);
  mkdirSync(dir, {recursive: true});
  const recorded = recordedClip(root, scene, line.key, voice);
  const s = recorded ? null : await v.speak();
  const text = spoken(voice === 'zh' ? line.zh : line.en);
  const hash = createHash('sha256')
    .update(
      JSON.stringify(
        recorded
          ? {PIPELINE, recorded: createHash('sha256').update(readFileSync(recorded)).digest('hex')}
          : {PIPELINE, text, voice: ESPEAK_VOICE[voice], speed: SPEED_WPM, espeak: s!.version},
      ),
    )
    .digest('hex');
  const file = join(dir, `${hash}.wav`);
  if (!existsSync(file)) {
    const tmp = `${file}.${process.pid}.partial`;
    const raw = `${file}.${process.pid}.raw.wav`;
    let step = recorded ? `${recorded} is unreadable` : 'espeak-ng failed';
    try {
      if (!recorded)
        await runTool(s!.espeak, ['-v', ESPEAK_VOICE[voice], '-s', String(SPEED_WPM), '-w', raw, text], [raw]);
      if (!recorded) step = 'ffmpeg failed';
      await normalise(v.ffmpeg, recorded ?? raw, tmp);
      renameSync(tmp, file);
    } catch (e) {
      if (e instanceof VoiceError) throw e;
      throw new VoiceError(
        `narration line "${line.key}" of "${scene}": ${step} (${(e as Error).message.split('\n')[0]})`,
      );
    } finally {
      rmSync(tmp, {force: true});
      rmSync(raw, {force: true});
    }
  }
  return {file, seconds: wavSeconds(file), hash, recorded};
}

/** The clips of every line of a scene, made one after the other (espeak-ng is quick; the CPUs are for rendering). */
export async function makeClips(
  root: string,
  scene: string,
  lines: NarrationLine[],
  voice: Voice,
  v: Voicing,
): Promise<Map<string, MadeClip>> {
  const clips = new Map<string, MadeClip>();
  for (const line of lines) clips.set(line.key, await makeClip(root, scene, line, voice, v));
  return clips;
}

/** Clip lengths for a silent render: the time it takes to read the caption. */
export function silentClips(lines: NarrationLine[]): Map<string, {seconds: number}> {
  return new Map(lines.map(l => [l.key, {seconds: readingSeconds(l)}]));
}

/** ffmpeg, and espeak-ng looked up once and only if a line needs it. */
export function voicing(voice: Voice, ffmpeg: string, env: Env = process.env): Voicing {
  let found: Promise<Speaker> | null = null;
  return {ffmpeg, speak: () => (found ??= speaker(voice, env))};
}
