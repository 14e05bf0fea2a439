import {describe, expect, it} from 'vitest';
import {formatFixed} from '../../src/components/readoutFormat';
import {polyfit, polynomialLoss, polyval, solveLeastSquares} from '../../src/math/leastSquares';
import {paramsAt} from '../../src/math/optimizers';
import * as probe from '../../src/scenes/derivative-probe.model';
import {
  BEATS,
  DATA,
  DESCENT,
  DESCENT_END,
  FEATURE_TO_KNOB,
  FIT,
  GPT3_PARAMETERS,
  GRAD_TOL,
  HAND,
  KNOB_DIGITS,
  KNOB_RANGE,
  KNOBS,
  LR,
  T,
  TABLE_DIGITS,
  TURNS,
  countAt,
  countAtProgress,
  feature,
  featureLoss,
  formatCount,
  knobsAt,
  knobsAtStep,
  lossOf,
  readoutsAt,
  recordedLossAt,
  residuals,
  squareAreas,
  stepAt,
  toFeatures,
  toKnobs,
  turnStart,
} from '../../src/scenes/polynomial-knobs.model';

const N = DATA.xs.length;
/** The mean squared residual written out by hand, independent of the engine objective. */
const handLoss = (k: ArrayLike<number>) =>
  Array.from(DATA.xs, (x, i) => (polyval(k, x) - DATA.ys[i]) ** 2).reduce((a, b) => a + b) / N;
/** Scene times every 0.1 s, over the whole scene. */
const TIMES = Array.from({length: Math.floor(BEATS.end * 10)}, (_, i) => i / 10);

