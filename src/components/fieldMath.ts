/**
 * The colour map of a decision field. Sampling and the boundary contour come from the
 * engine (src/math/grid.ts sampleGrid, src/math/contours.ts contourLines); this file only
 * turns probabilities into pixels.
 */
import {colorAt} from '../math/colormap';
import type {Grid} from '../math/grid';
import {hexToRgb, mixRgb, type Rgb} from './colorMath';
import {colors} from './theme';

/** A classifier's probability of the positive class at (x, y), in [0, 1]. */
export type Classifier = (x: number, y: number) => number;

/** How far the heat map moves from the background towards a class colour at p = 0 or 1. */
export const FIELD_STRENGTH = 0.8;

/**
 * Heat-map colour for probability p: the background at p = ½, blending towards
 * `classPositive` as p → 1 and `classNegative` as p → 0.
 */
export function fieldColor(p: number): Rgb {
  const bg = hexToRgb(colors.background);
  if (!Number.isFinite(p)) return bg;
  const stops = [
    mixRgb(bg, hexToRgb(colors.classNegative), FIELD_STRENGTH),
    bg,
    mixRgb(bg, hexToRgb(colors.classPositive), FIELD_STRENGTH),
  ];
  return colorAt(stops, p);
}

/**
 * RGBA bytes of the heat map of a sampled grid, for ImageData: one pixel per sample,
 * image row 0 holding the top samples (largest y), since grid row 0 is the bottom.
 */
export function fieldPixels(grid: Grid): Uint8ClampedArray<ArrayBuffer> {
  const {nx, ny, z} = grid;
  const out = new Uint8ClampedArray(nx * ny * 4);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const [r, g, b] = fieldColor(z[j * nx + i]);
      const k = 4 * ((ny - 1 - j) * nx + i);
      out[k] = r;
      out[k + 1] = g;
      out[k + 2] = b;
      out[k + 3] = 255;
    }
  }
  return out;
}
