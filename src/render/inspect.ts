/**
 * The layout check's Node side: one render server and one browser, reused for every scene. Each scene
 * is measured at sampled times (every slide start, the last frame, and at least every `every`
 * seconds); the page reports every text node's box, and `findViolations` judges them.
 *
 * @example
 * ```ts
 * const inspector = await Inspector.start();
 * try {
 *   for (const scene of inspector.scenes()) console.log(await inspector.inspect(scene));
 * } finally {
 *   await inspector.close();
 * }
 * ```
 */
import {resolve} from 'node:path';
import {DEFAULT_PROJECT} from './args';
import {Worker} from './browser';
import {sampleFrames, type LayoutSample} from './layoutCheck';
import {sceneIds} from './sceneIds';
import {ROOT, startServer, type RenderServer} from './server';
import {resolveBrowser} from './tools';

export interface InspectOptions {
  /** Project file, relative to the repository (default src/project.ts). */
  project: string;
  /** Frame rate the scene is stepped at; sample times round to its frames. */
  fps: number;
  /** Longest gap between two samples, in seconds. */
  every: number;
  startTimeout: number;
  frameTimeout: number;
  verbose: boolean;
}

export const INSPECT_DEFAULTS: InspectOptions = {
  project: DEFAULT_PROJECT,
  fps: 30,
  every: 0.5,
  startTimeout: 120,
  frameTimeout: 120,
  verbose: false,
};

export interface SceneLayout {
  scene: string;
  seconds: number;
  samples: LayoutSample[];
}

/** The project's scene ids, read from its source as the CLI does: a newly listed scene is included. */
export function projectScenes(project = DEFAULT_PROJECT): string[] {
  return sceneIds(resolve(ROOT, project));
}

export class Inspector {
  private constructor(
    private readonly o: InspectOptions,
    private readonly server: RenderServer,
    private readonly worker: Worker,
  ) {}

  static async start(options: Partial<InspectOptions> = {}): Promise<Inspector> {
    const o = {...INSPECT_DEFAULTS, ...options};
    let server: RenderServer | null = null;
    const [s, worker] = await Promise.all([
      startServer(o.project).then(started => (server = started)),
      Worker.launch(() => server!, {browserPath: resolveBrowser(), cpu: null, spread: [], ...o}),
    ]);
    return new Inspector(o, s, worker);
  }

  scenes(): string[] {
    return projectScenes(this.o.project);
  }

  /** Every text node of `scene` at each sampled time. */
  async inspect(scene: string): Promise<SceneLayout> {
    const {fps, every} = this.o;
    const info = await this.worker.info(scene, fps);
    const frames = sampleFrames(info.frames, fps, every, info.slides);
    return {scene, seconds: info.seconds, samples: await this.worker.inspect(scene, frames, fps)};
  }

  /** The scene's length and slide starts at the inspector's frame rate. */
  info(scene: string) {
    return this.worker.info(scene, this.o.fps);
  }

  /** Every text and number node of `scene` at the given frames (ascending), at the inspector's frame rate. */
  async inspectFrames(scene: string, frames: number[]): Promise<LayoutSample[]> {
    return this.worker.inspect(scene, frames, this.o.fps);
  }

  async close(): Promise<void> {
    await this.worker.close();
    await this.server.close().catch(() => {});
  }
}
