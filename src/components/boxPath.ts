import type {Vector2} from '@motion-canvas/core';

/** The outline of a node's box, centred on its origin, corners rounded by `radius`: the path of panel-like shapes. */
export function boxPath({width, height}: Vector2, radius = 0): Path2D {
  const path = new Path2D();
  const r = Math.max(0, Math.min(radius, Math.abs(width) / 2, Math.abs(height) / 2));
  if (r > 0) path.roundRect(-width / 2, -height / 2, width, height, r);
  else path.rect(-width / 2, -height / 2, width, height);
  return path;
}
