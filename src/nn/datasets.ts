import {gaussian, uniform, type Rng} from '../math/random';
import type {Batch} from './mlp';

/** Samples as rows: inputs n×inputDim, targets n×targetDim, plus an integer class label per sample. */
export interface Dataset extends Batch {
  inputDim: number;
  targetDim: number;
  labels: Int32Array;
}

/**
 * Packs rows into a Dataset. Two classes give one 0/1 target column (for a
 * sigmoid output); more classes give one-hot targets (for softmax).
 */
export function fromRows(rows: readonly (readonly number[])[], labels: readonly number[]): Dataset {
  const n = rows.length;
  const inputDim = rows[0].length;
  const classes = Math.max(...labels) + 1;
  const targetDim = classes <= 2 ? 1 : classes;
  const targets = new Float64Array(n * targetDim);
  labels.forEach((label, s) => {
    if (targetDim === 1) targets[s] = label;
    else targets[s * targetDim + label] = 1;
  });
  return {n, inputDim, targetDim, inputs: Float64Array.from(rows.flat()), targets, labels: Int32Array.from(labels)};
}

const CORNERS = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];
export const XOR = fromRows(CORNERS, [0, 1, 1, 0]);
export const AND = fromRows(CORNERS, [0, 0, 0, 1]);
export const OR = fromRows(CORNERS, [0, 1, 1, 1]);

/** The lecture's fruit features: 1 means the fruit has it, 0 that it does not. */
export const FRUIT_FEATURES = ['big', 'red', 'green', 'round', 'sweet', 'sour'] as const;
export const FRUIT_FEATURES_ZH = ['大', '红', '绿', '圆', '甜', '酸'] as const;

export interface Fruit {
  name: string;
  nameZh: string;
  /** One 0/1 entry per FRUIT_FEATURES. */
  features: readonly number[];
}

export const FRUITS: readonly Fruit[] = [
  {name: 'apple', nameZh: '苹果', features: [0, 1, 0, 1, 1, 0]},
  {name: 'watermelon', nameZh: '西瓜', features: [1, 0, 1, 1, 1, 0]},
  {name: 'hawthorn', nameZh: '山楂', features: [0, 1, 0, 1, 0, 1]},
  {name: 'banana', nameZh: '香蕉', features: [0, 0, 0, 0, 1, 0]},
  {name: 'lemon', nameZh: '柠檬', features: [0, 0, 0, 0, 0, 1]},
  {name: 'strawberry', nameZh: '草莓', features: [0, 1, 0, 0, 1, 0]},
  {name: 'kiwi', nameZh: '猕猴桃', features: [0, 0, 1, 0, 1, 1]},
  {name: 'orange', nameZh: '橙子', features: [0, 0, 0, 1, 1, 0]},
];

/** The fruit table labelled 1 for one fruit and 0 for the others: the "is it an apple?" task. */
export function fruitDataset(target: string): Dataset {
  if (!FRUITS.some(f => f.name === target)) throw new Error(`unknown fruit ${target}`);
  return fromRows(
    FRUITS.map(f => f.features),
    FRUITS.map(f => (f.name === target ? 1 : 0)),
  );
}

export interface PolynomialSampleOptions {
  /** True coefficients k0…kd (ascending powers). */
  coeffs: readonly number[];
  n: number;
  range: [number, number];
  /** Standard deviation of the Gaussian noise added to y. */
  noise: number;
  /** An interval left without samples (for the generalization scene). */
  gap?: [number, number];
}

/** Noisy samples y = p(x) + noise, x uniform in range (outside the gap), sorted by x. */
export function noisyPolynomial(rng: Rng, opts: PolynomialSampleOptions): {xs: Float64Array; ys: Float64Array} {
  const xs = new Float64Array(opts.n);
  for (let i = 0; i < opts.n; i++) {
    let x: number;
    do x = uniform(rng, ...opts.range);
    while (opts.gap && x > opts.gap[0] && x < opts.gap[1]);
    xs[i] = x;
  }
  xs.sort();
  const ys = xs.map(x => opts.coeffs.reduceRight((y, k) => y * x + k, 0) + opts.noise * gaussian(rng));
  return {xs, ys};
}

/** Gaussian blobs in 2D, nPerClass points around each centre; the label is the centre's index. */
export function blobs(rng: Rng, centers: readonly [number, number][], nPerClass: number, spread: number): Dataset {
  const rows: number[][] = [];
  const labels: number[] = [];
  centers.forEach(([cx, cy], label) => {
    for (let i = 0; i < nPerClass; i++) {
      rows.push([cx + spread * gaussian(rng), cy + spread * gaussian(rng)]);
      labels.push(label);
    }
  });
  return fromRows(rows, labels);
}

/** Two interleaving half circles (labels 0 and 1), with Gaussian noise. */
export function moons(rng: Rng, nPerClass: number, noise: number): Dataset {
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let label = 0; label < 2; label++)
    for (let i = 0; i < nPerClass; i++) {
      const t = (Math.PI * i) / Math.max(1, nPerClass - 1);
      const [x, y] = label === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
      rows.push([x + noise * gaussian(rng), y + noise * gaussian(rng)]);
      labels.push(label);
    }
  return fromRows(rows, labels);
}

/** An outer circle of radius 1 (label 0) around an inner one of radius innerRadius (label 1). */
export function circles(rng: Rng, nPerClass: number, noise: number, innerRadius = 0.5): Dataset {
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let label = 0; label < 2; label++)
    for (let i = 0; i < nPerClass; i++) {
      const t = uniform(rng, 0, 2 * Math.PI);
      const r = label === 0 ? 1 : innerRadius;
      rows.push([r * Math.cos(t) + noise * gaussian(rng), r * Math.sin(t) + noise * gaussian(rng)]);
      labels.push(label);
    }
  return fromRows(rows, labels);
}
