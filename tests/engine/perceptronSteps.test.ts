import {describe, expect, it} from 'vitest';
import {AND, OR, XOR} from '../../src/nn/datasets';
import {trainPerceptron} from '../../src/nn/perceptron';
import {perceptronSteps} from '../../src/nn/perceptronSteps';

describe('perceptronSteps (the Rosenblatt rule, recorded at every sample)', () => {
  for (const [name, data, lr] of [
    ['XOR', XOR, 1],
    ['AND', AND, 0.5],
    ['OR', OR, 1],
  ] as const) {
    it(`on ${name} (lr ${lr}) its rows at the end of each epoch equal trainPerceptron's epoch log`, () => {
      const steps = perceptronSteps(data.inputs, data.labels, {epochs: 7, lr});
      const log = trainPerceptron(data.inputs, data.labels, {epochs: 7, lr});
      expect(steps.steps).toBe(7 * 4);
      for (let e = 0; e <= 7; e++) {
        expect(Array.from(steps.at(4 * e).weights)).toEqual(Array.from(log.at(e).weights));
        expect(steps.at(4 * e).threshold).toBe(log.at(e).threshold);
        expect(steps.errors[4 * e]).toBe(log.errors[e]);
      }
      // Updates per epoch add up to the log's count.
      for (let e = 1; e <= 7; e++) {
        let updates = 0;
        for (let k = 4 * (e - 1) + 1; k <= 4 * e; k++) updates += steps.updated[k];
        expect(updates).toBe(log.updates[e]);
      }
    });
  }

  it('follows the rule by hand on the first XOR steps: w ← w + (y − ŷ)x, b ← b − (y − ŷ)', () => {
    const s = perceptronSteps(XOR.inputs, XOR.labels, {epochs: 1});
    // (0,0), y=0: silent at the zero start → no update.
    expect([s.sample[1], s.updated[1], ...s.at(1).weights, s.at(1).threshold]).toEqual([0, 0, 0, 0, 0]);
    // (0,1), y=1: silent → w = (0,1), b = −1.
    expect([s.sample[2], s.updated[2], ...s.at(2).weights, s.at(2).threshold]).toEqual([1, 1, 0, 1, -1]);
    // (1,0), y=1: 0 − (−1) > 0 fires → no update.
    expect([s.sample[3], s.updated[3], ...s.at(3).weights, s.at(3).threshold]).toEqual([2, 0, 0, 1, -1]);
    // (1,1), y=0: 1 + 1 > 0 fires → w = (−1, 0), b = 0.
    expect([s.sample[4], s.updated[4], ...s.at(4).weights, s.at(4).threshold]).toEqual([3, 1, -1, 0, 0]);
    expect(Array.from(s.epoch)).toEqual([0, 1, 1, 1, 1]);
  });

  it('on XOR the line moves inside epochs even when the epoch-end weights repeat', () => {
    const s = perceptronSteps(XOR.inputs, XOR.labels, {epochs: 6});
    const log = trainPerceptron(XOR.inputs, XOR.labels, {epochs: 6});
    expect(Array.from(log.at(5).weights)).toEqual(Array.from(log.at(6).weights));
    const distinct = new Set<string>();
    for (let k = 20; k <= 24; k++) distinct.add(`${Array.from(s.at(k).weights)}|${s.at(k).threshold}`);
    expect(distinct.size).toBeGreaterThan(2);
  });
});
