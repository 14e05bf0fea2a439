import {describe, expect, it} from 'vitest';
import {asObjective, himmelblau} from '../../src/math/landscapes';
import {listMinima, nearestMinimum} from '../../src/math/minima';
import {descend} from '../../src/math/optimizers';
import {mulberry32} from '../../src/math/random';
import {mountainTerrain} from '../../src/math/terrain';
import {walkDownhill} from '../../src/math/walkers';

const SEEDS = [1, 4, 7];

describe('terrain minima', () => {
  it('every listed minimum is a true local minimum: zero gradient, positive-definite Hessian', () => {
    for (const seed of SEEDS) {
      const t = mountainTerrain(seed);
      const minima = listMinima(t);
      expect(minima.length).toBeGreaterThanOrEqual(3);
      const g = new Float64Array(2);
      for (const m of minima) {
        t.value(m.x, m.y, g);
        expect(Math.hypot(g[0], g[1])).toBeLessThan(1e-7);
        // Hessian by central differences of the gradient.
        const h = 1e-4;
        const gAt = (x: number, y: number) => (t.value(x, y, g), [g[0], g[1]]);
        const [ax, ay] = gAt(m.x + h, m.y),
          [bx, by] = gAt(m.x - h, m.y);
        const [cx, cy] = gAt(m.x, m.y + h),
          [dx, dy] = gAt(m.x, m.y - h);
        const hxx = (ax - bx) / (2 * h),
          hxy = (ay - by) / (2 * h);
        const hyx = (cx - dx) / (2 * h),
          hyy = (cy - dy) / (2 * h);
        expect(hxx).toBeGreaterThan(0);
        expect(hxx * hyy - hxy * hyx).toBeGreaterThan(0);
      }
    }
  });

  it('listed minima are distinct and sorted from lowest to highest', () => {
    const minima = listMinima(mountainTerrain(1));
    for (let a = 0; a < minima.length; a++) {
      if (a > 0) expect(minima[a].value).toBeGreaterThanOrEqual(minima[a - 1].value);
      for (let b = a + 1; b < minima.length; b++) {
        expect(Math.hypot(minima[a].x - minima[b].x, minima[a].y - minima[b].y)).toBeGreaterThan(0.1);
      }
    }
  });

  it("plain descent from each listed minimum's basin ends at that minimum", () => {
    for (const seed of SEEDS) {
      const t = mountainTerrain(seed);
      const minima = listMinima(t);
      const rng = mulberry32(seed);
      minima.forEach((m, index) => {
        // The grid starts that rolled here, and points scattered close around the minimum.
        const near = Array.from({length: 6}, () => [m.x + 0.1 * (rng() - 0.5), m.y + 0.1 * (rng() - 0.5)] as const);
        for (const start of [...m.basin, ...near]) {
          const run = descend(asObjective(t), start, {optimizer: 'sgd', lr: 0.03, maxSteps: 40000, gradTol: 1e-9});
          expect(run.stop).toBe('gradTol');
          const end = nearestMinimum(minima, run.params[run.steps * 2], run.params[run.steps * 2 + 1]);
          expect(end.index).toBe(index);
          expect(end.distance).toBeLessThan(1e-5);
        }
      });
    }
  });

  it('finds the four known minima of Himmelblau', () => {
    const minima = listMinima(himmelblau(), {descent: {optimizer: 'sgd', lr: 0.005, maxSteps: 20000, gradTol: 1e-9}});
    expect(minima.length).toBe(4);
    for (const [x, y] of [
      [3, 2],
      [-2.805118, 3.131312],
      [-3.77931, -3.283186],
      [3.584428, -1.848126],
    ]) {
      expect(nearestMinimum(minima, x, y).distance).toBeLessThan(1e-5);
    }
  });

  it('walkers from several starts each end near a listed minimum, loss never rising', () => {
    const t = mountainTerrain(1);
    const minima = listMinima(t);
    const starts = Array.from({length: 6}, (_, n) => [2.4 * Math.cos(n + 0.3), 2.4 * Math.sin(n + 0.3)] as const);
    const walkers = walkDownhill(t, starts, {optimizer: 'sgd', lr: 0.05, maxSteps: 600, gradTol: 1e-4}, minima);
    for (const w of walkers) {
      expect(w.missBy).toBeLessThan(1e-3);
      for (let i = 1; i <= w.path.steps; i++) expect(w.path.loss[i]).toBeLessThanOrEqual(w.path.loss[i - 1] + 1e-12);
    }
    expect(new Set(walkers.map(w => w.minimum)).size).toBeGreaterThanOrEqual(3);
  });
});
