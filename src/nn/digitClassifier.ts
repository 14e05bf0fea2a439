/**
 * A softmax MLP that reads the synthetic 8×8 digits: 64 pixels → 16 tanh neurons → 10 logits,
 * trained full-batch with Adam on softmax cross-entropy. Small and fast enough to train when a
 * scene is built (well under a second), and cached per process so every scene and test that
 * asks for it shares one trained network.
 */
import {mulberry32, type Rng} from '../math/random';
import type {Dataset} from './datasets';
import {digitSplits, sampleOf} from './digits';
import {fgsm, randomSignNoise, type FgsmResult} from './fgsm';
import {forward, initMLP, predict, type Architecture, type MLPSnapshot} from './mlp';
import {trainMLP, type PackedTimeline} from './training';

export interface DigitClassifierConfig {
  /** Seed of the digit splits. */
  dataSeed: number;
  /** Seed of the weight initialisation. */
  initSeed: number;
  nTrain: number;
  nTest: number;
  arch: Architecture;
  lr: number;
  steps: number;
  snapshotEvery: number;
}

export const DIGIT_CLASSIFIER: DigitClassifierConfig = {
  dataSeed: 7,
  initSeed: 3,
  nTrain: 1000,
  nTest: 500,
  arch: {sizes: [64, 16, 10], activations: ['tanh', 'identity']},
  lr: 0.05,
  steps: 60,
  snapshotEvery: 10,
};

export interface DigitClassifier {
  config: DigitClassifierConfig;
  train: Dataset;
  test: Dataset;
  timeline: PackedTimeline;
  /** The trained network (the last snapshot). */
  net: MLPSnapshot;
  trainAccuracy: number;
  testAccuracy: number;
}

/** softmax(z)_j = e^{z_j} / Σ_k e^{z_k}, computed stably. */
export function softmax(logits: ArrayLike<number>): Float64Array {
  let top = -Infinity;
  for (let j = 0; j < logits.length; j++) top = Math.max(top, logits[j]);
  const p = Float64Array.from(logits, z => Math.exp(z - top));
  const sum = p.reduce((a, b) => a + b, 0);
  return p.map(v => v / sum);
}

/** Index of the largest entry (the first one on ties). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let j = 1; j < values.length; j++) if (values[j] > values[best]) best = j;
  return best;
}

export interface DigitReading {
  /** Activations per layer, the input first; the last entry is the logits. */
  layers: Float64Array[];
  probabilities: Float64Array;
  predicted: number;
}

/** The classifier's forward pass on one image, with class probabilities. */
export function readDigit(net: MLPSnapshot, image: ArrayLike<number>): DigitReading {
  const layers = forward(net, image);
  const probabilities = softmax(layers[layers.length - 1]);
  return {layers, probabilities, predicted: argmax(probabilities)};
}

/** Fraction of a dataset's samples whose most probable class is their label. */
export function accuracy(net: MLPSnapshot, data: Dataset): number {
  let right = 0;
  for (let s = 0; s < data.n; s++) if (argmax(predict(net, sampleOf(data, s))) === data.labels[s]) right++;
  return right / data.n;
}

/** Draws the splits and trains the classifier; deterministic for a config. */
export function trainDigitClassifier(config: DigitClassifierConfig = DIGIT_CLASSIFIER): DigitClassifier {
  const {train, test} = digitSplits(config.dataSeed, config.nTrain, config.nTest);
  const timeline = trainMLP(initMLP(config.arch, mulberry32(config.initSeed)), train, {
    loss: 'softmax-ce',
    optimizer: 'adam',
    lr: config.lr,
    steps: config.steps,
    snapshotEvery: config.snapshotEvery,
  });
  const net = timeline.snapshot(timeline.count - 1);
  return {config, train, test, timeline, net, trainAccuracy: accuracy(net, train), testAccuracy: accuracy(net, test)};
}

let cached: DigitClassifier | null = null;

/** The default classifier, trained on first use and shared for the rest of the process. */
export function digitClassifier(): DigitClassifier {
  cached ??= trainDigitClassifier();
  return cached;
}

/** A one-hot target for a digit. */
export function oneHot(label: number, classes = 10): Float64Array {
  const t = new Float64Array(classes);
  t[label] = 1;
  return t;
}

export interface DigitAttack {
  label: number;
  epsilon: number;
  fgsm: FgsmResult;
  random: FgsmResult;
  /** Class probabilities on the clean image, after FGSM, and after random ±ε noise. */
  clean: Float64Array;
  attacked: Float64Array;
  noisy: Float64Array;
}

/**
 * FGSM against the true label and a seeded random-sign perturbation of the same ε, both kept
 * inside the pixel range [0, 1], with the probabilities the classifier gives each image.
 */
export function attackDigit(
  net: MLPSnapshot,
  image: ArrayLike<number>,
  label: number,
  epsilon: number,
  rng: Rng,
): DigitAttack {
  const target = oneHot(label);
  const opts = {clip: [0, 1] as const};
  const attack = fgsm(net, image, target, 'softmax-ce', epsilon, opts);
  const random = randomSignNoise(net, image, target, 'softmax-ce', epsilon, rng, opts);
  return {
    label,
    epsilon,
    fgsm: attack,
    random,
    clean: softmax(attack.output),
    attacked: softmax(attack.adversarialOutput),
    noisy: softmax(random.adversarialOutput),
  };
}
