import type {Objective} from './optimizers';

/**
 * Solves min ‖A·x − b‖² for a tall m×n matrix A (row-major) by Householder QR,
 * which avoids squaring the condition number as the normal equations would.
 */
export function solveLeastSquares(A: ArrayLike<number>, m: number, n: number, b: ArrayLike<number>): Float64Array {
  if (m < n) throw new Error(`least squares needs at least ${n} points, got ${m}`);
  const R = Float64Array.from(A);
  const y = Float64Array.from(b);
  const v = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    // Householder reflection that zeroes column k below the diagonal.
    let colNorm = 0;
    for (let i = k; i < m; i++) colNorm += R[i * n + k] ** 2;
    colNorm = Math.sqrt(colNorm);
    if (colNorm === 0) throw new Error('least squares: the design matrix is rank deficient');
    const alpha = R[k * n + k] > 0 ? -colNorm : colNorm;
    let vv = 0;
    for (let i = k; i < m; i++) {
      v[i] = R[i * n + k] - (i === k ? alpha : 0);
      vv += v[i] * v[i];
    }
    const reflect = (get: (i: number) => number, set: (i: number, x: number) => void): void => {
      let dot = 0;
      for (let i = k; i < m; i++) dot += v[i] * get(i);
      const c = (2 * dot) / vv;
      for (let i = k; i < m; i++) set(i, get(i) - c * v[i]);
    };
    for (let j = k; j < n; j++)
      reflect(
        i => R[i * n + j],
        (i, x) => (R[i * n + j] = x),
      );
    reflect(
      i => y[i],
      (i, x) => (y[i] = x),
    );
  }
  // Back substitution on the upper triangle: R·x = Qᵀb.
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let j = i + 1; j < n; j++) s -= R[i * n + j] * x[j];
    x[i] = s / R[i * n + i];
  }
  return x;
}

/** p(x) = k0 + k1·x + … + kd·x^d, by Horner's rule. */
export function polyval(coeffs: ArrayLike<number>, x: number): number {
  let y = 0;
  for (let j = coeffs.length - 1; j >= 0; j--) y = y * x + coeffs[j];
  return y;
}

/**
 * A polynomial in u = (x − center)/scale: p(x) = a0 + a1·u + … + ad·u^d. On the data's own
 * interval u stays in [−1, 1], where the powers of u are well conditioned even at degree 12.
 */
export interface ScaledPolynomial {
  center: number;
  scale: number;
  /** a0…ad, ascending powers of u. */
  coeffs: Float64Array;
}

/**
 * Least-squares polynomial of the given degree, fitted on u = (x − c)/s ∈ [−1, 1] where
 * c and s map the smallest and largest x to −1 and 1. Returns the coefficients in u.
 */
export function polyfitScaled(xs: ArrayLike<number>, ys: ArrayLike<number>, degree: number): ScaledPolynomial {
  const m = xs.length;
  const n = degree + 1;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < m; i++) [lo, hi] = [Math.min(lo, xs[i]), Math.max(hi, xs[i])];
  const center = (lo + hi) / 2;
  const scale = hi > lo ? (hi - lo) / 2 : 1;
  const V = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) V[i * n + j] = ((xs[i] - center) / scale) ** j;
  return {center, scale, coeffs: solveLeastSquares(V, m, n, ys)};
}

/** p(x) of a scaled polynomial: Horner's rule in u = (x − center)/scale. */
export function polyvalScaled(p: ScaledPolynomial, x: number): number {
  return polyval(p.coeffs, (x - p.center) / p.scale);
}

/** Mean squared error of a scaled polynomial on the points (xs, ys): Σ (p(xᵢ) − yᵢ)² / n. */
export function meanSquaredErrorScaled(p: ScaledPolynomial, xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += (polyvalScaled(p, xs[i]) - ys[i]) ** 2;
  return sum / xs.length;
}

/**
 * Least-squares polynomial of the given degree; returns k0…kd (ascending powers).
 * The fit runs on u = (x − c)/s ∈ [−1, 1] (polyfitScaled), where the powers of u stay well
 * conditioned, and the coefficients are then expanded back to powers of x.
 */
export function polyfit(xs: ArrayLike<number>, ys: ArrayLike<number>, degree: number): Float64Array {
  const {center: c, scale: s, coeffs: a} = polyfitScaled(xs, ys, degree);
  const n = degree + 1;
  // Σ_j a_j ((x − c)/s)^j = Σ_i k_i x^i with k_i = Σ_{j≥i} a_j s^−j C(j, i) (−c)^(j−i).
  const k = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let binom = 1; // C(j, i), built up as i decreases from j
    for (let i = j; i >= 0; i--) {
      k[i] += (a[j] / s ** j) * binom * (-c) ** (j - i);
      binom = (binom * i) / (j - i + 1);
    }
  }
  return k;
}

/** The least-squares line y = k1·x + k2. */
export function lineFit(xs: ArrayLike<number>, ys: ArrayLike<number>): {k1: number; k2: number} {
  const [k2, k1] = polyfit(xs, ys, 1);
  return {k1, k2};
}

/**
 * Mean squared residual of a polynomial with coefficients k0…kd, as an
 * Objective over the coefficients: ∂L/∂k_j = (2/n) Σ_i r_i x_i^j.
 */
export function polynomialLoss(xs: ArrayLike<number>, ys: ArrayLike<number>): Objective {
  const m = xs.length;
  return (k, grad) => {
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < m; i++) {
      const r = polyval(k, xs[i]) - ys[i];
      loss += r * r;
      let xj = 1;
      for (let j = 0; j < k.length; j++, xj *= xs[i]) grad[j] += (2 * r * xj) / m;
    }
    return loss / m;
  };
}
