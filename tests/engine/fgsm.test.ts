import {describe, expect, it} from 'vitest';
import {numericGradient, relativeError} from '../../src/math/gradcheck';
import {mulberry32} from '../../src/math/random';
import {mlpObjective} from '../../src/nn/backprop';
import {moons} from '../../src/nn/datasets';
import {argmax, attackDigit, digitClassifier, readDigit} from '../../src/nn/digitClassifier';
import {sampleOf} from '../../src/nn/digits';
import {fgsm, randomSignNoise} from '../../src/nn/fgsm';
import {flattenParams, initMLP, predict, type Architecture, type MLPSnapshot} from '../../src/nn/mlp';
import {trainMLP} from '../../src/nn/training';

const arch: Architecture = {sizes: [2, 16, 1], activations: ['tanh', 'sigmoid']};
const data = moons(mulberry32(21), 40, 0.1);
const timeline = trainMLP(initMLP(arch, mulberry32(2)), data, {
  loss: 'bce',
  optimizer: 'adam',
  lr: 0.02,
  steps: 3000,
  snapshotEvery: 3000,
});
const net = timeline.snapshot(timeline.count - 1);
const point = (s: number): Float64Array => data.inputs.subarray(2 * s, 2 * s + 2);
const label = (x: ArrayLike<number>): number => (predict(net, x)[0] > 0.5 ? 1 : 0);

/** The network's output written out here, layer by layer from the weights, independent of the engine's forward pass. */
function handForward(snapshot: MLPSnapshot, x: ArrayLike<number>): number[] {
  let a = Array.from(x);
  for (const {inSize, outSize, W, b, activation} of snapshot.layers) {
    a = Array.from({length: outSize}, (_, j) => {
      let z = b[j];
      for (let i = 0; i < inSize; i++) z += W[j * inSize + i] * a[i];
      if (activation === 'tanh') return Math.tanh(z);
      if (activation === 'sigmoid') return 1 / (1 + Math.exp(-z));
      if (activation === 'relu') return Math.max(0, z);
      return z;
    });
  }
  return a;
}
/** Binary cross-entropy of a sigmoid output p for label y, by its definition. */
const handBce = (p: number, y: number) => -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
/** Softmax cross-entropy of logits for a one-hot target, by its definition. */
function handSoftmaxCe(logits: number[], target: ArrayLike<number>): number {
  const top = Math.max(...logits);
  const logSum = top + Math.log(logits.reduce((s, z) => s + Math.exp(z - top), 0));
  return logits.reduce((s, z, j) => s - target[j] * (z - logSum), 0);
}

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
      mlpObjective(
        arch,
        {n: 1, inputs: x, targets: Float64Array.of(data.labels[3])},
        'bce',
      )(params, new Float64Array(params.length));
    expect(relativeError(r.inputGradient, numericGradient(lossAt, point(3)))).toBeLessThan(1e-6);
    expect(r.loss).toBeCloseTo(lossAt(point(3)), 14);
  });

  it('moves every input entry by exactly ε, uphill in loss', () => {
    const r = fgsm(net, point(5), [data.labels[5]], 'bce', 0.05);
    r.adversarial.forEach((v, i) => expect(Math.abs(v - r.input[i])).toBeCloseTo(0.05, 14));
    expect(r.adversarialLoss).toBeGreaterThan(r.loss);
    // Outputs and losses, clean and perturbed, agree with the network and BCE written out by hand.
    const y = data.labels[5];
    const [p] = handForward(net, point(5));
    const [q] = handForward(net, r.adversarial);
    expect(r.output[0]).toBeCloseTo(p, 12);
    expect(r.adversarialOutput[0]).toBeCloseTo(q, 12);
    expect(r.loss).toBeCloseTo(handBce(p, y), 12);
    expect(r.adversarialLoss).toBeCloseTo(handBce(q, y), 12);
    // Each entry moves the way a finite difference of the hand loss says is uphill.
    const slope = numericGradient(x => handBce(handForward(net, x)[0], y), point(5));
    r.adversarial.forEach((v, i) => expect(Math.sign(v - r.input[i])).toBe(Math.sign(slope[i])));
  });

  it('flips far more answers than random ±ε noise of the same size', () => {
    const eps = 0.15;
    const rng = mulberry32(9);
    let [adversarialFlips, randomFlips] = [0, 0];
    for (let s = 0; s < data.n; s++) {
      const x = point(s);
      if (label(x) !== data.labels[s]) continue;
      if (label(fgsm(net, x, [data.labels[s]], 'bce', eps).adversarial) !== data.labels[s]) adversarialFlips++;
      if (label(x.map(v => v + (rng() < 0.5 ? -eps : eps))) !== data.labels[s]) randomFlips++;
    }
    expect(adversarialFlips).toBeGreaterThan(0);
    expect(adversarialFlips).toBeGreaterThan(2 * randomFlips);
  });
});

