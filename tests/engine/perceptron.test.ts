import {describe, expect, it} from 'vitest';
import {mulberry32} from '../../src/math/random';
import {
  AND,
  FRUITS,
  FRUIT_FEATURES,
  OR,
  XOR,
  blobs,
  circles,
  fruitDataset,
  moons,
  noisyPolynomial,
} from '../../src/nn/datasets';
import {fires, trainPerceptron} from '../../src/nn/perceptron';
import {XOR_NET, xorForward} from '../../src/nn/xorNet';

describe('perceptron (Rosenblatt rule, step activation)', () => {
  for (const [name, data] of [
    ['AND', AND],
    ['OR', OR],
  ] as const) {
    it(`converges on ${name}: zero misclassifications, and stays there`, () => {
      const log = trainPerceptron(data.inputs, data.labels, {epochs: 50});
      expect(log.convergedAt).toBeGreaterThan(0);
      expect(log.errors[log.epochs]).toBe(0);
      expect(log.updates[log.epochs]).toBe(0);
      for (let s = 0; s < 4; s++)
        expect(fires(log.at(log.epochs), data.inputs.subarray(2 * s, 2 * s + 2))).toBe(data.labels[s]);
    });
  }

  it('on XOR never reaches zero errors, even after 1000 epochs', () => {
    const log = trainPerceptron(XOR.inputs, XOR.labels, {epochs: 1000});
    expect(log.convergedAt).toBe(-1);
    expect(Math.min(...log.errors)).toBeGreaterThan(0);
    // The line keeps moving: every epoch still makes updates.
    expect(Math.min(...log.updates.subarray(1))).toBeGreaterThan(0);
  });

  it('logs weights, threshold and errors for the start and every epoch', () => {
    const log = trainPerceptron(AND.inputs, AND.labels, {epochs: 5, lr: 0.5});
    expect(log.weights.length).toBe(6 * 2);
    expect(log.threshold.length).toBe(6);
    expect(log.errors[0]).toBe(1); // all-zero start says 0 everywhere: wrong only at (1,1)
    // First epoch by hand: only (1,1) is wrong → w = (0.5, 0.5), b = −0.5.
    expect(Array.from(log.at(1).weights)).toEqual([0.5, 0.5]);
    expect(log.at(1).threshold).toBe(-0.5);
  });

  it('learns to detect the apple in the fruit table', () => {
    const data = fruitDataset('apple');
    const log = trainPerceptron(data.inputs, data.labels, {epochs: 100});
    expect(log.convergedAt).toBeGreaterThan(0);
    const p = log.at(log.epochs);
    FRUITS.forEach(fruit => expect(fires(p, fruit.features)).toBe(fruit.name === 'apple' ? 1 : 0));
  });
});

describe('the hand-wired XOR network', () => {
  it('gives 0, 1, 1, 0 on (0,0), (0,1), (1,0), (1,1)', () => {
    expect(
      [
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ].map(([a, b]) => xorForward(a, b).output),
    ).toEqual([0, 1, 1, 0]);
  });

  it('h1 fires only at (1,0) and h2 only at (0,1), with the lecture weights and threshold ½', () => {
    expect(Array.from(XOR_NET.hidden[0].weights)).toEqual([1, -1]);
    expect(Array.from(XOR_NET.hidden[1].weights)).toEqual([-1, 1]);
    expect(XOR_NET.hidden.map(h => h.threshold)).toEqual([0.5, 0.5]);
    expect(xorForward(1, 0).hidden).toEqual([1, 0]);
    expect(xorForward(0, 1).hidden).toEqual([0, 1]);
    expect(xorForward(1, 1).hidden).toEqual([0, 0]);
    expect(xorForward(1, 0).hiddenSum).toEqual([1, -1]);
    expect(xorForward(0, 1).outputSum).toBe(1);
  });
});

describe('datasets', () => {
  it('logic tables: XOR, AND, OR', () => {
    expect(Array.from(XOR.targets)).toEqual([0, 1, 1, 0]);
    expect(Array.from(AND.targets)).toEqual([0, 0, 0, 1]);
    expect(Array.from(OR.targets)).toEqual([0, 1, 1, 1]);
    expect(Array.from(XOR.inputs)).toEqual([0, 0, 0, 1, 1, 0, 1, 1]);
  });

  it('the fruit table gives every fruit a distinct 0/1 feature vector', () => {
    const keys = FRUITS.map(f => f.features.join());
    expect(new Set(keys).size).toBe(FRUITS.length);
    for (const f of FRUITS) expect(f.features).toHaveLength(FRUIT_FEATURES.length);
    expect(FRUITS.map(f => f.name)).toEqual(expect.arrayContaining(['apple', 'watermelon', 'hawthorn']));
  });

  it('generators are reproducible from the seed and differ across seeds', () => {
    const make = (seed: number): Float64Array[] => [
      blobs(
        mulberry32(seed),
        [
          [0, 0],
          [3, 3],
          [0, 3],
        ],
        10,
        0.4,
      ).inputs,
      moons(mulberry32(seed), 20, 0.1).inputs,
      circles(mulberry32(seed), 20, 0.05).inputs,
      noisyPolynomial(mulberry32(seed), {coeffs: [1, -2, 0.5], n: 30, range: [-2, 2], noise: 0.1}).ys,
    ];
    expect(make(4)).toEqual(make(4));
    make(4).forEach((a, i) => expect(a).not.toEqual(make(5)[i]));
  });

  it('three blobs are one-hot; moons and circles are labelled 0/1 with one target column', () => {
    const b = blobs(
      mulberry32(1),
      [
        [0, 0],
        [3, 3],
        [0, 3],
      ],
      4,
      0.4,
    );
    expect([b.n, b.targetDim]).toEqual([12, 3]);
    expect(Array.from(b.targets.subarray(4 * 3, 4 * 3 + 3))).toEqual([0, 1, 0]);
    const m = moons(mulberry32(1), 10, 0);
    expect([m.n, m.targetDim, m.labels[0], m.labels[19]]).toEqual([20, 1, 0, 1]);
    const c = circles(mulberry32(1), 10, 0, 0.5);
    const r = (s: number): number => Math.hypot(c.inputs[2 * s], c.inputs[2 * s + 1]);
    expect(r(0)).toBeCloseTo(1, 12);
    expect(r(15)).toBeCloseTo(0.5, 12);
  });

  it('noisy polynomial samples leave the gap empty', () => {
    const {xs} = noisyPolynomial(mulberry32(2), {coeffs: [0, 1], n: 200, range: [0, 10], noise: 0.1, gap: [4, 6]});
    expect(xs.every(x => x <= 4 || x >= 6)).toBe(true);
    expect(xs.every((x, i) => i === 0 || xs[i - 1] <= x)).toBe(true);
  });
});
