import {describe, expect, it} from 'vitest';
import {lineFit, polyfit, polynomialLoss, polyval, solveLeastSquares} from '../../src/math/leastSquares';
import {descend} from '../../src/math/optimizers';
import {gaussian, mulberry32} from '../../src/math/random';
import {numericGradient, relativeError} from '../../src/math/gradcheck';
import {noisyPolynomial} from '../../src/nn/datasets';

describe('least squares', () => {
  it('recovers the exact coefficients of a noise-free degree-5 polynomial (1e-9)', () => {
    const truth = [1.5, -2, 0.3, 0.7, -0.05, 0.01];
    const xs = Float64Array.from({length: 40}, (_, i) => -3 + (7 * i) / 39);
    const ys = xs.map((x) => polyval(truth, x));
    const k = polyfit(xs, ys, 5);
    truth.forEach((t, j) => expect(Math.abs(k[j] - t)).toBeLessThan(1e-9));
  });

  it('stays exact on data far from the origin, thanks to rescaling x', () => {
    const truth = [-4, 0.5, 0.02, -0.001];
    const xs = Float64Array.from({length: 30}, (_, i) => 10 + i / 3);
    const k = polyfit(xs, xs.map((x) => polyval(truth, x)), 3);
    truth.forEach((t, j) => expect(Math.abs(k[j] - t)).toBeLessThan(1e-9 * Math.max(1, Math.abs(t))));
  });

  it('line fit y = k1·x + k2 agrees with the textbook formula k1 = cov(x,y)/var(x)', () => {
    const rng = mulberry32(8);
    const xs = Float64Array.from({length: 25}, () => 5 * rng());
    const ys = xs.map((x) => 1.7 * x - 0.4 + 0.3 * gaussian(rng));
    const mean = (a: Float64Array): number => a.reduce((s, v) => s + v, 0) / a.length;
    const [mx, my] = [mean(xs), mean(ys)];
    const k1 = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    const fit = lineFit(xs, ys);
    expect(fit.k1).toBeCloseTo(k1, 12);
    expect(fit.k2).toBeCloseTo(my - k1 * mx, 12);
  });

  it("matches gradient descent's limit on noisy data", () => {
    const {xs, ys} = noisyPolynomial(mulberry32(3), {coeffs: [0.5, -1, 2], n: 50, range: [-1, 1], noise: 0.2});
    const closed = polyfit(xs, ys, 2);
    const run = descend(polynomialLoss(xs, ys), [0, 0, 0], {lr: 0.4, maxSteps: 100000, gradTol: 1e-13});
    expect(run.stop).toBe('gradTol');
    expect(relativeError(run.params.subarray(run.steps * 3), closed)).toBeLessThan(1e-9);
    expect(Math.abs(closed[2] - 2)).toBeGreaterThan(1e-3); // the noise really moved the answer off the truth
  });

  it('the polynomial loss gradient matches finite differences', () => {
    const {xs, ys} = noisyPolynomial(mulberry32(4), {coeffs: [1, 2, 3], n: 10, range: [-2, 2], noise: 0.5});
    const loss = polynomialLoss(xs, ys);
    const k = Float64Array.of(0.3, -0.7, 1.1, 0.2);
    const g = new Float64Array(4);
    loss(k, g);
    expect(relativeError(g, numericGradient((p) => loss(p, new Float64Array(4)), k))).toBeLessThan(1e-6);
  });

  it('refuses a rank-deficient design (too few distinct x for the degree)', () => {
    expect(() => solveLeastSquares([1, 1, 1, 1], 2, 2, [1, 2])).toThrow(/rank/);
    expect(() => polyfit([1, 2], [1, 2], 3)).toThrow(/at least 4/);
  });
});
