/**
 * The chain-rule scene's maths and layout. g = ln, f = sin, h = f∘g = sin(ln x) on x > 0.
 * Every number on screen comes from here: values and derivatives from dual numbers,
 * the nudge table from finite differences, the backprop chain from the autodiff engine.
 * Pure (no Motion Canvas), so tests can import it.
 */
import {Value} from '../math/autodiff';
import {Dual, derivative} from '../math/dual';
import {markerRadius, pitchRadius} from '../components/gearMath';
import type {Pair} from '../components/axisMath';

/** The two links of the chain, written over dual numbers. */
export const g = (x: Dual) => x.log();
export const f = (u: Dual) => u.sin();
export const h = (x: Dual) => f(g(x));

const value = (fn: (d: Dual) => Dual, x: number) => fn(Dual.constant(x)).re;

/** y = sin(ln x), for the graph. */
export const composite = (x: number) => value(h, x);

/** Angles of the three gears (radians, counter-clockwise): x, g(x), f(g(x)). */
export function gearAngles(x: number): [number, number, number] {
  const u = value(g, x);
  return [x, u, value(f, u)];
}

/** The local ratios at x: g′(x), f′(g(x)), their product, and h′(x) straight from dual numbers. */
export function ratios(x: number) {
  const gPrime = derivative(g, x);
  const fPrime = derivative(f, value(g, x));
  return {gPrime, fPrime, product: gPrime * fPrime, composite: derivative(h, x)};
}

/** The measured ratio: nudge gear 1 by Δ and see how far gear 3 turns. */
export function nudge(x: number, delta: number) {
  const moved = gearAngles(x + delta)[2] - gearAngles(x)[2];
  return {delta, moved, ratio: moved / delta};
}

// Beat 1: the composite's graph.
export const GRAPH = {xRange: [0, 8] as Pair, yRange: [-1.25, 1.25] as Pair, xFrom: 0.05};

// Beat 2: the gears turn. x sweeps through keyframes; the holds are where tests look.
export const X_START = 1;
export const X_SWEEP = [
  {to: 5.5, seconds: 3},
  {to: 2, seconds: 1.5},
];
export const X_GEARS = [
  {to: 6, seconds: 3.5, hold: 1},
  {to: 0.5, seconds: 3.5, hold: 1},
  {to: 2, seconds: 2, hold: 0.5},
];

// Beat 3: nudge gear 1 at X0 by shrinking Δs; the last one agrees with the chain rule to DIGITS decimals.
export const X0 = 2;
export const DELTAS = [0.5, 0.1, 0.01, 0.001, 0.0001];
export const DIGITS = 4;
export const NUDGES = DELTAS.map(d => nudge(X0, d));

/** Beat 4: the chain x → g → f → L with L = (f − 1)², differentiated by reverse-mode autodiff. */
export function backpropChain(x: number) {
  const xv = Value.scalar(x, 'x');
  const gv = xv.log();
  const fv = gv.sin();
  const lv = fv.sub(1).pow(2);
  lv.backward();
  const nodes = [xv, gv, fv, lv];
  return {
    values: nodes.map(n => n.value),
    /** ∂L/∂node for x, g, f, L. */
    grads: nodes.map(n => n.gradient),
    /** The local derivative of each link: dg/dx, df/dg, dL/df. */
    local: [derivative(g, x), derivative(f, gv.value), 2 * (fv.value - 1)],
  };
}
export const CHAIN = backpropChain(X0);

/** Gear layout on the 1920×1080 design view (origin at the centre, y down). */
export const GEAR = {teeth: 20, module: 12, y: 150, xs: [-600, 0, 600]};
export const GEAR_RADIUS = pitchRadius(GEAR.teeth, GEAR.module);
export const MARKER_RADIUS = markerRadius(GEAR.teeth, GEAR.module);

/** Design-space centre of the marker dot of gear i (0-based) at input x. */
export function markerAt(i: number, x: number): Pair {
  const a = gearAngles(x)[i];
  return [GEAR.xs[i] + MARKER_RADIUS * Math.cos(a), GEAR.y - MARKER_RADIUS * Math.sin(a)];
}

/** Scene timings in seconds, together in one place; tests use them to find the frames where x holds. */
export const TIMES = {
  // Beat 1: the composite's graph.
  titleIn: 1,
  axesIn: 0.8,
  curveIn: 1.5,
  tangentIn: 0.6,
  afterSweep: 0.5,
  // Beat 2: gears.
  toGears: 1.2,
  gearsIn: 1,
  readoutsIn: 0.6,
  // Beat 3: the nudge.
  toNudge: 1,
  firstNudge: 1.5,
  lookAtNudge: 1.5,
  perRow: 0.9,
  verdict: 0.8,
  afterVerdict: 2,
  // Beat 4: the chain of boxes.
  toChain: 1,
  boxesIn: 1.2,
  forwardStep: 0.6,
  backwardStep: 1,
  formulaIn: 1,
  end: 3,
  caption: 0.4,
};

/** Each hold of beat 2: its x, when it starts (seconds from the scene start) and how long it lasts. */
export function gearHolds(): {x: number; start: number; seconds: number}[] {
  let t = TIMES.titleIn + TIMES.axesIn + TIMES.curveIn + TIMES.tangentIn;
  t += X_SWEEP.reduce((s, k) => s + k.seconds, 0) + TIMES.afterSweep;
  t += TIMES.toGears + TIMES.gearsIn + TIMES.readoutsIn;
  const out = [];
  for (const k of X_GEARS) {
    t += k.seconds;
    out.push({x: k.to, start: t, seconds: k.hold});
    t += k.hold;
  }
  return out;
}
