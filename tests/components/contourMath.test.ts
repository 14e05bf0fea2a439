import {describe, expect, it} from 'vitest';
import {DEFAULT_SAMPLE_SPACING, plotSize, samplesFor} from '../../src/components/contourMath';
import {contourLines} from '../../src/math/contours';
import {sampleGrid} from '../../src/math/grid';

const valley = {xMin: -10, xMax: 10, yMin: -3, yMax: 3};

describe('ContourMap geometry', () => {
  it('equalAspect draws a 20×6 domain 20:6, as large as fits; otherwise the domain fills the node', () => {
    expect(plotSize(800, 800, valley, true)).toEqual([800, 240]);
    expect(plotSize(300, 600, valley, true)).toEqual([300, 90]);
    expect(plotSize(200, 30, valley, true)).toEqual([100, 30]);
    expect(plotSize(800, 800, valley, false)).toEqual([800, 800]);
  });

  it('samples a side so neighbours are at most the spacing apart on screen', () => {
    expect(samplesFor(400, 4)).toBe(101);
    expect(samplesFor(401, 4)).toBe(102);
    expect(samplesFor(1, 4)).toBe(2);
    for (const px of [37, 240, 999]) expect(px / (samplesFor(px) - 1)).toBeLessThanOrEqual(DEFAULT_SAMPLE_SPACING);
  });

  /** Worst distance in screen pixels of the level-r² contour of x² + y² from the true circle, at `n` samples a side. */
  function worstError(n: number, px: number, r: number): number {
    const square = {xMin: -1, xMax: 1, yMin: -1, yMax: 1};
    const [line] = contourLines(
      sampleGrid((x, y) => x * x + y * y, square, n, n),
      r * r,
    );
    let worst = 0;
    // Vertices and chord midpoints: a jagged polygon strays most between its vertices.
    for (let k = 0; k < line.points.length - 2; k += 2) {
      const [x0, y0, x1, y1] = line.points.slice(k, k + 4);
      for (const [x, y] of [
        [x0, y0],
        [(x0 + x1) / 2, (y0 + y1) / 2],
      ])
        worst = Math.max(worst, Math.abs(Math.hypot(x, y) - r));
    }
    return (worst * px) / 2;
  }

  it('at the default spacing an inner contour is smooth on screen (under 0.25 px off the circle); a coarse grid is not', () => {
    const px = 400; // the map's side on screen
    expect(worstError(samplesFor(px), px, 0.15)).toBeLessThan(0.25);
    expect(worstError(12, px, 0.15)).toBeGreaterThan(1);
  });
});
