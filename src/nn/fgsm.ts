import type {Rng} from '../math/random';
import {makeBackprop} from './backprop';
import {architectureOf, flattenParams, predict, type LossName, type MLPSnapshot} from './mlp';

export interface FgsmResult {
  input: Float64Array;
  /** The perturbed input: input + ε·sign(∂loss/∂input) for FGSM, input ± ε at random for the baseline (clipped if asked). */
  adversarial: Float64Array;
  /** ∂loss/∂input at the clean input. */
  inputGradient: Float64Array;
  loss: number;
  adversarialLoss: number;
  /** Network outputs on the clean and the perturbed input. */
  output: Float64Array;
  adversarialOutput: Float64Array;
}

export interface PerturbOptions {
  /** Clamp the perturbed input into [lo, hi] (for images, [0, 1]); every entry still moves by at most ε. */
  clip?: readonly [number, number];
}

/** The sign of every entry of the perturbation: +1, −1 (or 0, which leaves the entry alone). */
type Direction = (inputGradient: Float64Array) => ArrayLike<number>;

function perturb(
  net: MLPSnapshot,
  input: ArrayLike<number>,
  target: ArrayLike<number>,
  loss: LossName,
  epsilon: number,
  direction: Direction,
  {clip}: PerturbOptions,
): FgsmResult {
  const arch = architectureOf(net);
  const params = flattenParams(net);
  const backprop = makeBackprop(arch, 1, loss);
  const lossAt = (x: Float64Array, inputGrad?: Float64Array): number =>
    backprop(params, x, Float64Array.from(target), new Float64Array(params.length), inputGrad);
  const x = Float64Array.from(input);
  const inputGradient = new Float64Array(x.length);
  const clean = lossAt(x, inputGradient);
  const signs = direction(inputGradient);
  const adversarial = x.map((xi, i) => {
    const v = xi + epsilon * signs[i];
    return clip ? Math.min(clip[1], Math.max(clip[0], v)) : v;
  });
  return {
    input: x,
    adversarial,
    inputGradient,
    loss: clean,
    adversarialLoss: lossAt(adversarial),
    output: predict(net, x),
    adversarialOutput: predict(net, adversarial),
  };
}

/**
 * The fast gradient sign method (Goodfellow et al., 2014): move every input
 * entry by ε in the direction that increases the loss for the true target.
 */
export function fgsm(
  net: MLPSnapshot,
  input: ArrayLike<number>,
  target: ArrayLike<number>,
  loss: LossName,
  epsilon: number,
  opts: PerturbOptions = {},
): FgsmResult {
  return perturb(net, input, target, loss, epsilon, g => g.map(Math.sign), opts);
}

/**
 * FGSM's baseline: every input entry moved by ±ε with a seeded coin flip per entry, the same
 * size as the attack (the same L∞ norm), but blind to the gradient.
 */
export function randomSignNoise(
  net: MLPSnapshot,
  input: ArrayLike<number>,
  target: ArrayLike<number>,
  loss: LossName,
  epsilon: number,
  rng: Rng,
  opts: PerturbOptions = {},
): FgsmResult {
  return perturb(net, input, target, loss, epsilon, g => g.map(() => (rng() < 0.5 ? -1 : 1)), opts);
}
