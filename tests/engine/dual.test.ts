import {describe, expect, it} from 'vitest';
import {Dual, derivative} from '../../src/math/dual';

/** Central finite difference of a plain Math function: independent of the dual arithmetic. */
const fd = (f: (x: number) => number, x: number, h = 1e-5) => (f(x + h) - f(x - h)) / (2 * h);
const XS = [0.3, 0.7, 1.5, 2, 3.2];
const expectDual = (d: Dual, re: number, eps: number) => {
  expect(d.re).toBeCloseTo(re, 12);
  expect(d.eps).toBeCloseTo(eps, 12);
};

describe('dual numbers: sub, neg, pow, cos and tanh', () => {
  it('sub: (a + a′ε) − (b + b′ε) = (a − b) + (a′ − b′)ε, and a number subtracts from the real part only', () => {
    expectDual(new Dual(5, 2).sub(new Dual(3, 0.5)), 2, 1.5);
    expectDual(new Dual(5, 2).sub(1), 4, 2);
    // d(x² − 3x)/dx = 2x − 3: at x = 2 that is 1.
    expect(derivative(x => x.mul(x).sub(x.mul(3)), 2)).toBeCloseTo(1, 12);
    for (const x of XS)
      expect(derivative(x => x.mul(x).sub(x.mul(3)), x)).toBeCloseTo(
        fd(v => v * v - 3 * v, x),
        8,
      );
  });

  it('neg flips both parts', () => {
    expectDual(new Dual(2, 3).neg(), -2, -3);
    for (const x of XS)
      expect(derivative(x => x.sin().neg(), x)).toBeCloseTo(
        fd(v => -Math.sin(v), x),
        8,
      );
  });

  it('pow: (x + x′ε)^p = x^p + p·x^(p−1)·x′ε for whole, fractional and negative p', () => {
    expectDual(new Dual(2, 1).pow(3), 8, 12);
    expectDual(new Dual(4, 1).pow(0.5), 2, 0.25);
    expectDual(new Dual(2, 1).pow(-1), 0.5, -0.25);
    expectDual(new Dual(3, 2).pow(2), 9, 12); // the chain rule: 2·3·2
    for (const p of [3, 0.5, -1, 2.5])
      for (const x of XS)
        expect(
          derivative(x => x.pow(p), x),
          `p = ${p}, x = ${x}`,
        ).toBeCloseTo(
          fd(v => v ** p, x),
          7,
        );
  });

  it('cos: value cos x, slope −sin x', () => {
    expectDual(new Dual(Math.PI / 3, 1).cos(), 0.5, -Math.sqrt(3) / 2);
    expectDual(new Dual(Math.PI / 2, 2).cos(), 0, -2);
    expectDual(new Dual(0, 1).cos(), 1, 0);
    for (const x of XS) expect(derivative(x => x.cos(), x)).toBeCloseTo(fd(Math.cos, x), 8);
  });

  it('tanh: value tanh x, slope 1 − tanh² x', () => {
    expectDual(new Dual(0, 1).tanh(), 0, 1);
    // tanh(ln 2) = (4 − 1)/(4 + 1) = 0.6, so the slope is 1 − 0.36 = 0.64, times the incoming 3.
    expectDual(new Dual(Math.log(2), 3).tanh(), 0.6, 1.92);
    for (const x of [-2, ...XS]) expect(derivative(x => x.tanh(), x)).toBeCloseTo(fd(Math.tanh, x), 8);
  });
});
