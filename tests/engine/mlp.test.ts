import {describe, expect, it} from 'vitest';
import {NonFiniteError} from '../../src/math/finite';
import {numericGradient, relativeError} from '../../src/math/gradcheck';
import {gaussian, mulberry32} from '../../src/math/random';
import {makeBackprop, mlpObjective} from '../../src/nn/backprop';
import {XOR, blobs} from '../../src/nn/datasets';
import {
  flattenParams,
  forward,
  initMLP,
  paramCount,
  predict,
  snapshotFromParams,
  type Activation,
  type Architecture,
  type Batch,
  type LossName,
} from '../../src/nn/mlp';
import {buildMLPGraph, mlpObjectiveAutodiff} from '../../src/nn/mlpGraph';
import {trainMLP} from '../../src/nn/training';

interface Case {
  name: string;
  arch: Architecture;
  loss: LossName;
}

const cases: Case[] = [
  {name: '2-8-1 sigmoid, mse', arch: {sizes: [2, 8, 1], activations: ['sigmoid', 'sigmoid']}, loss: 'mse'},
  {name: '3-5-4-2 tanh/relu, bce', arch: {sizes: [3, 5, 4, 2], activations: ['tanh', 'relu', 'sigmoid']}, loss: 'bce'},
  {name: '4-6-3 relu, softmax-ce', arch: {sizes: [4, 6, 3], activations: ['relu', 'identity']}, loss: 'softmax-ce'},
  {name: '2-3-2 tanh, mse on identity', arch: {sizes: [2, 3, 2], activations: ['tanh', 'identity']}, loss: 'mse'},
];

/** A random batch whose targets suit the loss: 0/1 for bce, one-hot rows for softmax-ce. */
function randomBatch(seed: number, arch: Architecture, loss: LossName, n = 5): Batch {
  const rng = mulberry32(seed);
  const [inDim, outDim] = [arch.sizes[0], arch.sizes[arch.sizes.length - 1]];
  const inputs = Float64Array.from({length: n * inDim}, () => gaussian(rng));
  const targets = new Float64Array(n * outDim);
  for (let s = 0; s < n; s++) {
    if (loss === 'softmax-ce') targets[s * outDim + Math.floor(rng() * outDim)] = 1;
    else for (let j = 0; j < outDim; j++) targets[s * outDim + j] = loss === 'bce' ? Math.round(rng()) : gaussian(rng);
  }
  return {n, inputs, targets};
}

function randomParams(seed: number, arch: Architecture): Float64Array {
  const rng = mulberry32(seed);
  return Float64Array.from({length: paramCount(arch)}, () => 0.8 * gaussian(rng));
}

describe('MLP: the fast typed-array path equals the autodiff path', () => {
  for (const {name, arch, loss} of cases) {
    it(`loss and every gradient agree to rounding error (${name})`, () => {
      for (let seed = 1; seed <= 5; seed++) {
        const batch = randomBatch(seed, arch, loss);
        const params = randomParams(seed * 31, arch);
        const [gFast, gGraph] = [new Float64Array(params.length), new Float64Array(params.length)];
        const fast = mlpObjective(arch, batch, loss)(params, gFast);
        const graph = mlpObjectiveAutodiff(arch, batch, loss)(params, gGraph);
        expect(Math.abs(fast - graph) / Math.abs(graph)).toBeLessThan(1e-12);
        expect(relativeError(gFast, gGraph, 1e-8)).toBeLessThan(1e-10);
      }
    });
  }

  it('forward() for one sample gives the same activations as the batched graph', () => {
    const {arch, loss} = cases[1];
    const batch = randomBatch(9, arch, loss);
    const net = snapshotFromParams(arch, randomParams(9, arch));
    const graph = buildMLPGraph(net, batch, loss);
    for (let s = 0; s < batch.n; s++) {
      const acts = forward(net, batch.inputs.subarray(s * 3, s * 3 + 3));
      expect(acts).toHaveLength(4);
      graph.activations.forEach((a, l) => {
        const row = a.data.subarray(s * a.cols, (s + 1) * a.cols);
        expect(relativeError(acts[l + 1], row, 1e-12)).toBeLessThan(1e-14);
      });
    }
  });
});

