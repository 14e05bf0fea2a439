import {fires, type Perceptron} from './perceptron';

/**
 * The Rosenblatt rule recorded after every sample it looks at, not only at the end
 * of each epoch. On XOR the weights after each epoch can repeat while the line still
 * jumps around inside the epoch; this log holds every one of those positions.
 */
export interface PerceptronSteps {
  dim: number;
  /** Samples presented: epochs × n. */
  steps: number;
  /** (steps+1)×dim: row k holds the weights after step k (row 0: the start). */
  weights: Float64Array;
  /** Threshold after each step (index 0: the start). */
  threshold: Float64Array;
  /** The sample looked at in step k (index 0: −1, none). */
  sample: Int32Array;
  /** 1 if step k made an update (the sample was misclassified), else 0. */
  updated: Uint8Array;
  /** Misclassified samples over the whole dataset after step k. */
  errors: Int32Array;
  /** The epoch step k belongs to (index 0: 0). */
  epoch: Int32Array;
  /** The perceptron after step k (weights are a view into the log). */
  at(k: number): Perceptron;
}

/**
 * Same rule, order and defaults as trainPerceptron (samples in order, w ← w + lr·(y − ŷ)·x,
 * b ← b − lr·(y − ŷ), all-zero start), so its rows at k = e·n equal that log's epoch e.
 */
export function perceptronSteps(
  inputs: Float64Array,
  targets: ArrayLike<number>,
  opts: {epochs: number; lr?: number; init?: Perceptron},
): PerceptronSteps {
  const n = targets.length;
  const dim = inputs.length / n;
  const lr = opts.lr ?? 1;
  const steps = opts.epochs * n;
  const w = Float64Array.from(opts.init?.weights ?? new Float64Array(dim));
  let b = opts.init?.threshold ?? 0;

  const weights = new Float64Array((steps + 1) * dim);
  const threshold = new Float64Array(steps + 1);
  const sample = new Int32Array(steps + 1).fill(-1, 0, 1);
  const updated = new Uint8Array(steps + 1);
  const errors = new Int32Array(steps + 1);
  const epoch = new Int32Array(steps + 1);
  const sampleAt = (s: number) => inputs.subarray(s * dim, (s + 1) * dim);
  const record = (k: number) => {
    weights.set(w, k * dim);
    threshold[k] = b;
    const p = {weights: w, threshold: b};
    for (let s = 0; s < n; s++) if (fires(p, sampleAt(s)) !== targets[s]) errors[k]++;
  };

  record(0);
  for (let k = 1; k <= steps; k++) {
    const s = (k - 1) % n;
    const x = sampleAt(s);
    const miss = targets[s] - fires({weights: w, threshold: b}, x);
    for (let i = 0; i < dim; i++) w[i] += lr * miss * x[i];
    b -= lr * miss;
    sample[k] = s;
    updated[k] = miss !== 0 ? 1 : 0;
    epoch[k] = Math.floor((k - 1) / n) + 1;
    record(k);
  }
  return {
    dim,
    steps,
    weights,
    threshold,
    sample,
    updated,
    errors,
    epoch,
    at: k => ({weights: weights.subarray(k * dim, (k + 1) * dim), threshold: threshold[k]}),
  };
}
