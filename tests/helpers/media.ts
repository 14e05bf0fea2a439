/** Test helpers: run the CLI, probe and decode MP4s with ffmpeg, sample pixels. */
import {execFileSync, spawn} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import {resolve} from 'node:path';
import {resolveFfmpeg, resolveFfprobe} from '../../src/render/tools';

export const ROOT = resolve(import.meta.dirname, '../..');
export const FFMPEG = resolveFfmpeg();
export const FFPROBE = resolveFfprobe();

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  pid: number;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  onStderr?: (text: string, pid: number) => void;
  /** Let the render cache skip an up-to-date output; otherwise `runCli` passes --force. */
  cache?: boolean;
}

/** A finished render's cache record beside its output (src/render/cache.ts): `.<name>.<ext>.key`. */
const CACHE_RECORD = /^\.[^/]+\.(?:mp4|webm|gif|mov)\.key$/;

/** The files in an output folder, sorted, without the cache records (a partial file still shows). */
export function outputsIn(dir: string): string[] {
  return readdirSync(dir)
    .filter(f => !CACHE_RECORD.test(f))
    .sort();
}

/**
 * Runs `render` as a user would, optionally acting on it while it runs. Tests render the same
 * scene into one folder again and again, so this forces the render unless `cache` is set.
 */
export function runCli(args: string[], opts: RunOptions = {}): Promise<CliResult> {
  const force = opts.cache ? [] : ['--force'];
  return run(process.execPath, ['--import', 'tsx', resolve(ROOT, 'src/render/cli.ts'), ...force, ...args], opts);
}

/** Runs `npm run render -- …` exactly as the README says; `pid` is npm's. */
export function runNpm(args: string[], opts: RunOptions = {}): Promise<CliResult> {
  return run('npm', ['run', '--silent', 'render', '--', ...args], opts);
}

function run(command: string, args: string[], opts: RunOptions): Promise<CliResult> {
  return new Promise(done => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: {...process.env, ...opts.env},
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', d => (stdout += d));
    child.stderr.on('data', d => {
      stderr += d;
      opts.onStderr?.(stderr, child.pid!);
    });
    child.on('exit', code => done({code, stdout, stderr, pid: child.pid!}));
  });
}

export interface StreamInfo {
  codec_name: string;
  pix_fmt: string;
  color_range: string;
  color_space: string;
  width: number;
  height: number;
  r_frame_rate: string;
  avg_frame_rate: string;
  nb_frames: string;
  duration: string;
}

export function probe(file: string): StreamInfo {
  const json = execFileSync(FFPROBE, ['-v', 'error', '-select_streams', 'v:0', '-show_streams', '-of', 'json', file]);
  return (JSON.parse(json.toString()) as {streams: StreamInfo[]}).streams[0];
}

export function framemd5(file: string): string {
  return execFileSync(FFMPEG, ['-v', 'error', '-i', file, '-f', 'framemd5', '-'])
    .toString()
    .split('\n')
    .filter(l => l && !l.startsWith('#'))
    .join('\n');
}

/** The MD5 of each decoded video frame, in order (audio and subtitles left out). */
export function videoMd5s(file: string): string[] {
  return execFileSync(FFMPEG, ['-v', 'error', '-i', file, '-map', '0:v:0', '-f', 'framemd5', '-'])
    .toString()
    .split('\n')
    .filter(l => l && !l.startsWith('#'))
    .map(l => l.split(',').pop()!.trim());
}

export type Rgb = [number, number, number];

/** Frame `index` of an H.264 file as 8-bit RGB, converted from limited-range BT.709 YUV by hand. */
export function decodeFrame(file: string, index: number, width: number, height: number) {
  const yuv = execFileSync(
    FFMPEG,
    [
      '-v',
      'error',
      '-i',
      file,
      '-vf',
      `select=eq(n\\,${index})`,
      '-vsync',
      '0',
      '-frames:v',
      '1',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'yuv420p',
      '-',
    ],
    {maxBuffer: 64 * 1024 * 1024},
  );
  const cw = width / 2;
  const uBase = width * height;
  const vBase = uBase + cw * (height / 2);
  return (x: number, y: number): Rgb => {
    const px = Math.round(x);
    const py = Math.round(y);
    const Y = ((yuv[py * width + px] - 16) * 255) / 219;
    const c = (py >> 1) * cw + (px >> 1);
    const U = ((yuv[uBase + c] - 128) * 255) / 224;
    const V = ((yuv[vBase + c] - 128) * 255) / 224;
    const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
    return [clamp(Y + 1.5748 * V), clamp(Y - 0.1873 * U - 0.4681 * V), clamp(Y + 1.8556 * U)];
  };
}

