import {describe, expect, it} from 'vitest';
import {descend} from '../../src/math/optimizers';
import {lossAtStep, paramsAtFraction, wholeStep} from '../../src/math/playback';

// A quadratic bowl L = x² + 3y², whose descent is easy to follow by hand.
const bowl = (p: Float64Array, g: Float64Array) => {
  g[0] = 2 * p[0];
  g[1] = 6 * p[1];
  return p[0] ** 2 + 3 * p[1] ** 2;
};
const path = descend(bowl, [2, -1], {optimizer: 'sgd', lr: 0.1, maxSteps: 20});

describe('trajectory playback', () => {
  it('whole steps are the engine values exactly, and out-of-range steps clamp', () => {
    for (const k of [0, 1, 7, path.steps]) {
      expect([...paramsAtFraction(path, k)]).toEqual([...path.params.subarray(2 * k, 2 * k + 2)]);
      expect(lossAtStep(path, k)).toBe(path.loss[k]);
    }
    expect([...paramsAtFraction(path, -3)]).toEqual([2, -1]);
    expect([...paramsAtFraction(path, 1e6)]).toEqual([...path.params.subarray(2 * path.steps)]);
    expect(wholeStep(path, 3.99)).toBe(3);
    expect(lossAtStep(path, 99)).toBe(path.loss[path.steps]);
  });

  it('between steps it glides on the straight segment (x after one SGD step is 2 − 0.1·4 = 1.6)', () => {
    const [x, y] = paramsAtFraction(path, 0.25);
    expect(x).toBeCloseTo(2 + 0.25 * (1.6 - 2), 12);
    expect(y).toBeCloseTo(-1 + 0.25 * (-0.4 + 1), 12);
    expect(lossAtStep(path, 0.25)).toBe(path.loss[0]);
  });
});
