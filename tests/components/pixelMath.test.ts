import {describe, expect, it} from 'vitest';
import {hexToRgb} from '../../src/components/colorMath';
import {
  barGeometry,
  barsBounds,
  columnCellCenter,
  divergingColor,
  greyColor,
  gridCellCenter,
  inkOn,
  pixelGridBounds,
} from '../../src/components/pixelMath';
import {colors} from '../../src/components/theme';

describe('pixel grid, heatmap and bar maths', () => {
  it('grey levels run from black at 0 to white at 1, clamped outside', () => {
    expect(greyColor(0)).toEqual([0, 0, 0]);
    expect(greyColor(1)).toEqual([255, 255, 255]);
    expect(greyColor(0.5)).toEqual([127.5, 127.5, 127.5]);
    expect(greyColor(2)).toEqual([255, 255, 255]);
    expect(greyColor(-1)).toEqual([0, 0, 0]);
  });

  it('the diverging map is neuronOff at 0, blue at +scale, orange at −scale, and saturates', () => {
    expect(divergingColor(0, 1)).toEqual(hexToRgb(colors.neuronOff));
    expect(divergingColor(2, 2)).toEqual(hexToRgb(colors.weightPositive));
    expect(divergingColor(-2, 2)).toEqual(hexToRgb(colors.weightNegative));
    expect(divergingColor(5, 2)).toEqual(hexToRgb(colors.weightPositive));
    const half = divergingColor(1, 2);
    expect(half[2]).toBeGreaterThan(hexToRgb(colors.neuronOff)[2]);
    expect(half[2]).toBeLessThan(hexToRgb(colors.weightPositive)[2]);
  });

  it('numbers are dark on bright cells and light on dark cells', () => {
    expect(inkOn(greyColor(1))).toBe(colors.background);
    expect(inkOn(greyColor(0))).toBe(colors.text);
  });

  it('grid cells are centred on the origin, row by row; column cells stack top to bottom', () => {
    expect(gridCellCenter(0, 64, 8, 10)).toEqual([-35, -35]);
    expect(gridCellCenter(63, 64, 8, 10)).toEqual([35, 35]);
    expect(gridCellCenter(9, 64, 8, 10)).toEqual([-25, -25]);
    expect(columnCellCenter(0, 64, -100, 12)).toEqual([-100, -378]);
    expect(columnCellCenter(63, 64, -100, 12)).toEqual([-100, 378]);
  });

  it('a bar is as long as its probability times maxBar, growing up or right from the base line', () => {
    const up = barGeometry(9, 10, 0.5, 500, 300, true, 30);
    expect(up.tip).toEqual([225, -150]);
    expect(up.rect[1] + up.rect[3]).toBe(0);
    expect(up.label).toEqual([225, 30]);
    const right = barGeometry(0, 10, 1, 500, 300, false, 30);
    expect(right.tip).toEqual([300, -225]);
    expect(right.label).toEqual([-30, -225]);
    expect(barGeometry(0, 10, 3, 500, 300, true, 30).tip[1]).toBe(-300);
  });

  it("a grid's cache box holds every cell, framed, wherever flatten takes it (a fading grid is drawn only inside it)", () => {
    const [count, cols, pitch, frame, colX, colPitch, colCell] = [64, 8, 30, 3, 260, 11, 10];
    const [x, y, w, h] = pixelGridBounds(count, cols, pitch, frame, colX, colPitch, colCell);
    const inside = (px: number, py: number) => px >= x && px <= x + w && py >= y && py <= y + h;
    for (let k = 0; k < count; k++) {
      const [gx, gy] = gridCellCenter(k, count, cols, pitch);
      const [cx, cy] = columnCellCenter(k, count, colX, colPitch);
      for (const t of [0, 0.3, 0.7, 1]) {
        const [px, py] = [gx + (cx - gx) * t, gy + (cy - gy) * t];
        for (const [dx, dy] of [
          [-1, -1],
          [1, 1],
        ])
          expect(inside(px + (dx * pitch) / 2, py + (dy * pitch) / 2)).toBe(true);
      }
    }
    // The frame sits outside the cells.
    expect(x).toBeLessThanOrEqual((-cols * pitch) / 2 - frame);
    expect(y).toBeLessThanOrEqual((-8 * pitch) / 2 - frame);
  });

  it("a bar chart's cache box holds every full-length bar, its labels and the percentage", () => {
    const [n, length, maxBar, font, gap] = [10, 600, 340, 30, 39];
    for (const vertical of [false, true]) {
      const [x, y, w, h] = barsBounds(length, maxBar, vertical, font, gap, 1);
      for (let k = 0; k < n; k++) {
        const {rect, label, tip} = barGeometry(k, n, 1, length, maxBar, vertical, gap);
        for (const [px, py] of [[rect[0], rect[1]], [rect[0] + rect[2], rect[1] + rect[3]], label, tip]) {
          expect(px).toBeGreaterThanOrEqual(x);
          expect(px).toBeLessThanOrEqual(x + w);
          expect(py).toBeGreaterThanOrEqual(y);
          expect(py).toBeLessThanOrEqual(y + h);
        }
      }
      // Room for "100.0%" past the tip of a full bar.
      if (!vertical) expect(x + w).toBeGreaterThan(maxBar + 16 + 6 * 0.6 * font);
      else expect(y).toBeLessThan(-maxBar - 16 - font);
    }
  });
});
