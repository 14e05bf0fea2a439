/** `npm run render -- [scene ...] [options]`: renders scenes headlessly to output/. */
process.env.VITE_CJS_IGNORE_WARNING ??= 'true';
import {basename, join, resolve} from 'node:path';
import {existsSync} from 'node:fs';
import {HELP, parseArgs, UsageError, type RenderOptions} from './args';
import {ensureWritableDir, Headless, RenderError} from './headless';
import {Progress} from './progress';
import type {RenderJob} from './protocol';
import {SAFE_ID, sceneIds} from './sceneIds';
import {ROOT} from './server';
import {DiscardSink, PngSink, VideoSink, type Sink} from './sinks';
import {resolveBrowser, resolveFfmpeg, ToolError} from './tools';

let headless: Headless | null = null;

function checkScenes(o: RenderOptions): string[] {
  const projectFile = resolve(ROOT, o.project);
  if (!existsSync(projectFile)) throw new UsageError(`project file "${o.project}" not found`);
  const known = sceneIds(projectFile);
  for (const id of o.scenes) {
    if (!SAFE_ID.test(id) || !known.includes(id)) {
      throw new UsageError(`unknown scene "${id}"; known scenes: ${known.join(', ')}`);
    }
  }
  return o.scenes.length > 0 ? o.scenes : known;
}

function secondsLabel(t: number): string {
  return `${Number(t.toFixed(3))}s`;
}

function jobFor(o: RenderOptions, scene: string): RenderJob {
  const range: [number, number | null] = o.still !== null ? [o.still, o.still] : o.range ? [o.range[0], Number.isFinite(o.range[1]) ? o.range[1] : null] : [0, null];
  return {
    scene,
    width: o.width,
    height: o.height,
    fps: o.fps,
    range,
    mode: o.still !== null ? 'still' : o.format === 'png' ? 'png-sequence' : 'video',
    encoder: o.encoder,
  };
}

function sinkFor(o: RenderOptions, scene: string, ffmpeg: string | null) {
  const out = resolve(o.out);
  const tmp = (name: string) => join(out, `.${name}.${process.pid}.partial`);
  if (o.still !== null) {
    const name = `${scene}-${secondsLabel(o.still)}.png`;
    return {path: join(out, name), make: () => new PngSink(false, tmp(name), join(out, name), scene)};
  }
  if (o.format === 'png') {
    return {path: join(out, scene), make: () => new PngSink(true, tmp(scene), join(out, scene), scene)};
  }
  const name = `${scene}.mp4`;
  return {
    path: join(out, name),
    make: (encoder: string): Sink =>
      encoder === 'discard'
        ? new DiscardSink()
        : new VideoSink(encoder as 'webcodecs' | 'x264', {
            ffmpeg: ffmpeg!,
            width: o.width,
            height: o.height,
            fps: o.fps,
            tmpPath: tmp(name),
            finalPath: join(out, name),
          }),
  };
}

async function main(argv: string[]): Promise<void> {
  const o = parseArgs(argv);
  if (o.help) {
    process.stdout.write(HELP + '\n');
    return;
  }
  const scenes = checkScenes(o);
  const browserPath = resolveBrowser();
  const ffmpeg = o.list || o.still !== null || o.format === 'png' ? null : resolveFfmpeg();
  if (!o.list) await ensureWritableDir(resolve(o.out));

  headless = await Headless.start({browserPath, project: o.project, verbose: o.verbose});
  if (o.list) {
    for (const s of await headless.list(o.fps)) {
      process.stdout.write(`${s.name.padEnd(24)} ${s.seconds.toFixed(2).padStart(8)}s  ${s.frames} frames @${o.fps}\n`);
    }
    return;
  }
  for (const scene of scenes) {
    const target = sinkFor(o, scene, ffmpeg);
    const progress = new Progress(scene);
    const started = performance.now();
    const frames = await headless.render(jobFor(o, scene), start => target.make(start.encoder), progress);
    const seconds = (performance.now() - started) / 1000;
    progress.end(`${frames} frames in ${seconds.toFixed(1)}s (${(frames / seconds).toFixed(1)} fps) → ${basename(o.out)}/${basename(target.path)}`);
  }
}

let exitCode: number | null = null;

/** The first caller decides the exit code: an interrupt wins over a render finishing meanwhile. */
async function shutdown(code: number): Promise<never> {
  exitCode ??= code;
  // Also covers the event loop draining while closing: Node then exits with this code.
  process.exitCode = exitCode;
  await headless?.close();
  process.exit(exitCode);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (exitCode === null) process.stderr.write(`\ninterrupted: stopping the render and removing partial files\n`);
    void shutdown(130);
  });
}

const verbose = process.argv.includes('--verbose');
main(process.argv.slice(2))
  .then(() => shutdown(0))
  .catch((e: unknown) => {
    if (exitCode !== null) return shutdown(exitCode);
    const err = e instanceof Error ? e : new Error(String(e));
    const known = err instanceof UsageError || err instanceof ToolError || err instanceof RenderError;
    process.stderr.write(`error: ${known ? err.message : `unexpected failure: ${err.message}`}\n`);
    if (verbose) process.stderr.write(`${err instanceof RenderError && err.detail ? err.detail : err.stack}\n`);
    return shutdown(err instanceof UsageError ? 2 : 1);
  });
