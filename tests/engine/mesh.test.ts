import {describe, expect, it} from 'vitest';
import {clearingEllipse, fogAmount, radialFog} from '../../src/math/fog';
import {makeView, type Vec3} from '../../src/math/projection';
import {sampleGrid} from '../../src/math/grid';
import {buildSurfaceMesh, faceAt, fromWorld, meshHeightAt, shadeFaces, toWorld} from '../../src/math/mesh';

const bounds = {xMin: -2, xMax: 4, yMin: 0, yMax: 3};

describe('surface mesh', () => {
  it('domain ↔ world round trip, with the bounds filling [−half, half]² and heights 0…height', () => {
    const mesh = buildSurfaceMesh(
      sampleGrid((x, y) => x + y, bounds, 5, 4),
      {half: 1.5, height: 2},
    );
    expect(toWorld(mesh.box, -2, 0, mesh.grid.zMin)).toEqual([-1.5, -1.5, 0]);
    expect(toWorld(mesh.box, 4, 3, mesh.grid.zMax)).toEqual([1.5, 1.5, 2]);
    const back = fromWorld(mesh.box, toWorld(mesh.box, 0.7, 2.2, 1.9));
    expect(back[0]).toBeCloseTo(0.7, 12);
    expect(back[1]).toBeCloseTo(2.2, 12);
    expect(back[2]).toBeCloseTo(1.9, 12);
  });

  it('a tilted plane gets the same upward unit normal on every face, perpendicular to its edges', () => {
    const mesh = buildSurfaceMesh(sampleGrid((x, y) => 0.5 * x - 0.25 * y, bounds, 7, 6));
    const v = mesh.vertices;
    for (let f = 0; f < mesh.faceCount; f++) {
      const n = [mesh.normals[3 * f], mesh.normals[3 * f + 1], mesh.normals[3 * f + 2]];
      expect(Math.hypot(n[0], n[1], n[2])).toBeCloseTo(1, 12);
      expect(n[2]).toBeGreaterThan(0);
      // Perpendicular to the world edge from vertex 0 to vertex 1 and from vertex 0 to vertex nx.
      const e1 = [v[3] - v[0], v[4] - v[1], v[5] - v[2]];
      const e2 = [v[3 * 7] - v[0], v[3 * 7 + 1] - v[1], v[3 * 7 + 2] - v[2]];
      expect(n[0] * e1[0] + n[1] * e1[1] + n[2] * e1[2]).toBeCloseTo(0, 12);
      expect(n[0] * e2[0] + n[1] * e2[1] + n[2] * e2[2]).toBeCloseTo(0, 12);
    }
  });

  it('Lambert shading: the face turned towards the light is brightest, by the hand-computed n·l', () => {
    // A ridge: the slope facing −x faces a light from −x, the other slope faces away.
    const mesh = buildSurfaceMesh(sampleGrid(x => -Math.abs(x - 1), bounds, 13, 3));
    const white = [[255, 255, 255]] as const;
    const shade = shadeFaces(mesh, {colormap: white, light: [-1, 0, 0.2], ambient: 0.2});
    const lit = shade[0]; // face 0 is on the x < 1 slope
    const unlit = shade[3 * (mesh.nx - 2)];
    expect(lit).toBeGreaterThan(unlit);
    expect(unlit).toBeCloseTo(255 * 0.2, 4); // n·l < 0 leaves only ambient light
    // By hand: the x < 1 slope rises 1 per unit x; the box maps 6 units of x onto 2 and 3 units of
    // height onto 0.8, so its world slope is 0.8 and its normal (−0.8, 0, 1)/√1.64.
    // n·l = (0.8 + 0.2)/(√1.64·√1.04) = 0.7657045; brightness 0.2 + 0.8·0.7657045 = 0.8125636.
    expect(lit).toBeCloseTo(255 * 0.8125636, 3);
  });

  it('colour by height: a face 11/12 of the way up gets the hand-computed RGB of the colour map', () => {
    // The same ridge, z = −|x − 1| on x ∈ [−2, 4]: heights −3…0 fill the box's 0…0.8.
    // Face 5 spans x ∈ [0.5, 1], heights −0.5 and 0, so its centre sits at (2.5/3 + 1)/2 = 11/12 of the box.
    // Three stops blue → green → red: 11/12 is 5/6 of the way from green to red,
    // so RGB = (255·5/6, 255·1/6, 0) = (212.5, 42.5, 0). A reversed map would give (0, 42.5, 212.5).
    const mesh = buildSurfaceMesh(sampleGrid(x => -Math.abs(x - 1), bounds, 13, 3));
    const stops = [
      [0, 0, 255],
      [0, 255, 0],
      [255, 0, 0],
    ] as const;
    const flatLight = shadeFaces(mesh, {colormap: stops, light: [0, 0, 1], ambient: 1});
    expect(Array.from(flatLight.subarray(15, 18)).map(c => +c.toFixed(3))).toEqual([212.5, 42.5, 0]);
    // The lowest face (x ∈ [3.5, 4], heights −2.5 and −3) sits at 1/12: 1/6 of the way from blue to green.
    expect(Array.from(flatLight.subarray(3 * 11, 3 * 12)).map(c => +c.toFixed(3))).toEqual([0, 42.5, 212.5]);
    // Stops span the box, not the mesh: with the box raised to zMax = 1 (heights −3…1), face 5's centre sits at
    // (2.5/4 + 3/4)/2 = 11/16, 3/8 of the way from green to red: (95.625, 159.375, 0).
    const tall = buildSurfaceMesh(
      sampleGrid(x => -Math.abs(x - 1), bounds, 13, 3),
      {zMax: 1},
    );
    const tallShade = shadeFaces(tall, {colormap: stops, light: [0, 0, 1], ambient: 1});
    expect(Array.from(tallShade.subarray(15, 18)).map(c => +c.toFixed(3))).toEqual([95.625, 159.375, 0]);
  });

  it('mesh height is exact at vertices and bilinear in between; faceAt finds the cell', () => {
    const mesh = buildSurfaceMesh(sampleGrid((x, y) => x * y, bounds, 7, 4));
    const k = 2 * 7 + 3;
    expect(meshHeightAt(mesh, mesh.vertices[3 * k], mesh.vertices[3 * k + 1])).toBeCloseTo(
      mesh.vertices[3 * k + 2],
      12,
    );
    const x = (mesh.vertices[3 * k] + mesh.vertices[3 * k + 3]) / 2;
    const y = (mesh.vertices[3 * k + 1] + mesh.vertices[3 * (k + 7) + 1]) / 2;
    expect(meshHeightAt(mesh, x, y)).toBeCloseTo(mesh.centers[3 * faceAt(mesh, x, y) + 2], 12);
    expect(faceAt(mesh, x, y)).toBe(2 * 6 + 3);
  });
});

