import {describe, expect, it} from 'vitest';
import {sampleGrid, sampleLandscape} from '../../src/math/grid';
import {buildSurfaceMesh, projectMesh, type SurfaceMesh} from '../../src/math/mesh';
import {drawSequence, overlayPrimitives, placePrimitives, sortFaces, visibleParts} from '../../src/math/painter';
import {makeView, project, unproject, type OrbitCamera, type Vec3, type View} from '../../src/math/projection';
import {mulberry32} from '../../src/math/random';
import {mountainTerrain} from '../../src/math/terrain';

const viewport = {width: 800, height: 600};

function cam(azimuth: number, elevation: number, orthographic = false): OrbitCamera {
  return {azimuth, elevation, distance: 4, target: [0, 0, 0.3], fov: 0.7, orthographic};
}

function corners(mesh: SurfaceMesh, f: number): number[] {
  const cols = mesh.nx - 1;
  const i = f % cols;
  const j = (f - i) / cols;
  const k = j * mesh.nx + i;
  return [k, k + 1, k + mesh.nx + 1, k + mesh.nx];
}

function inTriangle(px: number, py: number, s: Float64Array, a: number, b: number, c: number): boolean {
  const cr = (p: number, q: number) =>
    (s[3 * q] - s[3 * p]) * (py - s[3 * p + 1]) - (s[3 * q + 1] - s[3 * p + 1]) * (px - s[3 * p]);
  const d1 = cr(a, b),
    d2 = cr(b, c),
    d3 = cr(c, a);
  return (d1 >= 0 && d2 >= 0 && d3 >= 0) || (d1 <= 0 && d2 <= 0 && d3 <= 0);
}

// Distance along the sight line through screen (x, y) to the plane of face f: an independent ray cast.
function rayDepth(mesh: SurfaceMesh, view: View, x: number, y: number, f: number): number {
  const o = unproject(view, x, y, view.orthographic ? 0 : 1e-6);
  const far = unproject(view, x, y, 1);
  const d = [far[0] - o[0], far[1] - o[1], far[2] - o[2]];
  const n = [mesh.normals[3 * f], mesh.normals[3 * f + 1], mesh.normals[3 * f + 2]];
  const c = [mesh.centers[3 * f], mesh.centers[3 * f + 1], mesh.centers[3 * f + 2]];
  const t =
    (n[0] * (c[0] - o[0]) + n[1] * (c[1] - o[1]) + n[2] * (c[2] - o[2])) / (n[0] * d[0] + n[1] * d[1] + n[2] * d[2]);
  return t;
}

describe("painter's order on a height field seen from above", () => {
  const terrain = mountainTerrain(1);
  const mesh = buildSurfaceMesh(sampleLandscape(terrain, 31, 31));

  it('wherever two non-adjacent faces overlap on screen, the one painted last is nearer', () => {
    const rng = mulberry32(5);
    let overlaps = 0;
    for (const [az, el, ortho] of [
      [0.3, 0.45, false],
      [2.2, 0.7, false],
      [4.0, 1.1, false],
      [5.5, 0.5, true],
      [1.2, 0.35, true],
    ] as const) {
      const view = makeView(cam(az, el, ortho), viewport);
      const screen = projectMesh(mesh, view);
      const {rank} = sortFaces(mesh, view);
      for (let n = 0; n < 400; n++) {
        const x = (rng() - 0.5) * 500;
        const y = (rng() - 0.5) * 400;
        const hits: number[] = [];
        for (let f = 0; f < mesh.faceCount; f++) {
          const [a, b, c, d] = corners(mesh, f);
          if (inTriangle(x, y, screen, a, b, c) || inTriangle(x, y, screen, a, c, d)) hits.push(f);
        }
        const cols = mesh.nx - 1;
        for (const f of hits) {
          for (const g of hits) {
            const apart =
              Math.abs((f % cols) - (g % cols)) > 1 || Math.abs(Math.floor(f / cols) - Math.floor(g / cols)) > 1;
            if (f >= g || !apart) continue;
            overlaps++;
            const [front, back] = rank[f] > rank[g] ? [f, g] : [g, f];
            expect(rayDepth(mesh, view, x, y, front)).toBeLessThan(rayDepth(mesh, view, x, y, back));
          }
        }
      }
    }
    expect(overlaps).toBeGreaterThan(50); // the views really do have occlusion to check
  });

  it('faces are painted from horizontally farthest to nearest', () => {
    const view = makeView(cam(1, 0.6), viewport);
    const {order} = sortFaces(mesh, view);
    const dist = (f: number) => Math.hypot(mesh.centers[3 * f] - view.eye[0], mesh.centers[3 * f + 1] - view.eye[1]);
    for (let r = 1; r < order.length; r++) expect(dist(order[r])).toBeLessThanOrEqual(dist(order[r - 1]) + 1e-12);
  });
});

