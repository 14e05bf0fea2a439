/** The render page: loads the project, keeps one scene, and runs Motion Canvas's Renderer headlessly. */
import {
  makePlugin,
  PlaybackManager,
  ProjectMetadata,
  Renderer,
  RendererResult,
  Vector2,
  type LogPayload,
  type Project,
} from '@motion-canvas/core';
import project from 'virtual:nnm-project';
import {loadFonts} from '../fonts';
import {chooseEncoder, EXPORTER_ID, headlessExporter, studioSwing} from './exporter';
import type {NodeBridge, PageApi, RenderJob, RenderOutcome, SceneInfo} from './protocol';

declare global {
  interface Window extends Partial<NodeBridge> {
    nnm?: PageApi & {ready: true};
  }
}

/** Motion Canvas lays scenes out on a 1920×1080 view; other sizes scale it. */
const DESIGN = new Vector2(1920, 1080);

function projectWith(scenes: Project['scenes'], plugins: Project['plugins'] = []): Project {
  const p: Project = {...project, scenes, plugins: [...project.plugins, ...plugins]};
  p.meta = new ProjectMetadata(p);
  return p;
}

/** The Renderer keeps its playback private; we read durations and progress from it. */
function playbackOf(renderer: Renderer): PlaybackManager {
  return (renderer as unknown as {playback: PlaybackManager}).playback;
}

async function list(fps: number): Promise<SceneInfo[]> {
  const infos: SceneInfo[] = [];
  for (const description of project.scenes) {
    const playback = playbackOf(new Renderer(projectWith([description])));
    playback.fps = fps;
    await playback.recalculate();
    infos.push({name: description.name, frames: playback.duration, seconds: playback.duration / fps});
  }
  return infos;
}

/** Output size = design size × scale, with the view stretched to the output's aspect ratio. */
function stageSize(width: number, height: number) {
  let scale = Math.min(width / DESIGN.x, height / DESIGN.y);
  const size = new Vector2(width / scale, height / scale);
  // Canvas sizes truncate: nudge the scale so size × scale lands on whole pixels.
  while (Math.floor(size.x * scale) < width || Math.floor(size.y * scale) < height) scale *= 1 + 1e-12;
  return {size, resolutionScale: scale};
}

async function render(job: RenderJob): Promise<RenderOutcome> {
  const description = project.scenes.find(s => s.name === job.scene);
  if (!description) throw new Error(`unknown scene "${job.scene}"`);

  const encoder = await chooseEncoder(job);
  let renderer: Renderer | null = null;
  let frames = 0;
  const exporter = headlessExporter(job, encoder, {
    start: async chosen => {
      const playback = playbackOf(renderer!);
      const from = Math.round(job.range[0] * job.fps);
      const to = Math.min(playback.duration, job.range[1] === null ? Infinity : Math.round(job.range[1] * job.fps));
      await window.nnmStart!({encoder: chosen, totalFrames: job.mode === 'still' ? 1 : Math.max(1, to - from + 1)});
    },
  });
  const stock = encoder === 'stock-ffmpeg';
  const p = projectWith([description], stock ? [] : [makePlugin({name: 'nn-motion-render', exporters: () => [exporter]})()]);
  renderer = new Renderer(p);
  if (encoder === 'webcodecs') studioSwing(renderer);
  // Motion Canvas's own FFmpeg exporter (benchmarks only) writes output/<name>.mp4 itself.
  if (stock) await window.nnmStart!({encoder, totalFrames: 0});

  let error: LogPayload | null = null;
  p.logger.onLogged.subscribe(payload => {
    if (payload.level === 'error') error ??= payload;
  });
  let result: RendererResult = RendererResult.Success;
  renderer.onFinished.subscribe(r => (result = r));
  renderer.onFrameChanged.subscribe(f => (frames = f));

  const {size, resolutionScale} = stageSize(job.width, job.height);
  await renderer.render({
    name: stock ? `bench-stock-${job.scene}` : job.scene,
    range: [job.range[0], job.range[1] ?? Infinity],
    fps: job.fps,
    size,
    resolutionScale,
    colorSpace: 'srgb',
    background: '#000000',
    exporter: stock
      ? {name: '@motion-canvas/ffmpeg', options: {fastStart: true, includeAudio: false}}
      : {name: EXPORTER_ID, options: {}},
  });

  if (result !== RendererResult.Success || error) {
    const e: LogPayload = error ?? {message: 'the render was aborted'};
    return {ok: false, failure: {message: e.message, frame: frames, stack: e.stack}};
  }
  return {ok: true, frames};
}

async function safeRender(job: RenderJob): Promise<RenderOutcome> {
  try {
    return await render(job);
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    return {ok: false, failure: {message: err.message, frame: null, stack: err.stack}};
  }
}

async function boot() {
  await loadFonts();
  window.nnm = {ready: true, list, render: safeRender};
}

boot();
