import {Value} from './autodiff';

/** Central finite differences: ∂f/∂x_i ≈ (f(x + h e_i) − f(x − h e_i)) / 2h, with h scaled to |x_i|. */
export function numericGradient(f: (x: Float64Array) => number, x: ArrayLike<number>, h = 1e-5): Float64Array {
  const p = Float64Array.from(x);
  const g = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) {
    const xi = p[i];
    const hi = h * Math.max(1, Math.abs(xi));
    p[i] = xi + hi;
    const up = f(p);
    p[i] = xi - hi;
    const down = f(p);
    p[i] = xi;
    g[i] = (up - down) / (2 * hi);
  }
  return g;
}

/**
 * Largest entrywise |a − b| / max(|a|, |b|, floor). The floor keeps entries
 * that are truly ~0 from turning rounding noise into a huge ratio.
 */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-3): number {
  if (a.length !== b.length) throw new Error(`relativeError: lengths ${a.length} and ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const scale = Math.max(Math.abs(a[i]), Math.abs(b[i]), floor);
    worst = Math.max(worst, Math.abs(a[i] - b[i]) / scale);
  }
  return worst;
}

export interface GradcheckResult {
  /** Worst relative error over every entry of every input. */
  maxRelError: number;
  /** Backprop gradients, one array per input. */
  analytic: Float64Array[];
  /** Finite-difference gradients, one array per input. */
  numeric: Float64Array[];
}

/** Checks the autodiff gradient of a scalar graph f(inputs) against central differences. */
export function gradcheck(f: (inputs: Value[]) => Value, inputs: Value[], h = 1e-5): GradcheckResult {
  const out = f(inputs);
  if (out.size !== 1) throw new Error('gradcheck: f must return a 1×1 Value');
  out.backward();
  const analytic = inputs.map(v => Float64Array.from(v.grad));
  const numeric = inputs.map(v =>
    numericGradient(
      p => {
        const saved = Float64Array.from(v.data);
        v.data.set(p);
        const y = f(inputs).value;
        v.data.set(saved);
        return y;
      },
      v.data,
      h,
    ),
  );
  const maxRelError = Math.max(...analytic.map((a, i) => relativeError(a, numeric[i])));
  return {maxRelError, analytic, numeric};
}
