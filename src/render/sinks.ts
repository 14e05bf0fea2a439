/**
 * Where the pages' data ends up. A video arrives as numbered segments (from any worker, in any
 * order) and is joined into one MP4; PNGs are written by frame. Every output is written under a
 * temporary name, checked, then renamed: a failure never leaves a file at the final path.
 */
import {spawn, spawnSync} from 'node:child_process';
import {createReadStream} from 'node:fs';
import {mkdir, open, rename, rm, writeFile, type FileHandle} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import type {DataHandler, DataPacket} from './server';
import {ffmpegMessage} from './tools';
import {allowedCpus} from './affinity';
import {ISO_639_2, type MuxExtras} from '../narration/track';

/** A file-system error as a person would say it: "no space left on device". */
export function ioMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const known: Record<string, string> = {
    ENOSPC: 'no space left on device',
    EDQUOT: 'disk quota exceeded',
    EACCES: 'permission denied',
    EROFS: 'read-only file system',
  };
  const what = err.code ? known[err.code] : undefined;
  return what ? `${what}${err.path ? ` (${err.path})` : ''}` : err.message;
}

/** Delivers one job's packets in sequence order even when the page's requests overlap. */
class Sequencer {
  private next = 0;
  private readonly waiting = new Map<number, () => void>();

  async inTurn<T>(seq: number, work: () => Promise<T>): Promise<T> {
    if (seq !== this.next) await new Promise<void>(go => this.waiting.set(seq, go));
    try {
      return await work();
    } finally {
      this.next++;
      this.waiting.get(this.next)?.();
      this.waiting.delete(this.next);
    }
  }
}

export interface Output {
  /** A handler for one job's packets: each job posts its own sequence. */
  handler(): DataHandler;
  /** Frames received so far, across jobs. */
  readonly frames: number;
  /** Completes, checks and moves the output to its final path. */
  finish(): Promise<void>;
  /** Stops everything and removes temporary files. Safe to call twice. */
  abort(): Promise<void>;
}

/** The first failure of a sink, kept so the CLI reports it instead of the page's "refused data". */
abstract class BaseOutput implements Output {
  frames = 0;
  failure: Error | null = null;

  handler(): DataHandler {
    const order = new Sequencer();
    return packet =>
      order.inTurn(packet.seq, async () => {
        if (this.failure) throw this.failure;
        try {
          await this.accept(packet);
        } catch (e) {
          this.failure ??= new Error(ioMessage(e));
          throw this.failure;
        }
      });
  }

  protected abstract accept(packet: DataPacket): Promise<void>;
  abstract finish(): Promise<void>;
  abstract abort(): Promise<void>;
}

export interface VideoTarget {
  ffmpeg: string;
  ffprobe: string;
  width: number;
  height: number;
  fps: number;
  /** Segment count and frames expected in all. */
  segments: number;
  expectedFrames: number;
  /** Folder for segment files, removed at the end. */
  partsDir: string;
}

export type RgbaFormat = 'gif' | 'webm' | 'mov';

const BT709_TV = ['-color_range', 'tv', '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709'];

/** libx264 for one segment, from the page's limited-range I420 to Annex B, no B-frames so segments join cleanly. */
export function x264Args(t: {width: number; height: number; fps: number}, out: string): string[] {
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    '-y',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'yuv420p',
    '-s',
    `${t.width}x${t.height}`,
    '-framerate',
    String(t.fps),
    '-i',
    'pipe:0',
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-tune',
    'animation',
    '-crf',
    '18',
    '-bf',
    '0',
    '-threads',
    '2',
    ...BT709_TV,
    '-f',
    'h264',
    out,
  ];
}

/** What a narrated MP4 carries besides its video: the extras, and the .srt/.vtt files written beside it. */
export interface Narrated extends MuxExtras {
  sidecars: {path: string; text: string}[];
}

