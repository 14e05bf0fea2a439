import {Value} from '../math/autodiff';
import type {Objective} from '../math/optimizers';
import {
  checkLossFits,
  snapshotFromParams,
  type Activation,
  type Architecture,
  type Batch,
  type LossName,
  type MLPSnapshot,
} from './mlp';

/** An MLP's loss built as an autodiff graph: the readable path, and what the backprop scene draws. */
export interface MLPGraph {
  loss: Value;
  /** The input batch, n×inputDim. */
  input: Value;
  /** Each layer's weights (out×in) and bias (1×out), as graph leaves. */
  params: {W: Value; b: Value}[];
  /** Each layer's activations, n×outSize. */
  activations: Value[];
}

function applyActivation(z: Value, f: Activation): Value {
  switch (f) {
    case 'sigmoid':
      return z.sigmoid();
    case 'tanh':
      return z.tanh();
    case 'relu':
      return z.relu();
    case 'identity':
      return z;
  }
}

/** Builds forward pass and loss: z = x·Wᵀ + b, a = f(z), layer by layer. */
export function buildMLPGraph(net: MLPSnapshot, batch: Batch, loss: LossName): MLPGraph {
  const {n} = batch;
  const last = net.layers[net.layers.length - 1];
  const input = Value.matrix(n, net.layers[0].inSize, batch.inputs.subarray(0, n * net.layers[0].inSize), 'x');
  const targets = Value.matrix(n, last.outSize, batch.targets.subarray(0, n * last.outSize), 'y');
  const params: MLPGraph['params'] = [];
  const activations: Value[] = [];
  let a = input;
  net.layers.forEach((layer, l) => {
    const W = Value.matrix(layer.outSize, layer.inSize, layer.W, `W${l + 1}`);
    const b = Value.matrix(1, layer.outSize, layer.b, `b${l + 1}`);
    params.push({W, b});
    a = applyActivation(a.matmul(W.transpose()).addBias(b), layer.activation);
    activations.push(a);
  });
  return {loss: lossNode(a, targets, loss), input, params, activations};
}

function lossNode(out: Value, y: Value, loss: LossName): Value {
  switch (loss) {
    case 'mse':
      return out.sub(y).pow(2).mean();
    case 'bce': {
      const oneMinus = (v: Value): Value => Value.constant(1).sub(v);
      return y
        .mul(out.log())
        .add(oneMinus(y).mul(oneMinus(out).log()))
        .mean()
        .neg();
    }
    case 'softmax-ce':
      return y
        .mul(out.logSoftmax())
        .sum()
        .mul(-1 / out.rows);
  }
}

/** The full-batch loss as an Objective over flat params, differentiated by autodiff. */
export function mlpObjectiveAutodiff(arch: Architecture, batch: Batch, loss: LossName): Objective {
  checkLossFits(arch, loss);
  return (params, grad) => {
    const graph = buildMLPGraph(snapshotFromParams(arch, params), batch, loss);
    graph.loss.backward();
    let offset = 0;
    for (const {W, b} of graph.params) {
      grad.set(W.grad, offset);
      grad.set(b.grad, (offset += W.size));
      offset += b.size;
    }
    return graph.loss.value;
  };
}
