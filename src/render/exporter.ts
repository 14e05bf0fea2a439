/**
 * The browser half of the headless renderer: a Motion Canvas exporter that
 * encodes frames (WebCodecs H.264, raw RGBA for libx264, or PNG) and streams them to Node.
 */
import type {Exporter, ExporterClass, Project, RendererSettings} from '@motion-canvas/core';
import {ObjectMetaField, RendererResult, type Renderer} from '@motion-canvas/core';
import type {RenderJob, RenderStart} from './protocol';
import {Sender} from './sender';
import {rgbaToI420} from './yuv';

export const EXPORTER_ID = 'nn-motion-headless';


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

function videoConfig(job: RenderJob): VideoEncoderConfig {
  return {
    codec: avcCodec(job.width, job.height, job.fps),
    width: job.width,
    height: job.height,
    framerate: job.fps,
    // About 0.15 bits a pixel: crisp edges on flat dark backgrounds.
    bitrate: Math.round(Math.min(60e6, job.width * job.height * job.fps * 0.15)),
    latencyMode: 'quality',
    avc: {format: 'annexb'},
  };
}

export async function chooseEncoder(job: RenderJob): Promise<RenderStart['encoder']> {
  if (job.mode !== 'video') return 'png';
  if (job.encoder === 'discard' || job.encoder === 'x264' || job.encoder === 'stock-ffmpeg') return job.encoder;
  const supported =
    typeof VideoEncoder !== 'undefined' &&
    (await VideoEncoder.isConfigSupported(videoConfig(job))).supported === true;
  if (supported) return 'webcodecs';
  if (job.encoder === 'webcodecs') throw new Error('this browser cannot encode H.264 with WebCodecs');
  return 'x264';
}

interface Hooks {
  /** Called once, before the first frame, with the encoder and the expected frame count. */
  start(encoder: RenderStart['encoder']): Promise<void>;
}

export function headlessExporter(job: RenderJob, encoder: RenderStart['encoder'], hooks: Hooks): ExporterClass {
  return {
    id: EXPORTER_ID,
    displayName: 'nn-motion headless',
    meta: () => new ObjectMetaField('nn-motion headless', {}),
    create: async (_project: Project, _settings: RendererSettings) => new HeadlessExporter(job, encoder, hooks),
  };
}

class HeadlessExporter implements Exporter {
  private readonly sender = new Sender();
  private encoderError: Error | null = null;
  private video: VideoEncoder | null = null;
  private frames = 0;
  private pending: Uint8Array<ArrayBuffer>[] = [];
  private pendingBytes = 0;
  private pendingFrames = 0;

  constructor(
    private readonly job: RenderJob,
    private readonly encoder: RenderStart['encoder'],
    private readonly hooks: Hooks,
  ) {}

  async start() {
    await this.hooks.start(this.encoder);
    if (this.encoder !== 'webcodecs') return;
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

  async handleFrame(canvas: HTMLCanvasElement) {
    if (this.encoderError) throw this.encoderError;
    const index = this.frames++;
    switch (this.encoder) {
      case 'stock-ffmpeg':
        throw new Error('the stock exporter is not ours to drive');
      case 'discard':
        return this.sender.send('none', 1, new ArrayBuffer(0));
      case 'png':
        if (this.job.mode === 'still' && index > 0) return;
        return this.sender.send('png', 1, await toPng(canvas));
      case 'x264': {
        const {width, height} = canvas;
        const pixels = canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
        const i420 = new Uint8Array((width * height * 3) / 2);
        rgbaToI420(pixels, width, height, i420);
        return this.sender.send('yuv', 1, i420);
      }
      case 'webcodecs':
        return this.encodeFrame(canvas, index);
    }
  }

  private async encodeFrame(canvas: HTMLCanvasElement, index: number) {
    const video = this.video!;
    const frame = new VideoFrame(canvas, {
      timestamp: Math.round((index * 1e6) / this.job.fps),
      duration: Math.round(1e6 / this.job.fps),
    });
    video.encode(frame, {keyFrame: index % (this.job.fps * 2) === 0});
    frame.close();
    while (video.encodeQueueSize > 4) {
      await new Promise(resolve => video.addEventListener('dequeue', resolve, {once: true}));
    }
    if (this.pendingBytes > 512 * 1024 || this.pendingFrames >= 15) await this.flushPending();
  }

  private async flushPending() {
    if (this.pending.length === 0) return;
    const body = new Blob(this.pending);
    const frames = this.pendingFrames;
    this.pending = [];
    this.pendingBytes = 0;
    this.pendingFrames = 0;
    await this.sender.send('h264', frames, body);
  }

  async stop(result: RendererResult) {
    if (result !== RendererResult.Success) {
      this.video?.close();
      return;
    }
    if (this.video && this.video.state === 'configured') {
      try {
        await this.video.flush();
        await this.flushPending();
      } finally {
        this.video.close();
      }
    }
    await this.sender.drain();
    if (this.encoderError) throw this.encoderError;
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
 * The blend rides on the copy Motion Canvas already makes into its final buffer: we wrap that
 * context's drawImage (a private of Stage), which saved ~5 ms a 1080p frame against a second pass.
 */
export function studioSwing(renderer: Renderer): void {
  const context = (renderer.stage as unknown as {context: CanvasRenderingContext2D}).context;
  const drawImage = context.drawImage.bind(context) as (...args: unknown[]) => void;
  const grey = 16 / (1 - 219 / 255);
  context.drawImage = ((...args: unknown[]) => {
    context.save();
    context.globalAlpha = 1;
    context.fillStyle = `rgb(${grey}, ${grey}, ${grey})`;
    context.fillRect(0, 0, context.canvas.width, context.canvas.height);
    context.globalAlpha = 219 / 255;
    drawImage(...args);
    context.restore();
  }) as CanvasRenderingContext2D['drawImage'];
}
