/**
 * The perceptron-apple scene's numbers, computed once by the engine: three detectors (apple,
 * watermelon, hawthorn) learnt by Rosenblatt's rule on the fruit table, and the timeline that
 * feeds the fruits through them. Every function takes the scene time in seconds and is pure,
 * so tests can ask what any frame shows.
 */
import {FRUITS, FRUIT_FEATURES, fruitDataset} from '../nn/datasets';
import {fires, trainPerceptron, weightedSum, type Perceptron, type PerceptronLog} from '../nn/perceptron';
import {clamp01, smooth} from '../math/ease';

type Pair = [number, number];

// ── The detectors: the perceptron rule with the target fruit as the positive class ──
/** lr = 1 from zero weights keeps every weight and threshold an integer. */
export const LR = 1;
export const MAX_EPOCHS = 20;
export const TARGETS = ['apple', 'watermelon', 'hawthorn'] as const;

export interface Detector {
  target: (typeof TARGETS)[number];
  log: PerceptronLog;
  /** Epochs until the first error-free pass over the table. */
  epochs: number;
  /** The learnt perceptron: the log at `epochs`. */
  perceptron: Perceptron;
}

export const DETECTORS: Detector[] = TARGETS.map(target => {
  const data = fruitDataset(target);
  const log = trainPerceptron(data.inputs, data.labels, {epochs: MAX_EPOCHS, lr: LR});
  if (log.convergedAt < 0) throw new Error(`the ${target} detector did not converge`);
  return {target, log, epochs: log.convergedAt, perceptron: log.at(log.convergedAt)};
});

export const fruitIndex = (name: string) => FRUITS.findIndex(f => f.name === name);
const ZERO: Perceptron = {weights: new Float64Array(FRUIT_FEATURES.length), threshold: 0};

// ── Timing (seconds): the scene follows these, so tests know what each moment shows ──
export const T = {
  /** Beat 1: the feature table. */
  table: 8,
  /** Before each detector: the previous one clears and the caption changes. */
  lead: 1,
  /** The apple detector's knobs walk through the rule's epochs, one per this many seconds. */
  epoch: 0.45,
  /** Later detectors: the knobs tween from the previous detector's weights. */
  retune: 1.6,
  /** Feeding one fruit: inputs appear, the bar grows, the verdict holds. */
  feedSlow: {load: 0.3, grow: 0.55, hold: 0.6},
  feedFast: {load: 0.15, grow: 0.35, hold: 0.4},
  /** After the last fruit of a detector. */
  after: 1.2,
  /** Beat 4: the neuron schematic. */
  neuron: 8,
} as const;

export interface Feed {
  fruit: number;
  start: number;
  load: number;
  grow: number;
  hold: number;
}

export interface Segment {
  detector: number;
  /** The segment opens (lead-in), the knobs start turning, then the fruits go through. */
  start: number;
  tuneStart: number;
  tuneEnd: number;
  feeds: Feed[];
  end: number;
}

function plan() {
  const segments: Segment[] = [];
  let t: number = T.table;
  DETECTORS.forEach((d, detector) => {
    const start = t;
    const tuneStart = start + T.lead;
    const tuneEnd = tuneStart + (detector === 0 ? d.epochs * T.epoch : T.retune);
    const pace = detector === 0 ? T.feedSlow : T.feedFast;
    const step = pace.load + pace.grow + pace.hold;
    const feeds = FRUITS.map((_, fruit) => ({fruit, start: tuneEnd + fruit * step, ...pace}));
    const end = tuneEnd + FRUITS.length * step + T.after;
    segments.push({detector, start, tuneStart, tuneEnd, feeds, end});
    t = end;
  });
  const neuronStart = t;
  return {segments, neuronStart, end: neuronStart + T.neuron};
}

/** Absolute times of every beat. Beat 2 is segment 0 (apple), beat 3 segments 1–2. */
export const PLAN = plan();
export const SCENE_END = PLAN.end;

/** The segment running at t (the last one after the detectors end), or null during the table. */
export function segmentAt(t: number): Segment | null {
  const {segments} = PLAN;
  if (t < segments[0].start) return null;
  return segments.find(s => t < s.end) ?? segments[segments.length - 1];
}

/** The feed at t (its fruit is on the inputs), or null while the knobs turn or between detectors. */
export function feedAt(t: number): Feed | null {
  const seg = segmentAt(t);
  if (!seg) return null;
  return seg.feeds.find(f => t >= f.start && t < f.start + f.load + f.grow + f.hold) ?? null;
}

function blend(a: Perceptron, b: Perceptron, u: number): Perceptron {
  const s = smooth(clamp01(u));
  return {
    weights: a.weights.map((w, i) => w + (b.weights[i] - w) * s),
    threshold: a.threshold + (b.threshold - a.threshold) * s,
  };
}

