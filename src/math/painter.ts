import {faceAt, meshHeightAt, toWorld, type SurfaceMesh} from './mesh';
import type {Vec3, View} from './projection';

/**
 * Painter's algorithm for a height field seen from above.
 *
 * If the eye is above the surface, every sight line descends, and the horizontal distance
 * from the eye grows along it. So whatever a sight line meets first is horizontally
 * nearer: drawing faces from horizontally farthest to nearest paints occluders last.
 * For an orthographic camera the horizontal distance becomes the offset along the
 * horizontal view direction.
 */
export interface FaceOrder {
  /** Face indices, back to front. */
  order: Int32Array;
  /** Position of each face in `order`. */
  rank: Int32Array;
  /** Farness of order[n]; non-increasing. */
  keys: Float64Array;
}

/** How far (x, y) is from the eye, horizontally; bigger is farther. Only comparisons matter. */
export function farness(view: View, x: number, y: number): number {
  if (view.orthographic) return x * view.forward[0] + y * view.forward[1];
  const dx = x - view.eye[0];
  const dy = y - view.eye[1];
  return dx * dx + dy * dy;
}

export function sortFaces(mesh: SurfaceMesh, view: View): FaceOrder {
  const n = mesh.faceCount;
  const key = new Float64Array(n);
  for (let f = 0; f < n; f++) key[f] = farness(view, mesh.centers[3 * f], mesh.centers[3 * f + 1]);
  const order = new Int32Array(n);
  for (let f = 0; f < n; f++) order[f] = f;
  order.sort((a, b) => key[b] - key[a]);
  const rank = new Int32Array(n);
  const keys = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    rank[order[r]] = r;
    keys[r] = key[order[r]];
  }
  return {order, rank, keys};
}

/**
 * Whether faces turned away from the eye may be skipped. Seen from above a height field, a
 * back face is never the first thing a sight line meets; but through translucent faces
 * (opacity < 1) the back faces show, and are drawn in the same back-to-front order.
 */
export function cullBackFaces(mesh: SurfaceMesh, view: View, opacity: number): boolean {
  if (opacity < 1) return false;
  return view.orthographic ? view.forward[2] < 0 : view.eye[2] > mesh.top;
}

/** Things drawn on or above the surface, in domain coordinates (x, y, height). */
export type OverlayShape =
  /** onSurface: drape the path over the mesh instead of cutting straight chords through hills. */
  | {kind: 'path'; points: readonly Vec3[]; onSurface?: boolean}
  /** onSurface: put the point on the mesh, ignoring its height. */
  | {kind: 'point'; at: Vec3; onSurface?: boolean}
  | {kind: 'arrow'; from: Vec3; to: Vec3}
  /**
   * The vertical plane x = at (axis 'x') or y = at (axis 'y'), between two heights.
   * onSurface: the plane rises from the surface (up to zTo) instead of from zFrom.
   */
  | {kind: 'slice'; axis: 'x' | 'y'; at: number; zFrom?: number; zTo?: number; onSurface?: boolean};

/** A piece of an overlay small enough to take one place in the painter's order. */
export interface Primitive {
  kind: 'segment' | 'point' | 'polygon';
  /** Index of the overlay shape this piece belongs to. */
  owner: number;
  /** The last piece of its shape (an arrow draws its head there). */
  last: boolean;
  /** World-space points: 2 for a segment, 1 for a point, 3+ for a polygon. */
  world: Vec3[];
  /** The face it lies on, or −1 when it is placed by farness alone. */
  face: number;
}

/**
 * Cuts overlays into primitives. Segments are split where they cross grid lines, so each
 * piece lies over one face and can be drawn right after it. This does not depend on the camera.
 */
export function overlayPrimitives(mesh: SurfaceMesh, shapes: readonly OverlayShape[]): Primitive[] {
  const out: Primitive[] = [];
  const w = (p: Vec3) => toWorld(mesh.box, p[0], p[1], p[2]);
  shapes.forEach((shape, owner) => {
    if (shape.kind === 'point') {
      const p = w(shape.at);
      if (shape.onSurface) p[2] = meshHeightAt(mesh, p[0], p[1]);
      out.push({kind: 'point', owner, last: true, world: [p], face: faceAt(mesh, p[0], p[1])});
    } else if (shape.kind === 'path' || shape.kind === 'arrow') {
      const pts = shape.kind === 'path' ? shape.points.map(w) : [w(shape.from), w(shape.to)];
      const start = out.length;
      for (let i = 0; i + 1 < pts.length; i++) splitAtGridLines(mesh, pts[i], pts[i + 1], owner, out);
      if (shape.kind === 'path' && shape.onSurface) {
        for (let n = start; n < out.length; n++) {
          for (const p of out[n].world) p[2] = meshHeightAt(mesh, p[0], p[1]);
        }
      }
      if (out.length > start) out[out.length - 1].last = true;
    } else {
      slicePrimitives(mesh, shape, owner, out);
    }
  });
  return out;
}

