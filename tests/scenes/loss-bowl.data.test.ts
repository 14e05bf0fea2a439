import {describe, expect, it} from 'vitest';
import {gridX, gridY} from '../../src/math/grid';
import {meshHeightAt} from '../../src/math/mesh';
import {overlayPrimitives} from '../../src/math/painter';
import {paramsAt} from '../../src/math/optimizers';
import {
  AT_START,
  BEST,
  BOUNDS,
  DATA,
  DESCENT_STEPS,
  DIVERGE_ABOVE,
  GRID,
  LR,
  MESH,
  RUNS,
  START,
  descent,
  loss,
  partials,
  residuals,
} from '../../src/scenes/loss-bowl.model';

/** L written out by hand: the sum of squared residuals of the line y = k1·x + k2. */
function sumOfSquares(k1: number, k2: number): number {
  let s = 0;
  for (let i = 0; i < DATA.xs.length; i++) s += (DATA.ys[i] - k1 * DATA.xs[i] - k2) ** 2;
  return s;
}

const run = (name: 'small' | 'good' | 'large') => RUNS.find(r => r.name === name)!.path;

/** The bowl's curvatures, from Σx and Σx² (independent of the engine): eigenvalues of 2·[Σx² Σx; Σx n]. */
function curvatures(): [number, number] {
  let sx = 0,
    sxx = 0;
  for (const x of DATA.xs) [sx, sxx] = [sx + x, sxx + x * x];
  const [a, b, c] = [2 * sxx, 2 * sx, 2 * DATA.xs.length];
  const mid = (a + c) / 2;
  const r = Math.sqrt(((a - c) / 2) ** 2 + b * b);
  return [mid - r, mid + r];
}

describe('loss-bowl data', () => {
  it('the surface heights are the sum of squared residuals of the same points', () => {
    for (const [i, j] of [
      [0, 0],
      [13, 27],
      [39, 39],
      [20, 5],
    ]) {
      const z = GRID.z[j * GRID.nx + i];
      expect(z).toBeCloseTo(sumOfSquares(gridX(GRID, i), gridY(GRID, j)), 9);
    }
    const r = residuals(START[0], START[1]);
    expect(r.reduce((s, v) => s + v * v, 0)).toBeCloseTo(loss(START[0], START[1]), 9);
  });

  it('the slopes of the slices (autodiff) equal central finite differences of L', () => {
    const h = 1e-5;
    for (const [k1, k2] of [START, [1.2, 0.3], [BEST.k1, BEST.k2]]) {
      const p = partials(k1, k2);
      expect(p.loss).toBeCloseTo(sumOfSquares(k1, k2), 9);
      expect(p.d1).toBeCloseTo((sumOfSquares(k1 + h, k2) - sumOfSquares(k1 - h, k2)) / (2 * h), 5);
      expect(p.d2).toBeCloseTo((sumOfSquares(k1, k2 + h) - sumOfSquares(k1, k2 - h)) / (2 * h), 5);
    }
    // The start is on a slope: neither partial is near zero, so the tangents visibly tilt.
    expect(Math.abs(AT_START.d1)).toBeGreaterThan(5);
    expect(Math.abs(AT_START.d2)).toBeGreaterThan(5);
  });

  it('the bottom of the bowl is the least-squares line, inside the map', () => {
    const g = partials(BEST.k1, BEST.k2);
    expect(Math.hypot(g.d1, g.d2)).toBeLessThan(1e-9);
    expect(GRID.zMin).toBeGreaterThanOrEqual(loss(BEST.k1, BEST.k2) - 1e-12);
    expect(BEST.k1).toBeGreaterThan(BOUNDS.xMin);
    expect(BEST.k1).toBeLessThan(BOUNDS.xMax);
    expect(BEST.k2).toBeGreaterThan(BOUNDS.yMin);
    expect(BEST.k2).toBeLessThan(BOUNDS.yMax);
  });

  it('each descent path loses loss at every step at the good and small step sizes', () => {
    for (const path of [descent, run('good'), run('small')]) {
      for (let i = 1; i <= path.steps; i++) expect(path.loss[i]).toBeLessThanOrEqual(path.loss[i - 1] + 1e-12);
    }
    expect(descent.steps).toBe(DESCENT_STEPS);
  });

  it('the good descent reaches the least-squares line; the small one is still far from it', () => {
    const end = paramsAt(descent, descent.steps);
    expect(Math.hypot(end[0] - BEST.k1, end[1] - BEST.k2)).toBeLessThan(0.03);
    const crawl = run('small');
    const last = paramsAt(crawl, crawl.steps);
    expect(Math.hypot(last[0] - BEST.k1, last[1] - BEST.k2)).toBeGreaterThan(0.15);
    expect(crawl.loss[crawl.steps]).toBeGreaterThan(1.5 * loss(BEST.k1, BEST.k2));
  });

  it('the step sizes sit on either side of the stability limit 2/λmax', () => {
    const [lo, hi] = curvatures();
    expect(hi / lo).toBeGreaterThan(2); // an elongated bowl: the descent path bends
    expect(LR.good).toBeLessThan(1 / hi); // no overshoot even along the steep axis
    expect(LR.large).toBeGreaterThan(2 / hi);
    expect(LR.small * lo).toBeLessThan(0.1); // crawls along the gentle axis
  });

  it('the large step zig-zags across the bowl with growing swings and diverges', () => {
    const path = run('large');
    expect(path.stop).toBe('diverged');
    expect(path.loss[path.steps]).toBeGreaterThan(DIVERGE_ABOVE);
    const swing = Array.from({length: path.steps + 1}, (_, i) => paramsAt(path, i)[0] - BEST.k1);
    for (let i = 1; i < swing.length; i++) {
      expect(Math.sign(swing[i])).toBe(-Math.sign(swing[i - 1])); // crosses the valley every step
      if (i >= 2) expect(Math.abs(swing[i])).toBeGreaterThan(Math.abs(swing[i - 1]));
    }
    // The loss falls at first (the gentle direction still improves), then climbs for good.
    expect(path.loss[1]).toBeLessThan(path.loss[0]);
    for (let i = 3; i <= path.steps; i++) expect(path.loss[i]).toBeGreaterThan(path.loss[i - 1]);
    // It leaves the map before it stops: the contour panel clips its last swings.
    const outside = swing.findIndex(s => BEST.k1 + s < BOUNDS.xMin || BEST.k1 + s > BOUNDS.xMax);
    expect(outside).toBeGreaterThan(4);
    expect(outside).toBeLessThanOrEqual(path.steps);
  });

  it('a slice plane drawn onSurface stands on the surface and never dips below it', () => {
    const top = 0.9 * GRID.zMax;
    const prims = overlayPrimitives(MESH, [{kind: 'slice', axis: 'y', at: START[1], zTo: top, onSurface: true}]);
    expect(prims.length).toBe(MESH.nx - 1);
    for (const p of prims) {
      const [b0, b1, t1, t0] = p.world;
      expect(b0[2]).toBeCloseTo(meshHeightAt(MESH, b0[0], b0[1]), 12);
      expect(b1[2]).toBeCloseTo(meshHeightAt(MESH, b1[0], b1[1]), 12);
      expect(t0[2]).toBeGreaterThanOrEqual(b0[2]);
      expect(t1[2]).toBeGreaterThanOrEqual(b1[2]);
    }
    // Without onSurface the plane starts at the floor of the box, below the bowl.
    const floor = overlayPrimitives(MESH, [{kind: 'slice', axis: 'y', at: START[1], zTo: top}]);
    expect(floor[0].world[0][2]).toBe(0);
  });
});
