import {describe, expect, it} from 'vitest';
import {mulberry32} from '../../src/math/random';
import {
  DIGIT_CLASSIFIER,
  accuracy,
  argmax,
  digitClassifier,
  readDigit,
  softmax,
  trainDigitClassifier,
} from '../../src/nn/digitClassifier';
import {DEFAULT_STYLE, digitSet, digitSplits, drawDigit, rasterise, sampleOf} from '../../src/nn/digits';
import {predict} from '../../src/nn/mlp';

const SIZE = DEFAULT_STYLE.size;

describe('synthetic digits', () => {
  it('are deterministic per seed: the same seed gives the same images bit for bit', () => {
    const [a, b] = [digitSet(11, 50), digitSet(11, 50)];
    expect(Array.from(a.inputs)).toEqual(Array.from(b.inputs));
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
  });

  it('differ between seeds, and train and test splits share no image', () => {
    const [a, b] = [digitSet(11, 50), digitSet(12, 50)];
    let differing = 0;
    for (let s = 0; s < 50; s++) if (sampleOf(a, s).some((v, i) => v !== sampleOf(b, s)[i])) differing++;
    expect(differing).toBe(50);
    const {train, test} = digitSplits(3, 100, 100);
    const keys = new Set(Array.from({length: train.n}, (_, s) => sampleOf(train, s).join(',')));
    for (let s = 0; s < test.n; s++) expect(keys.has(sampleOf(test, s).join(','))).toBe(false);
  });

  it('are 8×8 grey images with every pixel in [0, 1], ink and background both present', () => {
    const d = digitSet(5, 200);
    expect(d.inputDim).toBe(SIZE * SIZE);
    expect(d.inputs.length).toBe(200 * 64);
    for (const v of d.inputs) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    for (let s = 0; s < d.n; s++) {
      const x = sampleOf(d, s);
      expect(Math.max(...x), `sample ${s} has a dark stroke`).toBeGreaterThan(0.6);
      expect(x.filter(v => v < 0.15).length, `sample ${s} has background`).toBeGreaterThan(20);
    }
  });

  it('has balanced classes with one-hot targets matching the labels', () => {
    const d = digitSet(5, 100);
    for (let c = 0; c < 10; c++) expect(d.labels.filter(l => l === c).length).toBe(10);
    for (let s = 0; s < d.n; s++) expect(argmax(d.targets.subarray(s * 10, s * 10 + 10))).toBe(d.labels[s]);
  });

  it('rasterises with anti-aliasing: a vertical stroke one pixel wide on a pixel boundary half-covers two columns', () => {
    const img = rasterise(
      [
        [
          [4, -1],
          [4, 9],
        ],
      ],
      SIZE,
      1,
      1,
      4,
    );
    for (let row = 0; row < SIZE; row++) {
      expect(img[row * SIZE + 3]).toBeCloseTo(0.5, 10);
      expect(img[row * SIZE + 4]).toBeCloseTo(0.5, 10);
      expect(img[row * SIZE + 2]).toBe(0);
    }
  });

  it('draws different digits differently (a 1 has less ink than an 8)', () => {
    const ink = (digit: number) => {
      let sum = 0;
      const rng = mulberry32(digit);
      for (let k = 0; k < 20; k++) sum += drawDigit(digit, rng).reduce((a, b) => a + b, 0);
      return sum / 20;
    };
    expect(ink(8)).toBeGreaterThan(1.5 * ink(1));
  });

  it('is fast to generate: 2,000 samples in well under a second', () => {
    digitSet(0, 100); // warm up the JIT
    const t0 = performance.now();
    digitSet(1, 2000);
    const ms = performance.now() - t0;
    console.log(`digit set: 2000 8×8 samples in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(1500);
  });
});

describe('the softmax digit classifier (64-16-10)', () => {
  it(`reaches ≥ 90% accuracy on the held-out test split (training reported)`, () => {
    const t0 = performance.now();
    const model = digitClassifier();
    const ms = performance.now() - t0;
    console.log(
      `digit classifier ${DIGIT_CLASSIFIER.arch.sizes.join('-')}: ${DIGIT_CLASSIFIER.nTrain} train / ${DIGIT_CLASSIFIER.nTest} test, ` +
        `${DIGIT_CLASSIFIER.steps} Adam steps in ${ms.toFixed(0)} ms (data included); ` +
        `train accuracy ${(100 * model.trainAccuracy).toFixed(1)}%, test accuracy ${(100 * model.testAccuracy).toFixed(1)}%`,
    );
    expect(model.testAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(model.trainAccuracy).toBeGreaterThanOrEqual(model.testAccuracy);
  });

  it('learns: the untrained network is near chance and the loss falls over training', () => {
    const model = digitClassifier();
    expect(accuracy(model.timeline.snapshot(0), model.test)).toBeLessThan(0.4);
    expect(model.timeline.loss[model.timeline.count - 1]).toBeLessThan(0.2 * model.timeline.loss[0]);
  });

  it('is cached per process and deterministic: a retrain gives the same weights', () => {
    expect(digitClassifier()).toBe(digitClassifier());
    const again = trainDigitClassifier();
    expect(Array.from(again.net.layers[0].W)).toEqual(Array.from(digitClassifier().net.layers[0].W));
  });

  it('reads a digit: probabilities are the softmax of the logits, sum to 1, and the prediction is their argmax', () => {
    const {net, test} = digitClassifier();
    const x = sampleOf(test, 0);
    const r = readDigit(net, x);
    const z = predict(net, x);
    const byHand = Array.from(z, v => Math.exp(v)).map((e, _, all) => e / all.reduce((a, b) => a + b, 0));
    r.probabilities.forEach((p, j) => expect(p).toBeCloseTo(byHand[j], 12));
    expect(r.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(r.predicted).toBe(argmax(z));
    expect(r.layers.map(l => l.length)).toEqual([64, 16, 10]);
    expect(Array.from(softmax([1000, 0]))).toEqual([1, 0]); // stable for large logits
  });
});
