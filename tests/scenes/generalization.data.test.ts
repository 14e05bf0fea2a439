import {describe, expect, it} from 'vitest';
import {meanSquaredErrorScaled, polyfit, polyfitScaled, polyval, polyvalScaled} from '../../src/math/leastSquares';
import {mulberry32} from '../../src/math/random';
import {noisyPolynomial} from '../../src/nn/datasets';
import {
  BEATS,
  CAPTION_AT,
  CHART,
  DEGREES,
  DIM,
  FITS,
  GAP,
  NOISE,
  SEED,
  T,
  TEST,
  TRAIN,
  TRUE_COEFFS,
  X_RANGE,
  barGeometry,
  barHeight,
  chartReadoutsAt,
  curveEndAt,
  curveOpacityAt,
  fitAt,
  formatError,
  nameAt,
  testDotAt,
  trainDotAt,
} from '../../src/scenes/generalization.model';

/** Scene times every 0.1 s, over the whole scene. */
const TIMES = Array.from({length: Math.floor(BEATS.end * 10)}, (_, i) => i / 10);
const mse = (k: ArrayLike<number>, xs: ArrayLike<number>, ys: ArrayLike<number>) =>
  Array.from(xs, (x, i) => (polyval(k, x) - ys[i]) ** 2).reduce((s, v) => s + v, 0) / xs.length;

