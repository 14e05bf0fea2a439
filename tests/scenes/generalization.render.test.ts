import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {
  AXES_MAP,
  BEATS,
  CHART,
  DIM,
  FIT_COLORS,
  GAP,
  T,
  TEST,
  TEST_COLOR,
  barGeometry,
  fitAt,
  graphToDesign,
} from '../../src/scenes/generalization.model';
import {colors} from '../../src/components/theme';
import {type Rgb, colorDistance, decodeFrame, designToPixel, hex, runCli} from '../helpers/media';

const W = 854;
const H = 480;
const FPS = 15;
const px = (p: [number, number]) => designToPixel(p, W, H);

/** The closest colour to `target` within r pixels of (x, y): thin lines lose colour to chroma subsampling. */
function nearest(pixel: (x: number, y: number) => Rgb, [x, y]: [number, number], target: Rgb, r = 2): number {
  let best = Infinity;
  for (let dy = -r; dy <= r; dy++) {
    for (let dx = -r; dx <= r; dx++) best = Math.min(best, colorDistance(pixel(x + dx, y + dy), target));
  }
  return best;
}

/** Renders 0.2 s from time t at -q l and decodes its first frame. */
async function frameAt(t: number): Promise<(x: number, y: number) => Rgb> {
  const out = mkdtempSync(join(tmpdir(), 'nnm-general-'));
  const range = `${t.toFixed(4)}:${(t + 0.2).toFixed(4)}`;
  const r = await runCli(['generalization', '-q', 'l', '--range', range, '--out', out]);
  expect(r.code, r.stderr).toBe(0);
  const pixel = decodeFrame(join(out, 'generalization.mp4'), 0, W, H);
  rmSync(out, {recursive: true, force: true});
  return pixel;
}

describe('generalization render: the three curves across the gap, before the held-out points', () => {
  let pixel: (x: number, y: number) => Rgb;
  // All three curves drawn, held-out points not yet shown.
  const t = Math.round((BEATS.compare + 1) * FPS) / FPS;
  beforeAll(async () => {
    pixel = await frameAt(t);
  }, 180_000);

  it('the degree-3 curve passes through the pixel the engine predicts inside the gap, not 25 px above or below', () => {
    const green = hex(FIT_COLORS[1]);
    for (const x of [1.25, 1.5, 1.75]) {
      const [dx, dy] = graphToDesign(x, fitAt(1, x));
      expect(nearest(pixel, px([dx, dy]), green)).toBeLessThan(60);
      for (const off of [-25, 25]) expect(nearest(pixel, px([dx, dy + off]), green, 1)).toBeGreaterThan(100);
    }
  });

  it('the degree-1 line crosses the gap at its engine height, far below the degree-3 curve', () => {
    const orange = hex(FIT_COLORS[0]);
    expect(nearest(pixel, px(graphToDesign(1.5, fitAt(0, 1.5))), orange)).toBeLessThan(60);
  });

  it('degree 12 runs off the top of the plot inside the gap and is clipped at the edge', () => {
    const red = hex(FIT_COLORS[2]);
    const top = AXES_MAP.yRange[1];
    // Where the rising branch is just inside the top, and where it has just left it.
    let inside = GAP[0];
    while (fitAt(2, inside) < top - 0.3) inside += 0.001;
    let outside = inside;
    while (fitAt(2, outside) < top + 0.1) outside += 0.001;
    expect(nearest(pixel, px(graphToDesign(inside, fitAt(2, inside))), red)).toBeLessThan(60);
    // Above the plot's top edge nothing of it is drawn (without the clip the curve would reach 5% past the edge).
    const [ox, oy] = graphToDesign(outside, top);
    expect(nearest(pixel, px([ox, oy - 14]), red, 1)).toBeGreaterThan(120);
  });

  it('no held-out point is drawn yet', () => {
    const yellow = hex(TEST_COLOR);
    const shown = Array.from(TEST.xs, (x, i) => colorDistance(pixel(...px(graphToDesign(x, TEST.ys[i]))), yellow));
    for (const d of shown) expect(d).toBeGreaterThan(100);
  });
});

describe('generalization render: held-out points and the error bars', () => {
  let pixel: (x: number, y: number) => Rgb;
  // The test bars are grown; the fits are not yet named, so nothing is dimmed.
  const t = Math.round((BEATS.testBars + T.grow + 1) * FPS) / FPS;
  beforeAll(async () => {
    expect(t).toBeLessThan(BEATS.names[0]);
    pixel = await frameAt(t);
  }, 180_000);

  it('every held-out point is drawn where the engine puts it', () => {
    const yellow = hex(TEST_COLOR);
    const shown = Array.from(TEST.xs, (x, i) => colorDistance(pixel(...px(graphToDesign(x, TEST.ys[i]))), yellow));
    for (const d of shown) expect(d).toBeLessThan(60);
  });

  it('each test bar ends at the height of the engine test error on the log scale', () => {
    const yellow = hex(TEST_COLOR);
    for (let i = 0; i < 3; i++) {
      const {x, height} = barGeometry(i, 'test');
      const topY = CHART.baseline - height;
      expect(colorDistance(pixel(...px([x, topY + 8])), yellow)).toBeLessThan(60);
      expect(colorDistance(pixel(...px([x, topY - 10])), yellow)).toBeGreaterThan(100);
    }
  });
});

describe('generalization render: the good fit in focus, the others dimmed', () => {
  let pixel: (x: number, y: number) => Rgb;
  const t = Math.round((BEATS.names[1] + T.name / 2) * FPS) / FPS;
  beforeAll(async () => {
    pixel = await frameAt(t);
  }, 180_000);

  it('the degree-3 curve is at full colour and the degree-1 line is still drawn, faded to the dimmed opacity', () => {
    expect(nearest(pixel, px(graphToDesign(1.5, fitAt(1, 1.5))), hex(FIT_COLORS[1]))).toBeLessThan(60);
    // Left of the gap, on the plain background: orange at DIM opacity over the background colour.
    const [o, bg] = [hex(FIT_COLORS[0]), hex(colors.background)];
    const faded = o.map((c, k) => DIM * c + (1 - DIM) * bg[k]) as Rgb;
    const at = px(graphToDesign(0.6, fitAt(0, 0.6)));
    expect(nearest(pixel, at, faded)).toBeLessThan(30);
    expect(nearest(pixel, at, o)).toBeGreaterThan(100);
  });
});
