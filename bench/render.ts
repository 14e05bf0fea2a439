/**
 * `npm run bench:render [scene]`: everything side by side in one run, as whole CLI processes.
 *  - start-up: process start to first frame for a one-frame still, with the dev server
 *    (NNM_DEV_SERVER=1, the old path) and with the pre-built page (the default);
 *  - one signature scene at 1080p60: --workers 1 kept on one CPU (NNM_ONE_CPU=1, as before the encoder
 *    could spread), --workers 1 and --workers 2, the draw-only floor, and Motion Canvas's stock exporter,
 *    with the SSIM of our video against the stock one.
 * BENCH_QUICK=1 renders 0–10 s instead of the whole scene (BENCH_RANGE sets any range); BENCH_ROUNDS
 * repeats the whole-scene runs (default 3) and reports each ratio's median over the rounds.
 * Compare speeds only within one run.
 */
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {resolveFfmpeg} from '../src/render/tools';

const ROOT = resolve(import.meta.dirname, '..');
const scene = process.argv[2] ?? 'chain-rule-gears';
const range = process.env.BENCH_RANGE ?? (process.env.BENCH_QUICK ? '0:10' : '0:');
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[Math.floor((s.length - 1) / 2)] + s[Math.ceil((s.length - 1) / 2)]) / 2;
};
/** BENCH_ROUNDS: how many times the four whole-scene runs are repeated (default 3). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/render/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {...process.env, ...env},
  });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`render ${args.join(' ')} failed: ${r.stderr.trim().split('\n').pop()}`);
  return {seconds, stderr: r.stderr};
}

/** Wall time of a whole one-still process, and the in-process time to the first frame's data. */
function startup(label: string, env: NodeJS.ProcessEnv) {
  const out = mkdtempSync(join(tmpdir(), 'nnm-bench-'));
  cli(['tangent-slope', '--still', '1', '-q', 'l', '--out', out], env); // warms this path's caches
  const walls: number[] = [];
  const firsts: number[] = [];
  for (let k = 0; k < 3; k++) {
    const r = cli(['tangent-slope', '--still', '1', '-q', 'l', '--out', out], {...env, NNM_TIMING: '1'});
    walls.push(r.seconds);
    firsts.push(Number(/(\d+) ms {2}first data/.exec(r.stderr)?.[1] ?? NaN) / 1000);
  }
  rmSync(out, {recursive: true, force: true});
  console.log(
    `${label.padEnd(40)} first frame ${median(firsts).toFixed(2).padStart(5)} s, whole process ${median(walls).toFixed(2).padStart(5)} s (median of 3, warm)`,
  );
  return median(walls);
}

let lastFrames = 0;

/** `known`: the count to show when the CLI's log has none (the stock exporter reports no progress). */
function video(label: string, flags: string[], out: string, known = 0, env: NodeJS.ProcessEnv = {}) {
  // --force: a second round would otherwise find its output up to date.
  const r = cli([scene, '-q', 'h', '--range', range, '--out', out, '--force', ...flags], env);
  const frames = Number(/(\d+) frames in/.exec(r.stderr)?.[1] ?? 0) || known;
  lastFrames = frames;
  const fps = frames / r.seconds;
  console.log(
    `${label.padEnd(40)} ${String(frames).padStart(6)} frames ${r.seconds.toFixed(1).padStart(7)} s ${fps.toFixed(1).padStart(7)} fps (whole process)`,
  );
  return r.seconds;
}

function ssim(a: string, b: string): number {
  const r = spawnSync(resolveFfmpeg(), ['-hide_banner', '-i', a, '-i', b, '-lavfi', 'ssim', '-f', 'null', '-'], {
    encoding: 'utf8',
  });
  return Number(/All:([\d.]+)/.exec(r.stderr)?.[1] ?? NaN);
}

console.log(`start-up (tangent-slope, --still 1 -q l):`);
const before = startup('before: dev server (NNM_DEV_SERVER=1)', {NNM_DEV_SERVER: '1'});
const after = startup('after: pre-built page', {});
console.log(`\n${scene} --range ${range} at 1080p60:`);
const out = mkdtempSync(join(tmpdir(), 'nnm-bench-'));
try {
  // Rounds of the four runs back to back: this machine's speed drifts over minutes, so each ratio is
  // taken within a round and the median over rounds is reported.
  const rounds: Record<'pinned' | 'one' | 'two' | 'floor', number>[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    console.log(`round ${r + 1} of ${ROUNDS}`);
    const env = {NNM_ONE_CPU: '1'};
    rounds.push({
      pinned: video('(a) --workers 1 on one CPU (NNM_ONE_CPU)', ['--workers', '1'], join(out, 'pinned'), 0, env),
      one: video('(a) pipeline, --workers 1', ['--workers', '1'], out),
      two: video('(a) pipeline, --workers 2', ['--workers', '2'], join(out, 'w2')),
      floor: video('(c) draw-only floor, --workers 1', ['--workers', '1', '--encoder', 'discard'], out),
    });
  }
  const ratio = (a: 'pinned' | 'one' | 'two' | 'floor', b: 'pinned' | 'one' | 'two' | 'floor') => {
    const each = rounds.map(r => r[a] / r[b]);
    return `${median(each).toFixed(2)}x (rounds: ${each.map(x => x.toFixed(2)).join(', ')})`;
  };
  const one = median(rounds.map(r => r.one));
  const same = ['pinned', 'w2'].every(d =>
    readFileSync(join(out, d, `${scene}.mp4`)).equals(readFileSync(join(out, `${scene}.mp4`))),
  );
  // Its progress never reaches our watchdog, so a long scene would look hung.
  const stock = video(
    '(b) Motion Canvas stock exporter',
    ['--workers', '1', '--encoder', 'stock-ffmpeg', '--frame-timeout', '3600'],
    out,
    lastFrames,
  );
  const stockFile = join(ROOT, 'output', `bench-stock-${scene}.mp4`);
  const score = existsSync(stockFile) ? ssim(join(out, `${scene}.mp4`), stockFile) : NaN;
  rmSync(stockFile, {force: true});
  console.log(
    `\nstart-up, before / after: ${(before / after).toFixed(2)}x (${before.toFixed(2)} s → ${after.toFixed(2)} s)`,
  );
  console.log(`--workers 2 throughput / --workers 1 on one CPU: ${ratio('pinned', 'two')} (target 1.8x)`);
  console.log(`--workers 2 throughput / --workers 1: ${ratio('one', 'two')}`);
  console.log(`--workers 1 throughput / --workers 1 on one CPU: ${ratio('pinned', 'one')}`);
  console.log(`(a) time / (c) draw-only time, one worker: ${ratio('one', 'floor')} (target ≤ 1.15x)`);
  console.log(`(a) on one CPU / (c): ${ratio('pinned', 'floor')}`);
  console.log(`the three MP4s are ${same ? 'identical, byte for byte' : 'NOT identical'}`);
  console.log(`(b) stock time / (a) time: ${(stock / one).toFixed(2)}x; SSIM (a) vs (b): ${score.toFixed(5)}`);
} finally {
  rmSync(out, {recursive: true, force: true});
}
