import type {Bounds} from '../math/landscapes';

/** Screen pixels between neighbouring samples when a ContourMap samples its function itself. */
export const DEFAULT_SAMPLE_SPACING = 3;

/**
 * The size the domain is drawn at inside a `width` × `height` node: the whole node, or with equal
 * units on both axes (a 20 × 6 domain stays 20:6), as large as fits and centred.
 */
export function plotSize(width: number, height: number, bounds: Bounds, equalAspect: boolean): [number, number] {
  if (!equalAspect) return [width, height];
  const scale = Math.min(width / (bounds.xMax - bounds.xMin), height / (bounds.yMax - bounds.yMin));
  return [scale * (bounds.xMax - bounds.xMin), scale * (bounds.yMax - bounds.yMin)];
}

/** Samples along a side `pixels` long so that neighbours are at most `spacing` pixels apart (at least 2). */
export function samplesFor(pixels: number, spacing = DEFAULT_SAMPLE_SPACING): number {
  return Math.max(2, Math.ceil(Math.abs(pixels) / Math.max(spacing, 0.5)) + 1);
}
