/** Surface3D's engine side: box aspect, 3D axes against the projection, checker, translucency, perspective points. */
import {describe, expect, it} from 'vitest';
import {axes3d, keepClear, nearEdges} from '../../src/math/axes3d';
import {sampleGrid} from '../../src/math/grid';
import {buildSurfaceMesh, domainToScreen, shadeFaces, toWorld} from '../../src/math/mesh';
import {cullBackFaces, sortFaces} from '../../src/math/painter';
import {makeView, perspectiveScale, project, type OrbitCamera} from '../../src/math/projection';

const DEG = Math.PI / 180;
const topDown: OrbitCamera = {
  azimuth: -90 * DEG,
  elevation: 90 * DEG,
  distance: 5,
  target: [0, 0, 0],
  fov: 40 * DEG,
  orthographic: true,
};
const viewport = {width: 1920, height: 1080};
const strip = {xMin: 0, xMax: 20, yMin: 0, yMax: 6};

describe('Surface3D box aspect', () => {
  it("a 20 × 6 domain with aspect 'equal' is drawn 20:6 on screen; the default square is 1:1", () => {
    const grid = sampleGrid(() => 0, strip, 21, 7);
    const extent = (mesh: ReturnType<typeof buildSurfaceMesh>) => {
      const a = domainToScreen(mesh.box, topDown, viewport, [0, 0, 0]);
      const b = domainToScreen(mesh.box, topDown, viewport, [20, 6, 0]);
      return Math.abs(b.x - a.x) / Math.abs(b.y - a.y);
    };
    expect(extent(buildSurfaceMesh(grid, {aspect: 'equal'}))).toBeCloseTo(20 / 6, 9);
    expect(extent(buildSurfaceMesh(grid))).toBeCloseTo(1, 9);
    expect(extent(buildSurfaceMesh(grid, {halfX: 2, halfY: 0.5}))).toBeCloseTo(4, 9);
  });

  it("aspect 'true' uses the x unit for heights too", () => {
    const grid = sampleGrid(x => x / 4, strip, 21, 7); // heights 0…5
    const mesh = buildSurfaceMesh(grid, {aspect: 'true'});
    const w0 = toWorld(mesh.box, 0, 0, 0);
    const w1 = toWorld(mesh.box, 5, 0, 5);
    expect(w1[2] - w0[2]).toBeCloseTo(w1[0] - w0[0], 12);
  });
});

describe('3D axes', () => {
  const mesh = buildSurfaceMesh(sampleGrid((x, y) => x * x + y, {xMin: -1, xMax: 2, yMin: 0, yMax: 3}, 9, 9));
  const geo = axes3d(mesh.box, {
    ticks: {x: [-1, 0, 1, 2], y: [0, 1.5, 3], z: [0, 2]},
    xAxisAt: 0,
    yAxisAt: 2,
    tick: 0.05,
    margin: 0.06,
    grid: true,
  });

  it('ticks sit on their axes at their values, pointing out of the box, and project where the surface puts those points', () => {
    const cam = {...topDown, orthographic: false, azimuth: -58 * DEG, elevation: 35 * DEG};
    const view = makeView(cam, viewport);
    for (const t of geo.ticks) {
      const k = t.axis === 'x' ? 0 : t.axis === 'y' ? 1 : 2;
      expect(t.base[k]).toBe(t.value);
      const s = project(view, toWorld(mesh.box, ...t.base));
      expect(s).toEqual(domainToScreen(mesh.box, cam, viewport, t.base));
    }
    const x = geo.ticks.filter(t => t.axis === 'x');
    // The x axis runs along y = yMin (pushed out by the margin); ticks point further to −y.
    for (const t of x) expect(t.tip[1]).toBeLessThan(t.base[1]);
    expect(x[0].base[1]).toBeLessThan(0);
    const y = geo.ticks.filter(t => t.axis === 'y');
    for (const t of y) expect(t.tip[0]).toBeGreaterThan(t.base[0]);
    // The z axis stands at the free corner (xMin side), its ticks pointing to −x.
    const z = geo.ticks.filter(t => t.axis === 'z');
    for (const t of z) expect(t.tip[0]).toBeLessThan(t.base[0]);
    expect(z[0].base[0]).toBeLessThan(-1);
    expect(geo.grid).toHaveLength(4 + 3);
  });

  it('the near edges face the eye', () => {
    const view = makeView({...topDown, orthographic: false, azimuth: -58 * DEG, elevation: 35 * DEG}, viewport);
    expect(nearEdges(mesh.box, view)).toEqual({xAxisAt: 0, yAxisAt: 2});
    const back = makeView({...topDown, orthographic: false, azimuth: 122 * DEG, elevation: 35 * DEG}, viewport);
    expect(nearEdges(mesh.box, back)).toEqual({xAxisAt: 3, yAxisAt: -1});
  });

  it('overlapping labels: the later one is dropped, a clear one kept', () => {
    const boxes = [
      {x: 0, y: 0, width: 40, height: 30},
      {x: 30, y: 5, width: 40, height: 30},
      {x: 100, y: 0, width: 40, height: 30},
    ];
    expect(keepClear(boxes, 2)).toEqual([true, false, true]);
  });
});

