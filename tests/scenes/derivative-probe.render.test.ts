import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {unitSize} from '../../src/components/axisMath';
import {colors} from '../../src/components/theme';
import {
  AXES_MAP,
  BEATS,
  SLOPE_X0,
  T,
  X0,
  graphToDesign,
  lossAt,
  nudgeAt,
} from '../../src/scenes/derivative-probe.model';
import {type Rgb, colorDistance, decodeFrame, designToPixel, hex, nearest, runCli} from '../helpers/media';

const W = 854;
const H = 480;
const FPS = 15;
const SCALE = Math.min(W / 1920, H / 1080);

describe('derivative-probe render: the probe at Δx = 0.01, with its tangent', () => {
  let pixel: (x: number, y: number) => Rgb;
  // Mid-way through the verdict hold: the tangent is fully in and nothing moves.
  const t = Math.round((BEATS.tangent + T.tangentIn + 1.2) * FPS) / FPS;
  const L0 = lossAt(X0);
  const point = designToPixel(graphToDesign(X0, L0), W, H);
  // The tangent's direction on screen (y down), from the engine's slope.
  const [sx, sy] = unitSize(AXES_MAP);
  const n = Math.hypot(sx, SLOPE_X0 * sy);
  const along: [number, number] = [sx / n, (-SLOPE_X0 * sy) / n];
  const across: [number, number] = [-along[1], along[0]];
  const offset = (d: [number, number], design: number): [number, number] => [
    point[0] + d[0] * design * SCALE,
    point[1] + d[1] * design * SCALE,
  ];

  beforeAll(async () => {
    expect(nudgeAt(t)).toBeCloseTo(0.01, 12);
    const out = mkdtempSync(join(tmpdir(), 'nnm-probe-'));
    const r = await runCli([
      'derivative-probe',
      '-q',
      'l',
      '--range',
      `${t.toFixed(4)}:${(t + 0.2).toFixed(4)}`,
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    pixel = decodeFrame(join(out, 'derivative-probe.mp4'), 0, W, H);
    rmSync(out, {recursive: true, force: true});
  }, 90_000);

  it("the probe's point is drawn at the engine's (k1, L(k1))", () => {
    const yellow = hex(colors.highlight);
    expect(colorDistance(pixel(...point), yellow)).toBeLessThan(60);
    // 14 design pixels off the point's centre (its radius is 11), across the tangent and up the L axis: not the point.
    for (const p of [offset(across, 14), offset(across, -14), [point[0], point[1] - 14 * SCALE] as [number, number]]) {
      expect(colorDistance(pixel(...p), yellow)).toBeGreaterThan(100);
    }
  });

  it('the tangent through it has the dual-number slope: its colour lies along that direction, not across it', () => {
    const red = hex(colors.tangent);
    for (const d of [120, -120, 200, -200]) expect(nearest(pixel, offset(along, d), red)).toBeLessThan(60);
    for (const d of [60, -60]) expect(nearest(pixel, offset(across, d), red, 1)).toBeGreaterThan(100);
  });
});
