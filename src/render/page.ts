/**
 * The render page: loads the project and drives one scene frame by frame with Motion Canvas's
 * own playback and stage. Driving them ourselves (rather than Renderer.render) lets a page start
 * anywhere, cut segments, and take several stills in one pass.
 */
import {
  PlaybackManager,
  PlaybackState,
  ProjectMetadata,
  Renderer,
  RendererResult,
  Vector2,
  type LogPayload,
  type Project,
  type RendererSettings,
  type Scene,
} from '@motion-canvas/core';
import project from 'virtual:nnm-project';
import {loadFonts} from '../fonts';
import {TRANSPARENT_FLAG} from '../components/theme';
import {chooseEncoder, frameEncoder, studioSwing} from './exporter';
import type {View2D} from '@motion-canvas/2d';
import {loadGlyphs} from './glyphs';
import {cuesOf} from '../narration/cues';
import {probeNumbers, probeTexts} from './layoutProbe';
import {
  LAZY_SCENE,
  type FrameCost,
  type InspectJob,
  type InspectOutcome,
  type PageApi,
  type RenderFailure,
  type RenderJob,
  type RenderOutcome,
  type SceneInfo,
} from './protocol';

declare global {
  interface Window {
    nnm?: PageApi & {ready: true};
    /** Installed by the worker (CLAIM_BINDING). */
    nnmClaim?: (token: string, segment: number) => Promise<boolean>;
  }
}

/** Motion Canvas lays scenes out on a 1920×1080 view; other sizes scale it. */
const DESIGN = new Vector2(1920, 1080);

let beats = 0;
/** The frame the scene has reached, for the watchdog's message. */
let at = 0;

function projectWith(scenes: Project['scenes'], plugins: Project['plugins'] = []): Project {
  const p: Project = {...project, scenes, plugins: [...project.plugins, ...plugins]};
  p.meta = new ProjectMetadata(p);
  return p;
}

type Description = Project['scenes'][number];
type Lazy = Description & {[LAZY_SCENE]?: () => Promise<{default: Description}>};
const loaded = new Map<string, Promise<Description>>();

/** A scene's description; in the built page its module loads the first time it is asked for. */
function describe(name: string): Promise<Description> {
  const description = project.scenes.find(s => s.name === name) as Lazy | undefined;
  if (!description) return Promise.reject(new Error(`unknown scene "${name}"`));
  const load = description[LAZY_SCENE];
  if (!load) return Promise.resolve(description);
  if (!loaded.has(name))
    loaded.set(
      name,
      load().then(m => m.default),
    );
  return loaded.get(name)!;
}

/** Output size = design size × scale, with the view stretched to the output's aspect ratio. */
function stageSize(width: number, height: number) {
  let scale = Math.min(width / DESIGN.x, height / DESIGN.y);
  const size = new Vector2(width / scale, height / scale);
  // Canvas sizes truncate: nudge the scale so size × scale lands on whole pixels.
  while (Math.floor(size.x * scale) < width || Math.floor(size.y * scale) < height) scale *= 1 + 1e-12;
  return {size, resolutionScale: scale};
}

/** The Renderer keeps these private; we use its playback and stage, not its render loop. */
interface RendererInternals {
  playback: PlaybackManager;
  reloadScenes(settings: RendererSettings): Promise<void>;
}

/** One scene, recalculated and ready to seek and draw. */
class SceneDriver {
  readonly renderer: Renderer;
  readonly playback: PlaybackManager;
  /** The scene's length in frames, known after prepare(). */
  frames = 0;
  private error: LogPayload | null = null;

  static async of(name: string): Promise<SceneDriver> {
    return new SceneDriver(await describe(name));
  }

  private constructor(description: Description) {
    const p = projectWith([description]);
    p.logger.onLogged.subscribe(payload => {
      if (payload.level === 'error') this.error ??= payload;
    });
    this.renderer = new Renderer(p);
    this.playback = (this.renderer as unknown as RendererInternals).playback;
  }

  async prepare(fps: number, width: number, height: number, transparent = false) {
    const {size, resolutionScale} = stageSize(width, height);
    // Read by the theme's backdrop() when the scene is built, which recalculation does below.
    (globalThis as Record<string, unknown>)[TRANSPARENT_FLAG] = transparent;
    const settings = {
      name: 'nn-motion',
      range: [0, Infinity],
      fps,
      size,
      resolutionScale,
      colorSpace: 'srgb',
      background: '#000000',
      exporter: {name: 'none', options: {}},
    } satisfies RendererSettings;
    this.renderer.stage.configure({...settings, background: transparent ? null : settings.background});
    this.playback.fps = fps;
    this.playback.state = PlaybackState.Rendering;
    await (this.renderer as unknown as RendererInternals).reloadScenes(settings);
    for (const scene of this.playback.onScenesRecalculated.current) counted(scene);
    await this.playback.recalculate();
    await this.playback.reset();
    this.frames = this.playback.duration;
    this.check();
  }

