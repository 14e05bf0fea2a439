/** An sRGB colour as three 0–255 channels. */
export type Rgb = readonly [number, number, number];

/** '#rrggbb' → [r, g, b]. */
export function hexToRgb(hex: string): Rgb {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`hexToRgb: expected #rrggbb, got "${hex}"`);
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Linear blend of two colours: t = 0 gives a, t = 1 gives b (t is clamped). */
export function mixRgb(a: Rgb, b: Rgb, t: number): Rgb {
  const s = Math.min(1, Math.max(0, t));
  return [a[0] + (b[0] - a[0]) * s, a[1] + (b[1] - a[1]) * s, a[2] + (b[2] - a[2]) * s];
}

/** [r, g, b] → 'rgb(r, g, b)' with rounded channels, for canvas styles. */
export function rgbToCss(c: Rgb): string {
  return `rgb(${Math.round(c[0])}, ${Math.round(c[1])}, ${Math.round(c[2])})`;
}

/** Blend two '#rrggbb' colours into a CSS colour string. */
export function mixHex(a: string, b: string, t: number): string {
  return rgbToCss(mixRgb(hexToRgb(a), hexToRgb(b), t));
}
