/** A colour as red, green, blue in 0–255 (the same shape as components/colorMath's Rgb). */
export type Rgb = readonly [number, number, number];

/** The colour at t ∈ [0, 1] of evenly spaced stops, linearly interpolated (t is clamped). */
export function colorAt(stops: readonly Rgb[], t: number): [number, number, number] {
  if (stops.length === 1) return [stops[0][0], stops[0][1], stops[0][2]];
  const u = Math.min(Math.max(t, 0), 1) * (stops.length - 1);
  const i = Math.min(Math.floor(u), stops.length - 2);
  const s = u - i;
  const a = stops[i];
  const b = stops[i + 1];
  return [a[0] + (b[0] - a[0]) * s, a[1] + (b[1] - a[1]) * s, a[2] + (b[2] - a[2]) * s];
}
