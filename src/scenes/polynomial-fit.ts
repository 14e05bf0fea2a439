/**
 * The lecture's polynomial fit, shared by the scenes that tell it: polynomial-knobs turns all six
 * knobs k0…k5 of a fifth-degree polynomial to fit these samples, and derivative-probe then fixes
 * every knob but k1 at this same least-squares fit. One place, so both scenes show the same data.
 * Pure (no Motion Canvas).
 */
import {polyfit, polynomialLoss} from '../math/leastSquares';
import {mulberry32} from '../math/random';
import {noisyPolynomial} from '../nn/datasets';

/** The polynomial behind the samples, k0…k5 (the lecture's six knobs). */
export const TRUE_COEFFS = [0.4, 1.6, -0.9, -0.6, 0.25, 0.1];
export const SEED = 5;
export const DATA = noisyPolynomial(mulberry32(SEED), {coeffs: TRUE_COEFFS, n: 24, range: [-1.6, 1.6], noise: 0.6});
/** The least-squares knobs k0…k5 (engine QR). */
export const FIT = polyfit(DATA.xs, DATA.ys, 5);
/** The loss of knobs k0…k5: the mean squared residual over DATA, with its gradient (engine objective). */
export const POLY_LOSS = polynomialLoss(DATA.xs, DATA.ys);
