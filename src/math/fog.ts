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
