import {describe, expect, it} from 'vitest';
import {himmelblau, lineFitBowl, quadraticBowl, rosenbrock, type Landscape} from '../../src/math/landscapes';
import {mountainTerrain} from '../../src/math/terrain';
import {mulberry32} from '../../src/math/random';

// Central finite difference of the landscape's value (no gradient requested).
function numericGrad(l: Landscape, x: number, y: number, h = 1e-5): [number, number] {
  return [(l.value(x + h, y) - l.value(x - h, y)) / (2 * h), (l.value(x, y + h) - l.value(x, y - h)) / (2 * h)];
}

function expectGradMatchesFiniteDifferences(l: Landscape, points = 200, seed = 1) {
  const rng = mulberry32(seed);
  const {xMin, xMax, yMin, yMax} = l.bounds;
  const g = new Float64Array(2);
  for (let n = 0; n < points; n++) {
    const x = xMin + rng() * (xMax - xMin);
    const y = yMin + rng() * (yMax - yMin);
    const v = l.value(x, y, g);
    expect(v).toBeCloseTo(l.value(x, y), 12);
    const [nx, ny] = numericGrad(l, x, y);
    const scale = Math.max(1, Math.abs(nx), Math.abs(ny));
    expect(Math.abs(g[0] - nx) / scale).toBeLessThan(1e-6);
    expect(Math.abs(g[1] - ny) / scale).toBeLessThan(1e-6);
  }
}

describe('landscapes have exact gradients', () => {
  it('terrain gradient matches central finite differences, for several seeds', () => {
    for (const seed of [1, 7, 42]) expectGradMatchesFiniteDifferences(mountainTerrain(seed), 300, seed);
  });
  it('rotated quadratic bowl gradient matches finite differences', () => {
    expectGradMatchesFiniteDifferences(quadraticBowl({condition: 10, angle: 0.7, center: [0.3, -0.2]}));
  });
  it('Rosenbrock and Himmelblau gradients match finite differences', () => {
    expectGradMatchesFiniteDifferences(rosenbrock());
    expectGradMatchesFiniteDifferences(himmelblau());
  });
  it('line-fit bowl gradient matches finite differences', () => {
    expectGradMatchesFiniteDifferences(lineFitBowl([0, 1, 2, 3.5], [1, 2.5, 2.9, 5]));
  });
});

describe('landscape values', () => {
  it('line-fit bowl equals the sum of squared residuals computed point by point', () => {
    const xs = [-1, 0.5, 2, 3];
    const ys = [0.2, 1.1, 2.7, 4.4];
    const bowl = lineFitBowl(xs, ys);
    const rng = mulberry32(3);
    for (let n = 0; n < 50; n++) {
      const k1 = rng() * 6 - 3;
      const k2 = rng() * 6 - 3;
      const direct = xs.reduce((s, x, i) => s + (k1 * x + k2 - ys[i]) ** 2, 0);
      expect(bowl.value(k1, k2)).toBeCloseTo(direct, 10);
    }
  });
  it('line-fit bowl is flat at the normal-equation solution', () => {
    const xs = [0, 1, 2, 3];
    const ys = [1, 3, 4, 7];
    // Normal equations for y = k1·x + k2, solved by Cramer's rule.
    const n = xs.length,
      sx = 6,
      sxx = 14,
      sy = 15,
      sxy = 0 * 1 + 1 * 3 + 2 * 4 + 3 * 7;
    const det = sxx * n - sx * sx;
    const k1 = (sxy * n - sx * sy) / det;
    const k2 = (sxx * sy - sx * sxy) / det;
    const g = new Float64Array(2);
    lineFitBowl(xs, ys).value(k1, k2, g);
    expect(Math.abs(g[0]) + Math.abs(g[1])).toBeLessThan(1e-12);
  });
  it('quadratic bowl has curvatures λmin and κ·λmin along its rotated axes', () => {
    const bowl = quadraticBowl({condition: 25, scale: 2, angle: Math.PI / 6});
    const t = 1e-3;
    const along = (ux: number, uy: number) => (2 * bowl.value(t * ux, t * uy)) / (t * t);
    const c = Math.cos(Math.PI / 6),
      s = Math.sin(Math.PI / 6);
    expect(along(c, s)).toBeCloseTo(2, 9);
    expect(along(-s, c)).toBeCloseTo(50, 9);
  });
  it('Himmelblau is zero at its four known minima', () => {
    const h = himmelblau();
    for (const [x, y] of [
      [3, 2],
      [-2.805118, 3.131312],
      [-3.77931, -3.283186],
      [3.584428, -1.848126],
    ]) {
      expect(h.value(x, y)).toBeLessThan(1e-8);
    }
  });
  it('the same seed gives the same terrain, and another seed a different one', () => {
    const a = mountainTerrain(5),
      b = mountainTerrain(5),
      c = mountainTerrain(6);
    expect(a.value(0.3, -1.2)).toBe(b.value(0.3, -1.2));
    expect(a.value(0.3, -1.2)).not.toBe(c.value(0.3, -1.2));
  });
});
