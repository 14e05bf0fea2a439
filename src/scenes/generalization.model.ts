/**
 * The generalization scene's maths and timeline. Seeded noisy samples of a smooth cubic leave a
 * gap in the middle; polynomials of degree 1, 3 and 12 are fitted to them by the engine's least
 * squares (on x mapped to [−1, 1]); held-out points inside the gap then measure how well each fit
 * predicts where it saw no data. Every curve, dot, bar and number on screen is a pure function of
 * the scene clock defined here, so tests can ask what is shown at any time. Pure (no Motion Canvas).
 */
import type {AxisMap, Pair} from '../components/axisMath';
import {c2p} from '../components/axisMath';
import {colors} from '../components/theme';
import {type ScaledPolynomial, meanSquaredErrorScaled, polyfitScaled, polyvalScaled} from '../math/leastSquares';
import {mulberry32} from '../math/random';
import {noisyPolynomial} from '../nn/datasets';
import {rampAt} from '../math/ease';

// ── Data and fits ────────────────────────────────────────────────────────────────────
/** The smooth function behind the samples, k0…k3: a hump that peaks inside the gap. */
export const TRUE_COEFFS = [0.35, 3.15, -0.4, -0.2];
export const SEED = 12;
export const X_RANGE: Pair = [0, 3];
/** No training sample falls in here. */
export const GAP: Pair = [1, 2];
export const NOISE = 0.2;
const rng = mulberry32(SEED);
/** The training samples, sorted by x, none inside the gap. */
export const TRAIN = noisyPolynomial(rng, {coeffs: TRUE_COEFFS, n: 20, range: X_RANGE, noise: NOISE, gap: GAP});
/** Held-out samples from the same function, all inside the gap (a little away from its edges). */
export const TEST = noisyPolynomial(rng, {
  coeffs: TRUE_COEFFS,
  n: 6,
  range: [GAP[0] + 0.05, GAP[1] - 0.05],
  noise: NOISE,
});

export const DEGREES = [1, 3, 12] as const;
export interface Fit {
  degree: number;
  poly: ScaledPolynomial;
  /** Mean squared error on the training samples. */
  train: number;
  /** Mean squared error on the held-out samples in the gap. */
  test: number;
}
/** One least-squares fit per degree, with its train and test error (engine). */
export const FITS: Fit[] = DEGREES.map(degree => {
  const poly = polyfitScaled(TRAIN.xs, TRAIN.ys, degree);
  return {
    degree,
    poly,
    train: meanSquaredErrorScaled(poly, TRAIN.xs, TRAIN.ys),
    test: meanSquaredErrorScaled(poly, TEST.xs, TEST.ys),
  };
});
/** The fitted curve of fit i at x. */
export const fitAt = (i: number, x: number) => polyvalScaled(FITS[i].poly, x);

/** The names the scene gives the three fits, in order of degree. */
export const NAMES = [
  {zh: '欠拟合', en: 'underfitting'},
  {zh: '刚好', en: 'good fit'},
  {zh: '过拟合', en: 'overfitting'},
] as const;

/** One colour per fit (too simple, right, too wild), and the colours of the two kinds of sample. */
export const FIT_COLORS = [colors.orange, colors.green, colors.red];
export const TRAIN_COLOR = colors.text;
export const TEST_COLOR = colors.highlight;
export const TRAIN_BAR = colors.textDim;

/** An error as the table prints it. */
export const formatError = (v: number) => v.toFixed(3);

// ── Layout (1920×1080 design units, origin at the centre) ───────────────────────────
export const AXES_MAP: AxisMap = {xRange: X_RANGE, yRange: [0, 5], xLength: 950, yLength: 580};
export const AXES_POS: Pair = [-345, 10];
/** Design-space position of graph point (x, y) on the main plot. */
export function graphToDesign(x: number, y: number): Pair {
  const [px, py] = c2p(AXES_MAP, x, y);
  return [AXES_POS[0] + px, AXES_POS[1] + py];
}

/** The error chart: log10 of the error from LOG_RANGE[0] (the baseline) to LOG_RANGE[1] (the top). */
export const CHART = {
  left: 330,
  baseline: 190,
  height: 240,
  logRange: [-3, 1] as Pair,
  /** Centre of each degree's group of bars. */
  groups: [460, 620, 780],
  barWidth: 44,
  /** Train bar left of the centre, test bar right of it. */
  barOffset: 26,
} as const;

/** Height in design pixels of a bar for error v (log scale, clamped to the chart). */
export function barHeight(v: number): number {
  const [lo, hi] = CHART.logRange;
  const u = (Math.log10(v) - lo) / (hi - lo);
  return CHART.height * Math.min(1, Math.max(0, u));
}
/** The design-space y of log10(error) = e on the chart's axis. */
export const chartY = (e: number) => CHART.baseline - barHeight(10 ** e);
/** The bar of degree group i and kind: its centre x and its full height. */
export function barGeometry(i: number, kind: 'train' | 'test'): {x: number; height: number} {
  const x = CHART.groups[i] + (kind === 'train' ? -1 : 1) * CHART.barOffset;
  return {x, height: barHeight(kind === 'train' ? FITS[i].train : FITS[i].test)};
}