describe('fog', () => {
  it('is clear before near, opaque after far, and rises smoothly between', () => {
    expect(fogAmount(1, 2, 4)).toBe(0);
    expect(fogAmount(5, 2, 4)).toBe(1);
    expect(fogAmount(3, 2, 4)).toBeCloseTo(0.5, 12);
    let last = 0;
    for (let d = 2; d <= 4; d += 0.01) {
      const f = fogAmount(d, 2, 4);
      expect(f).toBeGreaterThanOrEqual(last);
      last = f;
    }
    expect(fogAmount(2.001, 2, 4)).toBeLessThan(1e-5); // no step at the near edge
  });
  it('the clearing on screen: an orthographic camera 30° up foreshortens the x radius by sin 30°', () => {
    // Orthographic, azimuth 0 (looking along −x), elevation 30°, distance 2, tan(fov/2) = ½, 1920 × 1080 centred
    // at (960, 540): focal = 540/(2·½) = 540 px per world unit. right = (0, 1, 0), up = (−sin 30°, 0, cos 30°).
    // A clearing of r = 0.1 around (0.2, 0.1, 0), with the camera on the origin:
    //   centre: x = 960 + 0.1·540 = 1014, y = 540 − (0.2·(−½))·540 = 594;
    //   world x radius (0.1, 0, 0): on screen (0, 0.1·½·540) = (0, 27), foreshortened (it points at the eye);
    //   world y radius (0, 0.1, 0): on screen (0.1·540, 0) = (54, 0), full length.
    const cam = {
      azimuth: 0,
      elevation: Math.PI / 6,
      distance: 2,
      target: [0, 0, 0] as Vec3,
      fov: 2 * Math.atan(0.5),
      orthographic: true,
    };
    const e = clearingEllipse(makeView(cam, {width: 1920, height: 1080, x: 960, y: 540}), [0.2, 0.1, 0], 0.1);
    for (const [key, v] of Object.entries({cx: 1014, cy: 594, ax: 0, ay: 27, bx: 54, by: 0}))
      expect(e[key as keyof typeof e], key).toBeCloseTo(v, 9);
  });

  it('the clearing seen from straight above is a circle of radius r·focal/depth, turned with the azimuth', () => {
    // Perspective, looking straight down from 2 above the clearing's centre, azimuth 90°: right = (−1, 0, 0),
    // up = (0, −1, 0). focal = 540/tan(fov/2) = 1080 for tan(fov/2) = ½; at depth 2 a 0.1 radius is 54 px.
    const cam = {
      azimuth: Math.PI / 2,
      elevation: Math.PI / 2,
      distance: 2,
      target: [0.3, -0.2, 0.1] as Vec3,
      fov: 2 * Math.atan(0.5),
      orthographic: false,
    };
    const e = clearingEllipse(makeView(cam, {width: 1920, height: 1080}), [0.3, -0.2, 0.1], 0.1);
    // World +x is screen left; world +y is screen down (screen y grows downwards, up is −y).
    for (const [key, v] of Object.entries({cx: 0, cy: 0, ax: -54, ay: 0, bx: 0, by: 54}))
      expect(e[key as keyof typeof e], key).toBeCloseTo(v, 9);
  });

  it('radial fog is clear inside radius − softness and opaque from the radius on', () => {
    expect(radialFog(0.4, 1, 0.5)).toBe(0);
    expect(radialFog(1, 1, 0.5)).toBe(1);
    expect(radialFog(0.75, 1, 0.5)).toBeCloseTo(0.5, 12);
  });
});
