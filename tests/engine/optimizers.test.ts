import {describe, expect, it} from 'vitest';
import {NonFiniteError} from '../../src/math/finite';
import {descend, norm, paramsAt, type Objective, type OptimizerName} from '../../src/math/optimizers';

/** f = ½(x² + κ·y²): Hessian eigenvalues 1 and κ, so its condition number is κ. */
function bowl(kappa: number): Objective {
  return (p, g) => {
    g[0] = p[0];
    g[1] = kappa * p[1];
    return 0.5 * (p[0] ** 2 + kappa * p[1] ** 2);
  };
}

describe('gradient descent on a quadratic bowl contracts at the rate its condition number predicts', () => {
  for (const kappa of [4, 10, 100]) {
    it(`κ = ${kappa}: with lr = 2/(1+κ) every step shrinks ‖x‖ by exactly (κ−1)/(κ+1)`, () => {
      const run = descend(bowl(kappa), [1, 1], {lr: 2 / (1 + kappa), maxSteps: 60});
      const rho = (kappa - 1) / (kappa + 1);
      for (let i = 1; i <= run.steps; i++)
        expect(norm(paramsAt(run, i)) / norm(paramsAt(run, i - 1))).toBeCloseTo(rho, 12);
    });

    it(`κ = ${kappa}: with lr = 1/κ the flat direction shrinks by 1 − 1/κ per step`, () => {
      const run = descend(bowl(kappa), [1, 1], {lr: 1 / kappa, maxSteps: 50});
      expect(paramsAt(run, 50)[0]).toBeCloseTo((1 - 1 / kappa) ** 50, 12);
    });
  }

  it('heavy-ball momentum with tuned settings contracts at (√κ−1)/(√κ+1), beating plain descent', () => {
    const kappa = 100;
    const s = Math.sqrt(kappa);
    const predicted = (s - 1) / (s + 1);
    const run = descend(bowl(kappa), [1, 1], {
      optimizer: 'momentum',
      lr: 4 / (1 + s) ** 2,
      momentum: predicted ** 2,
      maxSteps: 400,
    });
    // Measured per-step rate over a long window (a repeated eigenvalue adds a slowly varying factor).
    const rate = (norm(paramsAt(run, 400)) / norm(paramsAt(run, 200))) ** (1 / 200);
    expect(Math.abs(rate - predicted) / predicted).toBeLessThan(0.01);
    expect(rate).toBeLessThan((kappa - 1) / (kappa + 1));
  });
});

