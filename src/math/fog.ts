import {project, type Vec3, type View} from './projection';

/**
 * How much fog covers something at a distance: 0 up to `near`, 1 from `far` on,
 * smooth (smoothstep) in between, so the fog has no visible edge.
 */
export function fogAmount(distance: number, near: number, far: number): number {
  if (far <= near) return distance < near ? 0 : 1;
  const t = Math.min(Math.max((distance - near) / (far - near), 0), 1);
  return t * t * (3 - 2 * t);
}

/**
 * Fog around a walker: clear within radius − softness of the centre, opaque beyond radius.
 */
export function radialFog(distanceFromCenter: number, radius: number, softness: number): number {
  return fogAmount(distanceFromCenter, radius - softness, radius);
}

/**
 * The clearing on screen: the image of the horizontal circle of radius r around a world point,
 * as its centre and the images of the world x and y radius vectors (an ellipse, to first order).
 */
export interface ClearingEllipse {
  cx: number;
  cy: number;
  ax: number;
  ay: number;
  bx: number;
  by: number;
}

export function clearingEllipse(view: View, center: Vec3, r: number): ClearingEllipse {
  const at = (dx: number, dy: number) => project(view, [center[0] + dx, center[1] + dy, center[2]]);
  const o = at(0, 0);
  const px = at(r, 0),
    nx = at(-r, 0),
    py = at(0, r),
    ny = at(0, -r);
  return {
    cx: o.x,
    cy: o.y,
    ax: (px.x - nx.x) / 2,
    ay: (px.y - nx.y) / 2,
    bx: (py.x - ny.x) / 2,
    by: (py.y - ny.y) / 2,
  };
}
