import {describe, expect, it} from 'vitest';
import {Dual} from '../../src/math/dual';
import {polynomialLoss, polyval} from '../../src/math/leastSquares';
import {
  BEATS,
  DATA,
  DELTAS,
  FIT,
  K1_BEST,
  LR,
  PEEKS,
  PROBES,
  SLOPE_TOL,
  SLOPE_X0,
  TIMELINE,
  WALK,
  X0,
  knobAt,
  lossAt,
  lossDual,
  nudgeAt,
  readoutsAt,
  rowsShownAt,
  slopeAt,
  walkK,
} from '../../src/scenes/derivative-probe.model';

/** The loss straight from the engine's polynomial objective, with only k1 changed from the fit. */
function engineLoss(k1: number): number {
  const k = Float64Array.from(FIT);
  k[1] = k1;
  return polynomialLoss(DATA.xs, DATA.ys)(k, new Float64Array(k.length));
}
/** ∂L/∂k1 from the engine objective's own analytic gradient. */
function engineSlope(k1: number): number {
  const k = Float64Array.from(FIT);
  k[1] = k1;
  const g = new Float64Array(k.length);
  polynomialLoss(DATA.xs, DATA.ys)(k, g);
  return g[1];
}
const central = (k1: number, h = 1e-5) => (engineLoss(k1 + h) - engineLoss(k1 - h)) / (2 * h);
const KS = [0, 0.6, 1.2, K1_BEST, 2.6, X0, 4.4, 5];
/** Scene times every 0.1 s, over the whole scene. */
const TIMES = Array.from({length: Math.floor(BEATS.end * 10)}, (_, i) => i / 10);

