/** What the Node CLI and the browser render page say to each other. Shared by both sides. */
import type {LayoutSample} from './layoutCheck';
import type {Cue} from '../narration/types';

/** In the built page a scene is `{name, [LAZY_SCENE]: () => import(scene)}` until first used (prebuilt.ts). */
export const LAZY_SCENE = 'nnmLoad';

export type DataKind = 'h264' | 'yuv' | 'rgba' | 'png' | 'none';

/** The encoders a page can use; 'discard' and 'stock-ffmpeg' exist for benchmarks. */
/** 'rgba' sends raw frames with alpha, which Node encodes to GIF, WebM or ProRes. */
export type EncoderName = 'webcodecs' | 'x264' | 'rgba' | 'png' | 'discard' | 'stock-ffmpeg';

/** A run of frames encoded by one fresh encoder, starting on a keyframe: [from, to). */
export interface Segment {
  index: number;
  from: number;
  to: number;
}

/**
 * One render request for one page: a scene, its output size and which frames.
 * Frames are end-exclusive indices: a D-second scene at F fps has round(D·F) frames, 0 … round(D·F) − 1.
 */
export interface RenderJob {
  scene: string;
  width: number;
  height: number;
  fps: number;
  /** 'video' encodes `segments`; 'frames' sends one PNG per entry of `frames`. */
  mode: 'video' | 'frames';
  /** Contiguous, in order; each starts a fresh encoder on a keyframe. */
  segments: Segment[];
  /** Frame indices for 'frames' mode, ascending. */
  frames: number[];
  encoder: 'auto' | 'webcodecs' | 'x264' | 'rgba' | 'discard' | 'stock-ffmpeg';
  /** Leave the background unpainted (--transparent): the theme's backdrop and the stage's fill drop out. */
  transparent: boolean;
  /** Sent with every data post; the server refuses posts without it. */
  token: string;
  /** Ask Node (`window.nnmClaim`) before each video segment, and stop at the first one refused: another worker took it. */
  claims?: boolean;
}

/** Milliseconds a job spent per stage, summed over its frames (NNM_TIMING prints them per frame). */
export interface FrameCost {
  /** Scene logic: seeking the playback to the frame. */
  seek: number;
  /** Drawing the frame, including the colour-range blend. */
  draw: number;
  /** The colour-range blend alone (WebCodecs only). */
  blend: number;
  /** Handing the frame to the encoder and waiting for its queue, plus the posts to Node. */
  encode: number;
  /** Flushing each segment's encoder at its end. */
  flush: number;
}

export type RenderOutcome =
  {ok: true; frames: number; encoder: EncoderName; cost?: FrameCost} | {ok: false; failure: RenderFailure};

export interface RenderFailure {
  message: string;
  frame: number | null;
  stack?: string;
}

export interface SceneInfo {
  name: string;
  /** Frames at the given fps (end-exclusive count). */
  frames: number;
  seconds: number;
  /** First frame of each slide after the first (one per `beginSlide`), ascending. */
  slides: number[];
  /** The narration lines the scene said, in time order (none for a silent scene). */
  cues: Cue[];
}

/** A layout inspection: the scene measured at `frames` (ascending) at `fps`. */
export interface InspectJob {
  scene: string;
  fps: number;
  frames: number[];
}

export type InspectOutcome = {ok: true; samples: LayoutSample[]} | {ok: false; failure: RenderFailure};

/** The binding a page calls to claim a segment of its job: true while the segment is still its own. */
export const CLAIM_BINDING = 'nnmClaim';

/** HTTP endpoint on the render server that receives encoded data from the page. */
export const DATA_PATH = '/__nnm/data';
export const TOKEN_HEADER = 'x-nnm-token';

/** The page's API, installed on window.nnm. */
export interface PageApi {
  list(fps: number): Promise<SceneInfo[]>;
  info(scene: string, fps: number): Promise<SceneInfo>;
  render(job: RenderJob): Promise<RenderOutcome>;
  /** Seeks to each frame and measures every text node (the layout check). */
  inspect(job: InspectJob): Promise<InspectOutcome>;
  /** Steps the scene has taken (recalculating, seeking or drawing) and the frame reached: the watchdog's heartbeat. */
  beat(): [number, number];
}