describe('overlays sorted among the faces', () => {
  // A ridge along y at x = 0, seen from the +x side: the far side (x < 0) is behind it.
  const ridge = (x: number, y: number) => Math.exp((-x * x) / 0.08) + 0 * y;
  const bounds = {xMin: -1, xMax: 1, yMin: -1, yMax: 1};
  const mesh = buildSurfaceMesh(sampleGrid(ridge, bounds, 41, 41), {zMin: 0, zMax: 1, height: 1});
  const view = makeView(
    {azimuth: 0, elevation: 0.35, distance: 4, target: [0, 0, 0.2], fov: 0.7, orthographic: false},
    viewport,
  );
  const faces = sortFaces(mesh, view);
  const screen = projectMesh(mesh, view);

  it('a path point behind the ridge is painted before the ridge faces that cover it; one in front is painted last', () => {
    const behind: Vec3 = [-0.5, 0.1, ridge(-0.5, 0.1)];
    const front: Vec3 = [0.5, 0.1, ridge(0.5, 0.1)];
    const prims = overlayPrimitives(mesh, [
      {kind: 'point', at: behind},
      {kind: 'point', at: front},
    ]);
    const slots = placePrimitives(mesh, view, faces, prims);
    expect(slots[1]).toBe(mesh.faceCount - 1);
    // Which faces cover the hidden point on screen? They must all be painted after it.
    const p = project(view, prims[0].world[0]);
    const covering: number[] = [];
    for (let f = 0; f < mesh.faceCount; f++) {
      const [a, b, c, d] = corners(mesh, f);
      if (inTriangle(p.x, p.y, screen, a, b, c) || inTriangle(p.x, p.y, screen, a, c, d)) covering.push(f);
    }
    const nearer = covering.filter(f => mesh.centers[3 * f] > 0); // ridge faces between the point and the eye
    expect(nearer.length).toBeGreaterThan(0);
    for (const f of nearer) expect(faces.rank[f]).toBeGreaterThan(slots[0]);
  });

  it('a path crossing the ridge is cut at grid lines; the hidden part goes under, the visible part on top', () => {
    const pts: Vec3[] = [];
    for (let n = 0; n <= 20; n++) {
      const x = -0.8 + (1.6 * n) / 20;
      pts.push([x, -0.3, ridge(x, -0.3)]);
    }
    const prims = overlayPrimitives(mesh, [{kind: 'path', points: pts, onSurface: true}]);
    expect(prims.length).toBeGreaterThanOrEqual(32); // 1.6 wide over cells 0.05 wide
    for (const pr of prims) {
      // Each piece lies within a single cell.
      const cx = Math.floor((pr.world[0][0] + 1) / mesh.cellX + 1e-9);
      const cx2 = Math.ceil((pr.world[1][0] + 1) / mesh.cellX - 1e-9) - 1;
      expect(cx2).toBe(cx);
    }
    const slots = placePrimitives(mesh, view, faces, prims);
    const seq = drawSequence(faces, slots);
    expect(seq.length).toBe(mesh.faceCount + prims.length);
    prims.forEach((pr, n) => {
      const x = (pr.world[0][0] + pr.world[1][0]) / 2;
      if (x > 0.05) expect(slots[n]).toBe(mesh.faceCount - 1);
      if (x < -0.3) expect(slots[n]).toBe(faces.rank[pr.face]);
    });
    expect(prims[prims.length - 1].last).toBe(true);
  });
});

describe('visibleParts', () => {
  // Flat ground (height 0) with a wall 1 high on −0.1 < x < 0.1, only where |y| < 0.25. The domain is
  // [−1, 1]², so world = domain, and the wall's top is the box's top (0.8). An orthographic camera looks along
  // −x from 0.2 rad up: a sight line from ground behind the wall (x = −0.5) climbs 0.2·0.5 = 0.1 by x = 0,
  // far below the wall's top, so the wall hides that ground exactly where |y| < 0.25 and nowhere else.
  const wall = buildSurfaceMesh(
    sampleGrid(
      (x, y) => (Math.abs(x) < 0.1 && Math.abs(y) < 0.25 ? 1 : 0),
      {xMin: -1, xMax: 1, yMin: -1, yMax: 1},
      41,
      41,
    ),
  );
  const view = makeView(cam(0, 0.2, true), viewport);
  const expectParts = (parts: [Vec3, Vec3][], expected: [Vec3, Vec3][]) => {
    expect(parts).toHaveLength(expected.length);
    parts.forEach((part, k) =>
      part.forEach((p, e) => p.forEach((v, a) => expect(v, `part ${k} end ${e}`).toBeCloseTo(expected[k][e][a], 12))),
    );
  };

  it('a ground segment in front of the wall is visible whole', () => {
    expectParts(visibleParts(wall, view, [0.5, -1, 0], [0.5, 1, 0]), [
      [
        [0.5, -1, 0],
        [0.5, 1, 0],
      ],
    ]);
  });

  it('a ground segment behind the wall loses its middle: 8 pieces, the two centred at y = ±0.125 hidden', () => {
    expectParts(visibleParts(wall, view, [-0.5, -1, 0], [-0.5, 1, 0]), [
      [
        [-0.5, -1, 0],
        [-0.5, -0.25, 0],
      ],
      [
        [-0.5, 0.25, 0],
        [-0.5, 1, 0],
      ],
    ]);
  });

  it('cut into 4 pieces, a whole coarse piece goes: the one centred at y = −0.15', () => {
    // From y = −0.9 to 1.1 in 4 pieces of 0.5: centres −0.65, −0.15 (hidden), 0.35, 0.85.
    // (In the default 8 pieces of 0.25 the cut would instead be from −0.15 to 0.35.)
    expectParts(visibleParts(wall, view, [-0.5, -0.9, 0], [-0.5, 1.1, 0], 4), [
      [
        [-0.5, -0.9, 0],
        [-0.5, -0.4, 0],
      ],
      [
        [-0.5, 0.1, 0],
        [-0.5, 1.1, 0],
      ],
    ]);
  });

  it('a segment wholly behind the wall, and one above the wall’s top, as the engine must see them', () => {
    expect(visibleParts(wall, view, [-0.5, -0.2, 0], [-0.5, 0.2, 0])).toEqual([]);
    expectParts(visibleParts(wall, view, [-0.5, -0.2, 0.9], [-0.5, 0.2, 0.9]), [
      [
        [-0.5, -0.2, 0.9],
        [-0.5, 0.2, 0.9],
      ],
    ]);
  });
});
