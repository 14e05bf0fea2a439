/**
 * The derivative-probe scene's maths and timeline. A fifth-degree polynomial is fitted to seeded
 * noisy samples (engine least squares); every knob but k1 stays at its least-squares value, so the
 * loss is a function of k1 alone. The scene knows that function only where it probes it:
 * L(k1) from the engine's polynomial loss, the secant ratios Δy/Δx from those values, the slope
 * from dual numbers, and the walk down from the engine's gradient descent.
 * Every position and number on screen is a pure function of the scene clock defined here, so
 * tests can ask what is shown at any time. Pure (no Motion Canvas).
 */
import type {AxisMap, Pair} from '../components/axisMath';
import {c2p} from '../components/axisMath';
import {Dual, derivative} from '../math/dual';
import {polynomialLoss, polyval} from '../math/leastSquares';
import {descend, type Trajectory} from '../math/optimizers';
import {DATA, FIT} from './polynomial-fit';
import {rampAt} from '../math/ease';
export {rampAt} from '../math/ease';

// ── Data and the loss over k1 ────────────────────────────────────────────────────────
// The samples and the least-squares knobs k0…k5 are polynomial-knobs' fit (./polynomial-fit); the other five stay there.
export {DATA, FIT, SEED, TRUE_COEFFS} from './polynomial-fit';
/** The least-squares k1: the bottom of L(k1). */
export const K1_BEST = FIT[1];

const objective = polynomialLoss(DATA.xs, DATA.ys);
const knobs = Float64Array.from(FIT);
const scratch = new Float64Array(FIT.length);

/** L(k1): the mean squared residual of the fit with k1 set and the other knobs at their optimum. */
export function lossAt(k1: number): number {
  knobs[1] = k1;
  return objective(knobs, scratch);
}

// Residual i is k1·xᵢ + cᵢ, where cᵢ = (the other terms of the fit at xᵢ) − yᵢ does not move with k1.
const REST = Array.from(DATA.xs, (x, i) => polyval(FIT, x) - FIT[1] * x - DATA.ys[i]);

/** The same loss written over dual numbers, so one evaluation also carries dL/dk1. */
export function lossDual(k1: Dual): Dual {
  let sum = Dual.constant(0);
  DATA.xs.forEach((x, i) => {
    const r = k1.mul(x).add(REST[i]);
    sum = sum.add(r.mul(r));
  });
  return sum.div(DATA.xs.length);
}

/** dL/dk1 from dual numbers: the tangent's slope. */
export const slopeAt = (k1: number) => derivative(lossDual, k1);

// ── Beat 2: the probe at X0 ──────────────────────────────────────────────────────────
/** Where we stand; turning the knob up makes the loss worse (as in the lecture). */
export const X0 = 3.6;
/** The nudges, shrinking. */
export const DELTAS = [1, 0.5, 0.1, 0.01];

/** Turn the knob from x by Δx and look: how much did the loss change? */
export function secant(x: number, dx: number) {
  const dy = lossAt(x + dx) - lossAt(x);
  return {dx, dy, ratio: dy / dx};
}
export const PROBES = DELTAS.map(d => secant(X0, d));
export const SLOPE_X0 = slopeAt(X0);

// ── Beat 3: feel the slope, take a small step ────────────────────────────────────────
/** Step size η: k1 ← k1 − η·L′(k1). */
export const LR = 0.3;
/** Stop once |L′(k1)| is below this: the slope shows as 0.000. */
export const SLOPE_TOL = 5e-4;
export const WALK: Trajectory = descend(
  (p, g) => {
    g[0] = slopeAt(p[0]);
    return lossAt(p[0]);
  },
  [X0],
  {lr: LR, maxSteps: 60, gradTol: SLOPE_TOL},
);
/** k1 after n steps of the walk. */
export const walkK = (n: number) => WALK.params[Math.min(Math.max(n, 0), WALK.steps)];
/** The first SLOW_STEPS steps are shown one by one; the rest hurry. */
export const SLOW_STEPS = 3;

// ── Beat 1: a few blind probes ───────────────────────────────────────────────────────
/** Knob positions tried in the fog before the probe: only these dots are known. */
export const PEEKS = [0.6, 2.6];