describe('faces', () => {
  it('checker colours alternate face by face, (i + j) mod 2', () => {
    const mesh = buildSurfaceMesh(sampleGrid(() => 0, strip, 4, 3));
    const shade = shadeFaces(mesh, {
      colormap: [[0, 0, 0]],
      checker: [
        [200, 0, 0],
        [0, 0, 200],
      ],
      light: [0, 0, 1],
      ambient: 1,
    });
    const cols = mesh.nx - 1;
    for (let f = 0; f < mesh.faceCount; f++) {
      const i = f % cols;
      const j = (f - i) / cols;
      expect(Array.from(shade.subarray(3 * f, 3 * f + 3))).toEqual((i + j) % 2 ? [0, 0, 200] : [200, 0, 0]);
    }
  });

  it('translucent faces keep their back faces, in back-to-front order along a sight line through both walls', () => {
    const mesh = buildSurfaceMesh(sampleGrid((x, y) => x * x + y * y, {xMin: -1, xMax: 1, yMin: -1, yMax: 1}, 21, 21));
    const view = makeView(
      {azimuth: 0, elevation: 10 * DEG, distance: 4, target: [0, 0, 0.4], fov: 40 * DEG, orthographic: false},
      viewport,
    );
    expect(cullBackFaces(mesh, view, 1)).toBe(view.eye[2] > mesh.top);
    expect(cullBackFaces(mesh, view, 0.5)).toBe(false);
    // The sight line along +x from the eye meets the near wall (x > 0), then the far wall (x < 0): the far face is painted first.
    const {rank} = sortFaces(mesh, view);
    const near = 10 * 20 + 18; // row j = 10, column i = 18 (x ≈ 0.85)
    const far = 10 * 20 + 1; // column i = 1 (x ≈ −0.85)
    expect(rank[far]).toBeLessThan(rank[near]);
  });

  it('a perspective point covers the pixels a small sphere at its depth does', () => {
    const view = makeView(
      {azimuth: -60 * DEG, elevation: 30 * DEG, distance: 4, target: [0, 0, 0], fov: 40 * DEG, orthographic: false},
      viewport,
    );
    const radius = 12; // pixels at the target
    const worldR = radius / (view.focal / 4);
    for (const p of [
      [0.8, -0.9, 0.2],
      [-0.9, 0.9, 0],
    ] as const) {
      const c = project(view, [...p]);
      const e = project(view, [p[0] + worldR * view.right[0], p[1] + worldR * view.right[1], p[2]]);
      expect(radius * perspectiveScale(view, c.depth, 4)).toBeCloseTo(Math.hypot(e.x - c.x, e.y - c.y), 6);
    }
    expect(perspectiveScale({...view, orthographic: true}, 9, 4)).toBe(1);
  });
});
