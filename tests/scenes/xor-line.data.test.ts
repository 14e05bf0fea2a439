import {describe, expect, it} from 'vitest';
import {c2p} from '../../src/components/axisMath';
import {OR, XOR} from '../../src/nn/datasets';
import {
  CORNERS,
  PLANE,
  RANGE,
  finalSnapshot,
  hiddenLines,
  knobsAtStep,
  lineInBox,
  mlpRun,
  orLog,
  orSteps,
  planeToDesign,
  xorLog,
  xorNetSnapshot,
  xorPasses,
  xorSteps,
  type Knobs,
} from '../../src/scenes/xor-line.model';

/** Misclassified corners of a perceptron, counted here from w1·x + w2·y − b > 0 (not by the engine). */
function misclassified([w1, w2, b]: Knobs, labels: ArrayLike<number>): number {
  return CORNERS.filter(([x, y], i) => (w1 * x + w2 * y - b > 0 ? 1 : 0) !== labels[i]).length;
}
const knobsAt = (log: typeof xorSteps, k: number): Knobs => [
  log.at(k).weights[0],
  log.at(k).weights[1],
  log.at(k).threshold,
];

/** A 2-4-1 sigmoid forward pass written out from the raw W and b, independent of the engine's predict. */
function forwardByHand(x: number, y: number): number {
  const [l1, l2] = finalSnapshot.layers;
  const sig = (z: number) => 1 / (1 + Math.exp(-z));
  const h = [0, 1, 2, 3].map(j => sig(l1.W[2 * j] * x + l1.W[2 * j + 1] * y + l1.b[j]));
  return sig(h.reduce((z, hj, j) => z + l2.W[j] * hj, l2.b[0]));
}

describe('xor-line model: the perceptron on XOR', () => {
  it('never reaches zero errors on XOR at any step of the timeline the scene plays', () => {
    for (let k = 0; k <= xorSteps.steps; k++) {
      const count = misclassified(knobsAt(xorSteps, k), XOR.labels);
      expect(count).toBeGreaterThan(0);
      expect(xorSteps.errors[k]).toBe(count);
    }
    for (let e = 0; e <= xorLog.epochs; e++) expect(xorLog.errors[e]).toBeGreaterThan(0);
    expect(xorLog.convergedAt).toBe(-1);
  });

  it('keeps updating (the line keeps jumping) in every XOR epoch', () => {
    for (let e = 1; e <= xorLog.epochs; e++) expect(xorLog.updates[e]).toBeGreaterThan(0);
  });

  it('converges on OR, the contrast: zero errors from epoch convergedAt on', () => {
    expect(orLog.convergedAt).toBeGreaterThan(0);
    expect(orLog.convergedAt).toBeLessThan(orLog.epochs);
    const k = 4 * orLog.convergedAt;
    for (let j = k; j <= orSteps.steps; j++) expect(misclassified(knobsAt(orSteps, j), OR.labels)).toBe(0);
  });

  it('knobsAtStep gives the engine values at whole steps and a straight blend between', () => {
    for (const k of [0, 2, 7, xorSteps.steps]) expect(knobsAtStep(xorSteps, k)).toEqual(knobsAt(xorSteps, k));
    const [a, b] = [knobsAt(xorSteps, 5), knobsAt(xorSteps, 6)];
    knobsAtStep(xorSteps, 5.25).forEach((v, j) => expect(v).toBeCloseTo(0.75 * a[j] + 0.25 * b[j], 12));
  });
});

describe('xor-line model: the drawn line', () => {
  it('lineInBox ends lie on w1·x + w2·y = b and on the edge of the plane', () => {
    for (const k of [
      [1, 1, 0.5],
      [-1, 1, 0.5],
      [0, 1, -0.2],
      [1, 0, 1],
      [2, -3, 0.7],
    ] as Knobs[]) {
      const seg = lineInBox(k)!;
      expect(seg).not.toBeNull();
      for (const [x, y] of seg) {
        expect(k[0] * x + k[1] * y).toBeCloseTo(k[2], 9);
        const onEdge = [x - RANGE[0], RANGE[1] - x, y - RANGE[0], RANGE[1] - y].some(d => Math.abs(d) < 1e-9);
        expect(onEdge).toBe(true);
      }
      expect(Math.hypot(seg[0][0] - seg[1][0], seg[0][1] - seg[1][1])).toBeGreaterThan(0.1);
    }
  });

  it('lineInBox is null when w = 0 or the line misses the plane', () => {
    expect(lineInBox([0, 0, 1])).toBeNull();
    expect(lineInBox([1, 1, 10])).toBeNull();
  });

  it('the hidden lines are x − y = ½ and −x + y = ½ (the seed weights and thresholds)', () => {
    expect(hiddenLines).toEqual([
      [1, -1, 0.5],
      [-1, 1, 0.5],
    ]);
  });
});

describe('xor-line model: the two-layer network and the MLP', () => {
  it('the truth table from the forward pass is XOR, with h1 only at (1,0) and h2 only at (0,1)', () => {
    expect(xorPasses.map(p => p.output)).toEqual(Array.from(XOR.labels));
    expect(xorPasses.map(p => p.hidden)).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [0, 0],
    ]);
  });

  it('the diagram snapshot carries the seed weights', () => {
    expect(Array.from(xorNetSnapshot.layers[0].W)).toEqual([1, -1, -1, 1]);
    expect(Array.from(xorNetSnapshot.layers[1].W)).toEqual([1, 1]);
  });

  it('the final MLP snapshot classifies all four points (checked with a hand-written forward pass)', () => {
    CORNERS.forEach(([x, y], i) => {
      const p = forwardByHand(x, y);
      if (XOR.labels[i] === 1) expect(p).toBeGreaterThan(0.9);
      else expect(p).toBeLessThan(0.1);
    });
  });

  it('training lowers the loss from ln 2-ish to below 0.05, and the last snapshot is the last step', () => {
    expect(mlpRun.loss[0]).toBeGreaterThan(0.6);
    expect(mlpRun.loss[mlpRun.count - 1]).toBeLessThan(0.05);
    expect(mlpRun.step[mlpRun.count - 1]).toBe(1200);
  });
});

describe('xor-line model: layout', () => {
  it('planeToDesign agrees with the Axes mapping (c2p) shifted to the plane centre', () => {
    const map = {xRange: RANGE, yRange: RANGE, xLength: PLANE.size, yLength: PLANE.size};
    for (const [x, y] of [...CORNERS, [-0.5, 1.5], [0.3, 0.7]] as [number, number][]) {
      const [px, py] = c2p(map, x, y);
      expect(planeToDesign(x, y)[0]).toBeCloseTo(PLANE.x + px, 9);
      expect(planeToDesign(x, y)[1]).toBeCloseTo(PLANE.y + py, 9);
    }
    // y up: (0,1) is drawn above (0,0).
    expect(planeToDesign(0, 1)[1]).toBeLessThan(planeToDesign(0, 0)[1]);
  });
});
