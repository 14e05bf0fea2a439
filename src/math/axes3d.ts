import {toWorld, type SurfaceBox} from './mesh';
import {project, type ScreenPoint, type Vec3, type View} from './projection';

/**
 * 3D axes for a surface's box, in domain coordinates (x, y, height), matplotlib-style: the x axis
 * runs along one y edge of the floor, the y axis along one x edge, the z axis stands at the corner
 * left between them. Everything is geometry for the painter: lines, ticks and the floor grid are
 * drawn as overlays (depth-sorted with the faces), the labels at anchors projected from here.
 */
export type Axis3 = 'x' | 'y' | 'z';

export interface Axes3DInput {
  /** Tick values per axis, in domain units (an empty list draws no ticks). */
  ticks: Record<Axis3, readonly number[]>;
  /** Which floor edges carry the axes: y of the x axis, x of the y axis (domain units). */
  xAxisAt: number;
  yAxisAt: number;
  /** Tick length in world units, pointing away from the box. */
  tick: number;
  /** How far the floor axes sit outside the box, in world units (clear of the surface's edge). */
  margin: number;
  /** Lines of the floor grid at the x and y ticks. */
  grid: boolean;
}

export interface Tick3D {
  axis: Axis3;
  value: number;
  /** On the axis, and the tick's outer end: domain points. */
  base: Vec3;
  tip: Vec3;
}

export interface Axes3DGeometry {
  lines: {axis: Axis3; from: Vec3; to: Vec3}[];
  ticks: Tick3D[];
  grid: [Vec3, Vec3][];
  /** Where each axis's name goes: the middle of a floor axis and the top of the z axis, pushed out like a tick. */
  names: Record<Axis3, {base: Vec3; tip: Vec3}>;
}

/**
 * The floor edges nearer the camera: the x axis on the y edge facing the eye, the y axis on the
 * x edge facing it, so both stay in front of the surface. (Recomputed while the camera orbits,
 * the axes jump edge when the eye crosses a diagonal; pin `xAxisAt`/`yAxisAt` for an orbit.)
 */
export function nearEdges(box: SurfaceBox, view: View): {xAxisAt: number; yAxisAt: number} {
  const d = view.orthographic ? [-view.forward[0], -view.forward[1]] : [view.eye[0], view.eye[1]];
  const b = box.bounds;
  return {xAxisAt: d[1] < 0 ? b.yMin : b.yMax, yAxisAt: d[0] > 0 ? b.xMax : b.xMin};
}

/** Lines, ticks, floor grid and label anchors of the axes, all in domain coordinates. */
export function axes3d(box: SurfaceBox, input: Axes3DInput): Axes3DGeometry {
  const b = box.bounds;
  const floor = box.zMin;
  // World offsets converted to domain units along x and y.
  const ux = (b.xMax - b.xMin) / (2 * box.halfX);
  const uy = (b.yMax - b.yMin) / (2 * box.halfY);
  // Outward signs: the x axis's ticks point away from the box in y, the y axis's in x.
  const sy = input.xAxisAt <= (b.yMin + b.yMax) / 2 ? -1 : 1;
  const sx = input.yAxisAt <= (b.xMin + b.xMax) / 2 ? -1 : 1;
  const xLine = input.xAxisAt + sy * input.margin * uy;
  const yLine = input.yAxisAt + sx * input.margin * ux;
  // The z axis stands at the corner the two floor axes leave free: the other x bound, on the x axis's edge.
  const zx = (sx > 0 ? b.xMin : b.xMax) - sx * input.margin * ux;
  const zy = xLine;
  const top = box.zMax;
  const tk = input.tick;
  const lines: Axes3DGeometry['lines'] = [
    {axis: 'x', from: [b.xMin, xLine, floor], to: [b.xMax, xLine, floor]},
    {axis: 'y', from: [yLine, b.yMin, floor], to: [yLine, b.yMax, floor]},
    {axis: 'z', from: [zx, zy, floor], to: [zx, zy, top]},
  ];
  const ticks: Tick3D[] = [];
  for (const v of input.ticks.x)
    ticks.push({axis: 'x', value: v, base: [v, xLine, floor], tip: [v, xLine + sy * tk * uy, floor]});
  for (const v of input.ticks.y)
    ticks.push({axis: 'y', value: v, base: [yLine, v, floor], tip: [yLine + sx * tk * ux, v, floor]});
  // z ticks point away from the box along x (the z axis's corner is on the −sx side).
  for (const v of input.ticks.z) ticks.push({axis: 'z', value: v, base: [zx, zy, v], tip: [zx - sx * tk * ux, zy, v]});
  const grid: [Vec3, Vec3][] = [];
  if (input.grid) {
    for (const v of input.ticks.x)
      grid.push([
        [v, b.yMin, floor],
        [v, b.yMax, floor],
      ]);
    for (const v of input.ticks.y)
      grid.push([
        [b.xMin, v, floor],
        [b.xMax, v, floor],
      ]);
  }
  const mx = (b.xMin + b.xMax) / 2;
  const my = (b.yMin + b.yMax) / 2;
  const names: Axes3DGeometry['names'] = {
    x: {base: [mx, xLine, floor], tip: [mx, xLine + sy * tk * uy, floor]},
    y: {base: [yLine, my, floor], tip: [yLine + sx * tk * ux, my, floor]},
    z: {base: [zx, zy, floor], tip: [zx, zy, top]},
  };
  return {lines, ticks, grid, names};
}

/**
 * Where a label of size w × h goes beyond a tick: its centre on the screen line from the tick's
 * base through its tip, `gap` pixels past the tip plus half the label's extent in that direction,
 * so the label's near side clears the tick end by `gap` whichever way the tick points on screen.
 */
export function labelCenter(
  view: View,
  box: SurfaceBox,
  base: Vec3,
  tip: Vec3,
  gap: number,
  w: number,
  h: number,
): ScreenPoint {
  const p = project(view, toWorld(box, base[0], base[1], base[2]));
  const q = project(view, toWorld(box, tip[0], tip[1], tip[2]));
  const len = Math.hypot(q.x - p.x, q.y - p.y);
  const [dx, dy] = len > 1e-9 ? [(q.x - p.x) / len, (q.y - p.y) / len] : [0, 1];
  // Distance from the centre of a w × h box to its edge along (dx, dy).
  const reach = Math.min(
    Math.abs(dx) > 1e-9 ? w / 2 / Math.abs(dx) : Infinity,
    Math.abs(dy) > 1e-9 ? h / 2 / Math.abs(dy) : Infinity,
  );
  const r = gap + reach;
  return {x: q.x + dx * r, y: q.y + dy * r, depth: q.depth};
}

/** A label's screen box: centre and size in pixels. */
export interface LabelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Which labels to show so that none overlap: greedily, in priority order (earlier wins),
 * keeping a label only if it stays `pad` pixels clear of every kept one.
 */
export function keepClear(boxes: readonly LabelBox[], pad: number): boolean[] {
  const kept: LabelBox[] = [];
  return boxes.map(b => {
    const clear = kept.every(
      k =>
        Math.abs(b.x - k.x) * 2 >= b.width + k.width + 2 * pad ||
        Math.abs(b.y - k.y) * 2 >= b.height + k.height + 2 * pad,
    );
    if (clear) kept.push(b);
    return clear;
  });
}
