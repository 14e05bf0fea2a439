import {colorAt, type Rgb} from './colormap';
import type {Grid} from './grid';
import type {Bounds} from './landscapes';
import {
  makeView,
  normalize,
  project,
  type OrbitCamera,
  type ScreenPoint,
  type Vec3,
  type View,
  type Viewport,
} from './projection';

/**
 * How domain coordinates (x, y, height) sit in the world: the bounds fill the rectangle
 * [−halfX, halfX] × [−halfY, halfY], and heights zMin…zMax rise from 0 to `height`.
 */
export interface SurfaceBox {
  bounds: Bounds;
  zMin: number;
  zMax: number;
  halfX: number;
  halfY: number;
  height: number;
}

/**
 * How the domain's proportions map to the world box:
 * - 'square' (default): the bounds fill a square of side 2·half, whatever their shape;
 * - 'equal': one domain unit is as long along x as along y (a 20 × 6 domain stays a long
 *   strip); the longer side spans 2·half;
 * - 'true': as 'equal', and heights use the same unit too (`height` is then derived).
 */
export type SurfaceAspect = 'square' | 'equal' | 'true';

/** Options of {@link buildSurfaceMesh}: any box field, `half` for both half-extents, and an aspect. */
export interface SurfaceBoxOptions extends Partial<SurfaceBox> {
  half?: number;
  aspect?: SurfaceAspect;
}

/** The world box for a domain: explicit fields win, then the aspect decides the extents. */
export function surfaceBox(bounds: Bounds, zMin: number, zMax: number, opts: SurfaceBoxOptions = {}): SurfaceBox {
  const aspect = opts.aspect ?? 'square';
  const half = opts.half ?? 1;
  const wx = bounds.xMax - bounds.xMin;
  const wy = bounds.yMax - bounds.yMin;
  const long = Math.max(wx, wy);
  const equal = aspect !== 'square';
  const halfX = opts.halfX ?? (equal ? (half * wx) / long : half);
  const halfY = opts.halfY ?? (equal ? (half * wy) / long : half);
  const height = opts.height ?? (aspect === 'true' ? ((zMax - zMin) * 2 * halfX) / wx : 0.8);
  return {bounds, zMin, zMax, halfX, halfY, height};
}

export function toWorld(box: SurfaceBox, x: number, y: number, z: number): Vec3 {
  const {bounds: b} = box;
  return [
    ((2 * (x - b.xMin)) / (b.xMax - b.xMin) - 1) * box.halfX,
    ((2 * (y - b.yMin)) / (b.yMax - b.yMin) - 1) * box.halfY,
    ((z - box.zMin) / (box.zMax - box.zMin)) * box.height,
  ];
}

export function fromWorld(box: SurfaceBox, p: Vec3): Vec3 {
  const {bounds: b} = box;
  return [
    b.xMin + ((p[0] / box.halfX + 1) / 2) * (b.xMax - b.xMin),
    b.yMin + ((p[1] / box.halfY + 1) / 2) * (b.yMax - b.yMin),
    box.zMin + (p[2] / box.height) * (box.zMax - box.zMin),
  ];
}

/**
 * Where a domain point (x, y, height) of a surface is drawn, for a camera and viewport:
 * what a render test checks pixels against.
 */
export function domainToScreen(box: SurfaceBox, camera: OrbitCamera, viewport: Viewport, p: Vec3): ScreenPoint {
  return project(makeView(camera, viewport), toWorld(box, p[0], p[1], p[2]));
}

/**
 * The surface z = f(x, y) as a world-space mesh of quads, one per grid cell.
 * Face (i, j), with i < nx − 1 and j < ny − 1, has corners at vertices
 * k, k + 1, k + nx + 1, k + nx where k = j·nx + i; its index is j·(nx − 1) + i.
 */
export interface SurfaceMesh {
  grid: Grid;
  box: SurfaceBox;
  nx: number;
  ny: number;
  /** x, y, z per vertex. */
  vertices: Float64Array;
  faceCount: number;
  /** Unit normal per face, pointing up (+z). */
  normals: Float64Array;
  /** Centre (mean of the corners) per face. */
  centers: Float64Array;
  /** World size of a cell along x and y. */
  cellX: number;
  cellY: number;
  /** Highest vertex z. */
  top: number;
}

/**
 * The mesh of a sampled surface. By default the bounds fill [−1, 1]² and heights 0…0.8;
 * `{aspect: 'equal'}` keeps the domain's proportions, `{aspect: 'true'}` its heights' too.
 *
 * @example buildSurfaceMesh(sampleGrid(f, {xMin: 0, xMax: 20, yMin: 0, yMax: 6}, 80, 24), {aspect: 'equal'})
 */