describe('MLP gradients match central finite differences (rel err < 1e-6)', () => {
  for (const {name, arch, loss} of cases) {
    it(`autodiff gradient of every weight and bias (${name})`, () => {
      const batch = randomBatch(3, arch, loss);
      const params = randomParams(17, arch);
      const objective = mlpObjectiveAutodiff(arch, batch, loss);
      const grad = new Float64Array(params.length);
      objective(params, grad);
      const numeric = numericGradient(p => objective(p, new Float64Array(p.length)), params);
      expect(relativeError(grad, numeric)).toBeLessThan(1e-6);
    });
  }

  it('the fast path gradient, including ∂loss/∂input, matches finite differences', () => {
    const {arch, loss} = cases[0];
    const batch = randomBatch(4, arch, loss, 3);
    const params = randomParams(5, arch);
    const backprop = makeBackprop(arch, batch.n, loss);
    const grad = new Float64Array(params.length);
    const inputGrad = new Float64Array(batch.inputs.length);
    backprop(params, batch.inputs, batch.targets, grad, inputGrad);
    const scratch = new Float64Array(params.length);
    const byParams = numericGradient(p => backprop(p, batch.inputs, batch.targets, scratch), params);
    const byInputs = numericGradient(x => backprop(params, x, batch.targets, scratch), batch.inputs);
    expect(relativeError(grad, byParams)).toBeLessThan(1e-6);
    expect(relativeError(inputGrad, byInputs)).toBeLessThan(1e-6);
  });
});

describe('MLP training', () => {
  const xorArch: Architecture = {sizes: [2, 4, 1], activations: ['sigmoid', 'sigmoid']};

  it('a seeded 2-4-1 sigmoid MLP learns XOR: 100% accuracy and mse < 0.01', () => {
    const timeline = trainMLP(initMLP(xorArch, mulberry32(7)), XOR, {
      loss: 'mse',
      optimizer: 'sgd',
      lr: 2,
      steps: 5000,
      snapshotEvery: 50,
    });
    const last = timeline.count - 1;
    expect(timeline.loss[last]).toBeLessThan(0.01);
    const net = timeline.snapshot(last);
    for (let s = 0; s < 4; s++) {
      const y = predict(net, XOR.inputs.subarray(2 * s, 2 * s + 2))[0];
      expect(y > 0.5 ? 1 : 0).toBe(XOR.labels[s]);
    }
    expect(timeline.loss[0]).toBeGreaterThan(0.2); // it really started from chance
  });

  it('the timeline keeps every k-th step and the last, and each snapshot reproduces its stored loss', () => {
    const timeline = trainMLP(initMLP(xorArch, mulberry32(3)), XOR, {
      loss: 'bce',
      optimizer: 'adam',
      lr: 0.05,
      steps: 95,
      snapshotEvery: 10,
    });
    expect(Array.from(timeline.step)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95]);
    const objective = mlpObjective(xorArch, XOR, 'bce');
    for (let i = 0; i < timeline.count; i++) {
      const loss = objective(flattenParams(timeline.snapshot(i)), new Float64Array(paramCount(xorArch)));
      expect(loss).toBe(timeline.loss[i]);
    }
    expect(timeline.indexAtStep(57)).toBe(5);
    expect(timeline.indexAtStep(1000)).toBe(10);
    expect(timeline.params.length).toBe(11 * paramCount(xorArch));
  });

  it('initialisation is deterministic for a seed and differs across seeds', () => {
    const a = flattenParams(initMLP(xorArch, mulberry32(1)));
    expect(flattenParams(initMLP(xorArch, mulberry32(1)))).toEqual(a);
    expect(flattenParams(initMLP(xorArch, mulberry32(2)))).not.toEqual(a);
  });

  it('a too-large learning rate throws NonFiniteError naming the op and the step', () => {
    const data = blobs(
      mulberry32(5),
      [
        [-2, 0],
        [2, 0],
      ],
      10,
      0.5,
    );
    const arch: Architecture = {sizes: [2, 8, 1], activations: ['relu' as Activation, 'identity']};
    let error: unknown;
    try {
      trainMLP(initMLP(arch, mulberry32(1)), data, {loss: 'mse', lr: 50, steps: 1000, snapshotEvery: 10});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NonFiniteError);
    const {op, step} = error as NonFiniteError;
    expect(op).toMatch(/^(mse loss|sgd update)$/);
    expect(step).toBeGreaterThan(0);
    expect((error as Error).message).toContain(`step ${step}`);
  });

  it('loss/output mismatches are rejected up front', () => {
    expect(() => mlpObjective(xorArch, XOR, 'softmax-ce')).toThrow(/identity/);
    expect(() => mlpObjective({sizes: [2, 1], activations: ['tanh']}, XOR, 'bce')).toThrow(/sigmoid/);
  });
});
