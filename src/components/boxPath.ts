import type {Vector2} from '@motion-canvas/core';

/** The outline of a node's box, centred on its origin: the path of panel-like shapes. */
export function boxPath({width, height}: Vector2): Path2D {
  const path = new Path2D();
  path.rect(-width / 2, -height / 2, width, height);
  return path;
}
