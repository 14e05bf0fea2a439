import {describe, expect, it} from 'vitest';
import {
  lineFit,
  meanSquaredErrorScaled,
  polyfit,
  polyfitScaled,
  polynomialLoss,
  polyval,
  polyvalScaled,
  solveLeastSquares,
} from '../../src/math/leastSquares';
import {descend} from '../../src/math/optimizers';
import {gaussian, mulberry32} from '../../src/math/random';
import {numericGradient, relativeError} from '../../src/math/gradcheck';
import {noisyPolynomial} from '../../src/nn/datasets';

describe('least squares', () => {
  it('recovers the exact coefficients of a noise-free degree-5 polynomial (1e-9)', () => {
    const truth = [1.5, -2, 0.3, 0.7, -0.05, 0.01];
    const xs = Float64Array.from({length: 40}, (_, i) => -3 + (7 * i) / 39);
    const ys = xs.map(x => polyval(truth, x));
    const k = polyfit(xs, ys, 5);
    truth.forEach((t, j) => expect(Math.abs(k[j] - t)).toBeLessThan(1e-9));
  });

  it('stays exact on data far from the origin, thanks to rescaling x', () => {
    const truth = [-4, 0.5, 0.02, -0.001];
    const xs = Float64Array.from({length: 30}, (_, i) => 10 + i / 3);
    const k = polyfit(
      xs,
      xs.map(x => polyval(truth, x)),
      3,
    );
    truth.forEach((t, j) => expect(Math.abs(k[j] - t)).toBeLessThan(1e-9 * Math.max(1, Math.abs(t))));
  });

  it('line fit y = k1·x + k2 agrees with the textbook formula k1 = cov(x,y)/var(x)', () => {
    const rng = mulberry32(8);
    const xs = Float64Array.from({length: 25}, () => 5 * rng());
    const ys = xs.map(x => 1.7 * x - 0.4 + 0.3 * gaussian(rng));
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
    expect(
      relativeError(
        g,
        numericGradient(p => loss(p, new Float64Array(4)), k),
      ),
    ).toBeLessThan(1e-6);
  });

  it('refuses a rank-deficient design (too few distinct x for the degree)', () => {
    expect(() => solveLeastSquares([1, 1, 1, 1], 2, 2, [1, 2])).toThrow(/rank/);
    expect(() => polyfit([1, 2], [1, 2], 3)).toThrow(/at least 4/);
  });
});

/** Solves the normal equations (VᵀV)·a = Vᵀy by Gaussian elimination with partial pivoting: independent of QR. */
function normalEquations(us: ArrayLike<number>, ys: ArrayLike<number>, n: number): number[] {
  const M = Array.from({length: n}, (_, r) => {
    const row = Array.from({length: n + 1}, () => 0);
    for (let i = 0; i < us.length; i++) {
      for (let c = 0; c < n; c++) row[c] += us[i] ** r * us[i] ** c;
      row[n] += us[i] ** r * ys[i];
    }
    return row;
  });
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let r = k + 1; r < n; r++) if (Math.abs(M[r][k]) > Math.abs(M[p][k])) p = r;
    [M[k], M[p]] = [M[p], M[k]];
    for (let r = k + 1; r < n; r++) {
      const f = M[r][k] / M[k][k];
      for (let c = k; c <= n; c++) M[r][c] -= f * M[k][c];
    }
  }
  const a = Array.from({length: n}, () => 0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let c = r + 1; c < n; c++) s -= M[r][c] * a[c];
    a[r] = s / M[r][r];
  }
  return a;
}

describe('scaled least squares (fit on x mapped to [-1, 1])', () => {
  const {xs, ys} = noisyPolynomial(mulberry32(12), {
    coeffs: [1, 0.6, -1.3, -0.2],
    n: 20,
    range: [-1.5, 1.5],
    noise: 0.2,
    gap: [-0.5, 0.5],
  });

  it('maps the smallest and largest x to -1 and 1', () => {
    const p = polyfitScaled(xs, ys, 3);
    expect((xs[0] - p.center) / p.scale).toBeCloseTo(-1, 14);
    expect((xs[xs.length - 1] - p.center) / p.scale).toBeCloseTo(1, 14);
  });

  it('recovers a noise-free degree-12 polynomial in u exactly (1e-9)', () => {
    const a = [0.5, -1, 2, 0.3, -4, 1, 2.5, -0.7, -1.5, 0.2, 0.9, -0.1, 0.4];
    const zs = Float64Array.from({length: 30}, (_, i) => 3 + (5 * i) / 29); // u = (z − 5.5)/2.5
    const p = polyfitScaled(
      zs,
      zs.map(z => polyval(a, (z - 5.5) / 2.5)),
      12,
    );
    a.forEach((t, j) => expect(Math.abs(p.coeffs[j] - t)).toBeLessThan(1e-9));
  });

  it('degree 12 on gapped data agrees with the normal equations; its residual is orthogonal to every power of u', () => {
    const p = polyfitScaled(xs, ys, 12);
    const us = Array.from(xs, x => (x - p.center) / p.scale);
    const a = normalEquations(us, ys, 13);
    // The two solvers agree on the fitted curve everywhere on [-1.5, 1.5], gap included.
    for (let x = -1.5; x <= 1.5; x += 0.05) {
      expect(Math.abs(polyvalScaled(p, x) - polyval(a, (x - p.center) / p.scale))).toBeLessThan(1e-5);
    }
    const r = Array.from(xs, (x, i) => ys[i] - polyvalScaled(p, x));
    for (let j = 0; j <= 12; j++) expect(Math.abs(us.reduce((s, u, i) => s + u ** j * r[i], 0))).toBeLessThan(1e-10);
  });

  it('gives the same curve as polyfit at low degree; its mean squared error is the average squared residual', () => {
    for (const d of [1, 3]) {
      const p = polyfitScaled(xs, ys, d);
      const k = polyfit(xs, ys, d);
      for (let x = -2; x <= 2; x += 0.25) expect(polyvalScaled(p, x)).toBeCloseTo(polyval(k, x), 10);
      const mse = Array.from(xs, (x, i) => (polyval(k, x) - ys[i]) ** 2).reduce((s, v) => s + v, 0) / xs.length;
      expect(meanSquaredErrorScaled(p, xs, ys)).toBeCloseTo(mse, 12);
    }
  });
});