// ── Layout (1920×1080 design units, origin at the centre) ───────────────────────────
export const AXES_MAP: AxisMap = {xRange: [0, 5], yRange: [0, 8], xLength: 900, yLength: 560};
export const AXES_POS: Pair = [-370, -20];
/** Design-space position of graph point (k1, L). */
export function graphToDesign(k1: number, L: number): Pair {
  const [x, y] = c2p(AXES_MAP, k1, L);
  return [AXES_POS[0] + x, AXES_POS[1] + y];
}

// ── Timeline ─────────────────────────────────────────────────────────────────────────
/** Timings in seconds, in storyboard order. */
export const T = {
  intro: 2.5,
  turn: 1.0,
  pop: 0.3,
  peekHold: 1.5,
  toX0: 1.2,
  atX0: 1.2,
  probeTurn: 1.2,
  probeShow: 0.8,
  probeLook: 3.0,
  shrink: 1.3,
  shrinkHold: 1.2,
  tangentIn: 0.8,
  verdict: 3.0,
  clear: 1.0,
  /** One slow step: the tangent appears (feel), the knob turns (step), a pause. */
  feel: 0.8,
  step: 1.0,
  pause: 0.6,
  /** Each hurried step. */
  fastStep: 0.45,
  stopHold: 1.8,
  lift: 2.5,
  end: 3.5,
  caption: 0.4,
} as const;

/** A knob move: from `from` to `to` over [start, start + seconds]. Δx moves run in log space. */
export interface Move {
  start: number;
  seconds: number;
  from: number;
  to: number;
  log?: boolean;
}

/** A probed point: it appears (pops in) at `at`. */
export interface Dot {
  k1: number;
  loss: number;
  at: number;
  kind: 'peek' | 'base' | 'probe' | 'walk';
}

function moveValue(m: Move, t: number): number {
  const u = rampAt(t, m.start, m.seconds);
  if (m.log) return Math.exp(Math.log(m.from) + u * (Math.log(m.to) - Math.log(m.from)));
  return m.from + u * (m.to - m.from);
}

/** Value of a track of moves at t: the move under way, else where the last one ended. */
function trackAt(moves: Move[], t: number, initial: number): number {
  let v = initial;
  for (const m of moves) {
    if (t < m.start) break;
    v = moveValue(m, t);
  }
  return v;
}

/** The whole storyboard as data: beat start times, knob and Δx moves, dots, rows and tangents. */
export const TIMELINE = (() => {
  let now = 0;
  const knob: Move[] = [];
  const nudge: Move[] = [];
  const dots: Dot[] = [];
  const turn = (to: number, seconds: number) => {
    const from = knob.length ? knob[knob.length - 1].to : to;
    knob.push({start: now, seconds, from, to});
    now += seconds;
  };
  const dot = (k1: number, kind: Dot['kind']) => dots.push({k1, loss: lossAt(k1), at: now, kind});

  // Beat 1: blind probes in the fog.
  const fog = now;
  now += T.intro;
  knob.push({start: 0, seconds: 0, from: PEEKS[0], to: PEEKS[0]});
  PEEKS.forEach((k, i) => {
    if (i > 0) turn(k, T.turn);
    dot(k, 'peek');
    now += T.peekHold;
  });

  // Beat 2: stand at X0, nudge by Δx, shrink Δx.
  const probe = now;
  turn(X0, T.toX0);
  dot(X0, 'base');
  now += T.atX0;
  const nudgeStart = now;
  nudge.push({start: now, seconds: T.probeTurn, from: 0, to: DELTAS[0]});
  now += T.probeTurn;
  dot(X0 + DELTAS[0], 'probe');
  const rows: number[] = [now];
  const firstSecant = now;
  now += T.probeShow + T.probeLook;
  const shrink = now;
  for (let k = 1; k < DELTAS.length; k++) {
    nudge.push({start: now, seconds: T.shrink, from: DELTAS[k - 1], to: DELTAS[k], log: true});
    now += T.shrink;
    rows.push(now);
    if (k < DELTAS.length - 1) dot(X0 + DELTAS[k], 'probe');
    now += T.shrinkHold;
  }
  const tangent = now;
  now += T.tangentIn + T.verdict;

  // Beat 3: the walk. Δx goes back to 0 as the probe clears.
  const descent = now;
  nudge.push({start: now, seconds: T.clear, from: DELTAS[DELTAS.length - 1], to: 0});
  now += T.clear;
  /** When the tangent at step n appears. */
  const feel: number[] = [];
  for (let n = 0; n < WALK.steps; n++) {
    const slow = n < SLOW_STEPS;
    feel.push(now);
    now += slow ? T.feel : T.fastStep / 3;
    knob.push({start: now, seconds: slow ? T.step : T.fastStep / 2, from: walkK(n), to: walkK(n + 1)});
    now += slow ? T.step : T.fastStep / 2;
    dots.push({k1: walkK(n + 1), loss: WALK.loss[n + 1], at: now, kind: 'walk'});
    now += slow ? T.pause : T.fastStep / 6;
  }
  feel.push(now);
  now += T.feel;
  const stop = now;
  now += T.stopHold;

  // Beat 4: the fog lifts.
  const lift = now;
  now += T.lift + T.end;
  const end = now;
  return {
    beats: {fog, probe, shrink, tangent, descent, stop, lift, end},
    nudgeStart,
    firstSecant,
    knob,
    nudge,
    dots,
    rows,
    feel,
  };
})();
export const BEATS = TIMELINE.beats;