describe('derivative-probe model', () => {
  it('L(k1) is the engine polynomial loss with the other knobs at their least-squares values, also over dual numbers', () => {
    for (const k of KS) {
      expect(lossAt(k)).toBe(engineLoss(k));
      expect(lossDual(Dual.constant(k)).re).toBeCloseTo(engineLoss(k), 12);
    }
    // The other knobs really are the least-squares ones: the full gradient vanishes at the fit.
    const g = new Float64Array(FIT.length);
    polynomialLoss(DATA.xs, DATA.ys)(Float64Array.from(FIT), g);
    for (const v of g) expect(Math.abs(v)).toBeLessThan(1e-9);
  });

  it('the dual-number derivative matches a central finite difference and the analytic gradient', () => {
    for (const k of KS) {
      expect(Math.abs(slopeAt(k) - central(k))).toBeLessThan(1e-7);
      expect(slopeAt(k)).toBeCloseTo(engineSlope(k), 10);
    }
    expect(SLOPE_X0).toBe(slopeAt(X0));
  });

  it('the secant ratios Δy/Δx are forward differences of the engine loss at X0', () => {
    PROBES.forEach((p, k) => {
      expect(p.dx).toBe(DELTAS[k]);
      expect(p.dy).toBeCloseTo(engineLoss(X0 + p.dx) - engineLoss(X0), 12);
      expect(p.ratio).toBeCloseTo(p.dy / p.dx, 12);
    });
    // Turning the knob up from X0 makes the loss worse, as in the lecture: Δy > 0.
    for (const p of PROBES) expect(p.dy).toBeGreaterThan(0);
  });

  it('the secant ratio converges to the derivative: its error shrinks with Δx and ends within 0.01', () => {
    const errors = PROBES.map(p => Math.abs(p.ratio - SLOPE_X0));
    expect(errors[0]).toBeGreaterThan(0.3); // the first secant visibly misses the tangent
    for (let k = 1; k < errors.length; k++) expect(errors[k]).toBeLessThan(errors[k - 1]);
    // L is quadratic in k1, so the forward difference misses by exactly (L''/2)·Δx: the error is proportional to Δx.
    const curvature = (2 * Array.from(DATA.xs, x => x * x).reduce((a, b) => a + b)) / DATA.xs.length;
    PROBES.forEach((p, k) => expect(errors[k]).toBeCloseTo((curvature / 2) * p.dx, 8));
    expect(errors[errors.length - 1]).toBeLessThan(0.01);
  });

  it('the walk ends at the bottom of L(k1): the least-squares k1, where the slope is about 0', () => {
    expect(WALK.stop).toBe('gradTol');
    const end = walkK(WALK.steps);
    expect(Math.abs(WALK.grad[WALK.steps])).toBeLessThan(SLOPE_TOL);
    expect(Math.abs(end - K1_BEST)).toBeLessThan(1e-3);
    // The bottom independently: L = Σ(k1·xᵢ + cᵢ)²/n is least at k1 = −Σxᵢcᵢ / Σxᵢ².
    const c = Array.from(DATA.xs, (x, i) => polyval(FIT, x) - FIT[1] * x - DATA.ys[i]);
    const sxc = Array.from(DATA.xs, (x, i) => x * c[i]).reduce((a, b) => a + b);
    const sxx = Array.from(DATA.xs, x => x * x).reduce((a, b) => a + b);
    expect(K1_BEST).toBeCloseTo(-sxc / sxx, 10);
    expect(end.toFixed(3)).toBe(K1_BEST.toFixed(3));
    // Every step went downhill, each one against the slope felt there.
    for (let n = 1; n <= WALK.steps; n++) {
      expect(WALK.loss[n]).toBeLessThan(WALK.loss[n - 1]);
      expect(walkK(n)).toBeCloseTo(walkK(n - 1) - LR * slopeAt(walkK(n - 1)), 12);
    }
    expect(WALK.steps).toBeGreaterThan(5);
  });

  it('every readout equals the engine value at sampled times', () => {
    let probeChecks = 0;
    let walkChecks = 0;
    for (const t of TIMES) {
      const r = readoutsAt(t);
      expect(r.k1).toBe(knobAt(t));
      if (t >= TIMELINE.nudgeStart && t < BEATS.descent) {
        // Beat 2: the knob stands at X0 + Δx and the readouts are the forward difference there.
        expect(r.dx).toBe(nudgeAt(t));
        expect(r.k1).toBeCloseTo(X0 + r.dx, 12);
        if (r.dx > 1e-3) {
          expect(r.dy).toBeCloseTo(engineLoss(X0 + r.dx) - engineLoss(X0), 10);
          expect(r.ratio).toBeCloseTo(r.dy / r.dx, 8);
          probeChecks++;
        }
        expect(r.slope).toBeCloseTo(central(X0), 6);
        expect(r.loss).toBeCloseTo(engineLoss(X0), 12);
      }
      if (t >= BEATS.descent) {
        // Beat 3: the walk's step, where it stands, its loss and its slope.
        expect(r.walkK1).toBe(walkK(r.step));
        expect(r.loss).toBeCloseTo(engineLoss(r.walkK1), 12);
        expect(r.slope).toBeCloseTo(central(r.walkK1), 6);
        walkChecks++;
      }
    }
    expect(probeChecks).toBeGreaterThan(50);
    expect(walkChecks).toBeGreaterThan(50);
  });

  it('each table row appears when Δx holds at its value, with that hold’s live ratio', () => {
    TIMELINE.rows.forEach((at, k) => {
      const hold = at + 0.2;
      expect(nudgeAt(hold)).toBeCloseTo(DELTAS[k], 12);
      expect(readoutsAt(hold).ratio).toBeCloseTo(PROBES[k].ratio, 10);
      expect(rowsShownAt(hold)).toBe(k + 1);
      expect(rowsShownAt(at - 0.05)).toBe(k);
    });
  });

  it('every dot is a probe of the engine loss, placed where the knob stands when it appears', () => {
    for (const d of TIMELINE.dots) {
      expect(d.loss).toBeCloseTo(engineLoss(d.k1), 12);
      expect(knobAt(d.at)).toBeCloseTo(d.k1, 9);
    }
    expect(TIMELINE.dots.filter(d => d.kind === 'peek').map(d => d.k1)).toEqual(PEEKS);
    expect(TIMELINE.dots.filter(d => d.kind === 'walk').length).toBe(WALK.steps);
  });

  it('the scene lasts 20–60 s and its beats come in storyboard order', () => {
    const b = BEATS;
    const order = [b.fog, b.probe, b.shrink, b.tangent, b.descent, b.stop, b.lift, b.end];
    for (let i = 1; i < order.length; i++) expect(order[i]).toBeGreaterThan(order[i - 1]);
    expect(b.end).toBeGreaterThan(20);
    expect(b.end).toBeLessThan(60);
  });
});