function splitAtGridLines(mesh: SurfaceMesh, a: Vec3, b: Vec3, owner: number, out: Primitive[]): void {
  const ts = [0, 1];
  const cross = (a0: number, b0: number, cell: number, half: number) => {
    const lo = Math.min(a0, b0);
    const hi = Math.max(a0, b0);
    for (let g = Math.ceil((lo + half) / cell); -half + g * cell < hi; g++) {
      const t = (-half + g * cell - a0) / (b0 - a0);
      if (t > 0 && t < 1) ts.push(t);
    }
  };
  cross(a[0], b[0], mesh.cellX, mesh.box.halfX);
  cross(a[1], b[1], mesh.cellY, mesh.box.halfY);
  ts.sort((p, q) => p - q);
  const at = (t: number): Vec3 => [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), a[2] + t * (b[2] - a[2])];
  for (let i = 0; i + 1 < ts.length; i++) {
    if (ts[i + 1] - ts[i] < 1e-12) continue;
    const mid = at((ts[i] + ts[i + 1]) / 2);
    out.push({
      kind: 'segment',
      owner,
      last: false,
      world: [at(ts[i]), at(ts[i + 1])],
      face: faceAt(mesh, mid[0], mid[1]),
    });
  }
}

function slicePrimitives(
  mesh: SurfaceMesh,
  shape: Extract<OverlayShape, {kind: 'slice'}>,
  owner: number,
  out: Primitive[],
): void {
  const {box} = mesh;
  const zb = shape.zFrom === undefined ? 0 : toWorld(box, 0, 0, shape.zFrom)[2];
  const zt = shape.zTo === undefined ? mesh.top : toWorld(box, 0, 0, shape.zTo)[2];
  // The plane's fixed coordinate in world units, and one strip per cell along the other axis.
  const fixed =
    shape.axis === 'x' ? toWorld(box, shape.at, box.bounds.yMin, 0)[0] : toWorld(box, box.bounds.xMin, shape.at, 0)[1];
  const cells = shape.axis === 'x' ? mesh.ny - 1 : mesh.nx - 1;
  const cell = shape.axis === 'x' ? mesh.cellY : mesh.cellX;
  const pt = (s: number, z: number): Vec3 => (shape.axis === 'x' ? [fixed, s, z] : [s, fixed, z]);
  // The bottom edge: fixed, or the surface's height along the plane.
  const floor = (s: number): number => {
    if (!shape.onSurface) return zb;
    const p = pt(s, 0);
    return meshHeightAt(mesh, p[0], p[1]);
  };
  for (let c = 0; c < cells; c++) {
    const s0 = -(shape.axis === 'x' ? box.halfY : box.halfX) + c * cell;
    const s1 = s0 + cell;
    const [b0, b1] = [floor(s0), floor(s1)];
    out.push({
      kind: 'polygon',
      owner,
      last: c === cells - 1,
      world: [pt(s0, b0), pt(s1, b1), pt(s1, Math.max(zt, b1)), pt(s0, Math.max(zt, b0))],
      face: -1,
    });
  }
}

/**
 * Whether the surface hides a world point from the eye: march the sight line from the
 * point towards the eye and look for ground above it. `lift` forgives points that sit
 * on the surface (the mesh's flat quads and the true surface differ slightly).
 */
