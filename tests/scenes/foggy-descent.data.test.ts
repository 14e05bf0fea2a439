import {describe, expect, it} from 'vitest';
import {paramsAt} from '../../src/math/optimizers';
import {paramsAtFraction} from '../../src/math/playback';
import type {Walker} from '../../src/math/walkers';
import {
  BEATS,
  DESCENT,
  HERO,
  MESH,
  MINIMA,
  MOMENTUM,
  OTHERS,
  PLAIN,
  TERRAIN,
  cameraAt,
  fogRadiusAt,
  heroStepAt,
  trailsAt,
} from '../../src/scenes/foggy-descent.model';

const DOWNHILL_WALKS: [string, Walker][] = [
  ['hero', HERO],
  ...OTHERS.map((w, i): [string, Walker] => [`walker ${i}`, w]),
  ['plain racer', PLAIN],
];

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
  });

  describe('the camera at sampled times, against the storyboard’s hand values', () => {
    const DEG = Math.PI / 180;
    /** Domain point to world, by hand: the 6-wide domain fills [−1, 1]², altitudes zMin…zMax fill 0…0.8. */
    const world = (x: number, y: number): [number, number, number] => {
      const {zMin, zMax} = MESH.box;
      return [x / 3, y / 3, ((TERRAIN.value(x, y) - zMin) / (zMax - zMin)) * 0.8];
    };
    const expectCamera = (t: number, azimuthDeg: number, elevationDeg: number, distance: number, target: number[]) => {
      const c = cameraAt(t);
      expect(c.azimuth / DEG, `azimuth at ${t}`).toBeCloseTo(azimuthDeg, 9);
      expect(c.elevation / DEG, `elevation at ${t}`).toBeCloseTo(elevationDeg, 9);
      expect(c.distance, `distance at ${t}`).toBeCloseTo(distance, 9);
      target.forEach((v, i) => expect(c.target[i], `target[${i}] at ${t}`).toBeCloseTo(v, 9));
      expect(c.fov / DEG).toBeCloseTo(40, 9);
    };

    it('in the fog it looks at the hero from 1.7 away at 40° up, drifting from 124° to 138° of azimuth', () => {
      // At the first probe the hero still stands on its start, (2, 1.3).
      expectCamera(BEATS.probe, 124, 40, 1.7, world(2, 1.3));
      // Half way from the first probe to the lift the azimuth has drifted by 7°.
      const [hx, hy] = paramsAtFraction(HERO.path, heroStepAt((BEATS.probe + BEATS.lift) / 2));
      expectCamera((BEATS.probe + BEATS.lift) / 2, 131, 40, 1.7, world(hx, hy));
      // 1.2 s after the first probe (0.8 s probing, then half of the 0.8 s walk, eased to ½) the hero
      // is half way through its first step, and the camera follows it there, not to a whole step.
      const [x0, y0] = paramsAt(HERO.path, 0);
      const [x1, y1] = paramsAt(HERO.path, 1);
      expectCamera(BEATS.probe + 1.2, 124 + (14 * 1.2) / 16.4, 40, 1.7, world((x0 + x1) / 2, (y0 + y1) / 2));
      // At the lift the hero stands at the end of its path.
      const [ex, ey] = paramsAt(HERO.path, HERO.path.steps);
      expectCamera(BEATS.lift, 138, 40, 1.7, world(ex, ey));
    });

    it('half way through the lift it is half way to the wide view; then it holds the wide view', () => {
      const [ex, ey] = paramsAt(HERO.path, HERO.path.steps);
      const w = world(ex, ey);
      // smoothstep(½) = ½: the mean of (138°, 40°, 1.7, hero) and (150°, 44°, 3.9, (0, 0, 0.28)).
      expectCamera(BEATS.lift + 1.75, 144, 42, 2.8, [w[0] / 2, w[1] / 2, (w[2] + 0.28) / 2]);
      // A quarter of the way through, the blend is smoothstep(¼) = 0.15625, eased, not linear.
      const u = 0.15625;
      expectCamera(BEATS.lift + 0.875, 138 + 12 * u, 40 + 4 * u, 1.7 + 2.2 * u, [
        w[0] * (1 - u),
        w[1] * (1 - u),
        w[2] * (1 - u) + 0.28 * u,
      ]);
      expectCamera(BEATS.lift + 3.5, 150, 44, 3.9, [0, 0, 0.28]);
      expectCamera(BEATS.orbit, 150, 44, 3.9, [0, 0, 0.28]);
    });

    it('it orbits to the race camera (210°, 42°, 3.5) and holds it while the racers run', () => {
      expectCamera(BEATS.orbit + 1.25, 180, 43, 3.7, [0.125, -0.075, 0.265]);
      expectCamera(BEATS.race, 210, 42, 3.5, [0.25, -0.15, 0.25]);
      expectCamera(BEATS.end, 210, 42, 3.5, [0.25, -0.15, 0.25]);
    });
  });
});
