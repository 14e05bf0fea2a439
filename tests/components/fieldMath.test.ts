import {describe, expect, it} from 'vitest';
import {fieldColor, fieldPixels} from '../../src/components/fieldMath';
import {hexToRgb} from '../../src/components/colorMath';
import {colors} from '../../src/components/theme';
import {sampleGrid} from '../../src/math/grid';

const dist = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

describe('decision field colours', () => {
  it('p = ½ is the background; p → 1 nears the positive class colour, p → 0 the negative one', () => {
    expect(fieldColor(0.5)).toEqual(hexToRgb(colors.background));
    const pos = hexToRgb(colors.classPositive),
      neg = hexToRgb(colors.classNegative);
    expect(dist(fieldColor(1), pos)).toBeLessThan(dist(fieldColor(1), neg));
    expect(dist(fieldColor(0), neg)).toBeLessThan(dist(fieldColor(0), pos));
    expect(dist(fieldColor(1), pos)).toBeLessThan(dist(fieldColor(0.75), pos));
  });

  it('the image puts large y at the top row, as the screen does', () => {
    // p = 1 where y > 0: the top image row is positive, the bottom row negative.
    const grid = sampleGrid((_x, y) => (y > 0 ? 1 : 0), {xMin: -1, xMax: 1, yMin: -1, yMax: 1}, 3, 4);
    const px = fieldPixels(grid);
    const rowColour = (r: number) => [px[4 * 3 * r], px[4 * 3 * r + 1], px[4 * 3 * r + 2]];
    const pos = fieldColor(1).map(Math.round),
      neg = fieldColor(0).map(Math.round);
    expect(rowColour(0)).toEqual(pos);
    expect(rowColour(3)).toEqual(neg);
    expect(px[3]).toBe(255);
  });
});
