import {asObjective, type Landscape} from './landscapes';
import {descend, type DescentOptions} from './optimizers';

/** A local minimum found by descent, with the grid starts that rolled into it. */
export interface Minimum {
  x: number;
  y: number;
  value: number;
  /** Starting points (x, y) of the descents that ended here: samples of its basin. */
  basin: [number, number][];
}

export interface MinimaOptions {
  /** Starts per side of the grid of starting points. Default 9. */
  starts?: number;
  descent?: DescentOptions;
  /** Ends closer than this are the same minimum. Default 1e-3 of the domain width. */
  mergeRadius?: number;
}

/** Plain gradient descent, so each start really lies in the basin of the minimum it reaches. */
export const MINIMA_DESCENT: DescentOptions = {optimizer: 'sgd', lr: 0.05, maxSteps: 20000, gradTol: 1e-8};

/**
 * Local minima of a landscape: descend from a grid of starts across its bounds,
 * keep the runs that converged inside the bounds, merge equal ends.
 * Sorted from lowest to highest.
 */
export function listMinima(landscape: Landscape, opts: MinimaOptions = {}): Minimum[] {
  const {xMin, xMax, yMin, yMax} = landscape.bounds;
  const n = opts.starts ?? 9;
  const descent = opts.descent ?? MINIMA_DESCENT;
  const merge = opts.mergeRadius ?? 1e-3 * (xMax - xMin);
  const objective = asObjective(landscape);
  const found: Minimum[] = [];
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      // Cell centres, so no start sits exactly on the domain's symmetry lines.
      const sx = xMin + ((i + 0.5) / n) * (xMax - xMin);
      const sy = yMin + ((j + 0.5) / n) * (yMax - yMin);
      const run = descend(objective, [sx, sy], descent);
      if (run.stop !== 'gradTol') continue;
      const x = run.params[run.steps * 2];
      const y = run.params[run.steps * 2 + 1];
      if (x < xMin || x > xMax || y < yMin || y > yMax) continue;
      const same = found.find(m => Math.hypot(m.x - x, m.y - y) < merge);
      if (same) same.basin.push([sx, sy]);
      else found.push({x, y, value: run.loss[run.steps], basin: [[sx, sy]]});
    }
  }
  return found.sort((a, b) => a.value - b.value);
}

/** Index of the minimum closest to (x, y) and its distance. */
export function nearestMinimum(minima: readonly Minimum[], x: number, y: number): {index: number; distance: number} {
  let index = -1;
  let distance = Infinity;
  minima.forEach((m, i) => {
    const d = Math.hypot(m.x - x, m.y - y);
    if (d < distance) {
      distance = d;
      index = i;
    }
  });
  return {index, distance};
}
