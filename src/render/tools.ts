/** Finds the browser and ffmpeg binaries the renderer drives. */
import {accessSync, constants, existsSync, statSync} from 'node:fs';
import {createRequire} from 'node:module';
import {spawn, spawnSync} from 'node:child_process';
import {delimiter, dirname, join} from 'node:path';

export class ToolError extends Error {
  override name = 'ToolError';
}

const require = createRequire(import.meta.url);

const BROWSER_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

export interface Env {
  [key: string]: string | undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function onPath(name: string, env: Env = process.env): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return null;
}

/** CHROME_PATH, else a system Chromium or Chrome. */
export function resolveBrowser(env: Env = process.env): string {
  if (env.CHROME_PATH) {
    if (isExecutable(env.CHROME_PATH)) return env.CHROME_PATH;
    throw new ToolError(`CHROME_PATH=${env.CHROME_PATH} is not an executable file`);
  }
  const found = BROWSER_CANDIDATES.find(isExecutable) ?? onPath('chromium', env);
  if (found) return found;
  throw new ToolError(
    'no Chromium found: install it with `apt-get install -y chromium` or set CHROME_PATH to a Chrome/Chromium binary',
  );
}

function packageBinary(load: () => unknown): string | null {
  try {
    const path = load();
    return typeof path === 'string' && existsSync(path) && isExecutable(path) ? path : null;
  } catch {
    return null;
  }
}

const DEBIAN_FFMPEG = '/usr/bin/ffmpeg';

/**
 * FFMPEG_PATH, then ffmpeg-static when its binary downloaded, then Debian's ffmpeg (set-up installs
 * it), then ffmpeg on PATH, and last the 2018 build that @ffmpeg-installer/ffmpeg ships.
 */
export function resolveFfmpeg(env: Env = process.env): string {
  if (env.FFMPEG_PATH) {
    if (isExecutable(env.FFMPEG_PATH)) return env.FFMPEG_PATH;
    throw new ToolError(`FFMPEG_PATH=${env.FFMPEG_PATH} is not an executable file`);
  }
  const found =
    packageBinary(() => require('ffmpeg-static')) ??
    (isExecutable(DEBIAN_FFMPEG) ? DEBIAN_FFMPEG : null) ??
    onPath('ffmpeg', env) ??
    packageBinary(() => (require('@ffmpeg-installer/ffmpeg') as {path: string}).path);
  if (found) return found;
  throw new ToolError(
    'no ffmpeg found: install it with `apt-get install -y ffmpeg` (scripts/setup.sh does), or set FFMPEG_PATH',
  );
}

/** FFPROBE_PATH, the ffprobe beside the chosen ffmpeg, Debian's or PATH's, then ffprobe-static. */
export function resolveFfprobe(env: Env = process.env, ffmpeg: string | null = null): string {
  if (env.FFPROBE_PATH && isExecutable(env.FFPROBE_PATH)) return env.FFPROBE_PATH;
  const beside = ffmpeg ? join(dirname(ffmpeg), 'ffprobe') : null;
  const found =
    (beside && isExecutable(beside) ? beside : null) ??
    onPath('ffprobe', env) ??
    packageBinary(() => (require('ffprobe-static') as {path: string}).path);
  if (found) return found;
  throw new ToolError('no ffprobe found: install it with `apt-get install -y ffmpeg` or set FFPROBE_PATH');
}

/** What a job needs from ffmpeg, checked once at start-up so a missing codec fails before any frame. */
export interface FfmpegNeeds {
  muxers?: string[];
  encoders?: string[];
}

export function checkFfmpeg(ffmpeg: string, needs: FfmpegNeeds): void {
  const list = (what: string) => {
    const r = spawnSync(ffmpeg, ['-hide_banner', `-${what}`], {encoding: 'utf8', timeout: 20_000});
    if (r.status !== 0)
      throw new ToolError(`${ffmpeg} does not run: ${(r.stderr || String(r.error ?? '')).trim().split('\n').pop()}`);
    return new Set(
      r.stdout
        .split('\n')
        .map(line => line.trim().split(/\s+/)[1])
        .filter(Boolean),
    );
  };
  for (const [what, names] of [
    ['muxers', needs.muxers],
    ['encoders', needs.encoders],
  ] as const) {
    if (!names?.length) continue;
    const have = list(what);
    const missing = names.filter(n => !have.has(n));
    if (missing.length)
      throw new ToolError(
        `${ffmpeg} lacks the ${what.slice(0, -1)} ${missing.join(', ')}; install Debian's ffmpeg (apt-get install -y ffmpeg) or set FFMPEG_PATH`,
      );
  }
}

/** The last line ffmpeg wrote to stderr that says something (its own error message). */
export function ffmpegMessage(stderr: string): string {
  const lines = stderr
    .trim()
    .split('\n')
    .map(l => l.trim())
    .filter(Boolean);
  return [...lines].reverse().find(l => /error|no space|invalid|failed|denied|not found/i.test(l)) ?? lines.pop() ?? '';
}

/**
 * Runs a tool to completion with no stdin (one that reads it would otherwise wait for ever) and
 * resolves with its output. It fails with the tool's own last error line when it exits non-zero,
 * or when it exits 0 but leaves one of `outputs` missing or empty.
 */
export function runTool(
  file: string,
  args: string[],
  outputs: string[] = [],
): Promise<{stdout: string; stderr: string}> {
  return new Promise((resolve, reject) => {
    const proc = spawn(file, args, {stdio: ['ignore', 'pipe', 'pipe']});
    let stdout = '';
    let stderr = '';
    proc.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    proc.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    proc.on('error', reject);
    proc.on('close', (code, signal) => {
      const missing = outputs.find(o => !existsSync(o) || statSync(o).size === 0);
      if (code === 0 && missing === undefined) return resolve({stdout, stderr});
      const why = code !== 0 ? (signal ? `killed by ${signal}` : `exit code ${code}`) : `wrote no ${missing}`;
      reject(new Error(ffmpegMessage(stderr) || why));
    });
  });
}
