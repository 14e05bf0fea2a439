/**
 * The polynomial-knobs scene's maths and timeline. Six knobs k0…k5 set p(x) = k0 + k1·x + … + k5·x⁵;
 * the loss is the mean squared residual over the lecture's samples (./polynomial-fit), which the
 * scene draws as one square per residual: the loss is their mean area. A seeded hand turns one knob
 * at a time at random; then the engine's gradient descent turns all six together, and its end is set
 * beside the closed-form least squares (engine QR). Every value on screen is a pure function of the
 * scene clock defined here, so tests can ask what is shown at any time. Pure (no Motion Canvas).
 *
 * Descent runs on rescaled features, not on the raw powers xʲ: those are nearly parallel on the data
 * (their Gram matrix has a condition number in the thousands even with each column scaled to unit
 * size), so plain descent would need tens of thousands of steps. The features are the Legendre
 * polynomials of u = x/S, each scaled to unit root-mean-square on the data; the knobs are a fixed
 * linear map of the feature weights, k = M·a, so the loss, its minimum and the curve are the same.
 */
import type {AxisMap, Pair} from '../components/axisMath';
import {c2p} from '../components/axisMath';
import {polyval} from '../math/leastSquares';
import {descend, type Trajectory} from '../math/optimizers';
import {paramsAtFraction, wholeStep} from '../math/playback';
import {mulberry32} from '../math/random';
import {DATA, FIT, POLY_LOSS} from './polynomial-fit';
import {clamp01, rampAt} from '../math/ease';

export {DATA, FIT} from './polynomial-fit';

/** Number of knobs: degree 5, so k0…k5. */
export const KNOBS = 6;
const N = DATA.xs.length;

// ── The loss and its squares ─────────────────────────────────────────────────────────
const gradScratch = new Float64Array(KNOBS);

/** L(k): the mean squared residual of knobs k0…k5 over the samples (the engine's objective). */
export function lossOf(k: ArrayLike<number>): number {
  return POLY_LOSS(Float64Array.from(k), gradScratch);
}

/** Residual i: the curve's height at xᵢ minus the sample yᵢ. */
export function residuals(k: ArrayLike<number>): number[] {
  return Array.from(DATA.xs, (x, i) => polyval(k, x) - DATA.ys[i]);
}

/** The squares' areas rᵢ² (in y-units²); the loss readout is their mean. */
export const squareAreas = (k: ArrayLike<number>) => residuals(k).map(r => r * r);

// ── Scaled features: descent's coordinates, and the map back to the knobs ───────────
/** u = x/S puts the samples in [−1, 1]. */
export const SCALE = Math.max(...Array.from(DATA.xs, Math.abs));

/** Coefficients (ascending powers of u) of the Legendre polynomials P0…P5: (j+1)P_{j+1} = (2j+1)u·P_j − j·P_{j−1}. */
export const LEGENDRE: number[][] = (() => {
  const P: number[][] = [[1], [0, 1]];
  for (let j = 1; j + 1 < KNOBS; j++) {
    const next = new Array<number>(j + 2).fill(0);
    P[j].forEach((c, i) => (next[i + 1] += ((2 * j + 1) * c) / (j + 1)));
    P[j - 1].forEach((c, i) => (next[i] -= (j * c) / (j + 1)));
    P.push(next);
  }
  return P;
})();

const legendreAt = (j: number, x: number) => polyval(LEGENDRE[j], x / SCALE);
/** Each feature's root-mean-square over the samples: feature j is P_j(x/S) / NORMS[j]. */
export const NORMS = LEGENDRE.map((_, j) =>
  Math.sqrt(Array.from(DATA.xs, x => legendreAt(j, x) ** 2).reduce((s, v) => s + v, 0) / N),
);

/** Feature j at x: P_j(x/S), scaled to unit root-mean-square on the data. */
export const feature = (j: number, x: number) => legendreAt(j, x) / NORMS[j];

/** M[i][j]: the coefficient of xⁱ in feature j (upper triangular), so knobs k = M·a. */
export const FEATURE_TO_KNOB: number[][] = Array.from({length: KNOBS}, (_, i) =>
  Array.from({length: KNOBS}, (_, j) => (LEGENDRE[j][i] ?? 0) / (SCALE ** i * NORMS[j])),
);

