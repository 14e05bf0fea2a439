import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import {beforeAll, describe, expect, it} from 'vitest';
import {relativeError} from '../../src/math/gradcheck';
import {gaussian, mulberry32} from '../../src/math/random';
import {makeBackprop, mlpObjective} from '../../src/nn/backprop';
import {digitClassifier} from '../../src/nn/digitClassifier';
import {
  architectureOf,
  flattenParams,
  paramCount,
  snapshotFromParams,
  type Activation,
  type Architecture,
  type LossName,
} from '../../src/nn/mlp';

/** float32 tolerance: tfjs's CPU backend computes in float32, the engine in float64. */
const TOL = 1e-5;
/** Entrywise bound where float32 cancels digits (saturated tanh slopes). */
const SATURATED_TOL = 5e-4;

/** ‖a − b‖ / ‖b‖. */
function normError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let [d, n] = [0, 0];
  for (let i = 0; i < a.length; i++) {
    d += (a[i] - b[i]) ** 2;
    n += b[i] ** 2;
  }
  return Math.sqrt(d / n);
}

interface Case {
  name: string;
  arch: Architecture;
  loss: LossName;
}

const cases: Case[] = [
  {name: '2-8-1 sigmoid, mse', arch: {sizes: [2, 8, 1], activations: ['sigmoid', 'sigmoid']}, loss: 'mse'},
  {name: '3-6-4-2 tanh/relu, bce', arch: {sizes: [3, 6, 4, 2], activations: ['tanh', 'relu', 'sigmoid']}, loss: 'bce'},
  {name: '4-5-3 relu, softmax-ce', arch: {sizes: [4, 5, 3], activations: ['relu', 'identity']}, loss: 'softmax-ce'},
];

function tfActivation(z: tf.Tensor, f: Activation): tf.Tensor {
  switch (f) {
    case 'sigmoid':
      return tf.sigmoid(z);
    case 'tanh':
      return tf.tanh(z);
    case 'relu':
      return tf.relu(z);
    case 'identity':
      return z;
  }
}

