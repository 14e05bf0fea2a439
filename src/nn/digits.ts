/**
 * A seeded synthetic handwritten-digit set, made from nothing downloaded: each digit 0–9 is a
 * few pen strokes (polylines and cubic Bézier curves in a unit glyph box), and every sample
 * moves the pen by a random affine map (rotation, scale, shear, shift), a random stroke width and
 * pressure, then is rasterised with anti-aliasing (supersampled coverage) into a small grey image
 * in [0, 1] with a little pixel noise. Like scikit-learn's 8×8 digits, but reproducible from a seed.
 */
import {gaussian, mulberry32, uniform, type Rng} from '../math/random';
import type {Dataset} from './datasets';

type Point = readonly [number, number];

/** A pen stroke: a polyline through its points, or a chain of cubic Béziers (p0 c c p1 c c p2 …). */
export type Stroke = {kind: 'line'; points: Point[]} | {kind: 'bezier'; points: Point[]};

/** An ellipse arc from angle a0 to a1 (radians, y down, 0 = right), as a polyline stroke. */
function arc(cx: number, cy: number, rx: number, ry: number, a0: number, a1: number, n = 24): Stroke {
  const points: Point[] = [];
  for (let k = 0; k <= n; k++) {
    const a = a0 + ((a1 - a0) * k) / n;
    points.push([cx + rx * Math.cos(a), cy + ry * Math.sin(a)]);
  }
  return {kind: 'line', points};
}
const line = (...points: Point[]): Stroke => ({kind: 'line', points});
const bezier = (...points: Point[]): Stroke => ({kind: 'bezier', points});
const TAU = 2 * Math.PI;

/**
 * The ten glyphs in a unit box (x right, y down, both in [0, 1]; glyphs are about 0.6 wide).
 * They are drawn into the middle of the image, so a glyph spans about 6 of 8 pixels in height.
 */
export const DIGIT_STROKES: readonly (readonly Stroke[])[] = [
  [arc(0.5, 0.5, 0.3, 0.48, 0, TAU, 32)],
  [line([0.32, 0.2], [0.55, 0.02], [0.55, 1])],
  [
    bezier([0.2, 0.22], [0.25, -0.05], [0.85, -0.05], [0.78, 0.3], [0.72, 0.55], [0.35, 0.75], [0.18, 0.98]),
    line([0.18, 0.98], [0.85, 0.98]),
  ],
  [bezier([0.2, 0.08], [0.6, -0.1], [0.95, 0.4], [0.42, 0.48], [0.95, 0.52], [0.75, 1.1], [0.18, 0.92])],
  [line([0.62, 1], [0.62, 0.02], [0.15, 0.68], [0.88, 0.68])],
  [
    line([0.8, 0.03], [0.28, 0.03], [0.24, 0.44]),
    bezier([0.24, 0.44], [0.7, 0.3], [0.95, 0.6], [0.75, 0.85], [0.6, 1.02], [0.3, 1.0], [0.18, 0.88]),
  ],
  [bezier([0.75, 0.05], [0.4, 0.1], [0.2, 0.4], [0.22, 0.72]), arc(0.5, 0.72, 0.28, 0.26, Math.PI, Math.PI + TAU, 28)],
  [line([0.15, 0.03], [0.85, 0.03], [0.4, 1])],
  [arc(0.5, 0.26, 0.24, 0.23, 0, TAU, 24), arc(0.5, 0.73, 0.3, 0.26, -Math.PI / 2, 1.5 * Math.PI, 28)],
  [arc(0.48, 0.3, 0.28, 0.27, 0, TAU, 28), bezier([0.76, 0.3], [0.78, 0.6], [0.7, 0.85], [0.6, 1])],
];

