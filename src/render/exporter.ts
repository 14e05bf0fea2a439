/**
 * The browser half of the headless renderer: encodes frames (WebCodecs H.264, raw I420 for
 * libx264, or PNG) and streams them to Node.
 */
import type {Renderer} from '@motion-canvas/core';
import type {EncoderName, RenderJob, Segment} from './protocol';
import {Sender} from './sender';
import {rgbaToI420} from './yuv';

/** H.264 High profile at the lowest level that fits the frame size and rate. */
export function avcCodec(width: number, height: number, fps: number): string {
  const macroblocksPerSecond = Math.ceil(width / 16) * Math.ceil(height / 16) * fps;
  const levels: [number, number][] = [
    [245_760, 0x28], // 4.0
    [522_240, 0x2a], // 4.2
    [983_040, 0x32], // 5.0
    [2_073_600, 0x33], // 5.1
    [4_177_920, 0x34], // 5.2
  ];
  const level = levels.find(([limit]) => macroblocksPerSecond <= limit)?.[1] ?? 0x3c;
  return `avc1.6400${level.toString(16)}`;
}

/** The H.264 settings of every MP4 we encode, in the render page and in the editor's exporter alike. */
export function h264Config(width: number, height: number, fps: number): VideoEncoderConfig {
  return {
    codec: avcCodec(width, height, fps),
    width,
    height,
    framerate: fps,
    // About 0.15 bits a pixel: crisp edges on flat dark backgrounds.
    bitrate: Math.round(Math.min(60e6, width * height * fps * 0.15)),
    latencyMode: 'quality',
    avc: {format: 'annexb'},
  };
}

const videoConfig = (job: RenderJob) => h264Config(job.width, job.height, job.fps);

export async function chooseEncoder(job: RenderJob): Promise<EncoderName> {
  if (job.mode !== 'video') return 'png';
  if (job.encoder === 'discard' || job.encoder === 'x264' || job.encoder === 'rgba' || job.encoder === 'stock-ffmpeg')
    return job.encoder;
  const supported =
    typeof VideoEncoder !== 'undefined' && (await VideoEncoder.isConfigSupported(videoConfig(job))).supported === true;
  if (supported) return 'webcodecs';
  if (job.encoder === 'webcodecs') throw new Error('this browser cannot encode H.264 with WebCodecs');
  return 'x264';
}

/** Encodes the frames of one page's job: segment by segment for video, frame by frame for PNG. */
export interface FrameEncoder {
  beginSegment(segment: Segment): Promise<void>;
  frame(canvas: HTMLCanvasElement, index: number): Promise<void>;
  endSegment(): Promise<void>;
  /** Waits for everything sent; throws the first failure. */
  finish(): Promise<void>;
  /** Stops after a failure; never throws. */
  abort(): void;
}

export function frameEncoder(job: RenderJob, encoder: EncoderName): FrameEncoder {
  const sender = new Sender(job.token);
  switch (encoder) {
    case 'webcodecs':
      return new WebCodecsEncoder(job, sender);
    case 'x264':
      return new RawEncoder(sender);
    case 'rgba':
      return new RgbaEncoder(sender);
    case 'png':
      return new PngEncoder(sender);
    case 'discard':
      return new DiscardEncoder(sender);
    case 'stock-ffmpeg':
      throw new Error('the stock exporter is not ours to drive');
  }
}

abstract class BaseEncoder implements FrameEncoder {
  protected segment: Segment | null = null;

  constructor(protected readonly sender: Sender) {}

  async beginSegment(segment: Segment) {
    this.segment = segment;
  }
  abstract frame(canvas: HTMLCanvasElement, index: number): Promise<void>;
  async endSegment() {}
  finish() {
    return this.sender.drain();
  }
  abort() {}
}

/** One fresh VideoEncoder per segment, so a segment's bytes never depend on what came before it. */
class WebCodecsEncoder extends BaseEncoder {
  private video: VideoEncoder | null = null;
  private encoderError: Error | null = null;
  private pending: Uint8Array<ArrayBuffer>[] = [];
  private pendingBytes = 0;
  private pendingFrames = 0;

  constructor(
    private readonly job: RenderJob,
    sender: Sender,
  ) {
    super(sender);
  }

  override async beginSegment(segment: Segment) {
    await super.beginSegment(segment);
    this.video = new VideoEncoder({
      output: chunk => {
        const bytes = new Uint8Array(chunk.byteLength);
        chunk.copyTo(bytes);
        this.pending.push(bytes);
        this.pendingBytes += bytes.byteLength;
        this.pendingFrames++;
      },
      error: e => {
        this.encoderError = e instanceof Error ? e : new Error(String(e));
      },
    });
    this.video.configure(videoConfig(this.job));
  }

  async frame(canvas: HTMLCanvasElement, index: number) {
    if (this.encoderError) throw this.encoderError;
    const video = this.video!;
    const local = index - this.segment!.from;
    // Timestamps restart with each segment: the encoder sees the same input wherever the segment falls.
    const frame = new VideoFrame(canvas, {
      timestamp: Math.round((local * 1e6) / this.job.fps),
      duration: Math.round(1e6 / this.job.fps),
    });
    video.encode(frame, {keyFrame: local === 0});
    frame.close();
    while (video.encodeQueueSize > QUEUE) {
      await new Promise(resolve => video.addEventListener('dequeue', resolve, {once: true}));
    }
    if (this.pendingBytes > 512 * 1024 || this.pendingFrames >= 15) await this.flushPending(false);
  }

