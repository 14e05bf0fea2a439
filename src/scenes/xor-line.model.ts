/**
 * The xor-line scene's numbers, computed once by the engine: the perceptron's Rosenblatt runs
 * on XOR and OR (every update), the hand-wired two-layer network's forward passes, and a
 * 2-4-1 sigmoid MLP trained on XOR by backprop. Pure, so tests know what must be on screen.
 */
import {mulberry32} from '../math/random';
import {OR, XOR} from '../nn/datasets';
import {initMLP, predict, type MLPSnapshot} from '../nn/mlp';
import {trainPerceptron, type Perceptron} from '../nn/perceptron';
import {perceptronSteps, type PerceptronSteps} from '../nn/perceptronSteps';
import {trainMLP} from '../nn/training';
import {XOR_NET, xorForward} from '../nn/xorNet';

type Pair = [number, number];

// ── Layout (1920×1080 design units, origin at the centre) ──────────────────────────
/** The plane shows [−½, 1½]² so the four corners sit well inside it. */
export const RANGE: Pair = [-0.5, 1.5];
/** Centre and side of the square plane. */
export const PLANE = {x: -470, y: 20, size: 620} as const;
/** A point of the plane in design units. */
export function planeToDesign(x: number, y: number): Pair {
  const unit = PLANE.size / (RANGE[1] - RANGE[0]);
  const mid = (RANGE[0] + RANGE[1]) / 2;
  return [PLANE.x + (x - mid) * unit, PLANE.y - (y - mid) * unit];
}

/** The four inputs in dataset order: (0,0), (0,1), (1,0), (1,1). */
export const CORNERS: Pair[] = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];

// ── Beat 3: Rosenblatt's rule, recorded at every update ──────────────────────────────
export const XOR_EPOCHS = 5;
export const OR_EPOCHS = 4;
export const xorSteps = perceptronSteps(XOR.inputs, XOR.labels, {epochs: XOR_EPOCHS});
export const orSteps = perceptronSteps(OR.inputs, OR.labels, {epochs: OR_EPOCHS});
/** The per-epoch logs behind the bar chart of misclassified points. */
export const xorLog = trainPerceptron(XOR.inputs, XOR.labels, {epochs: XOR_EPOCHS});
export const orLog = trainPerceptron(OR.inputs, OR.labels, {epochs: OR_EPOCHS});

/** A perceptron as the three knobs (w1, w2, b). */
export type Knobs = [number, number, number];

export const knobsOf = (p: Perceptron): Knobs => [p.weights[0], p.weights[1], p.threshold];
export const asPerceptron = ([w1, w2, b]: Knobs): Perceptron => ({weights: Float64Array.from([w1, w2]), threshold: b});

/**
 * The knobs at a fractional step k: the engine's values at whole steps, and a straight
 * blend between step ⌊k⌋ and ⌊k⌋+1 so the line glides to its next position.
 */
export function knobsAtStep(log: PerceptronSteps, k: number): Knobs {
  const c = Math.min(Math.max(k, 0), log.steps);
  const i = Math.min(Math.floor(c), log.steps - 1);
  const t = c - i;
  const [a, b] = [knobsOf(log.at(i)), knobsOf(log.at(i + 1))];
  return [0, 1, 2].map(j => a[j] + (b[j] - a[j]) * t) as Knobs;
}

/**
 * Where the line w1·x + w2·y = b crosses the plane's square, or null if it misses it
 * (or w = 0, when the perceptron fires everywhere or nowhere).
 */
export function lineInBox([w1, w2, b]: Knobs, [lo, hi]: Pair = RANGE): [Pair, Pair] | null {
  const hits: Pair[] = [];
  const add = (x: number, y: number) => {
    const eps = 1e-9;
    if (x < lo - eps || x > hi + eps || y < lo - eps || y > hi + eps) return;
    if (!hits.some(([u, v]) => Math.abs(u - x) < 1e-7 && Math.abs(v - y) < 1e-7)) hits.push([x, y]);
  };
  if (Math.abs(w2) > 1e-12) for (const x of [lo, hi]) add(x, (b - w1 * x) / w2);
  if (Math.abs(w1) > 1e-12) for (const y of [lo, hi]) add((b - w2 * y) / w1, y);
  return hits.length >= 2 ? [hits[0], hits[1]] : null;
}

// ── Beat 4: the hand-wired two-layer network ─────────────────────────────────────────
/** The forward pass at each corner, in CORNERS order: it fills the truth table. */
export const xorPasses = CORNERS.map(([a, b]) => xorForward(a, b));

/**
 * XOR_NET as a snapshot for the network diagram, which reads only W (b = −threshold).
 * The step activation is the engine's `fires`; 'identity' is a placeholder here.
 */
export const xorNetSnapshot: MLPSnapshot = {
  layers: [
    {
      inSize: 2,
      outSize: 2,
      W: Float64Array.from(XOR_NET.hidden.flatMap(h => Array.from(h.weights))),
      b: Float64Array.from(XOR_NET.hidden.map(h => -h.threshold)),
      activation: 'identity',
    },
    {
      inSize: 2,
      outSize: 1,
      W: Float64Array.from(XOR_NET.output.weights),
      b: Float64Array.from([-XOR_NET.output.threshold]),
      activation: 'identity',
    },
  ],
};

/** The two hidden neurons' lines as knobs: h1 is x − y = ½, h2 is −x + y = ½. */
export const hiddenLines: Knobs[] = XOR_NET.hidden.map(knobsOf);

// ── Beat 5: a 2-4-1 sigmoid MLP learns XOR by backprop ───────────────────────────────
export const MLP = {
  arch: {sizes: [2, 4, 1], activations: ['sigmoid', 'sigmoid']},
  seed: 5,
  lr: 1,
  steps: 1200,
  snapshotEvery: 5,
} as const;

export const mlpRun = trainMLP(initMLP(MLP.arch, mulberry32(MLP.seed)), XOR, {
  loss: 'bce',
  optimizer: 'sgd',
  lr: MLP.lr,
  steps: MLP.steps,
  snapshotEvery: MLP.snapshotEvery,
});

/** p(XOR = 1) of a snapshot at a point of the plane. */
export const mlpProbability = (net: MLPSnapshot, x: number, y: number): number => predict(net, [x, y])[0];

/** Every snapshot and its classifier, made once so a scrubbed frame reuses them (and their rasters). */
export const mlpSnapshots = Array.from({length: mlpRun.count}, (_, i) => mlpRun.snapshot(i));
export const mlpFields = mlpSnapshots.map(net => (x: number, y: number) => mlpProbability(net, x, y));

/** The snapshot index shown at (fractional) training step s: the last one taken at or before it. */
export const mlpIndexAt = (s: number): number => mlpRun.indexAtStep(Math.floor(s));

/** Full-batch loss at training step s, read off the snapshots (straight between them). */
export function mlpLossAt(s: number): number {
  const i = mlpIndexAt(s);
  if (i + 1 >= mlpRun.count) return mlpRun.loss[i];
  const t = (s - mlpRun.step[i]) / (mlpRun.step[i + 1] - mlpRun.step[i]);
  return mlpRun.loss[i] + (mlpRun.loss[i + 1] - mlpRun.loss[i]) * t;
}

/** The last snapshot: what the final frame shows. */
export const finalSnapshot = mlpSnapshots[mlpRun.count - 1];
