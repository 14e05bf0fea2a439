import {describe, expect, it} from 'vitest';
import {
  centreDistance,
  circularPitch,
  gearOutline,
  meshRatio,
  meshedAngle,
  meshedCentre,
  outerRadius,
  pitchRadius,
  rootRadius,
  trainAngles,
} from '../../src/components/gearMath';
import type {Pair} from '../../src/components/axisMath';

function rotate(points: Pair[], a: number, centre: Pair): Pair[] {
  const c = Math.cos(a),
    s = Math.sin(a);
  return points.map(([x, y]) => [centre[0] + c * x - s * y, centre[1] + s * x + c * y]);
}

function inside(p: Pair, poly: Pair[]): boolean {
  let hit = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i],
      [xj, yj] = poly[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

/** Count outline points of gear 2 that fall inside gear 1's outline. */
function overlap(z1: number, z2: number, m: number, a1: number, phaseShift = 0): number {
  const dir = 0.3;
  const c2 = meshedCentre([0, 0], z1, z2, m, dir);
  const g1 = rotate(gearOutline(z1, m, 16), a1, [0, 0]);
  const g2 = rotate(gearOutline(z2, m, 16), meshedAngle(a1, z1, z2, dir) + phaseShift, c2);
  return g2.filter(p => inside(p, g1)).length;
}

/** Number of teeth counted as outline excursions beyond the pitch circle. */
function countTeeth(outline: Pair[], rp: number): number {
  let count = 0;
  let out = Math.hypot(...outline[outline.length - 1]) > rp;
  for (const p of outline) {
    const now = Math.hypot(...p) > rp;
    if (now && !out) count++;
    out = now;
  }
  return count;
}

describe('gear geometry', () => {
  it('the outline has exactly the requested number of teeth, between root and tip radius', () => {
    for (const z of [8, 12, 17, 30]) {
      const m = 10;
      const outline = gearOutline(z, m);
      expect(countTeeth(outline, pitchRadius(z, m))).toBe(z);
      const radii = outline.map(p => Math.hypot(...p));
      expect(Math.max(...radii)).toBeCloseTo(outerRadius(z, m), 6);
      expect(Math.min(...radii)).toBeCloseTo(rootRadius(z, m), 6);
    }
  });

  it('meshing gears share the circular pitch and sit one sum of pitch radii apart', () => {
    const m = 12,
      z1 = 12,
      z2 = 30;
    expect((2 * Math.PI * pitchRadius(z1, m)) / z1).toBeCloseTo(circularPitch(m), 12);
    expect((2 * Math.PI * pitchRadius(z2, m)) / z2).toBeCloseTo(circularPitch(m), 12);
    expect(centreDistance(z1, z2, m)).toBeCloseTo((m * (z1 + z2)) / 2, 12);
    const c = meshedCentre([5, -3], z1, z2, m, 1.1);
    expect(Math.hypot(c[0] - 5, c[1] + 3)).toBeCloseTo(pitchRadius(z1, m) + pitchRadius(z2, m), 9);
  });

  it('pitch circles roll without slipping: ω2/ω1 = −z1/z2 = −r1/r2', () => {
    const z1 = 10,
      z2 = 25,
      h = 1e-6;
    const slope = (meshedAngle(0.4 + h, z1, z2, 0.2) - meshedAngle(0.4 - h, z1, z2, 0.2)) / (2 * h);
    expect(slope).toBeCloseTo(meshRatio(z1, z2), 9);
    expect(meshRatio(z1, z2)).toBeCloseTo(-pitchRadius(z1, 1) / pitchRadius(z2, 1), 12);
  });

  it('meshed teeth interleave: no tooth of gear 2 enters gear 1 as they turn', () => {
    for (const [z1, z2] of [
      [12, 20],
      [9, 15],
      [16, 16],
    ]) {
      for (let a = 0; a < 1; a += 0.07) expect(overlap(z1, z2, 10, a)).toBe(0);
    }
  });

  it('the same check catches gears put out of phase by half a tooth', () => {
    expect(overlap(12, 20, 10, 0.2, Math.PI / 20)).toBeGreaterThan(0);
  });

  it('a train alternates direction and multiplies ratios along the chain', () => {
    const teeth = [10, 20, 15],
      h = 1e-6;
    const a = trainAngles(0.5 + h, teeth, [0, 0]);
    const b = trainAngles(0.5 - h, teeth, [0, 0]);
    expect((a[1] - b[1]) / (2 * h)).toBeCloseTo(-10 / 20, 9);
    expect((a[2] - b[2]) / (2 * h)).toBeCloseTo(meshRatio(10, 20) * meshRatio(20, 15), 9);
  });
});
