/**
 * Colours and layout of pixel grids, weight heatmaps and probability bars. Pure, so tests can
 * predict the pixels a frame must show.
 */
import type {Pair} from './axisMath';
import {hexToRgb, mixRgb, type Rgb} from './colorMath';
import {colors, sizes} from './theme';

/** A grey level for an image value in [0, 1]: 0 is black, 1 is white (ink is bright on the dark background). */
export function greyColor(v: number): Rgb {
  const g = 255 * Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0));
  return [g, g, g];
}

/**
 * TensorFlow Playground's diverging map for a weight: `neuronOff` at 0, towards `weightPositive`
 * (blue) as w → +scale and `weightNegative` (orange) as w → −scale, saturating beyond.
 */
export function divergingColor(w: number, scale: number): Rgb {
  const off = hexToRgb(colors.neuronOff);
  if (!Number.isFinite(w) || scale <= 0) return off;
  return mixRgb(off, hexToRgb(w >= 0 ? colors.weightPositive : colors.weightNegative), Math.abs(w) / scale);
}

/** Text that reads on a cell of a given colour: dark on light cells, light on dark ones. */
export function inkOn([r, g, b]: Rgb): string {
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 140 ? colors.background : colors.text;
}

/**
 * Centre of cell k of a grid with `columns` columns and `count` cells, in local pixels, centred
 * on the origin; `pitch` is the distance between neighbouring cell centres.
 */
export function gridCellCenter(k: number, count: number, columns: number, pitch: number): Pair {
  const rows = Math.ceil(count / columns);
  const [row, col] = [Math.floor(k / columns), k % columns];
  return [(col - (columns - 1) / 2) * pitch, (row - (rows - 1) / 2) * pitch];
}

/** Centre of entry k of a vertical column of `count` entries, `pitch` apart, centred on `[x, 0]`. */
export function columnCellCenter(k: number, count: number, x: number, pitch: number): Pair {
  return [x, (k - (count - 1) / 2) * pitch];
}

/** Bar k of a row of n probability bars, in the bars' local pixels. */
export interface BarGeometry {
  /** The bar's rectangle [x, y, width, height], base at 0 along the growth axis. */
  rect: [number, number, number, number];
  /** The centre of the bar's free end (its top when vertical). */
  tip: Pair;
  /** Where the bar's label sits, across the base line from the bar. */
  label: Pair;
}

/**
 * Bars spread along a row `length` long (x when vertical, y top to bottom otherwise), each
 * `p · maxBar` long from a base line through the origin, up (vertical) or to the right.
 */
export function barGeometry(
  k: number,
  n: number,
  p: number,
  length: number,
  maxBar: number,
  vertical: boolean,
  labelGap: number,
): BarGeometry {
  const pitch = length / n;
  const center = -length / 2 + pitch * (k + 0.5);
  const thickness = pitch * 0.62;
  const h = Math.max(0, Math.min(1, Number.isFinite(p) ? p : 0)) * maxBar;
  return vertical
    ? {rect: [center - thickness / 2, -h, thickness, h], tip: [center, -h], label: [center, labelGap]}
    : {rect: [0, center - thickness / 2, h, thickness], tip: [h, center], label: [-labelGap, center]};
}

/** An axis-aligned box [x, y, width, height] in local pixels. */
export type Box = [number, number, number, number];

/** The smallest box holding every given box. */
export function unionBox(...boxes: Box[]): Box {
  const x0 = Math.min(...boxes.map(b => b[0]));
  const y0 = Math.min(...boxes.map(b => b[1]));
  const x1 = Math.max(...boxes.map(b => b[0] + b[2]));
  const y1 = Math.max(...boxes.map(b => b[1] + b[3]));
  return [x0, y0, x1 - x0, y1 - y0];
}

/**
 * Everything a pixel grid can paint: the grid with its frame, and the column it flattens into.
 * Cells in flight move on straight lines between the two and never outgrow the larger cell,
 * so the union of both holds them too. Motion Canvas caches a node that fades (opacity < 1)
 * in this box, so a box too small would cut the picture while it fades.
 */
export function pixelGridBounds(
  count: number,
  columns: number,
  pitch: number,
  frame: number,
  columnX: number,
  columnPitch: number,
  columnCell: number,
): Box {
  const rows = Math.ceil(count / Math.max(1, columns));
  const [w, h] = [columns * pitch + 2 * frame, rows * pitch + 2 * frame];
  const grid: Box = [-w / 2, -h / 2, w, h];
  if (count === 0) return grid;
  const cell = Math.max(columnCell, pitch);
  const tall = (count - 1) * columnPitch + cell;
  return unionBox(grid, [columnX - cell / 2, -tall / 2, cell, tall]);
}

/**
 * Everything a row of probability bars can paint: bars up to `maxBar` long, their labels across the
 * base line (`labelChars` wide at most) and the percentage past the longest bar.
 */
export function barsBounds(
  length: number,
  maxBar: number,
  vertical: boolean,
  fontSize: number,
  labelGap: number,
  labelChars: number,
): Box {
  const em = 0.62 * fontSize; // JetBrains Mono's advance
  const label = labelGap + labelChars * em;
  const percent = sizes.space.s + fontSize * 1.2;
  if (vertical) {
    const half = Math.max(length / 2, (labelChars * em) / 2, 3.5 * em);
    return [-half, -(maxBar + percent), 2 * half, maxBar + percent + labelGap + fontSize];
  }
  const half = Math.max(length / 2, fontSize);
  return [-label, -half, label + maxBar + sizes.space.s + 7 * em, 2 * half];
}
