/**
 * The pixels-and-layers scene's numbers, from the engine: the synthetic digit set, the 64-16-10
 * softmax classifier trained on it (once per process), its forward pass on the digits the scene
 * shows, the hidden neurons' incoming weights, and the test accuracy. Pure, so tests know what
 * must be on screen.
 */
import {readDigit, digitClassifier, type DigitReading} from '../nn/digitClassifier';
import {sampleOf} from '../nn/digits';

export const model = digitClassifier();
export const {net, test} = model;
export const SIDE = 8;
export const HIDDEN = net.layers[0].outSize;

// ── Timing (seconds), shared with the render test ───────────────────────────────────
export const T = {
  fade: 0.6,
  caption: 0.3,
  appear: 0.8,
  zoom: 2.2,
  numbers: 0.8,
  look: 3,
  shrink: 1.4,
  flatten: 2.4,
  netIn: 1,
  layer: 0.7,
  bars: 1,
  read: 2.4,
  toPictures: 1.6,
  explain: 3,
  pass: 2.6,
  swap: 0.5,
  grid: 1.6,
  accuracy: 1.2,
  outro: 3.5,
} as const;

/** When beat 1's zoomed digit, numbers printed, is on screen and still: [from, to]. */
export const ZOOM_HELD: [number, number] = (() => {
  const t = T.caption + T.appear + T.zoom + T.numbers;
  return [t, t + T.look];
})();

/** When beat 2's bars for the zoomed digit are full and still: [from, to]. */
export const BARS_HELD: [number, number] = (() => {
  const t = ZOOM_HELD[1] + 2 * T.caption + T.shrink + T.flatten + T.netIn + 2 * T.layer + T.bars;
  return [t, t + T.read];
})();

// ── The digits on screen ──────────────────────────────────────────────────────────
/** Test samples the classifier reads right with confidence, in test order. */
function confident(label: number, skip = 0): number {
  let seen = 0;
  for (let s = 0; s < test.n; s++) {
    if (test.labels[s] !== label) continue;
    const r = readDigit(net, sampleOf(test, s));
    if (r.predicted === label && r.probabilities[label] > 0.95 && seen++ === skip) return s;
  }
  throw new Error(`no confident ${label} in the test split`);
}

/** Beat 1's digit: a 9, "a loop plus a tail". */
export const ZOOM_INDEX = confident(9);
/** Beat 3's passing digits, after the 9. */
export const PASS_INDICES = [confident(2), confident(0), confident(7), confident(4), confident(3)];

export const imageOf = (s: number): Float64Array => sampleOf(test, s);
export const readings = new Map<number, DigitReading>(
  [ZOOM_INDEX, ...PASS_INDICES].map(s => [s, readDigit(net, imageOf(s))]),
);
export const readingOf = (s: number): DigitReading => readings.get(s) ?? readDigit(net, imageOf(s));

/** Row j of the first layer: the 64 weights into hidden neuron j, laid out as the image. */
export const hiddenWeights = (j: number): Float64Array => net.layers[0].W.subarray(j * SIDE * SIDE, (j + 1) * SIDE * SIDE);

// ── Beat 4: held-out digits and the test accuracy ───────────────────────────────────
export const GRID_COUNT = 60;
export const GRID_COLUMNS = 12;
export const gridPredictions = Array.from({length: GRID_COUNT}, (_, s) => readDigit(net, imageOf(s)).predicted);
export const testAccuracy = model.testAccuracy;
export const trainAccuracy = model.trainAccuracy;

// ── Layout (1920×1080 design units, origin at the centre) ─────────────────────────
/** Beat 1: the zoomed digit. */
export const ZOOM = {x: 0, y: -20, cell: 96, gap: 3, startCell: 24} as const;
/** Beats 2–3: the network, the small digit and the bars beside the output neurons. */
export const NET = {x: -110, y: -20, width: 740, height: 756, rowGap: 60, sizes: [10, 34, 40]} as const;
export const SMALL = {x: -740, cell: 30, gap: 1} as const;
export const BARS = {x: 380, maxBar: 340} as const;
export const OUTPUTS = 10;

/** Centre of design-space cell k of the zoomed digit (the render test samples there). */
export function zoomCellCenter(k: number): [number, number] {
  const [row, col] = [Math.floor(k / SIDE), k % SIDE];
  return [ZOOM.x + (col - (SIDE - 1) / 2) * ZOOM.cell, ZOOM.y + (row - (SIDE - 1) / 2) * ZOOM.cell];
}

/** The bars' row: one bar per output neuron, at the output column's spacing. */
export const BAR_LENGTH = OUTPUTS * Math.min(NET.rowGap, NET.height / (OUTPUTS - 1));
