/**
 * `npm run bench:render`: the same 1080p60 scene rendered three ways in one run, side by side:
 * (a) this pipeline (WebCodecs H.264 → ffmpeg mux), (b) Motion Canvas's stock FFmpeg exporter
 * (PNG data URLs over the HMR socket), (c) draw-only (frames discarded: the floor).
 * Then SSIM of (a) against a lossless PNG render of the same frames, and 3D scene speed.
 */
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {Plugin} from 'vite';
import {DEFAULT_PROJECT} from '../src/render/args';
import {Headless} from '../src/render/headless';
import {Progress} from '../src/render/progress';
import type {RenderJob} from '../src/render/protocol';
import {sceneIds} from '../src/render/sceneIds';
import {ROOT} from '../src/render/server';
import {DiscardSink, PngSink, VideoSink} from '../src/render/sinks';
import {resolveBrowser, resolveFfmpeg} from '../src/render/tools';

process.env.VITE_CJS_IGNORE_WARNING ??= 'true';
const require = createRequire(import.meta.url);
const ffmpegPlugin = (require('@motion-canvas/ffmpeg') as {default: () => Plugin}).default;

const known = sceneIds(join(ROOT, DEFAULT_PROJECT));
const reference = process.argv[2] ?? (known.includes('chain-rule-gears') ? 'chain-rule-gears' : 'tangent-slope');
const range: [number, number | null] = [0, Number(process.env.BENCH_SECONDS ?? 6)];
const W = 1920;
const H = 1080;
const FPS = 60;
const ffmpeg = resolveFfmpeg();
const tmp = mkdtempSync(join(tmpdir(), 'nnm-bench-'));

const job = (scene: string, encoder: RenderJob['encoder'], mode: RenderJob['mode'] = 'video'): RenderJob => ({
  scene,
  width: W,
  height: H,
  fps: FPS,
  range,
  mode,
  encoder,
});

async function timed(label: string, run: () => Promise<number>): Promise<{frames: number; seconds: number}> {
  const t0 = performance.now();
  const frames = await run();
  const seconds = (performance.now() - t0) / 1000;
  console.log(`${label.padEnd(44)} ${String(frames).padStart(5)} frames  ${seconds.toFixed(2).padStart(7)} s  ${(frames / seconds).toFixed(1).padStart(6)} fps`);
  return {frames, seconds};
}

const quiet = () => new Progress('', {write: () => true, isTTY: false} as unknown as NodeJS.WriteStream);

async function main() {
  const browserPath = resolveBrowser();
  console.log(`reference scene: ${reference}, ${range[0]}–${range[1]} s at ${W}x${H}@${FPS}\n`);

  const ours = await Headless.start({browserPath, project: DEFAULT_PROJECT, verbose: false});
  let a, c;
  const mp4 = join(tmp, 'a.mp4');
  const seq = join(tmp, 'png');
  try {
    // Warm-up: Vite's first transform of the project is not what we measure.
    await ours.render({...job(reference, 'discard'), range: [0, 0.1]}, () => new DiscardSink(), quiet());
    c = await timed('(c) draw only, frames discarded', () => ours.render(job(reference, 'discard'), () => new DiscardSink(), quiet()));
    a = await timed('(a) nn-motion: WebCodecs H.264 → ffmpeg', () =>
      ours.render(job(reference, 'webcodecs'), start => new VideoSink(start.encoder as 'webcodecs', {ffmpeg, width: W, height: H, fps: FPS, tmpPath: mp4 + '.part', finalPath: mp4}), quiet()),
    );
    await ours.render(job(reference, 'auto', 'png-sequence'), () => new PngSink(true, seq + '.part', seq, 'f'), quiet());
  } finally {
    await ours.close();
  }

  const stock = await Headless.start({browserPath, project: DEFAULT_PROJECT, verbose: false, extraPlugins: [ffmpegPlugin()], hmr: true});
  let b;
  const stockFile = join(ROOT, 'output', `bench-stock-${reference}.mp4`);
  try {
    await stock.render({...job(reference, 'discard'), range: [0, 0.1]}, () => new DiscardSink(), quiet());
    const t = await timed('(b) Motion Canvas stock FFmpeg exporter', async () => {
      await stock.render(job(reference, 'stock-ffmpeg'), () => new DiscardSink(), quiet());
      return a.frames;
    });
    b = t;
  } finally {
    await stock.close();
  }
  if (!existsSync(stockFile)) throw new Error('the stock exporter wrote no file');
  rmSync(stockFile);

  const ssimLog = spawnSync(ffmpeg, [
    '-hide_banner', '-i', mp4, '-framerate', String(FPS), '-i', join(seq, 'f_%05d.png'),
    '-lavfi', '[1:v]scale=out_color_matrix=bt709:out_range=tv,format=yuv420p[ref];[0:v][ref]ssim', '-f', 'null', '-',
  ]).stderr.toString();
  const ssim = /All:([\d.]+)/.exec(ssimLog)?.[1] ?? 'n/a';

  console.log(`\n(a) is ${(b.seconds / a.seconds).toFixed(2)}× faster than (b) (target ≥ 3×)`);
  console.log(`(a) takes ${(a.seconds / c.seconds).toFixed(2)}× the time of the draw-only floor (c) (target ≤ 1.3×)`);
  console.log(`SSIM of (a) against the lossless PNG frames: ${ssim} (target ≥ 0.98)`);

  if (known.includes('foggy-descent')) {
    const fog = await Headless.start({browserPath, project: DEFAULT_PROJECT, verbose: false});
    try {
      console.log('');
      const foggyMp4 = join(tmp, 'foggy.mp4');
      await timed('foggy-descent, whole scene, (a) pipeline', () =>
        fog.render({...job('foggy-descent', 'webcodecs'), range: [0, null]}, start => new VideoSink(start.encoder as 'webcodecs', {ffmpeg, width: W, height: H, fps: FPS, tmpPath: foggyMp4 + '.part', finalPath: foggyMp4}), quiet()),
      );
    } finally {
      await fog.close();
    }
  }
  rmSync(tmp, {recursive: true, force: true});
}

main().then(
  () => process.exit(0),
  e => {
    console.error(`bench failed: ${(e as Error).message}`);
    process.exit(1);
  },
);
