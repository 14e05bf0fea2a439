/** `npm run render -- [scene ...] [options]`: renders scenes headlessly to output/. */
process.env.VITE_CJS_IGNORE_WARNING ??= 'true';
import {existsSync} from 'node:fs';
import {access, constants, mkdir} from 'node:fs/promises';
import {resolve} from 'node:path';
import {HELP, parseArgs, UsageError, type RenderOptions} from './args';
import {killMarked, RenderError} from './browser';
import {holdLifeline} from './lifeline';
import {cacheable, renderCached, sceneInput, toolVersions} from './cache';
import {abortLecture, checkLectureOptions, LECTURE, renderLecture} from './lecture';
import {Run, sweepStale} from './run';
import {RESERVED_IDS, SAFE_ID, scenePaths} from './sceneIds';
import {ROOT} from './server';
import {ShardError} from './shard';
import {mark} from './timing';
import {checkFfmpeg, resolveBrowser, resolveFfmpeg, resolveFfprobe, ToolError} from './tools';

let run: Run | null = null;

function checkScenes(o: RenderOptions): string[] {
  const projectFile = resolve(ROOT, o.project);
  if (!existsSync(projectFile)) throw new UsageError(`project file "${o.project}" not found`);
  const known = [...scenePaths(projectFile).keys()];
  const reserved = known.find(id => (RESERVED_IDS as readonly string[]).includes(id));
  if (reserved) throw new UsageError(`the project has a scene named "${reserved}", a name the CLI reserves; rename it`);
  for (const id of o.scenes) {
    if (!SAFE_ID.test(id) || !known.includes(id)) {
      throw new UsageError(
        `unknown scene "${id}"; known scenes: ${known.join(', ')} (and ${RESERVED_IDS.join(', ')}: the whole lecture)`,
      );
    }
  }
  return o.scenes.length > 0 ? o.scenes : known;
}

async function ensureWritableDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, {recursive: true});
    await access(dir, constants.W_OK);
  } catch {
    throw new RenderError(`output directory "${dir}" is not writable`);
  }
}

/** ffmpeg, checked once for what this job will ask of it; null when the job needs none. */
function ffmpegFor(o: RenderOptions): string | null {
  const video = !o.list && !o.still && o.format !== 'png' && o.encoder !== 'discard' && o.encoder !== 'stock-ffmpeg';
  if (!video && !o.sheet) return null;
  const ffmpeg = resolveFfmpeg();
  if (o.sheet) checkFfmpeg(ffmpeg, {encoders: ['png']});
  else checkFfmpeg(ffmpeg, {muxers: ['mp4'], encoders: o.encoder === 'x264' ? ['libx264'] : []});
  return ffmpeg;
}

async function main(argv: string[]): Promise<void> {
  mark('cli: modules imported');
  const o = parseArgs(argv);
  if (o.help) {
    process.stdout.write(HELP + '\n');
    return;
  }
  const lecture = o.scenes.includes(LECTURE);
  if (lecture) checkLectureOptions(o);
  const scenes = checkScenes(lecture ? {...o, scenes: []} : o);
  const ffmpeg = ffmpegFor(o) ?? (o.join ? resolveFfmpeg() : null);
  const tools = {
    browserPath: o.join ? '' : resolveBrowser(),
    ffmpeg,
    // x264 falls back to libx264 at run time, so a video render needs ffmpeg's encoder too.
    ffprobe: ffmpeg ? resolveFfprobe(process.env, ffmpeg) : null,
  };
  const out = resolve(o.out);
  if (!o.list) {
    await ensureWritableDir(out);
    await sweepStale(out);
  }
  mark('cli: imports and checks done');
  const log = (line: string) => process.stderr.write(line + '\n');
  /** A started run; the lecture opens one per project (cards, scenes), closing the one before. */
  const open = async (opts: RenderOptions) => {
    await run?.close();
    await ensureWritableDir(resolve(opts.out));
    await sweepStale(resolve(opts.out));
    run = new Run(opts, tools);
    await run.start();
    return run;
  };
  if (lecture) {
    await renderLecture({o, tools, open, log});
    return;
  }
  if (cacheable(o)) {
    const paths = scenePaths(resolve(ROOT, o.project));
    const versions = toolVersions(tools.browserPath, tools.ffmpeg);
    await renderCached({
      o,
      scenes,
      inputOf: id => sceneInput(ROOT, o.project, paths.get(id)!, id, o, versions),
      open,
      log,
    });
    return;
  }
  run = new Run(o, tools);
  if (!o.join) await run.start();
  mark('cli: server and browsers started');
  if (o.list) {
    for (const s of await run.list()) {
      const slides = s.slides.length ? `  ${s.slides.length + 1} slides` : '';
      process.stdout.write(
        `${s.name.padEnd(24)} ${s.seconds.toFixed(2).padStart(8)}s  ${s.frames} frames @${o.fps}${slides}\n`,
      );
    }
    return;
  }
  await run.render(scenes);
}

let exitCode: number | null = null;

/** The first caller decides the exit code: an interrupt wins over a render finishing meanwhile. */
async function shutdown(code: number): Promise<never> {
  exitCode ??= code;
  // Also covers the event loop draining while closing: Node then exits with this code.
  process.exitCode = exitCode;
  const cleanup = Promise.all([run?.close(), abortLecture()]);
  // A clean-up that hangs (a wedged browser) must not keep us, or our children, alive.
  const late = setTimeout(() => {
    killMarked();
    process.exit(exitCode!);
  }, 5000);
  await cleanup;
  clearTimeout(late);
  process.exit(exitCode);
}

holdLifeline(reason => {
  if (exitCode === null)
    process.stderr.write(`\ninterrupted (${reason}): stopping the render and removing partial files\n`);
  void shutdown(130);
});

const verbose = process.argv.includes('--verbose');
main(process.argv.slice(2))
  .then(() => shutdown(0))
  .catch((e: unknown) => {
    if (exitCode !== null) return shutdown(exitCode);
    const err = e instanceof Error ? e : new Error(String(e));
    const known =
      err instanceof UsageError || err instanceof ToolError || err instanceof RenderError || err instanceof ShardError;
    process.stderr.write(`error: ${known ? err.message : `unexpected failure: ${err.message}`}\n`);
    if (verbose) process.stderr.write(`${err instanceof RenderError && err.detail ? err.detail : err.stack}\n`);
    return shutdown(err instanceof UsageError ? 2 : 1);
  });
