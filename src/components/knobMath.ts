/** Knob dial geometry: a value in [min, max] becomes a pointer angle on a 270° sweep. */

/** Total sweep of the dial, in degrees. */
export const KNOB_SWEEP = 270;

/**
 * Pointer angle in canvas degrees (0 = right, clockwise positive) for a value:
 * min points down-left (135°), max points down-right (405°). Values outside are clamped.
 */
export function knobAngle(value: number, min: number, max: number): number {
  const t = max > min ? Math.min(1, Math.max(0, (value - min) / (max - min))) : 0;
  return 90 + (360 - KNOB_SWEEP) / 2 + KNOB_SWEEP * t;
}