/** Knobs k0…k5 of feature weights a: k = M·a. */
export function toKnobs(a: ArrayLike<number>): Float64Array {
  return Float64Array.from(FEATURE_TO_KNOB, row => row.reduce((s, m, j) => s + m * a[j], 0));
}

/** Feature weights of knobs k: solves M·a = k by back substitution (M is upper triangular). */
export function toFeatures(k: ArrayLike<number>): Float64Array {
  const M = FEATURE_TO_KNOB;
  const a = new Float64Array(KNOBS);
  for (let i = KNOBS - 1; i >= 0; i--) {
    let s = k[i];
    for (let j = i + 1; j < KNOBS; j++) s -= M[i][j] * a[j];
    a[i] = s / M[i][i];
  }
  return a;
}

/** The loss over feature weights a, and its gradient by the chain rule: ∂L/∂a = Mᵀ·∂L/∂k. */
export function featureLoss(a: Float64Array, grad: Float64Array): number {
  const loss = POLY_LOSS(toKnobs(a), gradScratch);
  for (let j = 0; j < KNOBS; j++) {
    let s = 0;
    for (let i = 0; i < KNOBS; i++) s += FEATURE_TO_KNOB[i][j] * gradScratch[i];
    grad[j] = s;
  }
  return loss;
}

// ── The knobs' dials ─────────────────────────────────────────────────────────────────
/** Each knob's dial runs over ±KNOB_RANGE[j]; a display choice, wide enough for all it shows (tested). */
export const KNOB_RANGE = [1.5, 3, 2, 3, 1.5, 1];

// ── Beat 2a: someone turns the knobs at random ──────────────────────────────────────
export const HAND_SEED = 28;
export const HAND_TURNS = 8;
/** One turn of the hand: a knob (never the one just turned) to a value drawn uniformly from its dial. */
export interface Turn {
  knob: number;
  value: number;
}
export const TURNS: Turn[] = (() => {
  const rng = mulberry32(HAND_SEED);
  const turns: Turn[] = [];
  let last = -1;
  for (let t = 0; t < HAND_TURNS; t++) {
    let knob: number;
    do knob = Math.floor(rng() * KNOBS);
    while (knob === last);
    last = knob;
    turns.push({knob, value: (2 * rng() - 1) * KNOB_RANGE[knob]});
  }
  return turns;
})();
/** The knobs after each turn; row 0 is the start, all knobs at 0 (a flat curve). */
export const HAND: Float64Array[] = TURNS.reduce<Float64Array[]>(
  (rows, turn) => {
    const next = Float64Array.from(rows[rows.length - 1]);
    next[turn.knob] = turn.value;
    return [...rows, next];
  },
  [new Float64Array(KNOBS)],
);

// ── Beat 2b: gradient descent turns all six together ────────────────────────────────
/** Step size on the scaled features; below 2/λmax of the Hessian (≈ 0.4), so each step lowers the loss. */
export const LR = 0.2;
export const GRAD_TOL = 1e-7;
/** Descent from where the hand left the knobs, in feature coordinates. */
export const DESCENT: Trajectory = descend(featureLoss, toFeatures(HAND[HAND.length - 1]), {
  lr: LR,
  maxSteps: 2000,
  gradTol: GRAD_TOL,
});
/** The knobs at a (fractional) step of the descent: the stored trajectory played back, mapped to k0…k5. */
export const knobsAtStep = (s: number) => toKnobs(paramsAtFraction(DESCENT, s));
/** The knobs where descent stopped. */
export const DESCENT_END = knobsAtStep(DESCENT.steps);
/** Decimals of the comparison table; the knobs' dials show KNOB_DIGITS. */
export const TABLE_DIGITS = 3;
export const KNOB_DIGITS = 2;

// ── Beat 4: the same game with more knobs ───────────────────────────────────────────
/** GPT-3's parameter count. */
export const GPT3_PARAMETERS = 175_000_000_000;

/** An integer with thousands separators: 175000000000 → "175,000,000,000". */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The counter at progress u ∈ [0, 1]: from 6 to GPT-3's count on a log scale, so every digit ticks by. */
export function countAtProgress(u: number): number {
  if (u <= 0) return KNOBS;
  if (u >= 1) return GPT3_PARAMETERS;
  return Math.round(Math.exp(Math.log(KNOBS) + u * (Math.log(GPT3_PARAMETERS) - Math.log(KNOBS))));
}

