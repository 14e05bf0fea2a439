import {fires, weightedSum, type Perceptron} from './perceptron';

const neuron = (weights: number[], threshold: number): Perceptron => ({
  weights: Float64Array.from(weights),
  threshold,
});

/**
 * The lecture's hand-wired XOR network. h1 fires only at (1,0), h2 only at
 * (0,1), and the output fires when h1 + h2 > 0.
 */
export const XOR_NET = {
  hidden: [neuron([1, -1], 0.5), neuron([-1, 1], 0.5)],
  output: neuron([1, 1], 0),
} as const;

/** Every number of one forward pass, for the network diagram and truth table. */
export interface XorPass {
  input: [number, number];
  /** w·x of each hidden neuron, before its threshold. */
  hiddenSum: [number, number];
  hidden: [number, number];
  outputSum: number;
  output: number;
}

export function xorForward(x1: number, x2: number): XorPass {
  const input: [number, number] = [x1, x2];
  const [n1, n2] = XOR_NET.hidden;
  const hidden: [number, number] = [fires(n1, input), fires(n2, input)];
  return {
    input,
    hiddenSum: [weightedSum(n1, input), weightedSum(n2, input)],
    hidden,
    outputSum: weightedSum(XOR_NET.output, hidden),
    output: fires(XOR_NET.output, hidden),
  };
}