export function buildSurfaceMesh(grid: Grid, box: SurfaceBoxOptions = {}): SurfaceMesh {
  const fullBox = surfaceBox(
    box.bounds ?? grid.bounds,
    box.zMin ?? grid.zMin,
    box.zMax ?? (grid.zMax > grid.zMin ? grid.zMax : grid.zMin + 1),
    box,
  );
  const {nx, ny} = grid;
  const vertices = new Float64Array(nx * ny * 3);
  for (let j = 0, k = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++, k++) {
      const x = grid.bounds.xMin + (i * (grid.bounds.xMax - grid.bounds.xMin)) / (nx - 1);
      const y = grid.bounds.yMin + (j * (grid.bounds.yMax - grid.bounds.yMin)) / (ny - 1);
      const w = toWorld(fullBox, x, y, grid.z[k]);
      vertices[3 * k] = w[0];
      vertices[3 * k + 1] = w[1];
      vertices[3 * k + 2] = w[2];
    }
  }
  const faceCount = (nx - 1) * (ny - 1);
  const normals = new Float64Array(faceCount * 3);
  const centers = new Float64Array(faceCount * 3);
  const v = vertices;
  for (let j = 0, f = 0; j < ny - 1; j++) {
    for (let i = 0; i < nx - 1; i++, f++) {
      const a = 3 * (j * nx + i);
      const b = a + 3;
      const c = a + 3 * nx + 3;
      const d = a + 3 * nx;
      // The normal of a (possibly non-planar) quad: cross product of its diagonals a→c and b→d.
      const n = normalize(crossDiagonals(v, a, c, b, d));
      normals.set(n, 3 * f);
      for (let axis = 0; axis < 3; axis++) {
        centers[3 * f + axis] = (v[a + axis] + v[b + axis] + v[c + axis] + v[d + axis]) / 4;
      }
    }
  }
  const cellX = (2 * fullBox.halfX) / (nx - 1);
  const cellY = (2 * fullBox.halfY) / (ny - 1);
  let top = -Infinity;
  for (let k = 2; k < vertices.length; k += 3) top = Math.max(top, vertices[k]);
  return {grid, box: fullBox, nx, ny, vertices, faceCount, normals, centers, cellX, cellY, top};
}

function crossDiagonals(v: Float64Array, a: number, c: number, b: number, d: number): Vec3 {
  const px = v[c] - v[a],
    py = v[c + 1] - v[a + 1],
    pz = v[c + 2] - v[a + 2];
  const qx = v[d] - v[b],
    qy = v[d + 1] - v[b + 1],
    qz = v[d + 2] - v[b + 2];
  return [py * qz - pz * qy, pz * qx - px * qz, px * qy - py * qx];
}

export interface ShadeOptions {
  /** Colour stops from low to high, evenly spaced over the box's height. */
  colormap: readonly Rgb[];
  /** Direction towards the light, in world space. */
  light?: Vec3;
  /** Brightness of a face turned away from the light, 0–1. */
  ambient?: number;
  /** Colours that alternate face by face, (i + j) mod n, instead of the colour map (manim's checkerboard_colors). */
  checker?: readonly Rgb[] | null;
  /** 'back' lights the underside (normals flipped), for faces seen from below through a translucent surface. */
  side?: 'front' | 'back';
}

/**
 * Lambert shading: each face's colour by height, scaled by ambient + (1 − ambient)·max(0, n·l).
 * Returns r, g, b per face (0–255).
 */
export function shadeFaces(mesh: SurfaceMesh, opts: ShadeOptions): Float32Array {
  const l = normalize(opts.light ?? [-0.4, -0.6, 1]);
  const ambient = opts.ambient ?? 0.35;
  const sign = opts.side === 'back' ? -1 : 1;
  const checker = opts.checker?.length ? opts.checker : null;
  const cols = mesh.nx - 1;
  const out = new Float32Array(mesh.faceCount * 3);
  for (let f = 0; f < mesh.faceCount; f++) {
    const n = 3 * f;
    const lambert = Math.max(
      0,
      sign * (mesh.normals[n] * l[0] + mesh.normals[n + 1] * l[1] + mesh.normals[n + 2] * l[2]),
    );
    const brightness = ambient + (1 - ambient) * lambert;
    const i = f % cols;
    const base = checker
      ? checker[(i + (f - i) / cols) % checker.length]
      : colorAt(opts.colormap, mesh.centers[n + 2] / mesh.box.height);
    out[n] = base[0] * brightness;
    out[n + 1] = base[1] * brightness;
    out[n + 2] = base[2] * brightness;
  }
  return out;
}

/** The mesh's height at a world (x, y): bilinear in the cell's corner heights, clamped to the box. */
export function meshHeightAt(mesh: SurfaceMesh, x: number, y: number): number {
  const {nx, ny, vertices: v, box} = mesh;
  const u = Math.min(Math.max((x + box.halfX) / mesh.cellX, 0), nx - 1);
  const w = Math.min(Math.max((y + box.halfY) / mesh.cellY, 0), ny - 1);
  const i = Math.min(Math.floor(u), nx - 2);
  const j = Math.min(Math.floor(w), ny - 2);
  const s = u - i;
  const t = w - j;
  const k = j * nx + i;
  const z00 = v[3 * k + 2],
    z10 = v[3 * k + 5],
    z01 = v[3 * (k + nx) + 2],
    z11 = v[3 * (k + nx) + 5];
  return (1 - t) * ((1 - s) * z00 + s * z10) + t * ((1 - s) * z01 + s * z11);
}

/** Index of the face under a world (x, y), clamped to the mesh. */
export function faceAt(mesh: SurfaceMesh, x: number, y: number): number {
  const i = Math.min(Math.max(Math.floor((x + mesh.box.halfX) / mesh.cellX), 0), mesh.nx - 2);
  const j = Math.min(Math.max(Math.floor((y + mesh.box.halfY) / mesh.cellY), 0), mesh.ny - 2);
  return j * (mesh.nx - 1) + i;
}

/** Every vertex on screen: x, y, depth per vertex. */
export function projectMesh(mesh: SurfaceMesh, view: View): Float64Array {
  const v = mesh.vertices;
  const out = new Float64Array(v.length);
  const p: Vec3 = [0, 0, 0];
  for (let k = 0; k < v.length; k += 3) {
    p[0] = v[k];
    p[1] = v[k + 1];
    p[2] = v[k + 2];
    const s = project(view, p);
    out[k] = s.x;
    out[k + 1] = s.y;
    out[k + 2] = s.depth;
  }
  return out;
}