describe('generalization model', () => {
  it('the training samples are seeded, leave the gap empty, and the held-out samples all lie inside it', () => {
    const rng = mulberry32(SEED);
    const train = noisyPolynomial(rng, {coeffs: TRUE_COEFFS, n: 20, range: X_RANGE, noise: NOISE, gap: GAP});
    expect(Array.from(TRAIN.xs)).toEqual(Array.from(train.xs));
    expect(Array.from(TRAIN.ys)).toEqual(Array.from(train.ys));
    for (const x of TRAIN.xs) expect(x <= GAP[0] || x >= GAP[1]).toBe(true);
    // Samples on both sides of the gap, so every fit has to cross it.
    expect(TRAIN.xs.filter(x => x < GAP[0]).length).toBeGreaterThan(5);
    expect(TRAIN.xs.filter(x => x > GAP[1]).length).toBeGreaterThan(5);
    expect(TEST.xs.length).toBeGreaterThan(3);
    for (const x of TEST.xs) expect(x > GAP[0] && x < GAP[1]).toBe(true);
  });

  it('each fit is the engine least squares of its degree on the training samples; its errors are the engine MSE', () => {
    FITS.forEach((f, i) => {
      expect(f.degree).toBe(DEGREES[i]);
      const p = polyfitScaled(TRAIN.xs, TRAIN.ys, f.degree);
      expect(Array.from(f.poly.coeffs)).toEqual(Array.from(p.coeffs));
      expect(f.train).toBe(meanSquaredErrorScaled(p, TRAIN.xs, TRAIN.ys));
      expect(f.test).toBe(meanSquaredErrorScaled(p, TEST.xs, TEST.ys));
      for (let x = 0; x <= 3; x += 0.1) expect(fitAt(i, x)).toBe(polyvalScaled(p, x));
    });
    // Independently, the low-degree fits through polyfit's expanded coefficients give the same errors.
    for (const i of [0, 1]) {
      const k = polyfit(TRAIN.xs, TRAIN.ys, DEGREES[i]);
      expect(FITS[i].train).toBeCloseTo(mse(k, TRAIN.xs, TRAIN.ys), 10);
      expect(FITS[i].test).toBeCloseTo(mse(k, TEST.xs, TEST.ys), 10);
    }
  });

  it('train error falls with degree (1 > 3 > 12); test error in the gap is lowest at 3 and rises again at 12', () => {
    const [d1, d3, d12] = FITS;
    expect(d1.train).toBeGreaterThan(d3.train);
    expect(d3.train).toBeGreaterThan(d12.train);
    expect(d3.test).toBeLessThan(d1.test);
    expect(d3.test).toBeLessThan(d12.test);
    // Overfitting is wild, not marginal: degree 12 misses the gap by far more than degree 3, and more than degree 1.
    expect(d12.test / d3.test).toBeGreaterThan(20);
    expect(d12.test).toBeGreaterThan(d1.test);
    // The good fit predicts the gap about as well as the noise allows.
    expect(d3.test).toBeLessThan(2 * NOISE ** 2);
  });

  it('degree 12 shoots off the chart inside the gap, while degree 3 stays near the true function there', () => {
    const truth = (x: number) => polyval(TRUE_COEFFS, x);
    let wild = 0;
    let worst3 = 0;
    for (let x = GAP[0]; x <= GAP[1]; x += 0.01) {
      wild = Math.max(wild, fitAt(2, x));
      worst3 = Math.max(worst3, Math.abs(fitAt(1, x) - truth(x)));
    }
    expect(wild).toBeGreaterThan(5); // the top of the plot: the drawn curve is clipped there
    expect(worst3).toBeLessThan(0.3);
  });

  it('every bar and table number on screen equals the engine error, at every sampled time', () => {
    for (const t of TIMES) {
      const shown = chartReadoutsAt(t);
      shown.forEach((r, i) => {
        const f = FITS[i];
        expect(r.degree).toBe(f.degree);
        // A bar never exceeds its engine height, and a number is either absent or the engine's error.
        expect(r.trainHeight).toBeLessThanOrEqual(barHeight(f.train) + 1e-9);
        expect(r.testHeight).toBeLessThanOrEqual(barHeight(f.test) + 1e-9);
        expect(['', formatError(f.train)]).toContain(r.trainText);
        expect(['', formatError(f.test)]).toContain(r.testText);
        if (t < BEATS.trainBars) expect(r.trainHeight).toBe(0);
        if (t >= BEATS.trainBars + T.grow) {
          expect(r.trainHeight).toBeCloseTo(barHeight(f.train), 9);
          expect(r.trainText).toBe(f.train.toFixed(3));
        }
        if (t < BEATS.testBars) expect([r.testHeight, r.testText]).toEqual([0, '']);
        if (t >= BEATS.testBars + T.grow) {
          expect(r.testHeight).toBeCloseTo(barHeight(f.test), 9);
          expect(r.testText).toBe(f.test.toFixed(3));
        }
      });
    }
  });

  it('bar heights are log10 of the error on the chart scale, independently computed', () => {
    const perDecade = CHART.height / (CHART.logRange[1] - CHART.logRange[0]);
    FITS.forEach((f, i) => {
      for (const kind of ['train', 'test'] as const) {
        const v = f[kind];
        expect(v).toBeGreaterThan(10 ** CHART.logRange[0]);
        expect(v).toBeLessThan(10 ** CHART.logRange[1]); // on the scale: no bar is clamped
        expect(barGeometry(i, kind).height).toBeCloseTo((Math.log10(v) - CHART.logRange[0]) * perDecade, 9);
      }
    });
  });

  it('the storyboard runs in order: data, the three curves, held-out points, bars, names; 20–60 s long', () => {
    expect(BEATS.end).toBeGreaterThanOrEqual(20);
    expect(BEATS.end).toBeLessThanOrEqual(60);
    for (let k = 1; k < CAPTION_AT.length; k++) expect(CAPTION_AT[k]).toBeGreaterThan(CAPTION_AT[k - 1]);
    const at = (t: number) => ({
      dots: TRAIN.xs.every((_, i) => trainDotAt(i, t) === 1),
      curves: DEGREES.map((_, i) => curveEndAt(i, t)),
      test: TEST.xs.some((_, i) => testDotAt(i, t) > 0),
    });
    expect(at(BEATS.curves[0] - 0.01)).toEqual({dots: true, curves: [0, 0, 0], test: false});
    expect(at(BEATS.test - 0.01)).toEqual({dots: true, curves: [1, 1, 1], test: false});
    expect(at(BEATS.chart).test).toBe(true);
    // The names come in turn, and each fit is in focus (the others dimmed) during its own beat.
    BEATS.names.forEach((start, k) => {
      expect(nameAt(k, start - 0.01)).toBe(0);
      expect(nameAt(k, start + T.focus)).toBe(1);
      const mid = start + T.name / 2;
      DEGREES.forEach((_, i) => expect(curveOpacityAt(i, mid)).toBeCloseTo(i === k ? 1 : DIM, 12));
    });
    expect(DEGREES.map((_, i) => curveOpacityAt(i, BEATS.end - 0.01))).toEqual([1, 1, 1]);
  });
});
