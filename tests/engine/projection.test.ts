import {describe, expect, it} from 'vitest';
import {makeView, project, screenPosition, unproject, type OrbitCamera, type Vec3} from '../../src/math/projection';
import {mulberry32} from '../../src/math/random';

const camera = (over: Partial<OrbitCamera> = {}): OrbitCamera => ({
  azimuth: 0.6,
  elevation: 0.5,
  distance: 5,
  target: [0.2, -0.1, 0.3],
  fov: 0.8,
  orthographic: false,
  ...over,
});
const viewport = {width: 1920, height: 1080, x: 960, y: 540};

describe('orbit camera projection', () => {
  it('project then unproject returns the world point (perspective and orthographic)', () => {
    const rng = mulberry32(11);
    for (const orthographic of [false, true]) {
      for (let n = 0; n < 100; n++) {
        const view = makeView(camera({azimuth: rng() * 7, elevation: rng() * 1.5, orthographic}), viewport);
        const p: Vec3 = [rng() * 4 - 2, rng() * 4 - 2, rng() * 2 - 1];
        const s = project(view, p);
        const back = unproject(view, s.x, s.y, s.depth);
        for (let a = 0; a < 3; a++) expect(back[a]).toBeCloseTo(p[a], 10);
      }
    }
  });

  it('the target lands at the viewport centre, at depth = distance', () => {
    const s = screenPosition(camera(), viewport, [0.2, -0.1, 0.3]);
    expect(s.x).toBeCloseTo(960, 10);
    expect(s.y).toBeCloseTo(540, 10);
    expect(s.depth).toBeCloseTo(5, 10);
  });

  it('up is up on screen, and the vertical field of view spans the viewport height', () => {
    // Looking horizontally (elevation 0), a point at height d·tan(fov/2) above the target is at the top edge.
    const cam = camera({elevation: 0, target: [0, 0, 0]});
    const top = screenPosition(cam, viewport, [0, 0, 5 * Math.tan(0.4)]);
    expect(top.y).toBeCloseTo(0, 8);
    expect(top.x).toBeCloseTo(960, 8);
  });

  it('seen from +x (azimuth 0), +y is to the right: the picture is not mirrored', () => {
    const cam = camera({azimuth: 0, elevation: 0.3, target: [0, 0, 0]});
    expect(screenPosition(cam, viewport, [0, 1, 0]).x).toBeGreaterThan(960);
    // And from above, +x (towards the eye) is lower on screen than the target.
    expect(screenPosition(cam, viewport, [1, 0, 0]).y).toBeGreaterThan(540);
  });

  it('orthographic keeps the scale perspective has at the target', () => {
    const p: Vec3 = [0.2, 0.4, 0.3];
    const persp = screenPosition(camera({elevation: 0, azimuth: 0, target: [0, 0, 0]}), viewport, [0, 0.01, 0]);
    const ortho = screenPosition(
      camera({elevation: 0, azimuth: 0, target: [0, 0, 0], orthographic: true}),
      viewport,
      [0, 0.01, 0],
    );
    expect(ortho.x - 960).toBeCloseTo(persp.x - 960, 8);
    // Orthographic: moving along the view direction does not move the point on screen.
    const view = makeView(camera({orthographic: true}), viewport);
    const a = project(view, p);
    const b = project(view, [p[0] + view.forward[0], p[1] + view.forward[1], p[2] + view.forward[2]]);
    expect(b.x).toBeCloseTo(a.x, 10);
    expect(b.y).toBeCloseTo(a.y, 10);
    expect(b.depth).toBeCloseTo(a.depth + 1, 10);
  });

  it('a camera straight above is not degenerate: it looks down with screen-up pointing away from its azimuth', () => {
    // Elevation π/2 over target (0.2, −0.1, 0.3) at distance 5: the eye is at (0.2, −0.1, 5.3), looking down −z.
    // right = (−sin az, cos az, 0), up = right × forward = (−cos az, −sin az, 0); focal = 540/tan(0.4).
    // One unit off the target at the target's height is at depth 5: 108/tan(0.4) = 255.444021 px from the centre.
    const az = 0.6;
    const view = makeView(camera({azimuth: az, elevation: Math.PI / 2}), viewport);
    const at = (dx: number, dy: number, dz: number) => project(view, [0.2 + dx, -0.1 + dy, 0.3 + dz]);
    const expectAt = (s: {x: number; y: number; depth: number}, x: number, y: number, depth: number) => {
      expect(s.x).toBeCloseTo(x, 6);
      expect(s.y).toBeCloseTo(y, 6);
      expect(s.depth).toBeCloseTo(depth, 10);
    };
    // Towards the azimuth: down the screen. Along (−sin az, cos az): to the right.
    expectAt(at(Math.cos(az), Math.sin(az), 0), 960, 540 + 255.444021, 5);
    expectAt(at(-Math.sin(az), Math.cos(az), 0), 960 + 255.444021, 540, 5);
    // One unit up is one unit nearer: straight below the eye it stays at the centre, at depth 4,
    // and half a unit to the right there is 0.5·540/tan(0.4)/4 = 159.652513 px off centre.
    expectAt(at(0, 0, 1), 960, 540, 4);
    expectAt(at(-0.5 * Math.sin(az), 0.5 * Math.cos(az), 1), 960 + 159.652513, 540, 4);
    const s = at(0.8, 0.1, -0.3);
    const back = unproject(view, s.x, s.y, s.depth);
    [1, 0, 0].forEach((v, a) => expect(back[a]).toBeCloseTo(v, 10));
  });
});
