import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {colors} from '../../src/components/theme';
import {domainToScreen} from '../../src/math/mesh';
import type {Vec3} from '../../src/math/projection';
import {
  DURATION,
  MESH,
  SURFACE_VIEWPORT,
  descent,
  descentCamera,
  descentHold,
  insetPosition,
  stepPoint,
} from '../../src/scenes/loss-bowl.model';
import {type Rgb, colorDistance, decodeFrame, designToPixel, hex, runCli} from '../helpers/media';

const W = 854;
const H = 480;
const FPS = 15;
const TOLERANCE = 2.5; // output pixels at 854×480

/** Where the surface draws a domain point (k1, k2, L) with the descent camera, in output pixels. */
function onScreen(p: Vec3): [number, number] {
  const s = domainToScreen(MESH.box, descentCamera(), SURFACE_VIEWPORT, p);
  return designToPixel([s.x - 960, s.y - 540], W, H);
}

/** Centroid of the marker-yellow pixels within `radius` of `around`, or null if there are too few. */
function findYellow(
  pixel: (x: number, y: number) => Rgb,
  around: [number, number],
  radius: number,
): [number, number] | null {
  const yellow = hex(colors.yellow);
  let sx = 0,
    sy = 0,
    n = 0;
  for (let y = Math.floor(around[1] - radius); y <= around[1] + radius; y++) {
    for (let x = Math.floor(around[0] - radius); x <= around[0] + radius; x++) {
      if (x < 0 || y < 0 || x >= W || y >= H || Math.hypot(x - around[0], y - around[1]) > radius) continue;
      if (colorDistance(pixel(x, y), yellow) > 45) continue;
      sx += x;
      sy += y;
      n++;
    }
  }
  return n >= 8 ? [sx / n, sy / n] : null;
}

const dist = (a: [number, number], b: [number, number]) => Math.hypot(a[0] - b[0], a[1] - b[1]);

describe('loss-bowl render', () => {
  const K = 1; // a held step of beat 4 whose neighbours land well apart on screen

  it(`during the descent, the marker sits at the engine's projected position of step ${K}`, async () => {
    const hold = descentHold(K);
    const frame = Math.round((hold.start + hold.seconds / 2) * FPS);
    const t = frame / FPS;
    expect(t).toBeGreaterThanOrEqual(hold.start);
    expect(t).toBeLessThan(hold.start + hold.seconds);

    const out = mkdtempSync(join(tmpdir(), 'nnm-lb-'));
    const r = await runCli([
      'loss-bowl',
      '-q',
      'l',
      '--range',
      `${t.toFixed(4)}:${(t + 0.2).toFixed(4)}`,
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const pixel = decodeFrame(join(out, 'loss-bowl.mp4'), 0, W, H);
    rmSync(out, {recursive: true, force: true});

    const here = stepPoint(descent, K);
    const expected = onScreen(here);
    const marker = findYellow(pixel, expected, 14);
    expect(marker).not.toBeNull();
    expect(dist(marker!, expected)).toBeLessThan(TOLERANCE);
    // The neighbouring steps, or the same (k1, k2) drawn on the floor of the box, would be elsewhere.
    for (const wrong of [stepPoint(descent, K - 1), stepPoint(descent, K + 1)]) {
      expect(dist(marker!, onScreen(wrong))).toBeGreaterThan(3 * TOLERANCE);
    }
    expect(dist(marker!, onScreen([here[0], here[1], 0]))).toBeGreaterThan(2 * TOLERANCE);

    // The contour inset shows the same step.
    const inset = designToPixel(insetPosition(here[0], here[1]), W, H);
    const dot = findYellow(pixel, inset, 10);
    expect(dot).not.toBeNull();
    expect(dist(dot!, inset)).toBeLessThan(TOLERANCE);
  }, 60_000);

  it("the rendered scene lasts as long as the model's timeline says", async () => {
    const r = await runCli(['--list']);
    expect(r.code, r.stderr).toBe(0);
    const line = r.stdout.split('\n').find(l => l.includes('loss-bowl'));
    expect(line).toBeDefined();
    const seconds = Number(/([\d.]+)\s*s/.exec(line!)?.[1]);
    expect(seconds).toBeCloseTo(DURATION, 1);
  }, 60_000);
});