/** How much each sample varies; every field is a half-range or a standard deviation. */
export interface DigitStyle {
  /** Image side in pixels. */
  size: number;
  /** Glyph height as a fraction of the image side. */
  height: number;
  /** Maximum rotation, radians. */
  rotate: number;
  /** Scale drawn from [1 − scale, 1 + scale], separately along x and y. */
  scale: number;
  /** Maximum horizontal shear. */
  shear: number;
  /** Maximum shift, as a fraction of the image side. */
  shift: number;
  /** Stroke width range, in pixels. */
  width: readonly [number, number];
  /** Ink darkness range (pen pressure), the value of a fully covered pixel. */
  ink: readonly [number, number];
  /** Standard deviation of the Gaussian pixel noise (values are clamped to [0, 1]). */
  noise: number;
  /** Supersamples per pixel side, for anti-aliasing. */
  supersample: number;
}

export const DEFAULT_STYLE: DigitStyle = {
  size: 8,
  height: 0.74,
  rotate: 0.25,
  scale: 0.15,
  shear: 0.3,
  shift: 0.08,
  width: [0.8, 1.35],
  ink: [0.8, 1],
  noise: 0.06,
  supersample: 4,
};

/** Points of a stroke, its Béziers flattened into short segments. */
function flatten(stroke: Stroke, perCurve = 10): Point[] {
  if (stroke.kind === 'line') return stroke.points;
  const p = stroke.points;
  const out: Point[] = [p[0]];
  for (let k = 0; k + 3 < p.length; k += 3) {
    for (let s = 1; s <= perCurve; s++) {
      const t = s / perCurve;
      const u = 1 - t;
      const [b0, b1, b2, b3] = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
      out.push([
        b0 * p[k][0] + b1 * p[k + 1][0] + b2 * p[k + 2][0] + b3 * p[k + 3][0],
        b0 * p[k][1] + b1 * p[k + 1][1] + b2 * p[k + 2][1] + b3 * p[k + 3][1],
      ]);
    }
  }
  return out;
}

/** Every glyph's strokes flattened once: polylines in the unit box. */
const GLYPHS: Point[][][] = DIGIT_STROKES.map(strokes => strokes.map(s => flatten(s)));

/** A 2×3 affine map [a b c; d e f]: (x, y) → (a x + b y + c, d x + e y + f). */
type Affine = readonly [number, number, number, number, number, number];

/** The random pen pose of one sample, mapping the unit glyph box into pixel coordinates. */
function jitter(rng: Rng, style: DigitStyle): Affine {
  const S = style.size;
  const h = style.height * S;
  const angle = uniform(rng, -style.rotate, style.rotate);
  const sx = h * uniform(rng, 1 - style.scale, 1 + style.scale);
  const sy = h * uniform(rng, 1 - style.scale, 1 + style.scale);
  const shear = uniform(rng, -style.shear, style.shear);
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  // Centre the glyph, scale, shear (x += shear·y), rotate, then shift to the image centre plus jitter.
  const [a0, b0, d0, e0] = [sx, shear * sy, 0, sy];
  const [a, b, d, e] = [cos * a0 - sin * d0, cos * b0 - sin * e0, sin * a0 + cos * d0, sin * b0 + cos * e0];
  const cx = S / 2 + uniform(rng, -style.shift, style.shift) * S;
  const cy = S / 2 + uniform(rng, -style.shift, style.shift) * S;
  return [a, b, cx - 0.5 * a - 0.5 * b, d, e, cy - 0.5 * d - 0.5 * e];
}

/** Squared distance from (px, py) to the segment (ax, ay)–(bx, by). */
function segmentDistance2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const [dx, dy] = [bx - ax, by - ay];
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const [qx, qy] = [ax + t * dx - px, ay + t * dy - py];
  return qx * qx + qy * qy;
}

/**
 * Rasterises polylines (pixel coordinates) drawn with a round pen of the given width: each pixel
 * is the fraction of its k×k supersamples within width/2 of a stroke, times the ink value.
 * Each segment only visits the supersamples inside its own bounding box, so the cost grows
 * with the ink, not with segments × pixels.
 */