// ── Layout (1920×1080 design units, origin at the centre) ───────────────────────────
export const PLOT_MAP: AxisMap = {xRange: [-1.8, 1.8], yRange: [-2.5, 3.5], xLength: 760, yLength: 400};
export const PLOT_POS: Pair = [-450, -110];
/** Design-space position of plot point (x, y). */
export function plotToDesign(x: number, y: number): Pair {
  const [px, py] = c2p(PLOT_MAP, x, y);
  return [PLOT_POS[0] + px, PLOT_POS[1] + py];
}

// ── Timeline ─────────────────────────────────────────────────────────────────────────
/** Timings in seconds, in storyboard order. */
export const T = {
  intro: 1.2,
  dots: 1.0,
  knobsIn: 0.8,
  squaresIn: 0.8,
  readSquares: 4.2,
  /** One random turn, then a look at the loss. */
  turn: 0.7,
  look: 0.35,
  afterHand: 0.8,
  chartIn: 0.8,
  descent: 9,
  settle: 1.5,
  tableIn: 0.8,
  readTable: 5,
  clear: 1.0,
  count: 6,
  gpt: 3.5,
  caption: 0.3,
} as const;
/** How sharply descent's playback speeds up: step(u) = steps·(e^{βu} − 1)/(e^β − 1). */
export const DESCENT_EASE = 6;

/** Beat start times: each beat starts where the one before ends. */
export const BEATS = (() => {
  const squares = T.intro + T.dots + T.knobsIn;
  const hand = squares + T.squaresIn + T.readSquares;
  const handEnd = hand + HAND_TURNS * (T.turn + T.look);
  const descent = handEnd + T.afterHand + T.chartIn;
  const settle = descent + T.descent;
  const compare = settle + T.settle;
  const close = compare + T.tableIn + T.readTable;
  const count = close + T.clear;
  const gpt = count + T.count;
  const end = gpt + T.gpt;
  return {squares, hand, handEnd, descent, settle, compare, close, count, gpt, end};
})();

/** When turn n (0-based) of the hand starts. */
export const turnStart = (n: number) => BEATS.hand + n * (T.turn + T.look);

/** The descent step shown at time t (fractional while it runs; 0 before, the last step after). */
export function stepAt(t: number): number {
  const u = clamp01((t - BEATS.descent) / T.descent);
  const b = DESCENT_EASE;
  return (DESCENT.steps * (Math.exp(b * u) - 1)) / (Math.exp(b) - 1);
}

/** The knobs k0…k5 at time t: zeros, then the hand's turns, then descent played back. */
export function knobsAt(t: number): Float64Array {
  if (t >= BEATS.descent) return knobsAtStep(stepAt(t));
  const n = Math.min(HAND_TURNS - 1, Math.max(0, Math.floor((t - BEATS.hand) / (T.turn + T.look))));
  const k = Float64Array.from(HAND[n]);
  const {knob, value} = TURNS[n];
  k[knob] += rampAt(t, turnStart(n), T.turn) * (value - k[knob]);
  return k;
}

/** The counter at time t. */
export const countAt = (t: number) => countAtProgress(rampAt(t, BEATS.count, T.count));

/** Everything the readouts show at time t; the scene prints exactly these numbers. */
export function readoutsAt(t: number) {
  const knobs = knobsAt(t);
  const step = stepAt(t);
  return {
    knobs,
    /** The loss readout: the mean area of the residual squares, i.e. the engine loss of the knobs shown. */
    loss: lossOf(knobs),
    /** The step counter: the whole steps descent has taken. */
    step: wholeStep(DESCENT, step),
    /** Where the loss chart's dot stands. */
    chartStep: step,
    count: countAt(t),
  };
}

/** The loss descent recorded, read linearly between whole steps: the chart's curve. */
export function recordedLossAt(s: number): number {
  const c = Math.min(Math.max(s, 0), DESCENT.steps);
  const i = Math.min(Math.floor(c), Math.max(DESCENT.steps - 1, 0));
  const u = c - i;
  return DESCENT.loss[i] + u * (DESCENT.loss[Math.min(i + 1, DESCENT.steps)] - DESCENT.loss[i]);
}
