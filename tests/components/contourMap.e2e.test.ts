/** ContourMap drawn in the render page: pixels of a still where its geometry says they must be. */
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {colors} from '../../src/components/theme';
import {BOWL, LEVEL, VALLEY} from '../fixtures/contour-map.values';
import {decodePng, designToPixel, hex, nearest, runCli, type Rgb} from '../helpers/media';

const [W, H] = [960, 540];
let pixel: (x: number, y: number) => Rgb;

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'nnm-contour-'));
  const r = await runCli([
    'contour-map',
    '--project',
    'tests/fixtures/contour.project.ts',
    '--size',
    `${W}x${H}`,
    '--still',
    '0.5',
    '--out',
    out,
  ]);
  expect(r.code, r.stderr).toBe(0);
  pixel = decodePng(join(out, 'contour-map-0.5s.png'), W, H);
}, 300_000);

/** Colour distance to `color` at a point given in a map's local design pixels. */
const at = (mapX: number, [x, y]: [number, number], color: string, r = 1) =>
  nearest(pixel, designToPixel([mapX + x, y], W, H), hex(color), r);

describe('ContourMap', () => {
  it('equalAspect: the 20×6 valley is drawn 800×240, so its contour meets the x axis at x = ±5 → ±200 px, and nothing is drawn above the band', () => {
    // valley(x, 0) = x²/100 = 0.25 at x = ±5: a quarter of the way in from the centre to each side.
    expect(at(VALLEY.x, [200, 0], colors.yellow)).toBeLessThan(30);
    expect(at(VALLEY.x, [-200, 0], colors.yellow)).toBeLessThan(30);
    // Filling the node instead (stretching y by 800/240) would put valley's y = ±0.5 at ±67 px; equal aspect puts it at ±20.
    expect(at(VALLEY.x, [0, -20], colors.yellow, 2)).toBeLessThan(30);
    expect(at(VALLEY.x, [0, -67], colors.surface)).toBeLessThan(12);
    expect(at(VALLEY.x, [0, -300], colors.surface)).toBeLessThan(12);
  });

  it('a 2-D overlay point needs no third coordinate: red at the domain centre', () => {
    expect(at(VALLEY.x, [0, 0], colors.red)).toBeLessThan(30);
  });

  it('radius rounds the background: the very corner shows the backdrop, the edge beside it the fill', () => {
    const half = VALLEY.size / 2;
    expect(at(VALLEY.x, [-half + 6, -half + 6], colors.background, 0)).toBeLessThan(12);
    expect(at(VALLEY.x, [-half + VALLEY.radius + 20, -half + 6], colors.surface, 0)).toBeLessThan(12);
  });

  it('childrenBelow: the contour is drawn over the red child, which shows where no contour is', () => {
    const r = (Math.sqrt(LEVEL) * BOWL.size) / 2; // the circle x² + y² = 0.25 of radius 0.5
    expect(at(BOWL.x, [r, 0], colors.yellow)).toBeLessThan(30);
    expect(at(BOWL.x, [-r, 0], colors.yellow)).toBeLessThan(30);
    expect(at(BOWL.x, [0, 0], colors.red)).toBeLessThan(30);
  });
});