export type Rgba = [number, number, number, number];

/**
 * Frame `index` of any video with alpha as 8-bit RGBA. VP9 keeps alpha in a side channel
 * that only libvpx decodes, so WebM is read with it; others use ffmpeg's default decoder.
 */
export function decodeRgba(file: string, index: number, width: number, height: number) {
  const decoder = file.endsWith('.webm') ? ['-c:v', 'libvpx-vp9'] : [];
  const rgba = execFileSync(
    FFMPEG,
    [
      '-v',
      'error',
      ...decoder,
      '-i',
      file,
      '-vf',
      `select=eq(n\\,${index})`,
      '-vsync',
      '0',
      '-frames:v',
      '1',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgba',
      '-',
    ],
    {maxBuffer: 64 * 1024 * 1024},
  );
  if (rgba.length !== width * height * 4) throw new Error(`frame ${index} of ${file} is not ${width}×${height}`);
  return (x: number, y: number): Rgba => {
    const i = (Math.round(y) * width + Math.round(x)) * 4;
    return [rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]];
  };
}

/** Frames in a file, counted by decoding every one. */
export function countFrames(file: string): number {
  const out = execFileSync(FFPROBE, [
    '-v',
    'error',
    '-count_frames',
    '-select_streams',
    'v:0',
    '-show_entries',
    'stream=nb_read_frames',
    '-of',
    'csv=p=0',
    file,
  ]);
  return Number(out.toString().trim());
}

/** Reads a PNG written by --still through ffmpeg as RGB. */
export function decodePng(file: string, width: number, height: number) {
  const rgb = execFileSync(FFMPEG, ['-v', 'error', '-i', file, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return (x: number, y: number): Rgb => {
    const i = (Math.round(y) * width + Math.round(x)) * 3;
    return [rgb[i], rgb[i + 1], rgb[i + 2]];
  };
}

export function hex(color: string): Rgb {
  const n = parseInt(color.replace('#', ''), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function colorDistance(a: Rgb, b: Rgb): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/** The closest colour to `target` within r pixels of (x, y): thin lines lose colour to chroma subsampling. */
export function nearest(pixel: (x: number, y: number) => Rgb, [x, y]: [number, number], target: Rgb, r = 2): number {
  let best = Infinity;
  for (let dy = -r; dy <= r; dy++)
    for (let dx = -r; dx <= r; dx++) best = Math.min(best, colorDistance(pixel(x + dx, y + dy), target));
  return best;
}

/** Design-space point (1920×1080, origin at the centre) to output pixels. */
export function designToPixel([x, y]: [number, number], width: number, height: number): [number, number] {
  const scale = Math.min(width / 1920, height / 1080);
  return [width / 2 + x * scale, height / 2 + y * scale];
}

/**
 * Processes whose command line contains `marker` (excluding the `ps` call itself). Throws when
 * `ps` cannot be run: an empty answer would make every "no process left" check pass unchecked.
 */
export function processesMatching(marker: string): string[] {
  let out: string;
  try {
    out = execFileSync('ps', ['-eo', 'pid=,args='], {stdio: ['ignore', 'pipe', 'pipe']}).toString();
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(
      missing
        ? 'processesMatching: `ps` is not installed, so leftover processes cannot be checked (install procps: scripts/setup.sh)'
        : `processesMatching: \`ps -eo pid=,args=\` failed: ${(e as Error).message}`,
    );
  }
  return out
    .split('\n')
    .filter(l => l.includes(marker) && !l.includes('ps -eo'))
    .map(l => l.trim());
}

export function fileExists(path: string): boolean {
  try {
    readFileSync(path);
    return true;
  } catch {
    return false;
  }
}

/** stderr without the progress lines: what a person reads as the command's message. */
export function messageLines(stderr: string): string[] {
  return stderr
    .split(/[\r\n]+/)
    .map(l => l.trim())
    .filter(l => l && !/^\S+: \d+\/\d+ frames/.test(l));
}