  /**
   * The first frame of each slide after the first. `beginSlide` shows one frame, the one a
   * presenter pauses on, so it ends the slide before; the next slide starts after it.
   */
  slideFrames(fps: number): number[] {
    const scene = this.playback.onScenesRecalculated.current[0];
    return scene.slides.onChanged.current.map(slide => Math.round(slide.time * fps) + 1).filter(f => f < this.frames);
  }

  /** Motion Canvas logs some scene errors instead of throwing them. */
  check() {
    if (this.error) throw Object.assign(new Error(this.error.message), {stack: this.error.stack});
  }

  async goTo(frame: number) {
    if (this.playback.frame !== frame) await this.playback.seek(frame);
    this.check();
  }

  /** The scene's root node, as the current frame left it. */
  view(): View2D {
    return (this.playback.currentScene as Scene & {getView(): View2D}).getView();
  }

  async draw(): Promise<HTMLCanvasElement> {
    await loadGlyphs(this.playback.currentScene, this.view());
    await this.renderer.stage.render(this.playback.currentScene, this.playback.previousScene);
    this.check();
    return this.renderer.stage.finalBuffer;
  }
}

/** Counts every step of the scene for the watchdog, and lets the page breathe during long seeks. */
function counted(scene: Scene) {
  const next = scene.next.bind(scene);
  let breath = performance.now();
  scene.next = async () => {
    beats++;
    at = scene.playback.frame;
    if (performance.now() - breath > 100) {
      await new Promise(resolve => setTimeout(resolve, 0));
      breath = performance.now();
    }
    return next();
  };
}

async function info(name: string, fps: number): Promise<SceneInfo> {
  const driver = await SceneDriver.of(name);
  try {
    await driver.prepare(fps, DESIGN.x, DESIGN.y);
  } catch (e) {
    // Measuring runs the whole scene: a scene that throws does so here, at the frame it reached.
    throw Object.assign(e instanceof Error ? e : new Error(String(e)), {frame: driver.playback.frame});
  }
  const cues = cuesOf(name, driver.frames).map(({clip: _, ...cue}) => cue);
  // Measured as a 1080p opaque render prepares it: such a render of this scene goes on from here.
  keep(keyOf(name, fps, DESIGN.x, DESIGN.y, false), driver);
  return {name, frames: driver.frames, seconds: driver.frames / fps, slides: driver.slideFrames(fps), cues};
}

async function list(fps: number): Promise<SceneInfo[]> {
  const infos: SceneInfo[] = [];
  for (const description of project.scenes) infos.push(await info(description.name, fps));
  return infos;
}

function failure(e: unknown, frame: number | null): {ok: false; failure: RenderFailure} {
  const err = e instanceof Error ? e : new Error(String(e));
  return {ok: false, failure: {message: err.message, frame, stack: err.stack}};
}

/** A prepared scene, kept for the next job of the same scene at the same settings, which then only seeks. */
interface Kept {
  key: string;
  driver: SceneDriver;
  blend: {blend: number};
  /** Set once WebCodecs draws its frames through the studio-range ring (exporter.ts). */
  drawn: (() => HTMLCanvasElement) | null;
}
let kept: Kept | null = null;

const keyOf = (scene: string, fps: number, width: number, height: number, transparent: boolean) =>
  JSON.stringify([scene, fps, width, height, transparent]);

function keep(key: string, driver: SceneDriver): Kept {
  kept = {key, driver, blend: {blend: 0}, drawn: null};
  return kept;
}

/** A prepared scene for `job`: the kept one when it matches, so the job only seeks from where it is. */
async function driverFor(job: RenderJob, webcodecs: boolean): Promise<Kept> {
  const key = keyOf(job.scene, job.fps, job.width, job.height, job.transparent);
  // A scene that draws through the ring cannot draw plainly again.
  if (kept?.key !== key || (kept.drawn && !webcodecs)) {
    kept = null;
    const driver = await SceneDriver.of(job.scene);
    await driver.prepare(job.fps, job.width, job.height, job.transparent);
    keep(key, driver);
  }
  if (webcodecs && !kept!.drawn) kept!.drawn = studioSwing(kept!.driver.renderer, kept!.blend);
  return kept!;
}

