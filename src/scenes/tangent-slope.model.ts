import {Dual, derivative} from '../math/dual';

/** The pipeline scene's maths: f(x) = 1.5·sin x + x/4 and a point sliding along it. */
export const f = (x: Dual) => x.sin().mul(1.5).add(x.mul(0.25));
export const fx = (x: number) => f(Dual.constant(x)).re;
export const slope = (x: number) => derivative(f, x);

export const X_MIN = -4;
export const X_MAX = 4;
export const X_START = X_MIN + 0.5;
/** Pixels per unit on the 1920×1080 design view, origin at the centre. */
export const UNIT = 140;
export const toPx = (x: number, y: number): [number, number] => [x * UNIT, -y * UNIT];