describe('optimizers and their trajectories', () => {
  const all: OptimizerName[] = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam'];
  for (const optimizer of all) {
    it(`${optimizer} reaches the bottom of a κ = 10 bowl`, () => {
      // Adaptive methods take steps of about lr even near the bottom, so they hover within ~lr of it.
      const adaptive = optimizer === 'adam' || optimizer === 'rmsprop';
      const lr = adaptive ? 0.01 : 0.05;
      const run = descend(bowl(10), [3, -2], {optimizer, lr, maxSteps: 20000, gradTol: 1e-8});
      expect(norm(paramsAt(run, run.steps))).toBeLessThan(adaptive ? lr : 1e-6);
      expect(run.loss[run.steps]).toBeLessThan(run.loss[0] * (adaptive ? 1e-4 : 1e-12));
    });
  }

  it("Adam's bias-corrected first step moves each coordinate by lr against the gradient's sign", () => {
    const run = descend(bowl(10), [3, -2], {optimizer: 'adam', lr: 0.1, maxSteps: 1});
    expect(paramsAt(run, 1)[0]).toBeCloseTo(2.9, 7);
    expect(paramsAt(run, 1)[1]).toBeCloseTo(-1.9, 7);
  });

  it('Nesterov steps by lr·(g + μv) with the fresh velocity: two steps by hand', () => {
    // bowl(10) at (3, −2), lr 0.1, μ 0.9 (default). Step 1: g = (3, −20), v = g,
    // x ← x − 0.1·(g + 0.9g) = x − 0.19g = (2.43, 1.8). Plain heavy ball would land on (2.7, 0).
    // Step 2: g = (2.43, 18), v = 0.9·(3, −20) + g = (5.13, 0),
    // x ← (2.43, 1.8) − 0.1·(2.43 + 0.9·5.13, 18 + 0) = (2.43 − 0.7047, 1.8 − 1.8) = (1.7253, 0).
    const run = descend(bowl(10), [3, -2], {optimizer: 'nesterov', lr: 0.1, maxSteps: 2});
    expect(paramsAt(run, 1)[0]).toBeCloseTo(2.43, 12);
    expect(paramsAt(run, 1)[1]).toBeCloseTo(1.8, 12);
    expect(paramsAt(run, 2)[0]).toBeCloseTo(1.7253, 12);
    expect(paramsAt(run, 2)[1]).toBeCloseTo(0, 12);
  });

  it('Nesterov honours a non-default μ', () => {
    // μ 0.5: step 1 is x − 0.1·1.5·g = (3 − 0.45, −2 + 3) = (2.55, 1).
    const run = descend(bowl(10), [3, -2], {optimizer: 'nesterov', lr: 0.1, momentum: 0.5, maxSteps: 1});
    expect(Array.from(paramsAt(run, 1)).map(v => +v.toFixed(12))).toEqual([2.55, 1]);
  });

  it('RMSProp divides by the root of a decaying mean square: two steps by hand', () => {
    // bowl(10) at (3, −2), lr 0.1, β 0.9 (default), no bias correction.
    // Step 1: s = 0.1·g² = (0.9, 40), so each coordinate moves by lr·g/√(0.1·g²) = lr·√10 = 0.316227766
    // against its gradient: (2.683772234, −1.683772234).
    // Step 2 (x): g = 2.683772234, s = 0.9·0.9 + 0.1·7.2026334 = 1.5302633, √s = 1.2370381,
    //   x ← 2.683772234 − 0.1·2.683772234/1.2370381 = 2.466820783.
    // Step 2 (y): g = −16.83772234, s = 0.9·40 + 0.1·283.5089 = 64.350889, √s = 8.0219006,
    //   y ← −1.683772234 + 0.1·16.83772234/8.0219006 = −1.473875314.
    const run = descend(bowl(10), [3, -2], {optimizer: 'rmsprop', lr: 0.1, maxSteps: 2});
    expect(paramsAt(run, 1)[0]).toBeCloseTo(3 - 0.1 * Math.sqrt(10), 7);
    expect(paramsAt(run, 1)[1]).toBeCloseTo(-2 + 0.1 * Math.sqrt(10), 7);
    expect(paramsAt(run, 2)[0]).toBeCloseTo(2.466820783, 7);
    expect(paramsAt(run, 2)[1]).toBeCloseTo(-1.473875314, 7);
  });

  it('RMSProp honours a non-default β', () => {
    // β 0.5: step 1 moves each coordinate by lr/√0.5 = 0.1414213562 against its gradient.
    const run = descend(bowl(10), [3, -2], {optimizer: 'rmsprop', lr: 0.1, beta2: 0.5, maxSteps: 1});
    expect(paramsAt(run, 1)[0]).toBeCloseTo(3 - 0.1414213562, 7);
    expect(paramsAt(run, 1)[1]).toBeCloseTo(-2 + 0.1414213562, 7);
  });

  it('records params, loss and gradient for the start and every step', () => {
    const run = descend(bowl(2), [1, -1], {lr: 0.1, maxSteps: 5});
    expect([run.dim, run.steps, run.stop]).toEqual([2, 5, 'maxSteps']);
    expect(run.params.length).toBe(12);
    expect(run.loss.length).toBe(6);
    expect(Array.from(run.grad.subarray(0, 2))).toEqual([1, -2]);
    expect(run.loss[0]).toBe(1.5);
    expect(Array.from(paramsAt(run, 1))).toEqual([0.9, -0.8]);
  });

  it('stops on the gradient tolerance and on divergence', () => {
    const settled = descend(bowl(2), [1, 1], {lr: 0.3, maxSteps: 1000, gradTol: 1e-6});
    expect(settled.stop).toBe('gradTol');
    expect(norm(settled.grad.subarray(settled.steps * 2))).toBeLessThan(1e-6);
    expect(norm(settled.grad.subarray((settled.steps - 1) * 2, settled.steps * 2))).toBeGreaterThanOrEqual(1e-6);
    const blown = descend(bowl(10), [1, 1], {lr: 0.5, maxSteps: 1000, divergeAbove: 1e6});
    expect(blown.stop).toBe('diverged');
    expect(blown.loss[blown.steps]).toBeGreaterThan(1e6);
    expect(blown.steps).toBeLessThan(20);
  });

  it('a too-large learning rate throws NonFiniteError naming the op and the step', () => {
    let error: unknown;
    try {
      descend(bowl(10), [1, 1], {lr: 1e3, maxSteps: 10000});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NonFiniteError);
    const err = error as NonFiniteError;
    expect(['objective', 'sgd update', 'gradient']).toContain(err.op);
    expect(err.step).toBeGreaterThan(10);
    expect(err.message).toMatch(new RegExp(`"${err.op}" at step ${err.step}`));
  });
});
