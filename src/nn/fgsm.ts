import {makeBackprop} from './backprop';
import {architectureOf, flattenParams, predict, type LossName, type MLPSnapshot} from './mlp';

export interface FgsmResult {
  input: Float64Array;
  /** input + ε·sign(∂loss/∂input) */
  adversarial: Float64Array;
  /** ∂loss/∂input at the clean input. */
  inputGradient: Float64Array;
  loss: number;
  adversarialLoss: number;
  /** Network outputs on the clean and the perturbed input. */
  output: Float64Array;
  adversarialOutput: Float64Array;
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
): FgsmResult {
  const arch = architectureOf(net);
  const params = flattenParams(net);
  const backprop = makeBackprop(arch, 1, loss);
  const lossAt = (x: Float64Array, inputGrad?: Float64Array): number =>
    backprop(params, x, Float64Array.from(target), new Float64Array(params.length), inputGrad);
  const x = Float64Array.from(input);
  const inputGradient = new Float64Array(x.length);
  const clean = lossAt(x, inputGradient);
  const adversarial = x.map((xi, i) => xi + epsilon * Math.sign(inputGradient[i]));
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