describe('FGSM on the softmax digit classifier', () => {
  const {net, test} = digitClassifier();
  const EPS = 0.15;
  const fmt = (p: Float64Array) => Array.from(p, (v, j) => `${j}:${v.toFixed(3)}`).join(' ');
  /** The chosen digit: the first 3 of the test split, read correctly. */
  const chosen = Array.from({length: test.n}, (_, s) => s).find(
    s => test.labels[s] === 3 && readDigit(net, sampleOf(test, s)).predicted === 3,
  )!;

  it(`flips the chosen 3 with ε = ${EPS}, while random ±ε noise leaves it a confident 3`, () => {
    const a = attackDigit(net, sampleOf(test, chosen), 3, EPS, mulberry32(1));
    console.log(
      `test sample ${chosen}, ε = ${EPS}\n  clean:  ${fmt(a.clean)}\n  FGSM:   ${fmt(a.attacked)}\n  random: ${fmt(a.noisy)}`,
    );
    expect(argmax(a.clean)).toBe(3);
    expect(a.clean[3]).toBeGreaterThan(0.9);
    expect(argmax(a.attacked)).not.toBe(3);
    expect(Math.max(...a.attacked)).toBeGreaterThan(0.5);
    expect(argmax(a.noisy)).toBe(3);
    expect(a.noisy[3]).toBeGreaterThan(0.9);
  });

  it('keeps both perturbed images in [0, 1] and within ε of the clean one, pixel by pixel', () => {
    const a = attackDigit(net, sampleOf(test, chosen), 3, EPS, mulberry32(1));
    for (const r of [a.fgsm, a.random])
      r.adversarial.forEach((v, i) => {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
        expect(Math.abs(v - r.input[i])).toBeLessThanOrEqual(EPS + 1e-12);
      });
    // Unclipped, FGSM moves every pixel by exactly ε uphill: the sign of a finite difference of the
    // softmax cross-entropy, written out by hand (pixels whose slope is too small to tell are skipped).
    const x = sampleOf(test, chosen);
    const target = test.targets.subarray(chosen * 10, chosen * 10 + 10);
    const raw = fgsm(net, x, target, 'softmax-ce', EPS);
    expect(raw.loss).toBeCloseTo(handSoftmaxCe(handForward(net, x), target), 10);
    const slope = numericGradient(p => handSoftmaxCe(handForward(net, p), target), x);
    let told = 0;
    raw.adversarial.forEach((v, i) => {
      expect(Math.abs(v - raw.input[i])).toBeCloseTo(EPS, 14);
      if (Math.abs(slope[i]) < 1e-7) return;
      told++;
      expect(Math.sign(v - raw.input[i]), `pixel ${i}`).toBe(Math.sign(slope[i]));
    });
    expect(told).toBeGreaterThan(0.9 * x.length);
  });

  it('the random baseline is seeded: the same seed gives the same noise, another seed other noise', () => {
    const x = sampleOf(test, chosen);
    const t = test.targets.subarray(chosen * 10, chosen * 10 + 10);
    const [a, b, c] = [1, 1, 2].map(
      seed => randomSignNoise(net, x, t, 'softmax-ce', EPS, mulberry32(seed)).adversarial,
    );
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('over the test split, FGSM flips most correct answers and same-ε random noise few', () => {
    let [right, flipped, noisyFlipped] = [0, 0, 0];
    for (let s = 0; s < test.n; s++) {
      const x = sampleOf(test, s);
      if (readDigit(net, x).predicted !== test.labels[s]) continue;
      right++;
      const a = attackDigit(net, x, test.labels[s], EPS, mulberry32(100 + s));
      if (argmax(a.attacked) !== test.labels[s]) flipped++;
      if (argmax(a.noisy) !== test.labels[s]) noisyFlipped++;
    }
    console.log(`ε = ${EPS}: FGSM flips ${flipped}/${right}, random ±ε flips ${noisyFlipped}/${right}`);
    expect(flipped / right).toBeGreaterThan(0.8);
    expect(noisyFlipped / right).toBeLessThan(0.2);
  });
});
