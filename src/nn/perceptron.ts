/** Rosenblatt's perceptron: fires (1) when w·x − b > 0, where b is the threshold. */
export interface Perceptron {
  weights: Float64Array;
  threshold: number;
}

/** The weighted sum w·x, before the threshold. */
export function weightedSum(p: Perceptron, x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < p.weights.length; i++) s += p.weights[i] * x[i];
  return s;
}

/** The step activation: 1 if w·x − b > 0 else 0. */
export function fires(p: Perceptron, x: ArrayLike<number>): number {
  return weightedSum(p, x) - p.threshold > 0 ? 1 : 0;
}

export interface PerceptronLog {
  dim: number;
  epochs: number;
  /** (epochs+1)×dim: row e holds the weights after epoch e (row 0: the start). */
  weights: Float64Array;
  /** Threshold after each epoch (index 0: the start). */
  threshold: Float64Array;
  /** Misclassified samples over the whole dataset after each epoch (index 0: the start). */
  errors: Int32Array;
  /** Updates made during each epoch (index 0: none); XOR never gets a quiet epoch. */
  updates: Int32Array;
  /** The first epoch with zero errors, or −1 if it never gets there. */
  convergedAt: number;
  /** The perceptron after epoch e (weights are a view into the log). */
  at(e: number): Perceptron;
}

export interface PerceptronOptions {
  epochs: number;
  /** Learning rate (default 1). */
  lr?: number;
  /** Starting point (default all zeros). */
  init?: Perceptron;
}

function countErrors(p: Perceptron, inputs: Float64Array, targets: ArrayLike<number>, dim: number): number {
  let errors = 0;
  for (let s = 0; s < targets.length; s++) {
    if (fires(p, inputs.subarray(s * dim, (s + 1) * dim)) !== targets[s]) errors++;
  }
  return errors;
}

/**
 * The Rosenblatt rule, one sample at a time in order: on a mistake,
 * w ← w + lr·(y − ŷ)·x and b ← b − lr·(y − ŷ). It stops moving once every
 * sample is right, which happens only if the classes are linearly separable.
 */
export function trainPerceptron(
  inputs: Float64Array,
  targets: ArrayLike<number>,
  opts: PerceptronOptions,
): PerceptronLog {
  const n = targets.length;
  const dim = inputs.length / n;
  const lr = opts.lr ?? 1;
  const p: Perceptron = {
    weights: Float64Array.from(opts.init?.weights ?? new Float64Array(dim)),
    threshold: opts.init?.threshold ?? 0,
  };
  const weights = new Float64Array((opts.epochs + 1) * dim);
  const threshold = new Float64Array(opts.epochs + 1);
  const errors = new Int32Array(opts.epochs + 1);
  const updates = new Int32Array(opts.epochs + 1);
  const record = (e: number): void => {
    weights.set(p.weights, e * dim);
    threshold[e] = p.threshold;
    errors[e] = countErrors(p, inputs, targets, dim);
  };
  record(0);
  for (let e = 1; e <= opts.epochs; e++) {
    for (let s = 0; s < n; s++) {
      const x = inputs.subarray(s * dim, (s + 1) * dim);
      const miss = targets[s] - fires(p, x);
      if (miss !== 0) updates[e]++;
      for (let i = 0; i < dim; i++) p.weights[i] += lr * miss * x[i];
      p.threshold -= lr * miss;
    }
    record(e);
  }
  return {
    dim,
    epochs: opts.epochs,
    weights,
    threshold,
    errors,
    updates,
    convergedAt: errors.indexOf(0),
    at: e => ({weights: weights.subarray(e * dim, (e + 1) * dim), threshold: threshold[e]}),
  };
}
