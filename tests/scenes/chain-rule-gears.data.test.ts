import {describe, expect, it} from 'vitest';
import {formatFixed} from '../../src/components/readoutFormat';
import {
  CHAIN,
  DELTAS,
  DIGITS,
  GEAR,
  MARKER_RADIUS,
  NUDGES,
  X0,
  backpropChain,
  gearAngles,
  gearHolds,
  markerAt,
  ratios,
} from '../../src/scenes/chain-rule-gears.model';

const XS = [0.3, 0.5, 1, 2, Math.E, 4.81, 6, 7.5];

describe('chain-rule-gears model', () => {
  it('gears turn by x, ln x and sin(ln x)', () => {
    for (const x of XS) {
      const [a, b, c] = gearAngles(x);
      expect(a).toBe(x);
      expect(b).toBeCloseTo(Math.log(x), 14);
      expect(c).toBeCloseTo(Math.sin(Math.log(x)), 14);
    }
  });

  it('the gear readouts equal the analytic derivatives 1/x, cos(ln x) and their product', () => {
    for (const x of XS) {
      const r = ratios(x);
      expect(r.gPrime).toBeCloseTo(1 / x, 12);
      expect(r.fPrime).toBeCloseTo(Math.cos(Math.log(x)), 12);
      expect(r.product).toBeCloseTo(Math.cos(Math.log(x)) / x, 12);
      // The chain-rule product is the slope of sin(ln x) that dual numbers give in one pass.
      expect(r.composite).toBeCloseTo(r.product, 12);
    }
  });

  it('the chain-rule product matches a central finite difference of the gear angles', () => {
    const e = 1e-6;
    for (const x of XS) {
      const fd = (gearAngles(x + e)[2] - gearAngles(x - e)[2]) / (2 * e);
      expect(Math.abs(fd - ratios(x).product)).toBeLessThan(1e-8);
    }
  });

  it('the measured ratio of the smallest nudge agrees with the chain rule to the shown digits', () => {
    const shown = (v: number) => formatFixed(v, DIGITS);
    const product = ratios(X0).product;
    const last = NUDGES[NUDGES.length - 1];
    expect(last.delta).toBe(DELTAS[DELTAS.length - 1]);
    expect(shown(last.ratio)).toBe(shown(product));
    // The nudge really is a forward difference of the gears: gear 3 moved by θ₃(x0+Δ) − θ₃(x0).
    expect(last.moved).toBeCloseTo(Math.sin(Math.log(X0 + last.delta)) - Math.sin(Math.log(X0)), 15);
  });

  it('bigger nudges visibly miss the product, and the error shrinks with Δ', () => {
    const product = ratios(X0).product;
    const errors = NUDGES.map(n => Math.abs(n.ratio - product));
    expect(errors[0]).toBeGreaterThan(0.05);
    for (let k = 1; k < errors.length; k++) expect(errors[k]).toBeLessThan(errors[k - 1]);
  });

  it('backprop through x → ln → sin → (f − 1)² gives the analytic dL/dx as a product of local derivatives', () => {
    for (const x of [0.5, X0, 6]) {
      const c = backpropChain(x);
      const s = Math.sin(Math.log(x));
      expect(c.values[3]).toBeCloseTo((s - 1) ** 2, 14);
      expect(c.local[0]).toBeCloseTo(1 / x, 14);
      expect(c.local[1]).toBeCloseTo(Math.cos(Math.log(x)), 14);
      expect(c.local[2]).toBeCloseTo(2 * (s - 1), 14);
      expect(c.grads[3]).toBe(1);
      // Each gradient is the next one times the local derivative of the link between them.
      for (let i = 2; i >= 0; i--) expect(c.grads[i]).toBeCloseTo(c.grads[i + 1] * c.local[i], 14);
      expect(c.grads[0]).toBeCloseTo((2 * (s - 1) * Math.cos(Math.log(x))) / x, 14);
    }
  });

  it('the chain shown on screen (at x0 = 2) carries the hand-computed values and gradients', () => {
    // ln 2 = 0.693147, sin(ln 2) = 0.638961, cos(ln 2) = 0.769239, L = (0.638961 − 1)² = 0.130349.
    expect(X0).toBe(2);
    [2, 0.6931472, 0.6389613, 0.130349].forEach((v, i) => expect(CHAIN.values[i], `value ${i}`).toBeCloseTo(v, 6));
    // Local derivatives: 1/x = 0.5, cos(ln 2) = 0.769239, 2(f − 1) = −0.722077.
    [0.5, 0.7692389, -0.7220774].forEach((v, i) => expect(CHAIN.local[i], `local ${i}`).toBeCloseTo(v, 6));
    // Gradients from L back to x: 1, −0.722077, −0.722077·0.769239 = −0.555450, −0.555450·0.5 = −0.277725.
    [-0.277725, -0.5554501, -0.7220774, 1].forEach((v, i) => expect(CHAIN.grads[i], `grad ${i}`).toBeCloseTo(v, 6));
  });

  it('gear 3 marker sits on its marker circle at angle sin(ln x)', () => {
    for (const x of XS) {
      const [mx, my] = markerAt(2, x);
      const dx = mx - GEAR.xs[2];
      const dy = GEAR.y - my;
      expect(Math.hypot(dx, dy)).toBeCloseTo(MARKER_RADIUS, 10);
      expect(Math.atan2(dy, dx)).toBeCloseTo(Math.sin(Math.log(x)), 10);
    }
  });

  it('the holds of beat 2 start when the storyboard says: x = 6 at 15.2 s, 0.5 at 19.7 s, 2 at 22.7 s', () => {
    // Beat 1: title 1 + axes 0.8 + curve 1.5 + tangent 0.6 + sweep (3 + 1.5) + 0.5 = 8.9 s.
    // Beat 2 set-up: to gears 1.2 + gears 1 + readouts 0.6 = 11.7 s. Then 3.5 s to x = 6 (15.2), hold 1 s;
    // 3.5 s to x = 0.5 (19.7), hold 1 s; 2 s to x = 2 (22.7), hold 0.5 s.
    const holds = gearHolds().map(h => ({...h, start: +h.start.toFixed(9)}));
    expect(holds).toEqual([
      {x: 6, start: 15.2, seconds: 1},
      {x: 0.5, start: 19.7, seconds: 1},
      {x: 2, start: 22.7, seconds: 0.5},
    ]);
  });
});
