import {describe, expect, it} from 'vitest';
import {contourLines, contours, evenLevels} from '../../src/math/contours';
import {sampleGrid} from '../../src/math/grid';
import {himmelblau} from '../../src/math/landscapes';

const square = {xMin: -2, xMax: 2, yMin: -2, yMax: 2};

describe('marching squares', () => {
  it('contours of a plane lie exactly on their level', () => {
    const f = (x: number, y: number) => 0.7 * x - 1.3 * y + 0.2;
    const g = sampleGrid(f, square, 17, 13);
    for (const level of [-3, -0.5, 0, 1.7]) {
      const lines = contourLines(g, level);
      expect(lines.length).toBe(1);
      const p = lines[0].points;
      expect(p.length).toBeGreaterThan(4);
      for (let n = 0; n < p.length; n += 2) expect(f(p[n], p[n + 1])).toBeCloseTo(level, 12);
    }
  });

  it('a contour of the bowl x² + y² is one closed circle of the right radius', () => {
    const g = sampleGrid((x, y) => x * x + y * y, square, 81, 81);
    const lines = contourLines(g, 1.44);
    expect(lines.length).toBe(1);
    expect(lines[0].closed).toBe(true);
    const p = lines[0].points;
    for (let n = 0; n < p.length; n += 2) expect(Math.abs(Math.hypot(p[n], p[n + 1]) - 1.2)).toBeLessThan(2e-3);
    // Consecutive points are neighbours on the circle: the polyline is joined in order.
    for (let n = 2; n < p.length; n += 2) {
      expect(Math.hypot(p[n] - p[n - 2], p[n + 1] - p[n - 1])).toBeLessThan(0.05 * Math.SQRT2 + 1e-9); // at most a cell diagonal apart
    }
  });

  it('Himmelblau contour points lie on their level up to interpolation error', () => {
    const h = himmelblau();
    const g = sampleGrid(h.value, h.bounds, 161, 161);
    const levels = evenLevels(0, 200, 8);
    const lines = contours(g, levels);
    expect(new Set(lines.map(l => l.level)).size).toBe(levels.length);
    for (const line of lines) {
      for (let n = 0; n < line.points.length; n += 2) {
        const v = h.value(line.points[n], line.points[n + 1]);
        expect(Math.abs(v - line.level) / line.level).toBeLessThan(0.01);
      }
    }
    // Just above zero, each of the four minima is ringed by its own small closed loop.
    const low = contourLines(g, 2);
    expect(low.length).toBe(4);
    expect(low.every(l => l.closed)).toBe(true);
  });

  it('a contour that leaves the grid is open and ends on the border', () => {
    const g = sampleGrid((x, y) => x + 0.1 * y * y, square, 21, 21);
    const [line] = contourLines(g, 0.5);
    expect(line.closed).toBe(false);
    const p = line.points;
    const onBorder = (x: number, y: number) => Math.abs(Math.abs(x) - 2) < 1e-12 || Math.abs(Math.abs(y) - 2) < 1e-12;
    expect(onBorder(p[0], p[1])).toBe(true);
    expect(onBorder(p[p.length - 2], p[p.length - 1])).toBe(true);
  });
});
