/** What the Node CLI and the browser render page say to each other. Shared by both sides. */

export type DataKind = 'h264' | 'yuv' | 'png' | 'none';

/** One render request: a scene, its output size and the time range. */
export interface RenderJob {
  scene: string;
  width: number;
  height: number;
  fps: number;
  /** Seconds; the end may be Infinity (sent as null). */
  range: [number, number | null];
  /** 'still' writes the first frame of the range as PNG. */
  mode: 'video' | 'png-sequence' | 'still';
  /** 'discard' and 'stock-ffmpeg' exist for benchmarks: the draw-only floor and Motion Canvas's own exporter. */
  encoder: 'auto' | 'webcodecs' | 'x264' | 'discard' | 'stock-ffmpeg';
}

/** Sent by the page once it knows how it will encode and how many frames to expect. */
export interface RenderStart {
  encoder: 'webcodecs' | 'x264' | 'png' | 'discard' | 'stock-ffmpeg';
  totalFrames: number;
}

export type RenderOutcome = {ok: true; frames: number} | {ok: false; failure: RenderFailure};

export interface RenderFailure {
  message: string;
  frame: number | null;
  stack?: string;
}

export interface SceneInfo {
  name: string;
  seconds: number;
  frames: number;
}

/** HTTP endpoint on the Vite server that receives encoded data from the page. */
export const DATA_PATH = '/__nnm/data';

/** Bridge functions Node exposes on the page (page.exposeFunction). */
export interface NodeBridge {
  nnmStart(start: RenderStart): Promise<void>;
}

/** The page's API, installed on window.nnm. */
export interface PageApi {
  list(fps: number): Promise<SceneInfo[]>;
  render(job: RenderJob): Promise<RenderOutcome>;
}
