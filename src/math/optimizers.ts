import {checkAllFinite, checkFinite} from './finite';

/** Returns the loss at params and writes ∂loss/∂params into gradOut. */
export type Objective = (params: Float64Array, gradOut: Float64Array) => number;
export type OptimizerName = 'sgd' | 'momentum' | 'nesterov' | 'rmsprop' | 'adam';

export interface DescentOptions {
  optimizer?: OptimizerName;
  lr: number;
  maxSteps: number;
  /** Stop once ‖gradient‖ falls below this. */
  gradTol?: number;
  /** Stop (reason 'diverged') once the loss exceeds this. */
  divergeAbove?: number;
  /** Velocity decay for momentum and Nesterov (default 0.9). */
  momentum?: number;
  /** Adam's first-moment decay (default 0.9). */
  beta1?: number;
  /** Second-moment decay: Adam (default 0.999) and RMSProp (default 0.9). */
  beta2?: number;
  eps?: number;
}

export type StopReason = 'maxSteps' | 'gradTol' | 'diverged';

/** Row i of params/grad is the state after i steps; row 0 is the start. */
export interface Trajectory {
  dim: number;
  steps: number;
  params: Float64Array;
  loss: Float64Array;
  grad: Float64Array;
  stop: StopReason;
}

/** Updates params in place from the gradient at params. */
export type UpdateRule = (params: Float64Array, grad: Float64Array) => void;

/** The update rule of one optimizer, with its own state (velocity, moments). */
export function createUpdateRule(dim: number, opts: DescentOptions): UpdateRule {
  const {lr} = opts;
  const mu = opts.momentum ?? 0.9;
  const eps = opts.eps ?? 1e-8;
  const v = new Float64Array(dim);
  const s = new Float64Array(dim);
  switch (opts.optimizer ?? 'sgd') {
    case 'sgd':
      return (p, g) => {
        for (let i = 0; i < dim; i++) p[i] -= lr * g[i];
      };
    case 'momentum': // heavy ball: v ← μv + g, x ← x − lr·v
      return (p, g) => {
        for (let i = 0; i < dim; i++) {
          v[i] = mu * v[i] + g[i];
          p[i] -= lr * v[i];
        }
      };
    case 'nesterov': // look-ahead written with the gradient at x: x ← x − lr·(g + μv)
      return (p, g) => {
        for (let i = 0; i < dim; i++) {
          v[i] = mu * v[i] + g[i];
          p[i] -= lr * (g[i] + mu * v[i]);
        }
      };
    case 'rmsprop': {
      const beta = opts.beta2 ?? 0.9;
      return (p, g) => {
        for (let i = 0; i < dim; i++) {
          s[i] = beta * s[i] + (1 - beta) * g[i] * g[i];
          p[i] -= (lr * g[i]) / (Math.sqrt(s[i]) + eps);
        }
      };
    }
    case 'adam': {
      const b1 = opts.beta1 ?? 0.9;
      const b2 = opts.beta2 ?? 0.999;
      let t = 0;
      return (p, g) => {
        t++;
        const c1 = 1 - b1 ** t; // bias corrections for moments started at 0
        const c2 = 1 - b2 ** t;
        for (let i = 0; i < dim; i++) {
          v[i] = b1 * v[i] + (1 - b1) * g[i];
          s[i] = b2 * s[i] + (1 - b2) * g[i] * g[i];
          p[i] -= (lr * (v[i] / c1)) / (Math.sqrt(s[i] / c2) + eps);
        }
      };
    }
  }
}

export function norm(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s);
}

/**
 * Runs an optimizer from start and records every step. Throws NonFiniteError
 * if the loss, gradient or parameters stop being finite numbers.
 */
export function descend(f: Objective, start: ArrayLike<number>, opts: DescentOptions): Trajectory {
  const dim = start.length;
  const name = opts.optimizer ?? 'sgd';
  const update = createUpdateRule(dim, opts);
  const params = new Float64Array((opts.maxSteps + 1) * dim);
  const grad = new Float64Array((opts.maxSteps + 1) * dim);
  const loss = new Float64Array(opts.maxSteps + 1);
  const x = Float64Array.from(start);
  const g = new Float64Array(dim);
  const record = (i: number): void => {
    loss[i] = checkFinite(f(x, g), 'objective', i);
    checkAllFinite(g, 'gradient', i);
    params.set(x, i * dim);
    grad.set(g, i * dim);
  };
  checkAllFinite(x, 'start', 0);
  record(0);
  let steps = 0;
  const stopReason = (): StopReason | undefined => {
    if (opts.gradTol !== undefined && norm(g) < opts.gradTol) return 'gradTol';
    if (opts.divergeAbove !== undefined && loss[steps] > opts.divergeAbove) return 'diverged';
    return steps === opts.maxSteps ? 'maxSteps' : undefined;
  };
  let stop = stopReason();
  while (stop === undefined) {
    update(x, g);
    steps++;
    checkAllFinite(x, `${name} update`, steps);
    record(steps);
    stop = stopReason();
  }
  return {
    dim,
    steps,
    stop,
    params: params.slice(0, (steps + 1) * dim),
    grad: grad.slice(0, (steps + 1) * dim),
    loss: loss.slice(0, steps + 1),
  };
}

/** The parameters after i steps (a view into the trajectory; do not mutate). */
export function paramsAt(t: Trajectory, i: number): Float64Array {
  return t.params.subarray(i * t.dim, (i + 1) * t.dim);
}