export function rasterise(
  polylines: readonly (readonly Point[])[],
  size: number,
  width: number,
  ink = 1,
  supersample = 4,
): Float64Array {
  const k = supersample;
  const n = size * k; // supersamples per side
  const hit = new Uint8Array(n * n);
  const r = width / 2;
  const r2 = r * r;
  for (const pts of polylines)
    for (let s = 0; s + 1 < pts.length; s++) {
      const [[ax, ay], [bx, by]] = [pts[s], pts[s + 1]];
      // Supersample (i, j) sits at ((j + ½)/k, (i + ½)/k) in pixel units.
      const j0 = Math.max(0, Math.ceil((Math.min(ax, bx) - r) * k - 0.5));
      const j1 = Math.min(n - 1, Math.floor((Math.max(ax, bx) + r) * k - 0.5));
      const i0 = Math.max(0, Math.ceil((Math.min(ay, by) - r) * k - 0.5));
      const i1 = Math.min(n - 1, Math.floor((Math.max(ay, by) + r) * k - 0.5));
      for (let i = i0; i <= i1; i++)
        for (let j = j0; j <= j1; j++)
          if (!hit[i * n + j] && segmentDistance2((j + 0.5) / k, (i + 0.5) / k, ax, ay, bx, by) <= r2)
            hit[i * n + j] = 1;
    }
  const image = new Float64Array(size * size);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      if (hit[i * n + j]) image[Math.floor(i / k) * size + Math.floor(j / k)] += ink / (k * k);
  return image;
}

/** One sample of a digit: a size×size grey image, row-major, values in [0, 1] (1 = ink). */
export function drawDigit(digit: number, rng: Rng, style: DigitStyle = DEFAULT_STYLE): Float64Array {
  if (!Number.isInteger(digit) || digit < 0 || digit > 9) throw new Error(`drawDigit: digit must be 0–9, got ${digit}`);
  const [a, b, c, d, e, f] = jitter(rng, style);
  const polylines = GLYPHS[digit].map(pts => pts.map(([x, y]): Point => [a * x + b * y + c, d * x + e * y + f]));
  const width = uniform(rng, style.width[0], style.width[1]);
  const ink = uniform(rng, style.ink[0], style.ink[1]);
  const image = rasterise(polylines, style.size, width, ink, style.supersample);
  for (let i = 0; i < image.length; i++) image[i] = Math.min(1, Math.max(0, image[i] + style.noise * gaussian(rng)));
  return image;
}

/**
 * n samples from one seed, labels cycling 0, 1, …, 9 (so the classes are balanced) with
 * one-hot targets for a softmax classifier.
 */
export function digitSet(seed: number, n: number, style: DigitStyle = DEFAULT_STYLE): Dataset {
  const rng = mulberry32(seed);
  const inputDim = style.size * style.size;
  const inputs = new Float64Array(n * inputDim);
  const targets = new Float64Array(n * 10);
  const labels = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    const digit = s % 10;
    inputs.set(drawDigit(digit, rng, style), s * inputDim);
    targets[s * 10 + digit] = 1;
    labels[s] = digit;
  }
  return {n, inputDim, targetDim: 10, inputs, targets, labels};
}

export interface DigitSplits {
  train: Dataset;
  test: Dataset;
}

/** Train and test sets drawn from two seeds derived from one, so they never share a sample. */
export function digitSplits(
  seed: number,
  nTrain: number,
  nTest: number,
  style: DigitStyle = DEFAULT_STYLE,
): DigitSplits {
  return {train: digitSet(seed * 2 + 1, nTrain, style), test: digitSet(seed * 2 + 2, nTest, style)};
}

/** Sample s of a dataset as its own row (a view, not a copy). */
export function sampleOf(data: Dataset, s: number): Float64Array {
  return data.inputs.subarray(s * data.inputDim, (s + 1) * data.inputDim);
}
