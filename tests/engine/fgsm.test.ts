import {describe, expect, it} from 'vitest';
import {numericGradient, relativeError} from '../../src/math/gradcheck';
import {mulberry32} from '../../src/math/random';
import {mlpObjective} from '../../src/nn/backprop';
import {moons} from '../../src/nn/datasets';
import {fgsm} from '../../src/nn/fgsm';
import {flattenParams, initMLP, predict, type Architecture} from '../../src/nn/mlp';
import {trainMLP} from '../../src/nn/training';

const arch: Architecture = {sizes: [2, 16, 1], activations: ['tanh', 'sigmoid']};
const data = moons(mulberry32(21), 40, 0.1);
const timeline = trainMLP(initMLP(arch, mulberry32(2)), data, {loss: 'bce', optimizer: 'adam', lr: 0.02, steps: 3000, snapshotEvery: 3000});
const net = timeline.snapshot(timeline.count - 1);
const point = (s: number): Float64Array => data.inputs.subarray(2 * s, 2 * s + 2);
const label = (x: ArrayLike<number>): number => (predict(net, x)[0] > 0.5 ? 1 : 0);

describe('FGSM adversarial perturbation', () => {
  it('the classifier under attack is trained (≥ 95% on moons)', () => {
    let right = 0;
    for (let s = 0; s < data.n; s++) if (label(point(s)) === data.labels[s]) right++;
    expect(right / data.n).toBeGreaterThanOrEqual(0.95);
  });

  it('the input gradient matches finite differences of the loss', () => {
    const r = fgsm(net, point(3), [data.labels[3]], 'bce', 0.1);
    const params = flattenParams(net);
    const lossAt = (x: Float64Array): number =>
      mlpObjective(arch, {n: 1, inputs: x, targets: Float64Array.of(data.labels[3])}, 'bce')(
        params,
        new Float64Array(params.length),
      );
    expect(relativeError(r.inputGradient, numericGradient(lossAt, point(3)))).toBeLessThan(1e-6);
    expect(r.loss).toBeCloseTo(lossAt(point(3)), 14);
  });

  it('moves every input entry by exactly ε, uphill in loss', () => {
    const r = fgsm(net, point(5), [data.labels[5]], 'bce', 0.05);
    r.adversarial.forEach((v, i) => expect(Math.abs(v - r.input[i])).toBeCloseTo(0.05, 14));
    expect(r.adversarialLoss).toBeGreaterThan(r.loss);
    expect(Array.from(r.output)).toEqual(Array.from(predict(net, point(5))));
  });

  it('flips far more answers than random ±ε noise of the same size', () => {
    const eps = 0.15;
    const rng = mulberry32(9);
    let [adversarialFlips, randomFlips] = [0, 0];
    for (let s = 0; s < data.n; s++) {
      const x = point(s);
      if (label(x) !== data.labels[s]) continue;
      if (label(fgsm(net, x, [data.labels[s]], 'bce', eps).adversarial) !== data.labels[s]) adversarialFlips++;
      if (label(x.map((v) => v + (rng() < 0.5 ? -eps : eps))) !== data.labels[s]) randomFlips++;
    }
    expect(adversarialFlips).toBeGreaterThan(0);
    expect(adversarialFlips).toBeGreaterThan(2 * randomFlips);
  });
});