/**
 * The knobs at t. The apple detector's knobs glide through the rule's epoch log (engine
 * values at each whole epoch); later ones tween from the previous detector's learnt values.
 * Outside the tuning windows they rest at a learnt detector.
 */
export function perceptronAt(t: number): Perceptron {
  const seg = segmentAt(t);
  if (!seg) return ZERO;
  const d = DETECTORS[seg.detector];
  if (t >= seg.tuneEnd) return d.perceptron;
  const prev = seg.detector === 0 ? ZERO : DETECTORS[seg.detector - 1].perceptron;
  if (t < seg.tuneStart) return prev;
  if (seg.detector > 0) return blend(prev, d.perceptron, (t - seg.tuneStart) / T.retune);
  const e = (t - seg.tuneStart) / T.epoch;
  const i = Math.floor(e);
  return blend(d.log.at(i), d.log.at(Math.min(i + 1, d.epochs)), e - i);
}

/** The epoch the apple detector's knobs show (a whole epoch, or the one they glide towards). */
export function epochAt(t: number): number {
  const seg = segmentAt(t);
  if (!seg || seg.detector !== 0 || t < seg.tuneStart) return 0;
  return Math.max(0, Math.min(DETECTORS[0].epochs, Math.ceil((t - seg.tuneStart) / T.epoch - 1e-9)));
}

export interface Frame {
  /** The detector being shown, or −1 during the table. */
  detector: number;
  perceptron: Perceptron;
  /** The fruit on the inputs, or −1. */
  fruit: number;
  /** 0…1: how far the inputs have appeared. */
  loaded: number;
  /** The inputs x (zeros when no fruit). */
  inputs: readonly number[];
  /** w·x of the current knobs and fruit (the engine's weightedSum). */
  sum: number;
  /** 0…1: how far the bar has grown towards sum. */
  grown: number;
  /** The bar's height: it grows from 0 to sum. */
  bar: number;
  /** The bulb: the bar is above the threshold. */
  lit: boolean;
}

/** Everything the detector panel shows at t. */
export function frameAt(t: number): Frame {
  const seg = segmentAt(t);
  const perceptron = perceptronAt(t);
  const feed = feedAt(t);
  const fruit = feed ? feed.fruit : -1;
  const inputs = feed ? FRUITS[fruit].features : ZERO.weights.map(() => 0);
  const sum = weightedSum(perceptron, inputs);
  const loaded = feed ? clamp01((t - feed.start) / feed.load) : 0;
  const grown = feed ? smooth(clamp01((t - feed.start - feed.load) / feed.grow)) : 0;
  const bar = sum * grown;
  return {
    detector: seg ? seg.detector : -1,
    perceptron,
    fruit,
    loaded,
    inputs: Array.from(inputs),
    sum,
    grown,
    bar,
    lit: feed !== null && bar > perceptron.threshold,
  };
}

/**
 * The verdicts in the fruit list at t: for the current detector, each fruit that has been
 * through (its bar fully grown) gets the engine's `fires`; the others are null.
 */
export function verdictsAt(t: number): (number | null)[] {
  const seg = segmentAt(t);
  return FRUITS.map((f, i) => {
    if (!seg) return null;
    const feed = seg.feeds[i];
    return t >= feed.start + feed.load + feed.grow ? fires(DETECTORS[seg.detector].perceptron, f.features) : null;
  });
}

/** The time in the middle of fruit `fruit`'s verdict hold, for detector `detector`. */
export function holdTime(detector: number, fruit: number): number {
  const f = PLAN.segments[detector].feeds[fruit];
  return f.start + f.load + f.grow + f.hold / 2;
}

// ── Layout (1920×1080 design units, origin at the centre) ──────────────────────────
/** The light bulb: centre and glass radius. */
export const BULB = {x: 700, y: -210, r: 58} as const;
/** The sum bar: its column, and the design-y span it maps the sum range onto. */
export const BAR = {x: 440, width: 70, top: -250, bottom: 230} as const;
/** Every sum and threshold the scene can show, with a unit of margin. */
export const SUM_RANGE: Pair = (() => {
  const values = DETECTORS.flatMap(d => [
    d.perceptron.threshold,
    ...FRUITS.map(f => weightedSum(d.perceptron, f.features)),
  ]);
  return [Math.floor(Math.min(0, ...values)) - 1, Math.ceil(Math.max(0, ...values)) + 1];
})();
/** Design y of a sum value on the bar. */
export function barY(v: number): number {
  const [lo, hi] = SUM_RANGE;
  return BAR.bottom - ((v - lo) / (hi - lo)) * (BAR.bottom - BAR.top);
}
/** The knobs' dial range: the largest learnt |w| or |b|, plus one. */
export const KNOB_RANGE =
  Math.max(...DETECTORS.flatMap(d => [...d.perceptron.weights, d.perceptron.threshold].map(Math.abs))) + 1;