describe('polynomial-knobs model', () => {
  it('shares its data and least-squares knobs with derivative-probe, which follows it in the lecture', () => {
    expect(probe.DATA).toBe(DATA);
    expect(probe.FIT).toBe(FIT);
    expect(N).toBe(24);
  });

  it('the least-squares knobs are the normal-equation solution, found independently of polyfit', () => {
    // Raw Vandermonde matrix, solved by the engine's QR directly (no centring or scaling).
    const V = Float64Array.from(Array.from(DATA.xs).flatMap(x => Array.from({length: KNOBS}, (_, j) => x ** j)));
    const raw = solveLeastSquares(V, N, KNOBS, DATA.ys);
    raw.forEach((v, j) => expect(v).toBeCloseTo(FIT[j], 8));
    const g = new Float64Array(KNOBS);
    polynomialLoss(DATA.xs, DATA.ys)(Float64Array.from(FIT), g);
    for (const v of g) expect(Math.abs(v)).toBeLessThan(1e-9);
  });

  it('the loss readout is the mean area of the residual squares, and the engine loss', () => {
    for (const t of TIMES.filter((_, i) => i % 7 === 0)) {
      const r = readoutsAt(t);
      const areas = squareAreas(r.knobs);
      expect(r.loss).toBeCloseTo(areas.reduce((a, b) => a + b) / N, 12);
      expect(r.loss).toBeCloseTo(handLoss(r.knobs), 12);
      residuals(r.knobs).forEach((res, i) => expect(areas[i]).toBeCloseTo(res * res, 12));
    }
  });

  it('the scaled features map back to the knobs: Σ aⱼ·featureⱼ(x) = p(x) with k = M·a, and back again', () => {
    const a = Float64Array.from([0.3, -1.2, 0.8, 0.5, -0.7, 1.1]);
    const k = toKnobs(a);
    for (const x of [-1.6, -0.7, 0, 0.45, 1.3]) {
      const viaFeatures = Array.from(a, (aj, j) => aj * feature(j, x)).reduce((s, v) => s + v);
      expect(polyval(k, x)).toBeCloseTo(viaFeatures, 10);
    }
    toFeatures(k).forEach((v, j) => expect(v).toBeCloseTo(a[j], 10));
    // M is upper triangular: feature j is a polynomial of degree j.
    FEATURE_TO_KNOB.forEach((row, i) => row.forEach((m, j) => (j < i ? expect(m).toBe(0) : undefined)));
    // Each feature has unit root-mean-square on the samples.
    for (let j = 0; j < KNOBS; j++)
      expect(Array.from(DATA.xs, x => feature(j, x) ** 2).reduce((s, v) => s + v) / N).toBeCloseTo(1, 10);
  });

  it("the features' loss and gradient are the knobs' loss and its chain rule (checked by central differences)", () => {
    const a = toFeatures(HAND[HAND.length - 1]);
    const g = new Float64Array(KNOBS);
    expect(featureLoss(a, g)).toBeCloseTo(handLoss(toKnobs(a)), 12);
    for (let j = 0; j < KNOBS; j++) {
      const h = 1e-6;
      const up = Float64Array.from(a),
        down = Float64Array.from(a);
      up[j] += h;
      down[j] -= h;
      expect(g[j]).toBeCloseTo((handLoss(toKnobs(up)) - handLoss(toKnobs(down))) / (2 * h), 6);
    }
  });

  it("descent's final knobs agree with least squares to the digits shown (table and dials)", () => {
    expect(DESCENT.stop).toBe('gradTol');
    expect(DESCENT.steps).toBeGreaterThan(100);
    expect(DESCENT.steps).toBeLessThan(600); // a few hundred steps
    for (let j = 0; j < KNOBS; j++) {
      expect(formatFixed(DESCENT_END[j], TABLE_DIGITS)).toBe(formatFixed(FIT[j], TABLE_DIGITS));
      expect(formatFixed(DESCENT_END[j], KNOB_DIGITS)).toBe(formatFixed(FIT[j], KNOB_DIGITS));
      expect(Math.abs(DESCENT_END[j] - FIT[j])).toBeLessThan(1e-4);
    }
    // The scene shows the end of the stored trajectory, mapped to knobs.
    toKnobs(paramsAt(DESCENT, DESCENT.steps)).forEach((v, j) => expect(DESCENT_END[j]).toBe(v));
    expect(lossOf(DESCENT_END)).toBeCloseTo(lossOf(FIT), 9);
    expect(GRAD_TOL).toBeLessThan(1e-5);
  });

  it('the loss falls monotonically at the step size used, from where the hand left the knobs', () => {
    expect(LR).toBe(0.2);
    for (let i = 1; i <= DESCENT.steps; i++) expect(DESCENT.loss[i]).toBeLessThan(DESCENT.loss[i - 1]);
    toKnobs(paramsAt(DESCENT, 0)).forEach((v, j) => expect(v).toBeCloseTo(HAND[HAND.length - 1][j], 10));
    // Each recorded loss is the engine loss of the knobs at that step.
    for (const i of [0, 1, 5, 50, DESCENT.steps]) expect(DESCENT.loss[i]).toBeCloseTo(handLoss(knobsAtStep(i)), 10);
    // Over the scene's clock the step never goes back, so the chart's curve only falls.
    let last = -1;
    for (const t of TIMES) {
      const s = stepAt(t);
      expect(s).toBeGreaterThanOrEqual(last);
      last = s;
    }
    for (let s = 0; s < DESCENT.steps; s += 0.37)
      expect(recordedLossAt(s + 0.37)).toBeLessThanOrEqual(recordedLossAt(s));
  });

  it('the hand turns one seeded knob at a time, and the loss stays high: never below the loss of all knobs at 0', () => {
    const zero = handLoss(new Float64Array(KNOBS));
    TURNS.forEach((turn, n) => {
      const changed = HAND[n + 1].map((v, j) => (v !== HAND[n][j] ? 1 : 0)).reduce((a, b) => a + b, 0);
      expect(changed).toBe(1);
      expect(HAND[n + 1][turn.knob]).toBe(turn.value);
      if (n > 0) expect(turn.knob).not.toBe(TURNS[n - 1].knob);
      expect(lossOf(HAND[n + 1])).toBeGreaterThan(zero);
      expect(lossOf(HAND[n + 1])).toBeGreaterThan(5 * lossOf(FIT));
      // After the turn and its look, the knobs are exactly the hand's setting.
      knobsAt(turnStart(n) + T.turn + 0.01).forEach((v, j) => expect(v).toBe(HAND[n + 1][j]));
    });
    // During a turn only the turned knob moves.
    const mid = knobsAt(turnStart(3) + T.turn / 2);
    mid.forEach((v, j) => (j === TURNS[3].knob ? expect(v).not.toBe(HAND[3][j]) : expect(v).toBe(HAND[3][j])));
  });

  it('every knob stays on its dial for the whole scene', () => {
    for (const t of TIMES) knobsAt(t).forEach((v, j) => expect(Math.abs(v)).toBeLessThanOrEqual(KNOB_RANGE[j]));
    for (let i = 0; i <= DESCENT.steps; i++)
      knobsAtStep(i).forEach((v, j) => expect(Math.abs(v)).toBeLessThanOrEqual(KNOB_RANGE[j]));
  });

  it('the readouts at sampled times are the engine values: knobs 0 at the start, the trajectory during descent, the fit after', () => {
    const r0 = readoutsAt(0.5);
    expect(Array.from(r0.knobs)).toEqual(new Array(KNOBS).fill(0));
    expect(r0.loss).toBeCloseTo(handLoss(new Float64Array(KNOBS)), 12);
    for (const u of [0.1, 0.3, 0.6, 0.9]) {
      const t = BEATS.descent + u * T.descent;
      const r = readoutsAt(t);
      const s = stepAt(t);
      // At a fractional step the knobs glide linearly between the stored steps i and i + 1.
      const i = Math.floor(s);
      const f = s - i;
      const [a, b] = [knobsAtStep(i), knobsAtStep(i + 1)];
      r.knobs.forEach((v, j) => expect(v).toBeCloseTo(a[j] + f * (b[j] - a[j]), 10));
      expect(r.step).toBe(i);
      expect(r.loss).toBeCloseTo(handLoss(r.knobs), 12);
    }
    const end = readoutsAt(BEATS.compare + 1);
    end.knobs.forEach((v, j) => expect(v).toBe(DESCENT_END[j]));
    expect(end.step).toBe(DESCENT.steps);
  });

  it('the counter runs from 6 to 175,000,000,000 on a log scale, every digit count showing', () => {
    expect(countAt(BEATS.count - 0.1)).toBe(6);
    expect(countAt(BEATS.gpt)).toBe(GPT3_PARAMETERS);
    expect(formatCount(countAt(BEATS.end - 0.1))).toBe('175,000,000,000');
    expect(formatCount(6)).toBe('6');
    expect(formatCount(1234567)).toBe('1,234,567');
    // Halfway on a log scale is the geometric mean.
    expect(countAtProgress(0.5)).toBe(Math.round(Math.sqrt(6 * GPT3_PARAMETERS)));
    const lengths = new Set<number>();
    let last = 0;
    for (let t = BEATS.count; t <= BEATS.gpt; t += 1 / 60) {
      const c = countAt(t);
      expect(c).toBeGreaterThanOrEqual(last);
      last = c;
      lengths.add(String(c).length);
    }
    for (let d = 1; d <= 12; d++) expect(lengths.has(d)).toBe(true);
  });

  it('the scene lasts 20–60 s', () => {
    expect(BEATS.end).toBeGreaterThan(20);
    expect(BEATS.end).toBeLessThan(60);
    expect(polyfit(DATA.xs, DATA.ys, 5)).toEqual(FIT);
  });
});
