import {describe, expect, it} from 'vitest';
import {
  edgeStyle,
  layerSizes,
  maxAbsWeight,
  neuronFill,
  neuronPositions,
  type MLPSnapshot,
} from '../../src/components/networkStyle';
import {colors, sizes} from '../../src/components/theme';

const snap: MLPSnapshot = {
  layers: [
    {
      inSize: 2,
      outSize: 3,
      W: Float64Array.from([1, -2, 0.5, -0.1, 3, 0]),
      b: new Float64Array(3),
      activation: 'sigmoid',
    },
    {inSize: 3, outSize: 1, W: Float64Array.from([-4, 0.2, 1]), b: new Float64Array(1), activation: 'sigmoid'},
  ],
};

describe('network diagram style', () => {
  it('layer sizes follow the snapshot shapes, input layer first', () => {
    expect(layerSizes(snap)).toEqual([2, 3, 1]);
    expect(maxAbsWeight(snap)).toBe(4);
  });

  it('edge width grows strictly with |w| and saturates at the scale', () => {
    const ws = [0, 0.1, 0.5, 1, 2, 3.9];
    const widths = ws.map(w => edgeStyle(w, 4).width);
    for (let k = 1; k < widths.length; k++) expect(widths[k]).toBeGreaterThan(widths[k - 1]);
    expect(edgeStyle(4, 4).width).toBe(sizes.stroke.edgeMax);
    expect(edgeStyle(40, 4).width).toBe(sizes.stroke.edgeMax);
    expect(edgeStyle(0, 4).width).toBe(sizes.stroke.edgeMin);
  });

  it('edge width depends on |w| only, colour on the sign only', () => {
    for (const w of [0.3, 1.7, 3]) {
      expect(edgeStyle(-w, 4).width).toBe(edgeStyle(w, 4).width);
      expect(edgeStyle(w, 4).color).toBe(colors.weightPositive);
      expect(edgeStyle(-w, 4).color).toBe(colors.weightNegative);
    }
    expect(colors.weightPositive).not.toBe(colors.weightNegative);
  });

  it('every edge of a snapshot follows its own weight', () => {
    const scale = maxAbsWeight(snap);
    const layer = snap.layers[0];
    const order = Array.from(layer.W.keys()).sort((a, b) => Math.abs(layer.W[a]) - Math.abs(layer.W[b]));
    const widths = order.map(k => edgeStyle(layer.W[k], scale).width);
    for (let k = 1; k < widths.length; k++) expect(widths[k]).toBeGreaterThanOrEqual(widths[k - 1]);
  });

  it('neurons are centred in columns spread over the width', () => {
    const pos = neuronPositions([2, 3, 1], 600, 400, 100);
    expect(pos.map(c => c[0][0])).toEqual([-300, 0, 300]);
    expect(pos[1].map(p => p[1])).toEqual([-100, 0, 100]);
    expect(pos[2][0][1]).toBe(0);
    const tight = neuronPositions([9], 0, 400, 100);
    expect(tight[0][8][1] - tight[0][0][1]).toBeCloseTo(400, 9);
  });

  it('with spread, each column fits the height on its own: a tall column packs, a short one keeps rowGap', () => {
    const pos = neuronPositions([64, 16, 10], 700, 756, 60, true);
    expect(pos[0][1][1] - pos[0][0][1]).toBeCloseTo(12, 9);
    expect(pos[1][1][1] - pos[1][0][1]).toBeCloseTo(50.4, 9);
    expect(pos[2][1][1] - pos[2][0][1]).toBeCloseTo(60, 9);
    expect(
      neuronPositions([64, 10], 700, 756, 60)[1][1][1] - neuronPositions([64, 10], 700, 756, 60)[1][0][1],
    ).toBeCloseTo(12, 9);
  });

  it('neuron fill runs from off at 0 to on at 1', () => {
    expect(neuronFill(0)).toBe('rgb(35, 40, 54)');
    expect(neuronFill(1)).toBe('rgb(236, 233, 226)');
    expect(neuronFill(0.5)).not.toBe(neuronFill(0.6));
  });
});
