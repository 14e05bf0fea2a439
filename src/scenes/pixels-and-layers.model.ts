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
/** Beat 3's passing digits, after the 9; the last is another 9, for "a loop plus a tail". */
export const PASS_INDICES = [confident(2), confident(0), confident(7), confident(4), confident(9, 1)];

export const imageOf = (s: number): Float64Array => sampleOf(test, s);
export const readings = new Map<number, DigitReading>(
  [ZOOM_INDEX, ...PASS_INDICES].map(s => [s, readDigit(net, imageOf(s))]),
);
export const readingOf = (s: number): DigitReading => readings.get(s) ?? readDigit(net, imageOf(s));

/** Row j of the first layer: the 64 weights into hidden neuron j, laid out as the image. */
export const hiddenWeights = (j: number): Float64Array =>
  net.layers[0].W.subarray(j * SIDE * SIDE, (j + 1) * SIDE * SIDE);

// ── Beat 4: held-out digits and the test accuracy ───────────────────────────────────
export const GRID_COUNT = 60;
export const GRID_COLUMNS = 12;
export const gridPredictions = Array.from({length: GRID_COUNT}, (_, s) => readDigit(net, imageOf(s)).predicted);
export const testAccuracy = model.testAccuracy;
export const trainAccuracy = model.trainAccuracy;

// ── Layout (1920×1080 design units, origin at the centre) ─────────────────────────
/** Beat 1: the zoomed digit. */
export const ZOOM = {x: 0, y: -40, cell: 90, gap: 3, startCell: 24} as const;
/** Beats 2–3: the network, the small digit and the bars beside the output neurons. */
/** The input column's neurons (6) hide under the flattened pixel squares (SMALL's column cell, 10). */
export const NET = {x: -110, y: -20, width: 740, height: 700, rowGap: 60, sizes: [6, 34, 40], columnCell: 10} as const;
export const SMALL = {x: -740, cell: 30, gap: 1} as const;
export const BARS = {x: 380, maxBar: 340} as const;
export const OUTPUTS = 10;
/** Beat 3: the hidden neurons' weight pictures, 4 × 4. */
export const HEAT = {x: -90, y: -30, columns: 4, pitchX: 175, pitchY: 180, cell: 13} as const;
/** Beat 4: the first held-out digits, GRID_COLUMNS a row. */
export const TEST_GRID = {y: -330, pitchX: 120, pitchY: 120, cell: 9} as const;

/** Design-space centre of hidden neuron j's picture in beat 3. */
export function heatCenter(j: number): [number, number] {
  const rows = Math.ceil(HIDDEN / HEAT.columns);
  const [row, col] = [Math.floor(j / HEAT.columns), j % HEAT.columns];
  return [HEAT.x + (col - (HEAT.columns - 1) / 2) * HEAT.pitchX, HEAT.y + (row - (rows - 1) / 2) * HEAT.pitchY];
}

/** Design-space centre of held-out digit s in beat 4. */
export function testCenter(s: number): [number, number] {
  const [row, col] = [Math.floor(s / GRID_COLUMNS), s % GRID_COLUMNS];
  return [(col - (GRID_COLUMNS - 1) / 2) * TEST_GRID.pitchX, TEST_GRID.y + row * TEST_GRID.pitchY];
}

/** Centre of design-space cell k of the zoomed digit (the render test samples there). */
export function zoomCellCenter(k: number): [number, number] {
  const [row, col] = [Math.floor(k / SIDE), k % SIDE];
  return [ZOOM.x + (col - (SIDE - 1) / 2) * ZOOM.cell, ZOOM.y + (row - (SIDE - 1) / 2) * ZOOM.cell];
}

/** The bars' row: one bar per output neuron, at the output column's spacing. */
export const BAR_LENGTH = OUTPUTS * Math.min(NET.rowGap, NET.height / (OUTPUTS - 1));