  override async endSegment() {
    const video = this.video!;
    try {
      await video.flush();
    } finally {
      video.close();
      this.video = null;
    }
    if (this.encoderError) throw this.encoderError;
    await this.flushPending(true);
  }

  private async flushPending(end: boolean) {
    if (this.pending.length === 0 && !end) return;
    const body = new Blob(this.pending);
    const frames = this.pendingFrames;
    this.pending = [];
    this.pendingBytes = 0;
    this.pendingFrames = 0;
    await this.sender.send({kind: 'h264', frames, part: this.segment!.index, end}, body);
  }

  override abort() {
    if (this.video && this.video.state !== 'closed') this.video.close();
  }
}

/** Limited-range BT.709 I420 for libx264, which Node encodes segment by segment. */
class RawEncoder extends BaseEncoder {
  async frame(canvas: HTMLCanvasElement) {
    const {width, height} = canvas;
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
    const i420 = new Uint8Array((width * height * 3) / 2);
    rgbaToI420(pixels, width, height, i420);
    await this.sender.send({kind: 'yuv', frames: 1, part: this.segment!.index}, i420);
  }
  override async endSegment() {
    await this.sender.send({kind: 'yuv', frames: 0, part: this.segment!.index, end: true});
  }
}

/** Straight (unpremultiplied) RGBA with alpha, for the formats Node encodes: GIF, WebM, ProRes. */
class RgbaEncoder extends BaseEncoder {
  async frame(canvas: HTMLCanvasElement) {
    const {width, height} = canvas;
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
    await this.sender.send({kind: 'rgba', frames: 1, part: this.segment!.index}, pixels);
  }
  override async endSegment() {
    await this.sender.send({kind: 'rgba', frames: 0, part: this.segment!.index, end: true});
  }
}

class PngEncoder extends BaseEncoder {
  async frame(canvas: HTMLCanvasElement, index: number) {
    await this.sender.send({kind: 'png', frames: 1, part: index}, await toPng(canvas));
  }
}

/** The draw-only floor in benchmarks: one empty post a segment. */
class DiscardEncoder extends BaseEncoder {
  private frames = 0;
  async frame(canvas: HTMLCanvasElement) {
    // Chromium records canvas calls and paints them when the pixels are read: read one, so the frame is drawn.
    canvas.getContext('2d')!.getImageData(0, 0, 1, 1);
    this.frames++;
  }
  override async endSegment() {
    await this.sender.send({kind: 'none', frames: this.frames, part: this.segment!.index, end: true});
    this.frames = 0;
  }
}

function toPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(blob => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}

/**
 * Chromium's H.264 encoder turns RGB into *full-range* BT.709 YUV; we want limited (studio) range,
 * Y' = 16 + 219/255·Y. Blending the frame with alpha 219/255 over grey 16/(1 − 219/255) maps every
 * channel v to 16 + 219/255·v, so the encoder's Y lands exactly in studio range. Chroma is then
 * scaled by 219/255 instead of 224/255 (2% less saturated); a saturate() filter would fix that but
 * costs a third of the frame rate in software canvas.
 *
 * The blend rides on the copy Motion Canvas makes into its final buffer: we wrap that context's
 * drawImage (a private of Stage), which saved ~5 ms a 1080p frame against a second pass. The copy
 * goes to the next canvas of a ring rather than to the final buffer: a canvas that a VideoFrame still
 * holds (the encoder works a few frames behind) is copied before it can be drawn on again, which cost
 * ~3.5 ms a 1080p frame. Returns the canvas the last frame was drawn to.
 */
export function studioSwing(renderer: Renderer, spent: {blend: number} = {blend: 0}): () => HTMLCanvasElement {
  const stage = renderer.stage as unknown as {context: CanvasRenderingContext2D; finalBuffer: HTMLCanvasElement};
  const ring: CanvasRenderingContext2D[] = [];
  let next = 0;
  let last = stage.finalBuffer;
  stage.context.drawImage = ((...args: unknown[]) => {
    const t = performance.now();
    const {width, height} = stage.finalBuffer;
    if (ring.length === 0 || ring[0].canvas.width !== width || ring[0].canvas.height !== height) {
      ring.length = 0;
      for (let k = 0; k < RING; k++) ring.push(canvas2d(width, height));
    }
    const context = ring[next];
    next = (next + 1) % RING;
    studioBlend(context, () => (context.drawImage as (...a: unknown[]) => void)(...args));
    last = context.canvas;
    spent.blend += performance.now() - t;
  }) as CanvasRenderingContext2D['drawImage'];
  return () => last;
}

/** Canvases in the ring: more than the frames the encoder holds at once (its queue, below, and one in work). */
const RING = 8;
/** Frames waiting in the encoder's queue before the page waits for it. */
const QUEUE = 4;

function canvas2d(width: number, height: number): CanvasRenderingContext2D {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas.getContext('2d')!;
}

/** Runs `draw` so that what it paints lands in studio range: over grey 16/(1 − 219/255), at alpha 219/255. */
export function studioBlend(
  context: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D,
  draw: () => void,
): void {
  const grey = 16 / (1 - 219 / 255);
  context.save();
  context.globalAlpha = 1;
  context.fillStyle = `rgb(${grey}, ${grey}, ${grey})`;
  context.fillRect(0, 0, context.canvas.width, context.canvas.height);
  context.globalAlpha = 219 / 255;
  draw();
  context.restore();
}
