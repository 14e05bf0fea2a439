/** Finds the browser and ffmpeg binaries the renderer drives. */
import {accessSync, constants, existsSync} from 'node:fs';
import {createRequire} from 'node:module';
import {delimiter, join} from 'node:path';

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

/** FFMPEG_PATH, ffmpeg-static, @ffmpeg-installer/ffmpeg, then ffmpeg on PATH. */
export function resolveFfmpeg(env: Env = process.env): string {
  if (env.FFMPEG_PATH) {
    if (isExecutable(env.FFMPEG_PATH)) return env.FFMPEG_PATH;
    throw new ToolError(`FFMPEG_PATH=${env.FFMPEG_PATH} is not an executable file`);
  }
  const found =
    packageBinary(() => require('ffmpeg-static')) ??
    packageBinary(() => (require('@ffmpeg-installer/ffmpeg') as {path: string}).path) ??
    onPath('ffmpeg', env);
  if (found) return found;
  throw new ToolError(
    'no ffmpeg found: run `npm ci` (it ships @ffmpeg-installer/ffmpeg), install it with `apt-get install -y ffmpeg`, or set FFMPEG_PATH',
  );
}

/** ffprobe for tests and checks: FFPROBE_PATH, ffprobe-static, then PATH. */
export function resolveFfprobe(env: Env = process.env): string {
  if (env.FFPROBE_PATH && isExecutable(env.FFPROBE_PATH)) return env.FFPROBE_PATH;
  const found =
    packageBinary(() => (require('ffprobe-static') as {path: string}).path) ?? onPath('ffprobe', env);
  if (found) return found;
  throw new ToolError('no ffprobe found: run `npm ci` or install ffmpeg');
}
