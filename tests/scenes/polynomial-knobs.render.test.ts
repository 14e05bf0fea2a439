import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {colors} from '../../src/components/theme';
import {polyval} from '../../src/math/leastSquares';
import {BEATS, DESCENT_END, HAND, PLOT_MAP, T, knobsAt, plotToDesign} from '../../src/scenes/polynomial-knobs.model';
import {type Rgb, decodeFrame, designToPixel, hex, nearest, runCli} from '../helpers/media';

const W = 854;
const H = 480;
const FPS = 15;
const SCALE = Math.min(W / 1920, H / 1080);

describe('polynomial-knobs render: the fitted curve where the engine puts it', () => {
  let pixel: (x: number, y: number) => Rgb;
  // During the comparison beat: descent has stopped and the table is in; nothing moves.
  const t = Math.round((BEATS.compare + T.tableIn + 1.5) * FPS) / FPS;
  /** x where no sample or square sits near the curve. */
  const XS = [-1.7, -0.35, 1.6];
  const at = (x: number, y: number) => designToPixel(plotToDesign(x, y), W, H);

  beforeAll(async () => {
    Array.from(knobsAt(t)).forEach((v, j) => expect(v).toBe(DESCENT_END[j]));
    const out = mkdtempSync(join(tmpdir(), 'nnm-knobs-'));
    const r = await runCli([
      'polynomial-knobs',
      '-q',
      'l',
      '--range',
      `${t.toFixed(4)}:${(t + 0.2).toFixed(4)}`,
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    pixel = decodeFrame(join(out, 'polynomial-knobs.mp4'), 0, W, H);
    rmSync(out, {recursive: true, force: true});
  }, 180_000);

  it("the curve passes through the pixel of the engine's p(x) at descent's last knobs", () => {
    const blue = hex(colors.blue);
    for (const x of XS) {
      const y = polyval(DESCENT_END, x);
      expect(y).toBeGreaterThan(PLOT_MAP.yRange[0]);
      expect(y).toBeLessThan(PLOT_MAP.yRange[1]);
      const p = at(x, y);
      expect(nearest(pixel, p, blue), `x = ${x}`).toBeLessThan(60);
      // 30 design pixels above and below it: not the curve.
      for (const d of [-30, 30])
        expect(nearest(pixel, [p[0], p[1] + d * SCALE], blue, 1), `x = ${x}, ${d}`).toBeGreaterThan(100);
    }
  });

  it("the hand's last curve, from before descent, is gone", () => {
    const blue = hex(colors.blue);
    const before = HAND[HAND.length - 1];
    // Where that curve was inside the plot and well away from the fitted one.
    const grid = Array.from({length: 33}, (_, i) => -1.6 + 0.1 * i);
    const far = grid.filter(
      x =>
        Math.abs(polyval(before, x) - polyval(DESCENT_END, x)) > 0.8 &&
        polyval(before, x) > -2.3 &&
        polyval(before, x) < 3.3,
    );
    expect(far.length).toBeGreaterThan(0);
    for (const x of far) expect(nearest(pixel, at(x, polyval(before, x)), blue, 1)).toBeGreaterThan(100);
  });
});
