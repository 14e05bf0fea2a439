/** A point or direction in world space; z is up. */
export type Vec3 = [number, number, number];

/**
 * A camera orbiting a target. Azimuth is measured in the xy plane from +x towards +y,
 * elevation up from the xy plane; both in radians. fov is the vertical field of view.
 * An orthographic camera keeps the scale a perspective one has at the target.
 */
export interface OrbitCamera {
  azimuth: number;
  elevation: number;
  distance: number;
  target: Vec3;
  fov: number;
  orthographic: boolean;
}

/**
 * Where the picture lands on screen: its size in pixels and the screen position of its
 * centre (default 0, 0, which is a Motion Canvas node's own origin). Screen y points down.
 */
export interface Viewport {
  width: number;
  height: number;
  x?: number;
  y?: number;
}

/** A camera solved for a viewport: its frame (eye, right, up, forward) and focal length. */
export interface View {
  eye: Vec3;
  right: Vec3;
  up: Vec3;
  forward: Vec3;
  /** Pixels per unit of (view x / depth) for perspective, per world unit for orthographic. */
  focal: number;
  orthographic: boolean;
  cx: number;
  cy: number;
}

/** A projected point: screen position in pixels and depth along the view direction. */
export interface ScreenPoint {
  x: number;
  y: number;
  depth: number;
}

export function makeView(camera: OrbitCamera, viewport: Viewport): View {
  const {azimuth: az, elevation: el, distance, target} = camera;
  const toEye: Vec3 = [Math.cos(el) * Math.cos(az), Math.cos(el) * Math.sin(az), Math.sin(el)];
  const eye: Vec3 = [target[0] + distance * toEye[0], target[1] + distance * toEye[1], target[2] + distance * toEye[2]];
  const forward: Vec3 = [-toEye[0], -toEye[1], -toEye[2]];
  // right = forward × z, which for an orbit is horizontal and never degenerate, even top-down.
  const right: Vec3 = [-Math.sin(az), Math.cos(az), 0];
  const up = cross(right, forward);
  const halfHeight = viewport.height / 2;
  const tanHalf = Math.tan(camera.fov / 2);
  const focal = camera.orthographic ? halfHeight / (distance * tanHalf) : halfHeight / tanHalf;
  return {eye, right, up, forward, focal, orthographic: camera.orthographic, cx: viewport.x ?? 0, cy: viewport.y ?? 0};
}

/** Screen position and depth of a world point. Depth is the distance along the view direction. */
export function project(view: View, p: Vec3): ScreenPoint {
  const dx = p[0] - view.eye[0];
  const dy = p[1] - view.eye[1];
  const dz = p[2] - view.eye[2];
  const vx = dx * view.right[0] + dy * view.right[1] + dz * view.right[2];
  const vy = dx * view.up[0] + dy * view.up[1] + dz * view.up[2];
  const depth = dx * view.forward[0] + dy * view.forward[1] + dz * view.forward[2];
  const s = view.orthographic ? view.focal : view.focal / depth;
  return {x: view.cx + vx * s, y: view.cy - vy * s, depth};
}

/**
 * How much larger something at `depth` is drawn than at `reference` depth (usually the camera's
 * distance, where the target is): reference / depth for perspective, 1 for orthographic.
 * A point of r pixels at the target is a small sphere; at depth d it covers r · this pixels.
 */
export function perspectiveScale(view: View, depth: number, reference: number): number {
  return view.orthographic ? 1 : reference / Math.max(depth, 1e-9);
}

/** The world point at a screen position and depth: the inverse of `project`. */
export function unproject(view: View, x: number, y: number, depth: number): Vec3 {
  const s = view.orthographic ? view.focal : view.focal / depth;
  const vx = (x - view.cx) / s;
  const vy = -(y - view.cy) / s;
  const {eye, right, up, forward} = view;
  return [
    eye[0] + vx * right[0] + vy * up[0] + depth * forward[0],
    eye[1] + vx * right[1] + vy * up[1] + depth * forward[1],
    eye[2] + vx * right[2] + vy * up[2] + depth * forward[2],
  ];
}

/** Where a world point is drawn, for a camera and a viewport (used by scenes and render tests). */
export function screenPosition(camera: OrbitCamera, viewport: Viewport, p: Vec3): ScreenPoint {
  return project(makeView(camera, viewport), p);
}

export function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

export function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

export function normalize(a: Vec3): Vec3 {
  const n = Math.hypot(a[0], a[1], a[2]);
  return [a[0] / n, a[1] / n, a[2] / n];
}