/** The narration's inputs and streams: speech as AAC, each subtitle file as a language-tagged mov_text stream. */
function extraArgs(extras: MuxExtras | undefined): {inputs: string[]; streams: string[]} {
  if (!extras || (!extras.audio && extras.subtitles.length === 0)) return {inputs: [], streams: []};
  const inputs: string[] = [];
  const streams = ['-map', '0:v'];
  let next = 1; // input 0 is the video on stdin
  if (extras.audio) {
    inputs.push('-i', extras.audio);
    streams.push('-map', `${next++}:a`, '-c:a', 'aac', '-b:a', '128k', '-flags:a', '+bitexact');
  }
  extras.subtitles.forEach((s, k) => {
    inputs.push('-f', 'srt', '-i', s.file);
    streams.push('-map', `${next++}:s`, `-metadata:s:s:${k}`, `language=${ISO_639_2[s.lang]}`);
  });
  if (extras.subtitles.length) streams.push('-c:s', 'mov_text');
  return {inputs, streams};
}

/**
 * Joins Annex B segments into an MP4 without re-encoding; WebCodecs' stream only needs its colour tags fixed.
 * Frame k gets the exact time k/fps (setts): the raw demuxer counts in microseconds, so 1/30 s drifts by a
 * tick every ~100 frames, which made players and ffmpeg's SSIM pair frame k with its neighbour.
 */
export function muxArgs(t: {fps: number}, out: string, extras?: MuxExtras): string[] {
  const colour =
    'h264_metadata=video_full_range_flag=0:colour_primaries=1:transfer_characteristics=1:matrix_coefficients=1';
  const exactTimes = `setts=ts=N*512:duration=512:time_base=1/${t.fps * 512}`;
  const {inputs, streams} = extraArgs(extras);
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    '-y',
    '-f',
    'h264',
    '-framerate',
    String(t.fps),
    '-i',
    'pipe:0',
    ...inputs,
    ...streams,
    '-c:v',
    'copy',
    '-bsf:v',
    `${colour},${exactTimes}`,
    ...BT709_TV,
    '-fflags',
    '+bitexact',
    '-video_track_timescale',
    String(t.fps * 512),
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    out,
  ];
}

interface Child {
  write(chunk: Buffer): Promise<void>;
  /** Ends stdin and waits; throws ffmpeg's own message on a non-zero exit or an error line. */
  end(): Promise<void>;
  kill(): Promise<void>;
}

