import {sampleLandscape} from '../src/math/grid';
import {listMinima} from '../src/math/minima';
import {mountainTerrain} from '../src/math/terrain';
import {walkDownhill} from '../src/math/walkers';

// Best of several runs, after a warm-up, so one slow run on the shared machine does not decide.
function bestMs(runs: number, work: () => void): number {
  work();
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    work();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** Benchmark parts (2) and (3) of `npm run bench:engine`. */
export async function runLandscapeBench(): Promise<void> {
  const terrain = mountainTerrain(1);
  const gridMs = bestMs(20, () => sampleLandscape(terrain, 256, 256));
  console.log(`(2) 256×256 grid of the mountain terrain and its gradient: ${gridMs.toFixed(2)} ms (target < 5 ms)`);

  // The foggy-descent timeline: terrain, its minima, and six walkers from starts around the rim.
  const starts = Array.from({length: 6}, (_, n) => [2.4 * Math.cos(n + 0.3), 2.4 * Math.sin(n + 0.3)] as const);
  let walkers = 0;
  const timelineMs = bestMs(5, () => {
    const t = mountainTerrain(1);
    const minima = listMinima(t);
    walkers = walkDownhill(t, starts, {optimizer: 'sgd', lr: 0.05, maxSteps: 600, gradTol: 1e-4}, minima).length;
  });
  console.log(
    `(3) foggy-descent timeline (terrain, minima, ${walkers} walkers): ${timelineMs.toFixed(1)} ms (target < 200 ms)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await runLandscapeBench();
