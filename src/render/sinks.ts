/** Where the page's data ends up: ffmpeg (MP4), a PNG sequence, a single PNG, or nowhere (benchmarks). */
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdir, rename, rm, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import type {RenderStart} from './protocol';
import type {DataPacket} from './server';

export interface Sink {
  /** Frames received so far. */
  readonly frames: number;
  accept(packet: DataPacket): Promise<void>;
  /** Completes the output and moves it to its final path. */
  finish(): Promise<void>;
  /** Stops everything and removes temporary files. Safe to call twice. */
  abort(): Promise<void>;
}

/** Delivers packets in sequence order even when the page's requests overlap. */
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

export interface VideoTarget {
  ffmpeg: string;
  width: number;
  height: number;
  fps: number;
  tmpPath: string;
  finalPath: string;
}

const BT709_TV = ['-color_range', 'tv', '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709'];

export function ffmpegArgs(encoder: 'webcodecs' | 'x264', t: VideoTarget): string[] {
  const input =
    encoder === 'webcodecs'
      ? ['-f', 'h264', '-framerate', String(t.fps), '-i', 'pipe:0']
      : ['-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-s', `${t.width}x${t.height}`, '-framerate', String(t.fps), '-i', 'pipe:0'];
  const video =
    encoder === 'webcodecs'
      ? // WebCodecs already wrote limited-range BT.709-ish YUV; only the stream's tags need fixing.
        ['-c:v', 'copy', '-bsf:v', 'h264_metadata=video_full_range_flag=0:colour_primaries=1:transfer_characteristics=1:matrix_coefficients=1']
      : // The page already converted to limited-range BT.709 I420 (src/render/yuv.ts).
        ['-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'animation', '-crf', '18', '-threads', '2'];
  return [
    '-hide_banner', '-loglevel', 'error', '-nostdin', '-y',
    ...input, ...video, ...BT709_TV,
    '-video_track_timescale', String(t.fps * 512), '-movflags', '+faststart', '-f', 'mp4', t.tmpPath,
  ];
}

export class VideoSink implements Sink {
  frames = 0;
  private readonly order = new Sequencer();
  private readonly proc: ChildProcess;
  private readonly exited: Promise<number | null>;
  private stderr = '';

  constructor(
    encoder: 'webcodecs' | 'x264',
    private readonly target: VideoTarget,
  ) {
    this.proc = spawn(target.ffmpeg, ffmpegArgs(encoder, target), {stdio: ['pipe', 'ignore', 'pipe']});
    this.proc.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.proc.stdin!.on('error', () => {}); // reported through the exit code instead
    this.exited = new Promise(done => {
      this.proc.on('exit', code => done(code));
      this.proc.on('error', e => {
        this.stderr += e.message;
        done(-1);
      });
    });
  }

  accept(packet: DataPacket): Promise<void> {
    return this.order.inTurn(packet.seq, async () => {
      this.frames += packet.frames;
      const stdin = this.proc.stdin!;
      if (stdin.destroyed || this.proc.exitCode !== null) throw new Error(`ffmpeg stopped: ${this.stderr.trim()}`);
      if (!stdin.write(packet.body)) await new Promise(drain => stdin.once('drain', drain));
    });
  }

  async finish() {
    this.proc.stdin!.end();
    const code = await this.exited;
    if (code !== 0) {
      await rm(this.target.tmpPath, {force: true});
      throw new Error(`ffmpeg failed (exit ${code}): ${this.stderr.trim().split('\n').pop() ?? ''}`);
    }
    await rename(this.target.tmpPath, this.target.finalPath);
  }

  async abort() {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
    await this.exited;
    await rm(this.target.tmpPath, {force: true});
  }
}

export class PngSink implements Sink {
  frames = 0;

  /** One PNG (`--still`) at tmpPath, or a numbered sequence in the tmpPath directory. */
  constructor(
    private readonly sequence: boolean,
    private readonly tmpPath: string,
    private readonly finalPath: string,
    private readonly name: string,
  ) {}

  async accept(packet: DataPacket) {
    const index = this.frames++;
    if (!this.sequence) return writeFile(this.tmpPath, packet.body);
    if (index === 0) await mkdir(this.tmpPath, {recursive: true});
    await writeFile(join(this.tmpPath, `${this.name}_${String(packet.seq).padStart(5, '0')}.png`), packet.body);
  }

  async finish() {
    if (this.frames === 0) throw new Error('no frame was rendered in that time range');
    await rm(this.finalPath, {recursive: true, force: true});
    await rename(this.tmpPath, this.finalPath);
  }

  async abort() {
    await rm(this.tmpPath, {recursive: true, force: true});
  }
}

/** Counts frames and throws them away: the draw-only floor in benchmarks. */
export class DiscardSink implements Sink {
  frames = 0;
  async accept(packet: DataPacket) {
    this.frames += packet.frames;
  }
  async finish() {}
  async abort() {}
}

export type ChosenEncoder = RenderStart['encoder'];
