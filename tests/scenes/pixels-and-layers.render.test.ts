import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {colors} from '../../src/components/theme';
import {
  BARS,
  BAR_LENGTH,
  BARS_HELD,
  NET,
  OUTPUTS,
  PASS_INDICES,
  ZOOM,
  ZOOM_HELD,
  ZOOM_INDEX,
  frameAt,
  imageOf,
  passHeld,
  readingOf,
  zoomCellCenter,
} from '../../src/scenes/pixels-and-layers.model';
import {type Rgb, colorDistance, decodeFrame, designToPixel, hex, runCli} from '../helpers/media';

const W = 854;
const H = 480;
const FPS = 15;
const SCALE = Math.min(W / 1920, H / 1080);

type Pixel = (x: number, y: number) => Rgb;

/** The first frame at or after scene time t, rendered at -q l and decoded from the MP4. */
async function frameAtTime(t: number): Promise<Pixel> {
  const start = Math.ceil(t * FPS) / FPS;
  const out = mkdtempSync(join(tmpdir(), 'nnm-pixels-'));
  try {
    // Generous start-up and frame limits: on a busy machine the browser can take minutes to start.
    const range = `${start.toFixed(4)}:${(start + 0.2).toFixed(4)}`;
    const r = await runCli([
      'pixels-and-layers',
      '-q',
      'l',
      '--range',
      range,
      '--start-timeout',
      '400',
      '--frame-timeout',
      '400',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    return decodeFrame(join(out, 'pixels-and-layers.mp4'), 0, W, H);
  } finally {
    rmSync(out, {recursive: true, force: true});
  }
}

/** Mean of a 3×3 patch: the codec's error averages out a little. */
function patch(pixel: Pixel, [x, y]: [number, number]): Rgb {
  const sum: Rgb = [0, 0, 0];
  for (let dy = -1; dy <= 1; dy++)
    for (let dx = -1; dx <= 1; dx++) pixel(x + dx, y + dy).forEach((v, c) => (sum[c] += v / 9));
  return sum;
}

/**
 * Measured length (design pixels) of bar k: the run of bar-coloured pixels along its middle, from the base line.
 * A bar is the highlight colour (the top class) or blue (the others).
 */
function barLength(pixel: Pixel, k: number): number {
  const y = NET.y - BAR_LENGTH / 2 + (BAR_LENGTH / OUTPUTS) * (k + 0.5);
  const targets = [hex(colors.highlight), hex(colors.blue)];
  let length = 0;
  for (let d = 4; d <= BARS.maxBar + 20; d += 1 / SCALE / 2) {
    const [px, py] = designToPixel([BARS.x + d, y], W, H);
    if (!targets.some(c => colorDistance(pixel(px, py), c) < 70)) break;
    length = d;
  }
  return length;
}

function expectBarsRead(pixel: Pixel, sample: number) {
  const p = readingOf(sample).probabilities;
  const lengths = Array.from({length: OUTPUTS}, (_, k) => barLength(pixel, k));
  const top = readingOf(sample).predicted;
  // The tallest bar on screen is the class the engine predicts, as long as its probability says, in the highlight colour.
  expect(lengths.indexOf(Math.max(...lengths))).toBe(top);
  expect(Math.abs(lengths[top] - p[top] * BARS.maxBar)).toBeLessThan(3 / SCALE);
  const [x, y] = designToPixel(
    [BARS.x + (p[top] * BARS.maxBar) / 2, NET.y - BAR_LENGTH / 2 + (BAR_LENGTH / OUTPUTS) * (top + 0.5)],
    W,
    H,
  );
  expect(colorDistance(patch(pixel, [x, y]), hex(colors.highlight))).toBeLessThan(40);
  // Every other bar is shorter than its probability allows plus a pixel or two: nothing else stands tall.
  lengths.forEach((l, k) => k !== top && expect(l).toBeLessThan(p[k] * BARS.maxBar + 3 / SCALE));
}

describe('pixels-and-layers render: the zoomed digit shows the engine pixels', () => {
  let pixel: Pixel;
  const t = (ZOOM_HELD[0] + ZOOM_HELD[1]) / 2;

  beforeAll(async () => {
    expect(frameAt(t).sample).toBe(ZOOM_INDEX);
    pixel = await frameAtTime(t);
  }, 900_000);

  it("every cell of the zoomed digit has the grey level of the engine's pixel value (off its printed number)", () => {
    const image = imageOf(ZOOM_INDEX);
    const errors = Array.from(image, (v, k) => {
      const [cx, cy] = zoomCellCenter(k);
      // A third of a cell up and left of the centre: inside the cell, clear of the printed value.
      const at = designToPixel([cx - 0.3 * ZOOM.cell, cy - 0.3 * ZOOM.cell], W, H);
      const [r, g, b] = patch(pixel, at);
      expect(Math.max(r, g, b) - Math.min(r, g, b)).toBeLessThan(12); // grey, not a colour
      return Math.abs((r + g + b) / 3 - 255 * v);
    });
    expect(Math.max(...errors)).toBeLessThan(14);
    // The picture really varies: its brightest and darkest cells differ by most of the range.
    expect(Math.max(...image) - Math.min(...image)).toBeGreaterThan(0.7);
  });
});

describe('pixels-and-layers render: the predicted class has the tallest bar', () => {
  const cases: [string, number, number][] = [
    ['the zoomed 9, after the forward pass', (BARS_HELD[0] + BARS_HELD[1]) / 2, ZOOM_INDEX],
    ['the third passing digit, a 7', (passHeld(2)[0] + passHeld(2)[1]) / 2, PASS_INDICES[2]],
  ];
  const frames = new Map<string, Pixel>();

  beforeAll(async () => {
    for (const [name, t, sample] of cases) {
      expect(frameAt(t).sample).toBe(sample);
      expect(frameAt(t).bars).toBe(1);
      frames.set(name, await frameAtTime(t));
    }
  }, 1_800_000);

  it.each(cases)('%s', (name, _t, sample) => expectBarsRead(frames.get(name)!, sample));
});
