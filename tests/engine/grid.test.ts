import {describe, expect, it} from 'vitest';
import {gridX, gridY, sampleGrid, sampleLandscape} from '../../src/math/grid';
import {himmelblau} from '../../src/math/landscapes';
import {mountainTerrain} from '../../src/math/terrain';

describe('grid sampling', () => {
  it('sample (i, j) is f at (gridX(i), gridY(j)), corners included', () => {
    const h = himmelblau();
    const g = sampleGrid(h.value, h.bounds, 7, 5, true);
    expect(gridX(g, 0)).toBe(-5);
    expect(gridX(g, 6)).toBe(5);
    expect(gridY(g, 4)).toBe(5);
    const grad = new Float64Array(2);
    for (const [i, j] of [
      [0, 0],
      [3, 2],
      [6, 4],
      [5, 1],
    ]) {
      const k = j * 7 + i;
      expect(g.z[k]).toBe(h.value(gridX(g, i), gridY(g, j), grad));
      expect(g.gx?.[k]).toBe(grad[0]);
      expect(g.gy?.[k]).toBe(grad[1]);
    }
    expect(g.zMin).toBe(Math.min(...g.z));
    expect(g.zMax).toBe(Math.max(...g.z));
  });
  it("terrain's separable fast path equals sampling its readable height function", () => {
    for (const seed of [2, 9]) {
      const t = mountainTerrain(seed);
      const b = {xMin: -2.5, xMax: 3, yMin: -3, yMax: 1.5};
      const fast = sampleLandscape(t, 33, 21, b);
      const slow = sampleGrid(t.value, b, 33, 21, true);
      for (let k = 0; k < slow.z.length; k++) {
        expect(fast.z[k]).toBeCloseTo(slow.z[k], 12);
        expect(fast.gx?.[k]).toBeCloseTo(slow.gx?.[k] ?? NaN, 12);
        expect(fast.gy?.[k]).toBeCloseTo(slow.gy?.[k] ?? NaN, 12);
      }
      expect(fast.zMin).toBeCloseTo(slow.zMin, 12);
      expect(fast.zMax).toBeCloseTo(slow.zMax, 12);
    }
  });
});
