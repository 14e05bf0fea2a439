import {describe, expect, it} from 'vitest';
import {paramsAt} from '../../src/math/optimizers';
import type {Walker} from '../../src/math/walkers';
import {
  BEATS, DESCENT, HERO, MINIMA, MOMENTUM, OTHERS, PLAIN, TERRAIN, cameraAt, fogRadiusAt, heroStepAt, trailsAt,
} from '../../src/scenes/foggy-descent.model';

const DOWNHILL_WALKS: [string, Walker][] = [['hero', HERO], ...OTHERS.map((w, i): [string, Walker] => [`walker ${i}`, w]), ['plain racer', PLAIN]];

/** Gradient by central differences, independent of the terrain's analytic gradient. */
function numericGradient(x: number, y: number, h = 1e-6): [number, number] {
  const f = TERRAIN.value;
  return [(f(x + h, y) - f(x - h, y)) / (2 * h), (f(x, y + h) - f(x, y - h)) / (2 * h)];
}

describe('foggy-descent engine data', () => {
  for (const [name, w] of DOWNHILL_WALKS) {
    it(`${name}: the altitude never rises at the chosen step size`, () => {
      for (let i = 1; i <= w.path.steps; i++) expect(w.path.loss[i]).toBeLessThanOrEqual(w.path.loss[i - 1]);
      expect(w.path.loss[w.path.steps]).toBeLessThan(w.path.loss[0] - 0.5);
    });

    it(`${name}: ends within 1e-3 of a minimum the engine lists, where the true slope is flat`, () => {
      expect(w.path.stop).toBe('gradTol');
      const end = paramsAt(w.path, w.path.steps);
      const m = MINIMA[w.minimum];
      expect(Math.hypot(end[0] - m.x, end[1] - m.y)).toBeLessThan(1e-3);
      const [gx, gy] = numericGradient(m.x, m.y);
      expect(Math.hypot(gx, gy)).toBeLessThan(1e-5);
    });
  }

  it('each step is −lr·∇loss with the finite-difference gradient (the arrow the walker follows)', () => {
    for (let i = 0; i < HERO.path.steps; i++) {
      const [x, y] = paramsAt(HERO.path, i);
      const [gx, gy] = numericGradient(x, y);
      const [nx, ny] = paramsAt(HERO.path, i + 1);
      expect(nx).toBeCloseTo(x - DESCENT.lr * gx, 6);
      expect(ny).toBeCloseTo(y - DESCENT.lr * gy, 6);
    }
  });

  it('when the fog lifts, the hero and the other walkers have found every listed valley, one each', () => {
    const ends = [HERO, ...OTHERS].map(w => w.minimum).sort();
    expect(ends).toEqual(MINIMA.map((_, i) => i));
    expect(MINIMA.length).toBeGreaterThanOrEqual(4);
  });

  it('every listed minimum is a local minimum: the terrain rises in all directions around it', () => {
    for (const m of MINIMA) {
      for (let k = 0; k < 16; k++) {
        const a = (k / 16) * 2 * Math.PI;
        expect(TERRAIN.value(m.x + 0.02 * Math.cos(a), m.y + 0.02 * Math.sin(a))).toBeGreaterThan(m.value);
      }
    }
  });

  it('momentum from the same start rolls past the plain walker’s valley into a deeper one', () => {
    expect(MOMENTUM.path.stop).toBe('gradTol');
    expect(MOMENTUM.missBy).toBeLessThan(1e-3);
    expect(MOMENTUM.minimum).not.toBe(PLAIN.minimum);
    expect(MINIMA[MOMENTUM.minimum].value).toBeLessThan(MINIMA[PLAIN.minimum].value);
    expect(MOMENTUM.path.steps).toBeLessThan(PLAIN.path.steps);
    // Momentum is not a descent method step by step: it climbs at least once on its way.
    expect(MOMENTUM.path.loss.some((v, i) => i > 0 && v > MOMENTUM.path.loss[i - 1])).toBe(true);
  });

  it('the timeline: the fog is thick while the hero walks and lifted before the others set off', () => {
    expect(heroStepAt(BEATS.probe - 0.01)).toBe(0);
    expect(heroStepAt(BEATS.lift)).toBe(HERO.path.steps);
    expect(fogRadiusAt(BEATS.probe)).toBeLessThan(1);
    expect(fogRadiusAt(BEATS.spread)).toBeGreaterThan(10);
    expect(trailsAt(BEATS.probe).map(w => w.id)).toEqual(['hero']);
    expect(trailsAt(BEATS.spread + 1)).toHaveLength(1 + OTHERS.length);
    // The camera is a pure function of time.
    expect(cameraAt(12.3)).toEqual(cameraAt(12.3));
  });
});
