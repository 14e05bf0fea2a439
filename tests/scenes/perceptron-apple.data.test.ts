import {describe, expect, it} from 'vitest';
import {FRUITS} from '../../src/nn/datasets';
import {
  BAR,
  BULB,
  DETECTORS,
  LR,
  PLAN,
  SCENE_END,
  SUM_RANGE,
  T,
  TARGETS,
  barY,
  epochAt,
  feedAt,
  frameAt,
  holdTime,
  perceptronAt,
  verdictsAt,
} from '../../src/scenes/perceptron-apple.model';

/** w·x written out here, not by the engine. */
const dot = (w: ArrayLike<number>, x: readonly number[]) => x.reduce((s, xi, i) => s + w[i] * xi, 0);
const firesByHand = (w: ArrayLike<number>, b: number, x: readonly number[]) => (dot(w, x) - b > 0 ? 1 : 0);

/** Rosenblatt's rule written out again (fruits in table order, lr = LR, zero start), until an error-free epoch. */
function rosenblatt(target: string): {w: number[]; b: number; epochs: number} {
  const w = FRUITS[0].features.map(() => 0);
  let b = 0;
  for (let epoch = 1; epoch <= 50; epoch++) {
    for (const f of FRUITS) {
      const miss = (f.name === target ? 1 : 0) - firesByHand(w, b, f.features);
      f.features.forEach((x, i) => (w[i] += LR * miss * x));
      b -= LR * miss;
    }
    if (FRUITS.every(f => firesByHand(w, b, f.features) === (f.name === target ? 1 : 0))) return {w, b, epochs: epoch};
  }
  throw new Error('no convergence');
}

describe('perceptron-apple model: the learnt detectors', () => {
  it('each detector fires for its own fruit and for no other (dot product by hand)', () => {
    DETECTORS.forEach(d => {
      const firing = FRUITS.filter(f => firesByHand(d.perceptron.weights, d.perceptron.threshold, f.features)).map(
        f => f.name,
      );
      expect(firing).toEqual([d.target]);
    });
    expect(DETECTORS.map(d => d.target)).toEqual([...TARGETS]);
  });

  it("the weights and thresholds are the perceptron rule's, reproduced step by step", () => {
    DETECTORS.forEach(d => {
      const ref = rosenblatt(d.target);
      expect(Array.from(d.perceptron.weights)).toEqual(ref.w);
      expect(d.perceptron.threshold).toBe(ref.b);
      expect(d.epochs).toBe(ref.epochs);
      expect(d.log.errors[d.epochs]).toBe(0);
      for (let e = 0; e < d.epochs; e++) expect(d.log.errors[e]).toBeGreaterThan(0);
    });
  });

  it('the learnt values are small integers, readable on the knobs without decimals', () => {
    DETECTORS.forEach(d =>
      [...d.perceptron.weights, d.perceptron.threshold].forEach(v => {
        expect(Number.isInteger(v)).toBe(true);
        expect(Math.abs(v)).toBeLessThanOrEqual(3);
      }),
    );
  });

  it('the apple detector weighs big and sour down and red and round up', () => {
    const w = DETECTORS[0].perceptron.weights;
    expect(w[0]).toBeLessThan(0); // big
    expect(w[5]).toBeLessThan(0); // sour
    expect(w[1]).toBeGreaterThan(0); // red
    expect(w[3]).toBeGreaterThan(0); // round
  });
});

describe('perceptron-apple model: what the frames show', () => {
  it('lasts 20–60 s, and the beats follow each other without gaps', () => {
    expect(SCENE_END).toBeGreaterThan(20);
    expect(SCENE_END).toBeLessThan(60);
    expect(PLAN.segments[0].start).toBe(T.table);
    PLAN.segments.slice(1).forEach((s, i) => expect(s.start).toBe(PLAN.segments[i].end));
    expect(PLAN.neuronStart).toBe(PLAN.segments[2].end);
  });

  it("at every verdict the knobs, inputs, sum, bar and bulb equal the engine's values for that fruit", () => {
    DETECTORS.forEach((d, k) =>
      FRUITS.forEach((f, i) => {
        const t = holdTime(k, i);
        const fr = frameAt(t);
        expect(fr.detector).toBe(k);
        expect(fr.fruit).toBe(i);
        expect(fr.loaded).toBe(1);
        expect(fr.inputs).toEqual(f.features);
        expect(Array.from(fr.perceptron.weights)).toEqual(Array.from(d.perceptron.weights));
        expect(fr.perceptron.threshold).toBe(d.perceptron.threshold);
        expect(fr.sum).toBe(dot(d.perceptron.weights, f.features));
        expect(fr.bar).toBe(fr.sum);
        expect(fr.lit).toBe(f.name === d.target);
        expect(verdictsAt(t)[i]).toBe(f.name === d.target ? 1 : 0);
      }),
    );
  });

  it('the bar grows from 0 to the sum, and the bulb lights exactly when the bar is above b', () => {
    for (let t = PLAN.segments[0].start; t < PLAN.neuronStart; t += 0.05) {
      const fr = frameAt(t);
      const feed = feedAt(t);
      if (!feed) {
        expect(fr.bar).toBe(0);
        expect(fr.lit).toBe(false);
        continue;
      }
      expect(Math.abs(fr.bar)).toBeLessThanOrEqual(Math.abs(fr.sum) + 1e-12);
      expect(Math.sign(fr.bar) * Math.sign(fr.sum)).toBeGreaterThanOrEqual(0);
      expect(fr.lit).toBe(fr.bar > fr.perceptron.threshold);
      expect(fr.sum).toBeCloseTo(dot(fr.perceptron.weights, fr.inputs), 12);
    }
  });

  it("the apple knobs pass through the rule's log at each whole epoch, with the epoch counter on it", () => {
    const seg = PLAN.segments[0];
    const log = DETECTORS[0].log;
    for (let e = 0; e <= DETECTORS[0].epochs; e++) {
      const t = seg.tuneStart + e * T.epoch;
      expect(Array.from(perceptronAt(t).weights)).toEqual(Array.from(log.at(e).weights));
      expect(perceptronAt(t).threshold).toBe(log.at(e).threshold);
      expect(epochAt(t)).toBe(e);
    }
  });

  it('a verdict marker appears only once that fruit has gone through, and the markers reset for each detector', () => {
    PLAN.segments.forEach(seg => {
      expect(verdictsAt(seg.tuneEnd - 0.01).every(v => v === null)).toBe(true);
      expect(verdictsAt(seg.end - 0.01).every(v => v !== null)).toBe(true);
    });
  });

  it('every sum and threshold fits on the bar, and the bulb stays inside the 5% margins', () => {
    DETECTORS.forEach(d =>
      [d.perceptron.threshold, ...FRUITS.map(f => dot(d.perceptron.weights, f.features))].forEach(v => {
        expect(v).toBeGreaterThan(SUM_RANGE[0]);
        expect(v).toBeLessThan(SUM_RANGE[1]);
        expect(barY(v)).toBeGreaterThan(BAR.top);
        expect(barY(v)).toBeLessThan(BAR.bottom);
      }),
    );
    expect(BULB.x + BULB.r + 40).toBeLessThan(960 - 96);
    expect(BULB.y - BULB.r - 40).toBeGreaterThan(-540 + 54);
  });
});
