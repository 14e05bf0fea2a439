/**
 * "MP4 (nn-motion)" in the editor's Render panel: the frames Motion Canvas hands over are encoded
 * here with WebCodecs H.264 (the render CLI's settings, studio range) and posted in chunks to the
 * editor's Vite server (src/render/editorExport.ts), which muxes them into output/<name>.mp4.
 */
import {
  type Exporter,
  type Project,
  RendererResult,
  type RendererSettings,
  ObjectMetaField,
  makePlugin,
} from '@motion-canvas/core';
import {EXPORT_HEADER, EXPORT_PATH} from './editorExportPath';
import {h264Config, studioBlend} from './exporter';

async function post(action: string, query: Record<string, string>, body?: BodyInit): Promise<string> {
  const url = `${EXPORT_PATH}/${action}?${new URLSearchParams(query)}`;
  const r = await fetch(url, {
    method: 'POST',
    body,
    headers: {[EXPORT_HEADER]: '1', 'Content-Type': 'application/octet-stream'},
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`MP4 export: ${text}`);
  return text;
}

export class Mp4Exporter implements Exporter {
  static readonly id = 'nn-motion/mp4';
  static readonly displayName = 'MP4 (nn-motion)';

  static meta() {
    return new ObjectMetaField(this.displayName, {});
  }

  static async create(project: Project, settings: RendererSettings): Promise<Mp4Exporter> {
    return new Mp4Exporter(project.scenes.length === 1 ? project.scenes[0].name : project.name, settings);
  }

  private encoder: VideoEncoder | null = null;
  private failure: Error | null = null;
  private pending: Uint8Array[] = [];
  private id = '';
  private frames = 0;
  private copy: OffscreenCanvasRenderingContext2D | null = null;
  private readonly fps: number;

  constructor(
    private readonly name: string,
    private readonly settings: Pick<RendererSettings, 'fps' | 'size' | 'resolutionScale'>,
  ) {
    this.fps = settings.fps;
  }

  async start() {
    const width = Math.round(this.settings.size.x * this.settings.resolutionScale);
    const height = Math.round(this.settings.size.y * this.settings.resolutionScale);
    if (width % 2 || height % 2) throw new Error(`MP4 export: ${width}×${height} is not even`);
    this.id = await post('start', {name: this.name, fps: String(this.fps)});
    this.copy = new OffscreenCanvas(width, height).getContext('2d')!;
    this.encoder = new VideoEncoder({
      output: chunk => {
        const bytes = new Uint8Array(chunk.byteLength);
        chunk.copyTo(bytes);
        this.pending.push(bytes);
      },
      error: e => (this.failure = e instanceof Error ? e : new Error(String(e))),
    });
    this.encoder.configure(h264Config(width, height, this.fps));
  }

  async handleFrame(canvas: HTMLCanvasElement) {
    if (this.failure) throw this.failure;
    const copy = this.copy!;
    studioBlend(copy, () => copy.drawImage(canvas, 0, 0, copy.canvas.width, copy.canvas.height));
    const frame = new VideoFrame(copy.canvas, {
      timestamp: Math.round((this.frames * 1e6) / this.fps),
      duration: Math.round(1e6 / this.fps),
    });
    this.encoder!.encode(frame, {keyFrame: this.frames % (2 * this.fps) === 0});
    frame.close();
    this.frames++;
    while (this.encoder!.encodeQueueSize > 4)
      await new Promise(r => this.encoder!.addEventListener('dequeue', r, {once: true}));
    if (this.pending.length >= 15) await this.send();
  }

  async stop(result: RendererResult) {
    const encoder = this.encoder;
    this.encoder = null;
    if (!encoder) return;
    try {
      if (result === RendererResult.Success && encoder.state !== 'closed') await encoder.flush();
    } finally {
      if (encoder.state !== 'closed') encoder.close();
    }
    if (this.failure) throw this.failure;
    if (result !== RendererResult.Success) {
      await post('abort', {id: this.id});
      return;
    }
    await this.send();
    const file = await post('end', {id: this.id, frames: String(this.frames)});
    console.log(`MP4 written: ${file}`);
  }

  private async send() {
    const body = new Blob(this.pending as BlobPart[]);
    this.pending = [];
    await post('chunk', {id: this.id}, body);
  }
}

export default makePlugin({name: 'nn-motion-mp4', exporters: () => [Mp4Exporter]});
