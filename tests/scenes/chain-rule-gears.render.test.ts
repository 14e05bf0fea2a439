import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {colors} from '../../src/components/theme';
import {GEAR, MARKER_RADIUS, gearHolds, markerAt} from '../../src/scenes/chain-rule-gears.model';
import {type Rgb, colorDistance, decodeFrame, designToPixel, hex, runCli} from '../helpers/media';

const W = 854;
const H = 480;
const FPS = 15;
const SCALE = Math.min(W / 1920, H / 1080);
const TOLERANCE = 2.5; // pixels at 854×480

/** Centroid of the marker-coloured pixels on gear i, searched over its whole body. */
function findMarker(pixel: (x: number, y: number) => Rgb, i: number): [number, number] | null {
  const [cx, cy] = designToPixel([GEAR.xs[i], GEAR.y], W, H);
  const r = (MARKER_RADIUS + GEAR.module * 1.2) * SCALE; // up to the tooth roots
  const red = hex(colors.red);
  let sx = 0,
    sy = 0,
    n = 0;
  for (let y = Math.floor(cy - r); y <= cy + r; y++) {
    for (let x = Math.floor(cx - r); x <= cx + r; x++) {
      if (Math.hypot(x - cx, y - cy) > r || colorDistance(pixel(x, y), red) > 50) continue;
      sx += x;
      sy += y;
      n++;
    }
  }
  return n >= 4 ? [sx / n, sy / n] : null;
}

/** Where a gear's marker would be if the gear were turned by `angle`, in output pixels. */
function markerForAngle(i: number, angle: number): [number, number] {
  return designToPixel([GEAR.xs[i] + MARKER_RADIUS * Math.cos(angle), GEAR.y - MARKER_RADIUS * Math.sin(angle)], W, H);
}

const dist = (a: [number, number], b: [number, number]) => Math.hypot(a[0] - b[0], a[1] - b[1]);

describe('chain-rule-gears render', () => {
  // The first two holds of beat 2: x = 6 (gear 3 has turned back past its peak) and x = 0.5 (ln x < 0).
  for (const hold of gearHolds().slice(0, 2)) {
    it(`with x held at ${hold.x}, gear 3's marker sits at angle sin(ln x) and gear 1's at x`, async () => {
      const frame = Math.round((hold.start + hold.seconds / 2) * FPS);
      const t = frame / FPS;
      const out = mkdtempSync(join(tmpdir(), 'nnm-crg-'));
      const r = await runCli([
        'chain-rule-gears',
        '-q',
        'l',
        '--range',
        `${t.toFixed(4)}:${(t + 0.2).toFixed(4)}`,
        '--out',
        out,
      ]);
      expect(r.code, r.stderr).toBe(0);
      const pixel = decodeFrame(join(out, 'chain-rule-gears.mp4'), 0, W, H);
      rmSync(out, {recursive: true, force: true});

      const x = hold.x;
      const gear3 = findMarker(pixel, 2);
      expect(gear3).not.toBeNull();
      const expected = designToPixel(markerAt(2, x), W, H);
      expect(dist(gear3!, expected)).toBeLessThan(TOLERANCE);
      // A gear that had not turned, or had turned by x like gear 1, would put the marker elsewhere.
      for (const wrong of [0, x]) expect(dist(gear3!, markerForAngle(2, wrong))).toBeGreaterThan(4 * TOLERANCE);

      const gear1 = findMarker(pixel, 0);
      expect(gear1).not.toBeNull();
      expect(dist(gear1!, designToPixel(markerAt(0, x), W, H))).toBeLessThan(TOLERANCE);
    }, 60_000);
  }
});
