import type {AxisMap} from '../components/axisMath';
import {Dual, derivative} from '../math/dual';

/** The pipeline scene's maths: f(x) = 1.5·sin x + x/4, and a point sliding along it. */
export const f = (x: Dual) => x.sin().mul(1.5).add(x.mul(0.25));
export const fx = (x: number) => f(Dual.constant(x)).re;
export const slope = (x: number) => derivative(f, x);

export const X_START = -3.5;
export const X_END = 3.5;

/** The axes, between the readout and the caption band. */
export const AXES: AxisMap = {xRange: [-4, 4], yRange: [-2.5, 2.5], xLength: 1400, yLength: 560};
export const AXES_Y = 20;

/** How long x slides from X_START to X_END (eased in and out), then how long the scene holds. */
export const SWEEP_SECONDS = 5;
export const HOLD_SECONDS = 1;

/** Motion Canvas's easeInOutSine on [0, 1], written out so the model stays pure. */
export const easeInOutSine = (u: number) => (1 - Math.cos(Math.PI * u)) / 2;

/** Where the point stands at time t (seconds from the scene start). */
export const xAt = (t: number) =>
  X_START + (X_END - X_START) * easeInOutSine(Math.min(Math.max(t / SWEEP_SECONDS, 0), 1));

/** The slope the readout shows at time t. */
export const slopeAt = (t: number) => slope(xAt(t));
