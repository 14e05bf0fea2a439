/**
 * `npm run bench:render`: one signature scene at 1080p60, rendered as whole CLI processes side by
 * side in one run: --workers 1 against --workers 2, the draw-only floor, and Motion Canvas's stock
 * exporter. Prints fps and the ratios; compare speeds only within one run.
 */
import {spawnSync} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const scene = process.argv[2] ?? 'chain-rule-gears';
const range = process.env.BENCH_RANGE ?? '0:';

function run(label: string, flags: string[]): number {
  const out = mkdtempSync(join(tmpdir(), 'nnm-bench-'));
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/render/cli.ts', scene, '-q', 'h', '--range', range, '--out', out, ...flags], {cwd: ROOT, encoding: 'utf8'});
  const seconds = (performance.now() - t0) / 1000;
  const frames = Number(/(\d+) frames in/.exec(r.stderr)?.[1] ?? 0);
  if (r.status !== 0) throw new Error(`${label} failed: ${r.stderr.trim().split('\n').pop()}`);
  const fps = frames / seconds;
  console.log(`${label.padEnd(36)} ${String(frames).padStart(6)} frames ${seconds.toFixed(1).padStart(7)} s ${fps.toFixed(1).padStart(7)} fps (whole process)`);
  return fps;
}

const one = run('(a) pipeline, --workers 1', ['--workers', '1']);
const two = run('(a) pipeline, --workers 2', ['--workers', '2']);
const floor = run('(c) draw-only floor, --workers 1', ['--workers', '1', '--encoder', 'discard']);
console.log(`\n--workers 2 / --workers 1: ${(two / one).toFixed(2)}x`);
console.log(`(a) time / (c) time, one worker: ${(floor / one).toFixed(2)}x`);
