import {type Trajectory, paramsAt} from './optimizers';

/**
 * Playing a stored trajectory back at any (fractional) step, for scenes that scrub a
 * descent: whole steps are the engine's values, and between them a straight glide.
 */

/** Step k clamped into [0, steps] and cut to a whole step. */
export function wholeStep(t: Trajectory, k: number): number {
  return Math.max(0, Math.min(t.steps, Math.floor(k)));
}

/** The parameters at a fractional step: step ⌊k⌋ blended linearly towards step ⌊k⌋ + 1. */
export function paramsAtFraction(t: Trajectory, k: number): Float64Array {
  const c = Math.max(0, Math.min(t.steps, k));
  const i = Math.min(Math.floor(c), Math.max(t.steps - 1, 0));
  const u = c - i;
  const a = paramsAt(t, i);
  const b = paramsAt(t, Math.min(i + 1, t.steps));
  return a.map((v, d) => v + u * (b[d] - v));
}

/** The loss the engine recorded at whole step ⌊k⌋ (clamped). */
export function lossAtStep(t: Trajectory, k: number): number {
  return t.loss[wholeStep(t, k)];
}