async function render(job: RenderJob): Promise<RenderOutcome> {
  if (job.encoder === 'stock-ffmpeg') return renderStock(job);
  let frame: number | null = null;
  let encoder = null;
  let driver: SceneDriver | null = null;
  try {
    const chosen = await chooseEncoder(job);
    const prepared = await driverFor(job, chosen === 'webcodecs');
    driver = prepared.driver;
    const blendBefore = prepared.blend.blend;
    const cost: FrameCost = {seek: 0, draw: 0, blend: 0, encode: 0, flush: 0};
    encoder = frameEncoder(job, chosen);
    const segments = job.mode === 'video' ? job.segments : job.frames.map((f, index) => ({index, from: f, to: f + 1}));
    let drawn = 0;
    for (const segment of segments) {
      if (job.claims && !(await window.nnmClaim!(job.token, segment.index))) break;
      if (job.mode === 'video' || drawn === 0) await encoder.beginSegment(segment);
      for (frame = segment.from; frame < segment.to; frame++) {
        const t0 = performance.now();
        await driver.goTo(frame);
        const t1 = performance.now();
        const canvas = await driver.draw();
        const t2 = performance.now();
        await encoder.frame(prepared.drawn?.() ?? canvas, frame);
        cost.seek += t1 - t0;
        cost.draw += t2 - t1;
        cost.encode += performance.now() - t2;
        drawn++;
      }
      const t3 = performance.now();
      if (job.mode === 'video') await encoder.endSegment();
      cost.flush += performance.now() - t3;
    }
    frame = null;
    const t4 = performance.now();
    await encoder.finish();
    cost.flush += performance.now() - t4;
    cost.blend = prepared.blend.blend - blendBefore;
    return {ok: true, frames: drawn, encoder: chosen, cost};
  } catch (e) {
    encoder?.abort();
    kept = null;
    // A scene that throws while being recalculated fails at the frame it had reached.
    return failure(e, frame ?? driver?.playback.frame ?? null);
  }
}

/**
 * The layout check: seek to each frame, draw it and measure the texts. Boxes are in design pixels,
 * whatever the stage size, so a small stage keeps the drawing cheap.
 */
async function inspect(job: InspectJob): Promise<InspectOutcome> {
  let driver: SceneDriver | null = null;
  let frame: number | null = null;
  try {
    driver = await SceneDriver.of(job.scene);
    await driver.prepare(job.fps, DESIGN.x / 4, DESIGN.y / 4);
    const samples = [];
    for (frame of job.frames) {
      await driver.goTo(frame);
      // Some nodes settle their text and size only while drawn: measure what the frame shows.
      await driver.draw();
      samples.push({
        frame,
        time: frame / job.fps,
        texts: probeTexts(driver.view()),
        numbers: probeNumbers(driver.view()),
        detached: [
          ...(driver.playback.currentScene as Scene & {getDetachedNodes(): Iterable<unknown>}).getDetachedNodes(),
        ].length,
      });
    }
    return {ok: true, samples};
  } catch (e) {
    return failure(e, frame ?? driver?.playback.frame ?? null);
  }
}

/** Benchmarks only: Motion Canvas's own Renderer and FFmpeg exporter, which writes output/<name>.mp4 itself. */
async function renderStock(job: RenderJob): Promise<RenderOutcome> {
  const p = projectWith([await describe(job.scene)]);
  const renderer = new Renderer(p);
  let result = RendererResult.Success;
  renderer.onFinished.subscribe(r => (result = r));
  const {size, resolutionScale} = stageSize(job.width, job.height);
  const first = job.segments[0].from;
  const last = job.segments[job.segments.length - 1].to - 1;
  await renderer.render({
    name: `bench-stock-${job.scene}`,
    range: [first / job.fps, last / job.fps],
    fps: job.fps,
    size,
    resolutionScale,
    colorSpace: 'srgb',
    background: '#000000',
    exporter: {name: '@motion-canvas/ffmpeg', options: {fastStart: true, includeAudio: false}},
  });
  if (result !== RendererResult.Success) return failure(new Error('the stock render failed'), null);
  return {ok: true, frames: last - first + 1, encoder: 'stock-ffmpeg'};
}

async function boot() {
  await loadFonts();
  window.nnm = {ready: true, list, info, render, inspect, beat: () => [beats, at]};
}

boot();
