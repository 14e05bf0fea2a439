import {sigmoid} from '../math/autodiff';
import {gaussian, type Rng} from '../math/random';

export type Activation = 'sigmoid' | 'tanh' | 'relu' | 'identity';
/** mse and bce average over every output entry; softmax-ce averages over samples. */
export type LossName = 'mse' | 'bce' | 'softmax-ce';

/** One dense layer: a = activation(W·x + b). */
export interface LayerWeights {
  inSize: number;
  outSize: number;
  /** outSize×inSize, row-major: row j holds the weights into neuron j. */
  W: Float64Array;
  b: Float64Array;
  activation: Activation;
}

export interface MLPSnapshot {
  layers: LayerWeights[];
}

/** Layer sizes from input to output, and one activation per layer after the input. */
export interface Architecture {
  sizes: readonly number[];
  activations: readonly Activation[];
}

/** n samples, row-major: inputs n×inputDim, targets n×outputDim. */
export interface Batch {
  n: number;
  inputs: Float64Array;
  targets: Float64Array;
}

/** Weight snapshots of a training run, every k steps, scrubbed by index. */
export interface TrainingTimeline {
  count: number;
  /** The training step of each snapshot. */
  step: Int32Array;
  /** The full-batch loss at each snapshot. */
  loss: Float64Array;
  snapshot(i: number): MLPSnapshot;
}

/** Total number of weights and biases. Flat layout: layer by layer, W then b. */
export function paramCount(arch: Architecture): number {
  let count = 0;
  for (let l = 1; l < arch.sizes.length; l++) count += arch.sizes[l] * (arch.sizes[l - 1] + 1);
  return count;
}

/** An MLP whose W and b are views into the flat params (no copy). */
export function snapshotFromParams(arch: Architecture, params: Float64Array): MLPSnapshot {
  const layers: LayerWeights[] = [];
  let offset = 0;
  for (let l = 1; l < arch.sizes.length; l++) {
    const [inSize, outSize] = [arch.sizes[l - 1], arch.sizes[l]];
    const W = params.subarray(offset, (offset += inSize * outSize));
    const b = params.subarray(offset, (offset += outSize));
    layers.push({inSize, outSize, W, b, activation: arch.activations[l - 1]});
  }
  return {layers};
}

export function architectureOf(net: MLPSnapshot): Architecture {
  return {
    sizes: [net.layers[0].inSize, ...net.layers.map(layer => layer.outSize)],
    activations: net.layers.map(layer => layer.activation),
  };
}

/** A copy of the network's weights in the flat layout. */
export function flattenParams(net: MLPSnapshot): Float64Array {
  const params = new Float64Array(paramCount(architectureOf(net)));
  let offset = 0;
  for (const {W, b} of net.layers) {
    params.set(W, offset);
    params.set(b, (offset += W.length));
    offset += b.length;
  }
  return params;
}

/** Seeded initialisation: Gaussian weights scaled by 1/√fan-in (√2 for relu), zero biases. */
export function initMLP(arch: Architecture, rng: Rng): MLPSnapshot {
  if (arch.activations.length !== arch.sizes.length - 1) throw new Error('one activation per layer is needed');
  const net = snapshotFromParams(arch, new Float64Array(paramCount(arch)));
  for (const layer of net.layers) {
    const scale = (layer.activation === 'relu' ? Math.SQRT2 : 1) / Math.sqrt(layer.inSize);
    for (let i = 0; i < layer.W.length; i++) layer.W[i] = scale * gaussian(rng);
  }
  return net;
}

export function activate(f: Activation, z: number): number {
  switch (f) {
    case 'sigmoid':
      return sigmoid(z);
    case 'tanh':
      return Math.tanh(z);
    case 'relu':
      return z > 0 ? z : 0;
    case 'identity':
      return z;
  }
}

/** The activation's derivative, written in terms of its output a = f(z). */
export function activationSlope(f: Activation, a: number): number {
  switch (f) {
    case 'sigmoid':
      return a * (1 - a);
    case 'tanh':
      return 1 - a * a;
    case 'relu':
      return a > 0 ? 1 : 0;
    case 'identity':
      return 1;
  }
}

/** Activations of every layer for one input, starting with the input itself. */
export function forward(net: MLPSnapshot, input: ArrayLike<number>): Float64Array[] {
  const activations = [Float64Array.from(input)];
  for (const {inSize, outSize, W, b, activation} of net.layers) {
    const x = activations[activations.length - 1];
    const a = new Float64Array(outSize);
    for (let j = 0; j < outSize; j++) {
      let z = b[j];
      for (let i = 0; i < inSize; i++) z += W[j * inSize + i] * x[i];
      a[j] = activate(activation, z);
    }
    activations.push(a);
  }
  return activations;
}

/** The network's output for one input (for softmax-ce this is the logits). */
export function predict(net: MLPSnapshot, input: ArrayLike<number>): Float64Array {
  const activations = forward(net, input);
  return activations[activations.length - 1];
}

/** bce is computed from the logits of a sigmoid output, softmax-ce from raw logits. */
export function checkLossFits(arch: Architecture, loss: LossName): void {
  const last = arch.activations[arch.activations.length - 1];
  if (loss === 'bce' && last !== 'sigmoid') throw new Error('bce needs a sigmoid output layer');
  if (loss === 'softmax-ce' && last !== 'identity')
    throw new Error('softmax-ce needs an identity (logit) output layer');
}
