import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {barGeometry} from '../../src/components/pixelMath';
import {colors, sizes} from '../../src/components/theme';
import {argmax} from '../../src/nn/digitClassifier';
import {
  BARS,
  BEATS,
  T,
  EPSILON,
  FOOLED_AS,
  IMAGES,
  LABEL,
  PANELS,
  PROBS,
  SIDE,
  cellCenter,
  frameAt,
} from '../../src/scenes/adversarial.model';
import {type Rgb, colorDistance, decodeFrame, designToPixel, hex, runCli} from '../helpers/media';

const W = 854;
const H = 480;
const FPS = 15;
const SCALE = Math.min(W / 1920, H / 1080);
/** Grey levels the codec may move a flat cell's centre by (measured: a few levels at -q l). */
const CODEC = 6;

type Pixel = (x: number, y: number) => Rgb;

/** Mean grey level of the 3×3 pixels at the centre of cell k of the digit in the panel at x. */
function cellGrey(pixel: Pixel, panelX: number, k: number): number {
  const [px, py] = designToPixel(cellCenter(panelX, k), W, H);
  let sum = 0;
  for (let dy = -1; dy <= 1; dy++)
    for (let dx = -1; dx <= 1; dx++) sum += pixel(px + dx, py + dy).reduce((a, b) => a + b) / 3;
  return sum / 9;
}

/** Height in output pixels of bar k under the panel at x: the run of non-background pixels up its middle. */
function barHeight(pixel: Pixel, panelX: number, k: number): number {
  const bar = barGeometry(k, 10, 1, BARS.length, BARS.maxBar, true, 0);
  const [x, base] = designToPixel([panelX + bar.tip[0], BARS.y], W, H);
  const background = hex(colors.background);
  let h = 0;
  // Start just above the base line (3 design px thick), then climb while the bar's colour lasts.
  const start = Math.ceil(base - (sizes.stroke.axis / 2) * SCALE - 1);
  while (h < BARS.maxBar * SCALE + 10 && colorDistance(pixel(x, start - h), background) > 40) h++;
  return h + (base - start);
}

/** Renders a fifth of a second from t (snapped to a frame) and decodes its first frame. */
async function frameAtTime(t: number): Promise<Pixel> {
  const out = mkdtempSync(join(tmpdir(), 'nnm-adv-'));
  const r = await runCli([
    'adversarial',
    '-q',
    'l',
    '--range',
    `${t.toFixed(4)}:${(t + 0.2).toFixed(4)}`,
    '--out',
    out,
    '--start-timeout',
    '180',
  ]);
  expect(r.code, r.stderr).toBe(0);
  const pixel = decodeFrame(join(out, 'adversarial.mp4'), 0, W, H);
  rmSync(out, {recursive: true, force: true});
  return pixel;
}

const snap = (t: number) => Math.round(t * FPS) / FPS;
// Mid-way through the holds: everything in, nothing moving.
const FOOLED_T = snap(BEATS.readFooled + 1.5);
const NOISE_T = snap(BEATS.readNoise + 1.5);
// Half-way through the clean digit's fade-in (a node with opacity < 1 is drawn through its cache box).
const FADE_T = snap(BEATS.clean + T.clean / 2);

describe('adversarial render: the clean and the attacked digit look alike, and the bars say what the engine says', () => {
  let fooled: Pixel;
  let noisy: Pixel;
  let fading: Pixel;

  beforeAll(async () => {
    expect(frameAt(FOOLED_T).noise).toBe(0);
    expect(frameAt(FOOLED_T).resultBarsOpacity).toBe(1);
    expect(frameAt(NOISE_T).noise).toBe(1);
    fooled = await frameAtTime(FOOLED_T);
    noisy = await frameAtTime(NOISE_T);
    fading = await frameAtTime(FADE_T);
  }, 400_000);

  it('each decoded digit is the engine image, and the clean and FGSM digits differ by at most ε per pixel (within codec error)', () => {
    let largest = 0;
    let codec = 0;
    for (let k = 0; k < SIDE * SIDE; k++) {
      const clean = cellGrey(fooled, PANELS.clean, k);
      const attacked = cellGrey(fooled, PANELS.result, k);
      codec = Math.max(codec, Math.abs(clean - 255 * IMAGES.clean[k]), Math.abs(attacked - 255 * IMAGES.attacked[k]));
      largest = Math.max(largest, Math.abs(attacked - clean));
    }
    console.log(
      `decoded: largest clean/attacked difference ${largest.toFixed(1)} grey levels (ε = ${(255 * EPSILON).toFixed(1)}), codec error ≤ ${codec.toFixed(1)}`,
    );
    expect(codec).toBeLessThanOrEqual(CODEC);
    expect(largest).toBeLessThanOrEqual(255 * EPSILON + CODEC);
  });

  it('the random-noise digit is the engine image too, also within ε of the clean one', () => {
    for (let k = 0; k < SIDE * SIDE; k++) {
      const clean = cellGrey(noisy, PANELS.clean, k);
      const shown = cellGrey(noisy, PANELS.result, k);
      expect(Math.abs(shown - 255 * IMAGES.noisy[k])).toBeLessThanOrEqual(CODEC);
      expect(Math.abs(shown - clean)).toBeLessThanOrEqual(255 * EPSILON + CODEC);
    }
  });

  it("the tallest bar is the engine's answer: the true digit for the clean image, another digit after FGSM", () => {
    const cases: [Pixel, number, Float64Array, number, string][] = [
      [fooled, PANELS.clean, PROBS.clean, LABEL, colors.green],
      [fooled, PANELS.result, PROBS.attacked, FOOLED_AS, colors.red],
      [noisy, PANELS.result, PROBS.noisy, LABEL, colors.green],
    ];
    for (const [pixel, x, probs, answer, color] of cases) {
      expect(argmax(probs)).toBe(answer);
      const heights = Array.from({length: 10}, (_, k) => barHeight(pixel, x, k));
      expect(argmax(heights)).toBe(answer);
      // As tall as the engine's probability says, and in the answer's colour (green right, red wrong).
      heights.forEach((h, k) => expect(Math.abs(h - probs[k] * BARS.maxBar * SCALE)).toBeLessThanOrEqual(2.5));
      const bar = barGeometry(answer, 10, probs[answer], BARS.length, BARS.maxBar, true, 0);
      const mid = designToPixel([x + bar.tip[0], BARS.y + bar.tip[1] / 2], W, H);
      expect(colorDistance(pixel(...mid), hex(color))).toBeLessThan(40);
    }
  });

  it('while it fades in, the digit is drawn at its opacity over the background, not clipped away', () => {
    const alpha = frameAt(FADE_T).cleanOpacity;
    expect(alpha).toBeGreaterThan(0.3);
    expect(alpha).toBeLessThan(0.7);
    const bg = hex(colors.background).reduce((a, b) => a + b) / 3;
    let brightest = 0;
    for (let k = 0; k < SIDE * SIDE; k++) {
      const expected = alpha * 255 * IMAGES.clean[k] + (1 - alpha) * bg;
      expect(Math.abs(cellGrey(fading, PANELS.clean, k) - expected)).toBeLessThanOrEqual(CODEC);
      brightest = Math.max(brightest, cellGrey(fading, PANELS.clean, k));
    }
    expect(brightest).toBeGreaterThan(80);
  });
});
