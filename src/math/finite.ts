/**
 * Fail loudly: a NaN or Infinity inside a training or descent run is a bug in
 * the chosen settings (usually a too-large learning rate), never a blank frame.
 */
export class NonFiniteError extends Error {
  constructor(
    /** The operation that produced the bad number, e.g. "sgd update" or "exp". */
    public readonly op: string,
    /** The step of the run at which it appeared. */
    public readonly step: number,
    /** The offending value: NaN, Infinity or -Infinity. */
    public readonly value: number,
  ) {
    super(`${value} produced by "${op}" at step ${step}`);
    this.name = 'NonFiniteError';
  }
}

/** Returns x, or throws NonFiniteError naming op and step. */
export function checkFinite(x: number, op: string, step: number): number {
  if (!Number.isFinite(x)) throw new NonFiniteError(op, step, x);
  return x;
}

/** Checks every entry of xs (see checkFinite). */
export function checkAllFinite(xs: ArrayLike<number>, op: string, step: number): void {
  for (let i = 0; i < xs.length; i++) checkFinite(xs[i], op, step);
}