/** The knob's k1 at time t. */
export function knobAt(t: number): number {
  const nudge = trackAt(TIMELINE.nudge, t, 0);
  return nudge > 0 ? X0 + nudge : trackAt(TIMELINE.knob, t, PEEKS[0]);
}

/** Δx of the probe at time t (0 outside beat 2). */
export const nudgeAt = (t: number) => trackAt(TIMELINE.nudge, t, 0);

/** How far dot i has popped in, 0–1. Peeks and probes fade once the walk begins. */
export function dotOpacityAt(i: number, t: number): number {
  const d = TIMELINE.dots[i];
  const on = rampAt(t, d.at, T.pop);
  if (d.kind === 'peek' || d.kind === 'probe') return on * (1 - rampAt(t, BEATS.descent, T.clear));
  return on;
}

/** The step of the walk shown at time t: the number of dots the walk has placed. */
export function walkStepAt(t: number): number {
  return TIMELINE.dots.filter(d => d.kind === 'walk' && d.at <= t).length;
}

/** The tangent at step n: how far it has appeared (0–1), and whether it is the current one. */
export function tangentOpacityAt(n: number, t: number): number {
  const on = rampAt(t, TIMELINE.feel[n], Math.min(T.feel, n < SLOW_STEPS ? T.feel : T.fastStep / 3));
  // Older tangents stay, dimmed, so the walk leaves a trail of slopes that flatten out.
  const current = n === walkStepAt(t) ? 1 : 0.25;
  return on * current * (1 - rampAt(t, BEATS.lift, T.lift));
}

/** Everything the readouts show at time t; the scene prints exactly these numbers. */
export function readoutsAt(t: number) {
  const k1 = knobAt(t);
  const dx = nudgeAt(t);
  const s = secant(X0, Math.max(dx, 1e-12));
  const n = walkStepAt(t);
  const walking = t >= BEATS.descent;
  const last = TIMELINE.dots.filter(d => d.kind !== 'probe' && d.at <= t).pop() ?? TIMELINE.dots[0];
  return {
    /** The knob (its dial and number). */
    k1,
    /** The probe: Δx, Δy and their ratio, live while Δx shrinks. */
    dx,
    dy: s.dy,
    ratio: s.ratio,
    /** Where the walk stands (beat 3). */
    walkK1: walkK(n),
    /** The dual-number slope at X0 (beat 2) or where the walk stands (beat 3). */
    slope: walking ? WALK.grad[n] : SLOPE_X0,
    /** The loss at the last point we stood on (a probe only shows Δy). */
    loss: walking ? WALK.loss[n] : last.loss,
    step: n,
  };
}

/** The rows of the Δx table shown at time t (how many, 0–4). */
export const rowsShownAt = (t: number) => TIMELINE.rows.filter(at => at <= t).length;