export function hiddenBySurface(mesh: SurfaceMesh, view: View, p: Vec3, lift: number): boolean {
  const {halfX, halfY} = mesh.box;
  const inside = Math.abs(p[0]) <= halfX && Math.abs(p[1]) <= halfY;
  if (inside && meshHeightAt(mesh, p[0], p[1]) > p[2] + lift) return true;
  let dx: number, dy: number, dz: number;
  if (view.orthographic) {
    [dx, dy, dz] = [-view.forward[0], -view.forward[1], -view.forward[2]];
  } else {
    [dx, dy, dz] = [view.eye[0] - p[0], view.eye[1] - p[1], view.eye[2] - p[2]];
  }
  const horizontal = Math.hypot(dx, dy);
  if (horizontal < 1e-12) return false;
  // Only the part of the sight line over the mesh's rectangle can meet ground (slab method),
  // so a point outside the rectangle (an axis beyond the far edge) is tested too.
  let t0 = 0;
  let t1 = view.orthographic ? Infinity : 1;
  for (const [o, d, half] of [
    [p[0], dx, halfX],
    [p[1], dy, halfY],
  ]) {
    if (Math.abs(d) < 1e-12) {
      if (Math.abs(o) > half) return false;
      continue;
    }
    const a = (-half - o) / d;
    const b = (half - o) / d;
    t0 = Math.max(t0, Math.min(a, b));
    t1 = Math.min(t1, Math.max(a, b));
  }
  const dt = (0.5 * Math.min(mesh.cellX, mesh.cellY)) / horizontal;
  for (let t = t0 + dt; t < t1; t += dt) {
    const z = p[2] + t * dz;
    if (z > mesh.top && dz >= 0) return false;
    if (meshHeightAt(mesh, p[0] + t * dx, p[1] + t * dy) > z + lift) return true;
  }
  return false;
}

/** How far below the mesh an overlay point may sit and still count as lying on it. */
export function overlayLift(mesh: SurfaceMesh): number {
  return 0.01 * mesh.box.height;
}

/**
 * The parts of the segment a–b that the surface does not hide, to 1/pieces of its length:
 * what may be drawn on top of a surface whose faces are all painted already.
 */
export function visibleParts(mesh: SurfaceMesh, view: View, a: Vec3, b: Vec3, pieces = 8): [Vec3, Vec3][] {
  const at = (t: number): Vec3 => [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), a[2] + t * (b[2] - a[2])];
  const lift = overlayLift(mesh);
  const parts: [Vec3, Vec3][] = [];
  let start = -1;
  for (let i = 0; i <= pieces; i++) {
    const visible = i < pieces && !hiddenBySurface(mesh, view, at((i + 0.5) / pieces), lift);
    if (visible && start < 0) start = i;
    if (!visible && start >= 0) {
      parts.push([at(start / pieces), at(i / pieces)]);
      start = -1;
    }
  }
  return parts;
}

/**
 * Where each primitive goes in the painter's order: it is drawn right after order[slot]
 * (slot −1: before every face). A primitive the surface does not hide goes last, on top.
 * A hidden one is drawn right after its own face, or after every farther face, so the
 * nearer ground that hides it is painted over it.
 */
export function placePrimitives(
  mesh: SurfaceMesh,
  view: View,
  faces: FaceOrder,
  prims: readonly Primitive[],
): Int32Array {
  const slots = new Int32Array(prims.length);
  const lift = overlayLift(mesh);
  prims.forEach((prim, n) => {
    const hidden = prim.world.some(p => hiddenBySurface(mesh, view, p, lift));
    if (!hidden) {
      slots[n] = mesh.faceCount - 1;
    } else if (prim.face >= 0) {
      slots[n] = faces.rank[prim.face];
    } else {
      let cx = 0;
      let cy = 0;
      for (const p of prim.world) {
        cx += p[0] / prim.world.length;
        cy += p[1] / prim.world.length;
      }
      slots[n] = lastFartherThan(faces.keys, farness(view, cx, cy));
    }
  });
  return slots;
}

// Last position whose key is ≥ key, in keys sorted non-increasing (−1 if none).
function lastFartherThan(keys: Float64Array, key: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid] >= key) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** One entry of the merged drawing sequence: a face, or a primitive. */
export interface DrawStep {
  face: number;
  primitive: number;
}

/** Faces and primitives merged into one back-to-front sequence. */
export function drawSequence(faces: FaceOrder, slots: Int32Array): DrawStep[] {
  const byPrim = Array.from(slots.keys()).sort((a, b) => slots[a] - slots[b] || a - b);
  const steps: DrawStep[] = [];
  let p = 0;
  while (p < byPrim.length && slots[byPrim[p]] < 0) steps.push({face: -1, primitive: byPrim[p++]});
  for (let r = 0; r < faces.order.length; r++) {
    steps.push({face: faces.order[r], primitive: -1});
    while (p < byPrim.length && slots[byPrim[p]] === r) steps.push({face: -1, primitive: byPrim[p++]});
  }
  return steps;
}
