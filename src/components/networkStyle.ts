/**
 * How a network diagram follows its weights: neuron positions, edge width and colour
 * from each weight, neuron fill from each activation. Pure, so tests can check it.
 */
import type {MLPSnapshot} from '../nn/mlp';
import type {Pair} from './axisMath';
import {hexToRgb, mixRgb, rgbToCss} from './colorMath';
import {colors, sizes} from './theme';

export type {LayerWeights, MLPSnapshot} from '../nn/mlp';

/** Neuron counts per column, input layer first. */
export function layerSizes(snapshot: MLPSnapshot): number[] {
  if (snapshot.layers.length === 0) return [];
  return [snapshot.layers[0].inSize, ...snapshot.layers.map(l => l.outSize)];
}

/**
 * Centres of the neurons in a box of `width` × `height` centred on the origin:
 * columns spread evenly across the width, each column centred vertically with
 * `rowGap` pixels between neurons, clamped so the tallest column fits; with `spread`,
 * each column is clamped on its own, so short columns keep their gap while a tall one packs tight.
 */
export function neuronPositions(
  sizesPerLayer: number[],
  width: number,
  height: number,
  rowGap: number,
  spread = false,
): Pair[][] {
  const cols = sizesPerLayer.length;
  const fit = (n: number) => (n > 1 ? Math.min(rowGap, height / (n - 1)) : rowGap);
  const shared = fit(Math.max(1, ...sizesPerLayer));
  return sizesPerLayer.map((n, l) => {
    const x = cols > 1 ? -width / 2 + (width * l) / (cols - 1) : 0;
    const gap = spread ? fit(n) : shared;
    return Array.from({length: n}, (_, i): Pair => [x, (i - (n - 1) / 2) * gap]);
  });
}

/** The largest |w| in a snapshot, the natural scale for edge widths. */
export function maxAbsWeight(snapshot: MLPSnapshot): number {
  let m = 0;
  for (const layer of snapshot.layers) for (const w of layer.W) m = Math.max(m, Math.abs(w));
  return m;
}

/** What an edge looks like. */
export interface EdgeStyle {
  color: string;
  width: number;
  opacity: number;
}

/**
 * Edge style for weight w: colour by sign (TensorFlow Playground), width and opacity
 * growing with |w|/scale up to saturation at |w| = scale.
 */
export function edgeStyle(
  w: number,
  scale: number,
  minWidth: number = sizes.stroke.edgeMin,
  maxWidth: number = sizes.stroke.edgeMax,
): EdgeStyle {
  const t = scale > 0 ? Math.min(1, Math.abs(w) / scale) : 0;
  return {
    color: w >= 0 ? colors.weightPositive : colors.weightNegative,
    width: minWidth + (maxWidth - minWidth) * t,
    opacity: 0.25 + 0.75 * t,
  };
}

/**
 * Neuron fill for activation a: from `neuronOff` at 0 towards `neuronOn` as a → 1,
 * and towards the negative-weight colour as a → −1 (tanh, identity).
 */
export function neuronFill(a: number): string {
  const off = hexToRgb(colors.neuronOff);
  if (!Number.isFinite(a)) return rgbToCss(off);
  const target = hexToRgb(a >= 0 ? colors.neuronOn : colors.weightNegative);
  return rgbToCss(mixRgb(off, target, Math.min(1, Math.abs(a))));
}