function ffmpegChild(ffmpeg: string, args: string[]): Child {
  const proc = spawn(ffmpeg, args, {stdio: ['pipe', 'ignore', 'pipe']});
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  proc.stdin!.on('error', () => {}); // reported through the exit code instead
  const exited = new Promise<number | null>(done => {
    proc.on('exit', code => done(code));
    proc.on('error', e => {
      stderr += e.message;
      done(-1);
    });
  });
  const failed = (code: number | null) => new Error(`ffmpeg failed (exit ${code}): ${ffmpegMessage(stderr)}`);
  return {
    async write(chunk) {
      const stdin = proc.stdin!;
      if (stdin.destroyed || proc.exitCode !== null) throw failed(proc.exitCode);
      if (!stdin.write(chunk)) await new Promise(drain => stdin.once('drain', drain));
    },
    async end() {
      proc.stdin!.end();
      const code = await exited;
      // ffmpeg has exited 0 after failing to write its trailer: any error line counts.
      if (code !== 0 || /error|no space/i.test(stderr)) throw failed(code);
    },
    async kill() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
}

/** Frames in the MP4's index, or an error when the file is no valid MP4 (no moov, truncated). */
export function probeFrames(ffprobe: string, file: string): number {
  const r = spawnSync(
    ffprobe,
    ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=nb_frames', '-of', 'csv=p=0', file],
    {
      encoding: 'utf8',
    },
  );
  const n = Number(r.stdout.trim());
  if (r.status !== 0 || !Number.isInteger(n))
    throw new Error(`the written MP4 is unreadable: ${ffmpegMessage(r.stderr) || 'no frame count'}`);
  return n;
}

/** One segment being received: H.264 bytes appended to a file, or raw frames fed to libx264. */
interface SegmentWriter {
  write(body: Buffer): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

async function fileWriter(path: string): Promise<SegmentWriter> {
  const file: FileHandle = await open(path, 'w');
  return {
    write: async body => void (await file.write(body)),
    close: () => file.close(),
    abort: () => file.close().catch(() => {}),
  };
}

/** Lossless FFV1 with alpha: a segment of RGBA frames kept whole until the final encode. */
export function ffv1Args(t: {width: number; height: number; fps: number}, out: string): string[] {
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    '-y',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgba',
    '-s',
    `${t.width}x${t.height}`,
    '-framerate',
    String(t.fps),
    '-i',
    'pipe:0',
    '-c:v',
    'ffv1',
    '-pix_fmt',
    'bgra',
    '-threads',
    '1',
    '-fflags',
    '+bitexact',
    '-f',
    'nut',
    out,
  ];
}

function childWriter(ffmpeg: string, args: string[]): SegmentWriter {
  const child = ffmpegChild(ffmpeg, args);
  return {write: body => child.write(body), close: () => child.end(), abort: () => child.kill()};
}

export const segmentFile = (dir: string, index: number, ext = 'h264') =>
  join(dir, `seg-${String(index).padStart(6, '0')}.${ext}`);

/** RGB to limited-range BT.709, tagged, as editors expect. */
const TO_BT709 = 'scale=out_color_matrix=bt709:out_range=tv';

/**
 * The final encode of the lossless segments into a lecturer's format, on `threads` threads. ProRes
 * cuts a frame into slices and VP9 (without row-mt) into tiles by its size alone, so any number of
 * threads writes the same bytes (tested).
 */
export function formatArgs(
  f: {format: RgbaFormat; transparent: boolean; loop: boolean},
  list: string,
  out: string,
  threads = 1,
): string[] {
  const input = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', '-f', 'concat', '-safe', '0', '-i', list];
  switch (f.format) {
    case 'gif':
      return [
        ...input,
        '-vf',
        'split[a][b];[a]palettegen=stats_mode=full[p];[b][p]paletteuse=dither=sierra2_4a',
        '-loop',
        f.loop ? '0' : '-1',
        '-f',
        'gif',
        out,
      ];
    case 'webm':
      return [
        ...input,
        '-vf',
        `${TO_BT709},format=${f.transparent ? 'yuva420p' : 'yuv420p'}`,
        '-c:v',
        'libvpx-vp9',
        '-b:v',
        '0',
        '-crf',
        '30',
        '-deadline',
        'good',
        '-cpu-used',
        '4',
        '-row-mt',
        '0',
        '-threads',
        String(threads),
        '-auto-alt-ref',
        '0',
        ...BT709_TV,
        '-fflags',
        '+bitexact',
        '-f',
        'webm',
        out,
      ];
    case 'mov':
      return [
        ...input,
        '-vf',
        `${TO_BT709},format=yuva444p10le`,
        '-c:v',
        'prores_ks',
        '-profile:v',
        '4444',
        '-alpha_bits',
        '16',
        '-vendor',
        'apl0',
        '-threads',
        String(threads),
        ...BT709_TV,
        '-fflags',
        '+bitexact',
        '-f',
        'mov',
        out,
      ];
  }
}

/** Frames counted by decoding: WebM and GIF carry no frame count in their index. */
export function countFrames(ffprobe: string, file: string): number {
  const r = spawnSync(
    ffprobe,
    [
      '-v',
      'error',
      '-count_frames',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=nb_read_frames',
      '-of',
      'csv=p=0',
      file,
    ],
    {
      encoding: 'utf8',
    },
  );
  const n = Number(r.stdout.trim());
  if (r.status !== 0 || !Number.isInteger(n))
    throw new Error(`the written file is unreadable: ${ffmpegMessage(r.stderr) || 'no frame count'}`);
  return n;
}

/** Receives the segments of one video from any number of jobs. */
export class SegmentStore extends BaseOutput {
  private readonly open = new Map<number, SegmentWriter>();
  private readonly done = new Map<number, number>();
  private readonly counted = new Map<number, number>();
  private made: Promise<unknown> | null = null;

  constructor(
    protected readonly target: VideoTarget,
    private readonly ext = 'h264',
  ) {
    super();
  }

  protected async accept(p: DataPacket) {
    if (p.kind !== 'h264' && p.kind !== 'yuv' && p.kind !== 'rgba')
      throw new Error(`unexpected ${p.kind} data for a video`);
    if (!Number.isInteger(p.part) || p.part < 0 || p.part >= this.target.segments || this.done.has(p.part)) {
      throw new Error(`unexpected segment ${p.part}`);
    }
    this.made ??= mkdir(this.target.partsDir, {recursive: true});
    await this.made;
    let writer = this.open.get(p.part);
    if (!writer) {
      const path = segmentFile(this.target.partsDir, p.part, this.ext);
      if (p.kind === 'yuv') writer = childWriter(this.target.ffmpeg, x264Args(this.target, path));
      else if (p.kind === 'rgba') writer = childWriter(this.target.ffmpeg, ffv1Args(this.target, path));
      else writer = await fileWriter(path);
      this.open.set(p.part, writer);
    }
    if (p.body.length > 0) await writer.write(p.body);
    this.frames += p.frames;
    this.counted.set(p.part, (this.counted.get(p.part) ?? 0) + p.frames);
    if (p.end) {
      this.open.delete(p.part);
      await writer.close();
      this.done.set(p.part, this.counted.get(p.part) ?? 0);
    }
  }

  /** Throws unless every segment arrived whole. */
  protected checkComplete() {
    if (this.failure) throw this.failure;
    const missing = Array.from({length: this.target.segments}, (_, i) => i).filter(i => !this.done.has(i));
    if (missing.length) throw new Error(`segments ${missing.join(', ')} never arrived`);
    if (this.frames !== this.target.expectedFrames) {
      throw new Error(`received ${this.frames} frames, expected ${this.target.expectedFrames}`);
    }
  }

  /** Frames that arrived for segment `i`. */
  protected framesIn(i: number): number {
    return this.done.get(i) ?? 0;
  }

  segmentFiles(): string[] {
    return Array.from({length: this.target.segments}, (_, i) => segmentFile(this.target.partsDir, i, this.ext));
  }

  async finish() {
    this.checkComplete();
  }

  async abort() {
    for (const writer of this.open.values()) await writer.abort();
    this.open.clear();
    await rm(this.target.partsDir, {recursive: true, force: true});
  }
}

const partialOf = (path: string) => join(dirname(path), `.${basename(path)}.${process.pid}.partial`);

/** Joins segment (or shard) files, in order, into a checked MP4 at `finalPath` (with its narration's .srt/.vtt beside it). */
export async function muxToMp4(
  files: string[],
  t: {
    ffmpeg: string;
    ffprobe: string;
    fps: number;
    expectedFrames: number;
    tmpPath: string;
    finalPath: string;
    narrated?: Narrated;
  },
): Promise<void> {
  const child = ffmpegChild(t.ffmpeg, muxArgs(t, t.tmpPath, t.narrated));
  try {
    for (const file of files) {
      for await (const chunk of createReadStream(file)) await child.write(chunk as Buffer);
    }
    await child.end();
    const frames = probeFrames(t.ffprobe, t.tmpPath);
    if (frames !== t.expectedFrames)
      throw new Error(`the written MP4 holds ${frames} frames, expected ${t.expectedFrames}`);
    for (const s of t.narrated?.sidecars ?? []) await writeFile(partialOf(s.path), s.text);
    for (const s of t.narrated?.sidecars ?? []) await rename(partialOf(s.path), s.path);
    await rename(t.tmpPath, t.finalPath);
  } catch (e) {
    await child.kill();
    await rm(t.tmpPath, {force: true});
    for (const s of t.narrated?.sidecars ?? []) await rm(partialOf(s.path), {force: true});
    throw new Error(ioMessage(e));
  }
}

/** A video: segments first, then one mux. */
export class VideoOutput extends SegmentStore {
  constructor(
    target: VideoTarget,
    private readonly paths: {tmpPath: string; finalPath: string},
    /** A narrated scene's speech and subtitles, made into `dir` once the frames are in. */
    private readonly narrate?: (dir: string) => Promise<Narrated>,
  ) {
    super(target);
  }

  override async finish() {
    this.checkComplete();
    try {
      const narrated = await this.narrate?.(this.target.partsDir);
      await muxToMp4(this.segmentFiles(), {...this.target, ...this.paths, narrated});
    } finally {
      await rm(this.target.partsDir, {recursive: true, force: true});
    }
  }

  override async abort() {
    await super.abort();
    await rm(this.paths.tmpPath, {force: true});
  }
}

/** GIF, WebM or ProRes: lossless segments first, then one encode of them all (a GIF's palette needs every frame). */
export class FormatOutput extends SegmentStore {
  constructor(
    target: VideoTarget,
    private readonly f: {format: RgbaFormat; transparent: boolean; loop: boolean; tmpPath: string; finalPath: string},
  ) {
    super(target, 'nut');
  }

  /** The final encode while it runs, so an interrupted render stops it. */
  private encoding: Child | null = null;

  override async finish() {
    this.checkComplete();
    const list = join(this.target.partsDir, 'list.txt');
    const {tmpPath, finalPath} = this.f;
    try {
      // Each segment's exact length: the concat demuxer otherwise takes a NUT file's duration without its
      // last frame, starts the next segment a frame early, and the encoder drops the overlap.
      await writeFile(
        list,
        this.segmentFiles()
          .map((file, i) => `file '${file.replace(/'/g, "'\\''")}'\nduration ${this.framesIn(i) / this.target.fps}\n`)
          .join(''),
      );
      this.encoding = ffmpegChild(this.target.ffmpeg, formatArgs(this.f, list, tmpPath, allowedCpus().length));
      await this.encoding.end();
      const frames = countFrames(this.target.ffprobe, tmpPath);
      if (frames !== this.target.expectedFrames)
        throw new Error(`the written ${this.f.format} holds ${frames} frames, expected ${this.target.expectedFrames}`);
      await rename(tmpPath, finalPath);
    } catch (e) {
      await rm(tmpPath, {force: true});
      throw new Error(ioMessage(e));
    } finally {
      await rm(this.target.partsDir, {recursive: true, force: true});
    }
  }

  override async abort() {
    await this.encoding?.kill();
    await super.abort();
    await rm(this.f.tmpPath, {force: true});
  }
}

/** PNGs by frame: `names` maps a frame index to its file name inside `dir` (a sequence) or beside it (stills). */
export class PngOutput extends BaseOutput {
  constructor(
    private readonly names: Map<number, string>,
    private readonly tmpDir: string,
    private readonly finalDir: string,
    private readonly sequence: boolean,
  ) {
    super();
  }

  protected async accept(p: DataPacket) {
    const name = this.names.get(p.part);
    if (p.kind !== 'png' || !name) throw new Error(`unexpected frame ${p.part}`);
    if (this.frames === 0) await mkdir(this.tmpDir, {recursive: true});
    await writeFile(join(this.tmpDir, name), p.body);
    this.frames++;
  }

  async finish() {
    if (this.failure) throw this.failure;
    if (this.frames !== this.names.size) throw new Error(`received ${this.frames} of ${this.names.size} frames`);
    try {
      if (this.sequence) {
        await rm(this.finalDir, {recursive: true, force: true});
        await rename(this.tmpDir, this.finalDir);
      } else {
        await mkdir(this.finalDir, {recursive: true});
        for (const name of this.names.values()) await rename(join(this.tmpDir, name), join(this.finalDir, name));
        await rm(this.tmpDir, {recursive: true, force: true});
      }
    } catch (e) {
      throw new Error(ioMessage(e));
    }
  }

  async abort() {
    await rm(this.tmpDir, {recursive: true, force: true});
  }
}

/** Counts frames and throws them away: the draw-only floor in benchmarks. */
export class DiscardOutput extends BaseOutput {
  protected async accept(p: DataPacket) {
    this.frames += p.frames;
  }
  async finish() {}
  async abort() {}
}
