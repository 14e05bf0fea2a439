/** Easing for timelines: plain functions of time, so a model can say where a beat is at any t. */

/** v clamped into [0, 1]. */
export const clamp01 = (v: number) => Math.min(Math.max(v, 0), 1);

/** The smoothstep curve 3u² − 2u³: flat at both ends, so a ramp starts and stops gently. */
export const smooth = (u: number) => u * u * (3 - 2 * u);

/** 0 before `start`, easing up to 1 over `seconds` (a step at `start` when seconds is 0). */
export const rampAt = (t: number, start: number, seconds: number) =>
  seconds > 0 ? smooth(clamp01((t - start) / seconds)) : t >= start ? 1 : 0;
