/**
 * `npm run bench:quality`: encoder quality per preset. A fast-moving 3D stretch (loss-bowl's orbit)
 * is rendered at -q l, m and h as MP4 and as lossless PNGs of the same frames; ffmpeg's SSIM filter
 * compares them frame by frame (the PNGs through the same BT.709 4:2:0 conversion, so only the
 * encoder's loss counts). Prints the mean and the worst frame per preset; the floor is 0.97.
 */
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {resolveFfmpeg} from '../src/render/tools';

const ROOT = resolve(import.meta.dirname, '..');
const scene = process.argv[2] ?? 'loss-bowl';
const range = process.env.BENCH_RANGE ?? '12:16';
const FLOOR = 0.97;

function cli(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/render/cli.ts', scene, '--range', range, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`render failed: ${r.stderr.trim().split('\n').pop()}`);
}

function ssimPerFrame(video: string, pngs: string, fps: number): number[] {
  const ref = 'scale=out_color_matrix=bt709:out_range=tv,format=yuv420p';
  const r = spawnSync(
    resolveFfmpeg(),
    [
      '-hide_banner',
      '-i',
      video,
      '-framerate',
      String(fps),
      '-start_number',
      '0',
      '-i',
      pngs,
      '-lavfi',
      `[1:v]${ref}[ref];[0:v][ref]ssim=stats_file=-`,
      '-f',
      'null',
      '-',
    ],
    {encoding: 'utf8', maxBuffer: 64 << 20},
  );
  if (r.status !== 0) throw new Error(`ffmpeg ssim failed: ${r.stderr.trim().split('\n').pop()}`);
  return [...r.stdout.matchAll(/All:([\d.]+)/g)].map(m => Number(m[1]));
}

const presets = (process.env.BENCH_PRESETS ?? 'l,m,h').split(',');
let failed = false;
for (const q of presets) {
  const out = mkdtempSync(join(tmpdir(), 'nnm-quality-'));
  try {
    cli(['-q', q, '--out', out]);
    cli(['-q', q, '--format', 'png', '--out', out]);
    const fps = {l: 15, m: 30, h: 60, k: 60}[q] ?? 60;
    const scores = ssimPerFrame(join(out, `${scene}.mp4`), join(out, scene, `${scene}_%05d.png`), fps);
    if (scores.length === 0) throw new Error('no SSIM scores');
    const worst = Math.min(...scores);
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    const at = scores.indexOf(worst);
    failed ||= worst < FLOOR;
    console.log(
      `-q ${q}: ${scores.length} frames, SSIM mean ${mean.toFixed(5)}, worst ${worst.toFixed(5)} (frame ${at})  ${worst >= FLOOR ? 'ok' : `below ${FLOOR}`}`,
    );
  } finally {
    rmSync(out, {recursive: true, force: true});
  }
}
if (failed) process.exitCode = 1;
