import type {Objective} from '../math/optimizers';
import {
  activate,
  activationSlope,
  checkLossFits,
  type Activation,
  type Architecture,
  type Batch,
  type LossName,
} from './mlp';

/**
 * Loss and gradient of an MLP over a batch, writing ∂loss/∂params into gradOut
 * (flat layout, see paramCount) and optionally ∂loss/∂inputs into inputGradOut.
 */
export type Backprop = (
  params: Float64Array,
  inputs: Float64Array,
  targets: Float64Array,
  gradOut: Float64Array,
  inputGradOut?: Float64Array,
) => number;

/**
 * The hand-derived fast path: forward and backward passes over preallocated
 * typed arrays, for a fixed architecture, batch size and loss. Tests check it
 * equals the autodiff path (mlpGraph.ts) to rounding error.
 */
export function makeBackprop(arch: Architecture, n: number, loss: LossName): Backprop {
  checkLossFits(arch, loss);
  const {sizes, activations} = arch;
  const L = sizes.length - 1;
  const m = sizes[L];
  const acts = sizes.map(s => new Float64Array(n * s)); // acts[0] is the input
  const deltas = sizes.map(s => new Float64Array(n * s)); // ∂loss/∂z per layer
  const logits = new Float64Array(n * m);
  const offsets: number[] = []; // where each layer's W starts; its b follows W
  for (let l = 1, o = 0; l <= L; l++) {
    offsets[l] = o;
    o += sizes[l] * (sizes[l - 1] + 1);
  }

  return (params, inputs, targets, grad, inputGrad) => {
    acts[0].set(inputs.subarray(0, n * sizes[0]));
    for (let l = 1; l <= L; l++) {
      const [nIn, nOut, w, f] = [sizes[l - 1], sizes[l], offsets[l], activations[l - 1]];
      const bias = w + nIn * nOut;
      const [x, a] = [acts[l - 1], acts[l]];
      for (let s = 0; s < n; s++)
        for (let j = 0; j < nOut; j++) {
          let z = params[bias + j];
          for (let i = 0; i < nIn; i++) z += params[w + j * nIn + i] * x[s * nIn + i];
          if (l === L) logits[s * nOut + j] = z;
          a[s * nOut + j] = activate(f, z);
        }
    }

    const total = outputDelta(loss, activations[L - 1], logits, acts[L], targets, deltas[L], n, m);

    for (let l = L; l >= 1; l--) {
      const [nIn, nOut, w] = [sizes[l - 1], sizes[l], offsets[l]];
      const bias = w + nIn * nOut;
      const [x, d] = [acts[l - 1], deltas[l]];
      for (let j = 0; j < nOut; j++) {
        let gb = 0;
        for (let i = 0; i < nIn; i++) {
          let gw = 0;
          for (let s = 0; s < n; s++) gw += d[s * nOut + j] * x[s * nIn + i];
          grad[w + j * nIn + i] = gw;
        }
        for (let s = 0; s < n; s++) gb += d[s * nOut + j];
        grad[bias + j] = gb;
      }
      // Send the error back one layer: ∂loss/∂x = Wᵀ·δ, then through the slope of x's activation.
      const back = l > 1 ? deltas[l - 1] : inputGrad;
      if (!back) continue;
      for (let s = 0; s < n; s++)
        for (let i = 0; i < nIn; i++) {
          let g = 0;
          for (let j = 0; j < nOut; j++) g += params[w + j * nIn + i] * d[s * nOut + j];
          back[s * nIn + i] = l > 1 ? g * activationSlope(activations[l - 2], x[s * nIn + i]) : g;
        }
    }
    return total;
  };
}

/** Returns the loss and writes δ = ∂loss/∂z for the output layer. */
function outputDelta(
  loss: LossName,
  f: Activation,
  z: Float64Array,
  a: Float64Array,
  y: Float64Array,
  delta: Float64Array,
  n: number,
  m: number,
): number {
  let total = 0;
  const N = n * m;
  if (loss === 'mse') {
    for (let k = 0; k < N; k++) {
      const r = a[k] - y[k];
      total += (r * r) / N;
      delta[k] = ((2 * r) / N) * activationSlope(f, a[k]);
    }
  } else if (loss === 'bce') {
    // −[y·log σ(z) + (1−y)·log(1−σ(z))] = max(z,0) − z·y + log(1 + e^−|z|); its z-slope is σ(z) − y.
    for (let k = 0; k < N; k++) {
      total += (Math.max(z[k], 0) - z[k] * y[k] + Math.log1p(Math.exp(-Math.abs(z[k])))) / N;
      delta[k] = (a[k] - y[k]) / N;
    }
  } else {
    // −Σ_j y_j·log softmax_j(z); its z-slope is softmax_j·Σ_k y_k − y_j.
    for (let s = 0; s < n; s++) {
      const row = z.subarray(s * m, (s + 1) * m);
      const top = Math.max(...row);
      const logZ = top + Math.log(row.reduce((acc, zj) => acc + Math.exp(zj - top), 0));
      let ySum = 0;
      for (let j = 0; j < m; j++) ySum += y[s * m + j];
      for (let j = 0; j < m; j++) {
        total -= (y[s * m + j] * (row[j] - logZ)) / n;
        delta[s * m + j] = (Math.exp(row[j] - logZ) * ySum - y[s * m + j]) / n;
      }
    }
  }
  return total;
}

/** The full-batch loss of an MLP as an Objective over its flat params (fast path). */
export function mlpObjective(arch: Architecture, batch: Batch, loss: LossName): Objective {
  const backprop = makeBackprop(arch, batch.n, loss);
  return (params, grad) => backprop(params, batch.inputs, batch.targets, grad);
}