/** Loss from tfjs's own loss functions; for bce and softmax-ce they take the logits. */
function tfLoss(loss: LossName, y: tf.Tensor, z: tf.Tensor, a: tf.Tensor): tf.Scalar {
  switch (loss) {
    case 'mse':
      return tf.losses.meanSquaredError(y, a) as tf.Scalar;
    case 'bce':
      return tf.losses.sigmoidCrossEntropy(y, z) as tf.Scalar;
    case 'softmax-ce':
      return tf.losses.softmaxCrossEntropy(y, z) as tf.Scalar;
  }
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('cross-check against TensorFlow.js (same MLP, weights and batch)', () => {
  for (const {name, arch, loss} of cases) {
    it(`loss and every gradient agree within float32 tolerance (${name})`, () => {
      const rng = mulberry32(name.length);
      const n = 6;
      const [inDim, outDim] = [arch.sizes[0], arch.sizes[arch.sizes.length - 1]];
      // Values representable in float32, so both sides start from identical numbers.
      const params = Float64Array.from({length: paramCount(arch)}, () => Math.fround(0.7 * gaussian(rng)));
      const inputs = Float64Array.from({length: n * inDim}, () => Math.fround(gaussian(rng)));
      const targets = new Float64Array(n * outDim);
      for (let s = 0; s < n; s++) {
        if (loss === 'softmax-ce') targets[s * outDim + Math.floor(rng() * outDim)] = 1;
        else for (let j = 0; j < outDim; j++) targets[s * outDim + j] = Math.round(rng());
      }

      const grad = new Float64Array(params.length);
      const ours = mlpObjective(arch, {n, inputs, targets}, loss)(params, grad);

      const net = snapshotFromParams(arch, params);
      const leaves = net.layers.flatMap(l => [
        tf.tensor2d(Float32Array.from(l.W), [l.outSize, l.inSize]),
        tf.tensor1d(Float32Array.from(l.b)),
      ]);
      const x = tf.tensor2d(Float32Array.from(inputs), [n, inDim]);
      const y = tf.tensor2d(Float32Array.from(targets), [n, outDim]);
      const f = (...ws: tf.Tensor[]): tf.Scalar => {
        let a: tf.Tensor = x;
        let z: tf.Tensor = x;
        net.layers.forEach((layer, l) => {
          z = tf.add(tf.matMul(a as tf.Tensor2D, ws[2 * l] as tf.Tensor2D, false, true), ws[2 * l + 1]);
          a = tfActivation(z, layer.activation);
        });
        return tfLoss(loss, y, z, a);
      };
      const theirs = f(...leaves).dataSync()[0];
      const theirGrad = Float64Array.from(
        tf
          .grads(f)(leaves)
          .flatMap(g => Array.from(g.dataSync())),
      );

      expect(Math.abs(ours - theirs) / Math.abs(ours)).toBeLessThan(TOL);
      expect(theirGrad.length).toBe(grad.length);
      // Entry by entry; the tiny floor only spares gradients that are exactly 0 on both sides (dead relus).
      expect(relativeError(grad, theirGrad, 1e-9)).toBeLessThan(TOL);
      tf.dispose([...leaves, x, y]);
    });
  }
});

describe('cross-check against TensorFlow.js: the digit classifier', () => {
  it('the 64-16-10 softmax classifier on real digits: loss, weight gradients and input gradients agree within float32 tolerance', () => {
    // Weights from early in training (step 10), where the loss is not yet near 0: once the network is
    // sure, every gradient is a tiny difference p − y that float32 cannot resolve to 1e-5.
    const {timeline, test} = digitClassifier();
    const trained = timeline.snapshot(1);
    const arch = architectureOf(trained);
    const n = 8;
    // The trained weights and digit pixels rounded to float32, so both sides start from identical numbers.
    const params = flattenParams(trained).map(Math.fround);
    const inputs = test.inputs.slice(0, n * 64).map(Math.fround);
    const targets = test.targets.slice(0, n * 10);
    const grad = new Float64Array(params.length);
    const inputGrad = new Float64Array(n * 64);
    const ours = makeBackprop(arch, n, 'softmax-ce')(params, inputs, targets, grad, inputGrad);

    const net = snapshotFromParams(arch, params);
    const leaves = net.layers.flatMap(l => [
      tf.tensor2d(Float32Array.from(l.W), [l.outSize, l.inSize]),
      tf.tensor1d(Float32Array.from(l.b)),
    ]);
    const x = tf.tensor2d(Float32Array.from(inputs), [n, 64]);
    const y = tf.tensor2d(Float32Array.from(targets), [n, 10]);
    const f = (xIn: tf.Tensor, ...ws: tf.Tensor[]): tf.Scalar => {
      const h = tf.tanh(tf.add(tf.matMul(xIn as tf.Tensor2D, ws[0] as tf.Tensor2D, false, true), ws[1]));
      const z = tf.add(tf.matMul(h as tf.Tensor2D, ws[2] as tf.Tensor2D, false, true), ws[3]);
      return tf.losses.softmaxCrossEntropy(y, z) as tf.Scalar;
    };
    const theirs = f(x, ...leaves).dataSync()[0];
    const [gx, ...gw] = tf.grads(f)([x, ...leaves]);
    const theirGrad = Float64Array.from(gw.flatMap(g => Array.from(g.dataSync())));

    const theirInputGrad = Float64Array.from(gx.dataSync());
    expect(Math.abs(ours - theirs) / Math.abs(ours)).toBeLessThan(TOL);
    // As a whole vector the gradients agree to float32 rounding. Entry by entry a saturated tanh neuron's
    // slope 1 − tanh² is a float32 cancellation (tanh = 0.999 leaves three digits), hence the looser bound.
    expect(normError(grad, theirGrad)).toBeLessThan(TOL);
    expect(relativeError(grad, theirGrad, 1e-6)).toBeLessThan(SATURATED_TOL);
    // ∂loss/∂pixels is what FGSM follows.
    expect(normError(inputGrad, theirInputGrad)).toBeLessThan(TOL);
    expect(relativeError(inputGrad, theirInputGrad, 1e-6)).toBeLessThan(SATURATED_TOL);
    tf.dispose([...leaves, x, y, gx, ...gw]);
  });
});