// ── The timeline: beats one after another, and what is on screen at time t ───────────
/** The beats in order, each with its length (seconds); the scene's generators run the same list. */
export const SEGMENTS: readonly (readonly [string, number])[] = [
  ['intro', T.fade],
  ['appear', T.appear],
  ['zoom', T.zoom],
  ['numbers', T.numbers],
  ['look', T.look],
  ['shrink', T.shrink],
  ['flatten', T.flatten],
  ['netIn', T.netIn],
  ['hidden', T.layer],
  ['output', T.layer],
  ['bars', T.bars],
  ['read', T.read],
  ['toPictures', T.toPictures],
  ['explain', T.explain],
  ...PASS_INDICES.flatMap((_, k): [string, number][] => [
    [`swap${k}`, T.swap],
    [`pass${k}`, T.pass],
  ]),
  ['toGrid', T.grid],
  ['accuracy', T.accuracy],
  ['outro', T.outro],
];

/** Start time of every beat by name, and `end`, the scene's length. */
export const BEATS: Readonly<Record<string, number>> = (() => {
  const starts: Record<string, number> = {};
  let t = 0;
  for (const [name, d] of SEGMENTS) {
    starts[name] = t;
    t += d;
  }
  starts.end = t;
  return starts;
})();
export const SCENE_END = BEATS.end;

/** [start, end) of a beat. */
export function beatSpan(name: string): [number, number] {
  const k = SEGMENTS.findIndex(([n]) => n === name);
  if (k < 0) throw new Error(`no beat ${name}`);
  return [BEATS[name], BEATS[name] + SEGMENTS[k][1]];
}

/** When beat 1's zoomed digit, numbers printed, is on screen and still: [from, to]. */
export const ZOOM_HELD = beatSpan('look');
/** When beat 2's bars for the zoomed digit are full and still. */
export const BARS_HELD = beatSpan('read');
/** When passing digit k (of PASS_INDICES) is read and still. */
export const passHeld = (k: number): [number, number] => beatSpan(`pass${k}`);

/** 0 before `from`, 1 after `from + d`, linear between. */
const ramp = (t: number, from: number, d: number) => Math.min(1, Math.max(0, (t - from) / d));

/** What the frame at time t shows, from the engine's readings. */
export interface Frame {
  /** The test sample on screen (zoomed, then the small picture). */
  sample: number;
  /** readDigit on that sample. */
  reading: DigitReading;
  /** How lit each layer is (input, hidden, output), 0 to 1. */
  lit: [number, number, number];
  /** How far the probability bars have grown, 0 to 1. */
  bars: number;
  /** 1, except while one passing digit gives way to the next (down to 0 and back). */
  fade: number;
}

export function frameAt(t: number): Frame {
  let sample = ZOOM_INDEX;
  // Between passes the old digit fades out, the next one comes in: everything dims and relights.
  let fade = 1;
  PASS_INDICES.forEach((s, k) => {
    const from = BEATS[`swap${k}`];
    if (t >= from + T.swap / 2) sample = s;
    if (t >= from && t < from + T.swap) fade = Math.abs(1 - (2 * (t - from)) / T.swap);
  });
  const lit: [number, number, number] = [
    fade * ramp(t, BEATS.netIn, T.netIn),
    fade * ramp(t, BEATS.hidden, T.layer),
    fade * ramp(t, BEATS.output, T.layer),
  ];
  return {sample, reading: readingOf(sample), lit, bars: fade * ramp(t, BEATS.bars, T.bars), fade};
}

/** The activations the network diagram shows: pixels, hidden tanh values, class probabilities, each dimmed by its light. */
export function diagramActivations(f: Frame): Float64Array[] {
  const [input, hidden] = f.reading.layers;
  return [input.map(v => v * f.lit[0]), hidden.map(v => v * f.lit[1]), f.reading.probabilities.map(v => v * f.lit[2])];
}

/** |w| at which every heatmap saturates: the largest incoming weight of the hidden layer, shared so the pictures compare. */
export const HEAT_SCALE = net.layers[0].W.reduce((m, w) => Math.max(m, Math.abs(w)), 0);

/** The test accuracy as the scene prints it. */
export const accuracyText = (): string => `${(100 * testAccuracy).toFixed(1)}%`;
export const testCorrect = Math.round(testAccuracy * test.n);