// ── Timeline ─────────────────────────────────────────────────────────────────────────
/** Timings in seconds, in storyboard order. */
export const T = {
  intro: 1.5,
  /** The training dots pop in one after another over this long. */
  dots: 2.0,
  pop: 0.3,
  gapIn: 0.8,
  look: 2.5,
  /** Each fitted curve draws in over `draw`, then rests `rest`. */
  draw: 1.6,
  rest: 0.6,
  compare: 2.6,
  testIn: 1.0,
  testLook: 2.6,
  chartIn: 0.8,
  grow: 1.4,
  growLook: 2.4,
  /** One named fit in focus. */
  name: 3.2,
  focus: 0.5,
  /** Two closing captions, this long each. */
  end: 3.2,
  caption: 0.4,
} as const;

/** The whole storyboard as start times, built in order. */
export const BEATS = (() => {
  let now = 0;
  const at = (seconds: number) => {
    const start = now;
    now += seconds;
    return start;
  };
  const intro = at(T.intro);
  const dots = at(T.dots);
  const gap = at(T.gapIn + T.look);
  const curves = DEGREES.map(() => at(T.draw + T.rest));
  const compare = at(T.compare);
  const test = at(T.testIn + T.testLook);
  const chart = at(T.chartIn);
  const trainBars = at(T.grow + T.growLook);
  const testBars = at(T.grow + T.growLook);
  const names = DEGREES.map(() => at(T.name));
  const outro = at(2 * T.end);
  return {intro, dots, gap, curves, compare, test, chart, trainBars, testBars, names, outro, end: now};
})();

/** How far training dot i has popped in, 0–1. */
export const trainDotAt = (i: number, t: number) => rampAt(t, BEATS.dots + (T.dots * i) / TRAIN.xs.length, T.pop);
/** How far held-out dot i has popped in, 0–1. */
export const testDotAt = (i: number, t: number) => rampAt(t, BEATS.test + (T.testIn * i) / TEST.xs.length, T.pop);
/** The shaded gap and its "no data" label. */
export const gapAt = (t: number) => rampAt(t, BEATS.gap, T.gapIn);
/** The drawn fraction of curve i, 0–1, left to right. */
export const curveEndAt = (i: number, t: number) => rampAt(t, BEATS.curves[i], T.draw);

/** How far fit k's beat has brought it into focus, 0–1 (fading in and out at the beat's ends). */
export const focusRampAt = (k: number, t: number) =>
  rampAt(t, BEATS.names[k], T.focus) * (1 - rampAt(t, BEATS.names[k] + T.name - T.focus, T.focus));
/** The dimmed opacity of a curve that is not in focus. */
export const DIM = 0.25;
/** The opacity of curve i: full, or dimmed while another fit is in focus. */
export function curveOpacityAt(i: number, t: number): number {
  const other = Math.max(...DEGREES.map((_, k) => (k === i ? 0 : focusRampAt(k, t))));
  return 1 - (1 - DIM) * other;
}
/** The title, the axes and the first caption. */
export const introAt = (t: number) => rampAt(t, BEATS.intro, T.intro);
/** The legend row of fit i appears as its curve starts to draw. */
export const legendAt = (i: number, t: number) => rampAt(t, BEATS.curves[i], T.focus);
/** The key to the dots: training dots with the data, held-out dots when they appear. */
export const trainKeyAt = (t: number) => rampAt(t, BEATS.dots, T.focus);
export const testKeyAt = (t: number) => rampAt(t, BEATS.test, T.focus);

/** When each caption takes over (the scene's CAPTIONS, in order). */
export const CAPTION_AT = [
  0,
  BEATS.gap + T.gapIn,
  BEATS.curves[0],
  BEATS.compare,
  BEATS.test,
  BEATS.trainBars,
  BEATS.testBars,
  ...BEATS.names,
  BEATS.outro,
  BEATS.outro + T.end,
];

/** The name of fit i: hidden until its beat, then it stays. */
export const nameAt = (i: number, t: number) => rampAt(t, BEATS.names[i], T.focus);
/** The fraction of each bar grown, train and test. */
export const trainGrowAt = (t: number) => rampAt(t, BEATS.trainBars, T.grow);
export const testGrowAt = (t: number) => rampAt(t, BEATS.testBars, T.grow);
/** The chart's frame (axis, ticks, degree labels). */
export const chartAt = (t: number) => rampAt(t, BEATS.chart, T.chartIn);

/** Everything the error chart shows at time t; the scene draws exactly these numbers. */
export function chartReadoutsAt(t: number) {
  const train = trainGrowAt(t);
  const test = testGrowAt(t);
  return FITS.map((f, i) => ({
    degree: f.degree,
    /** Bar heights in design pixels, growing from the baseline. */
    trainHeight: train * barGeometry(i, 'train').height,
    testHeight: test * barGeometry(i, 'test').height,
    /** The table's numbers, shown once their bar is grown; empty before. */
    trainText: train > 0 ? formatError(f.train) : '',
    testText: test > 0 ? formatError(f.test) : '',
    trainShown: train,
    testShown: test,
  }));
}
