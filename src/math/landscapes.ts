import type {Grid} from './grid';
import type {Objective} from './optimizers';

/** An axis-aligned rectangle of the (x, y) plane. */
export interface Bounds {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/**
 * Height at (x, y). When `grad` is given, the exact gradient
 * [∂f/∂x, ∂f/∂y] is written into grad[0], grad[1].
 */
export type HeightFn = (x: number, y: number, grad?: Float64Array) => number;

/** A function of two variables with an exact gradient, and where to look at it. */
export interface Landscape {
  readonly name: string;
  readonly bounds: Bounds;
  readonly value: HeightFn;
  /** Optional fast path for grid sampling with gradients; must equal sampling `value`. */
  readonly sampleGrid?: (bounds: Bounds, nx: number, ny: number) => Grid;
}

/** The landscape as an optimizer objective over params = [x, y]. */
export function asObjective(landscape: Landscape): Objective {
  return (params, gradOut) => landscape.value(params[0], params[1], gradOut);
}

export interface BowlOptions {
  /** Ratio of the largest to the smallest curvature, λmax / λmin ≥ 1. */
  condition: number;
  /** Curvature λmin along the gentle axis. Default 1. */
  scale?: number;
  /** Rotation of the principal axes, radians. Default 0. */
  angle?: number;
  center?: [number, number];
  bounds?: Bounds;
}

/**
 * f = ½(λmin·u² + λmax·v²), where (u, v) are (x, y) − center rotated by −angle.
 * Gradient descent with step lr contracts along each axis by |1 − lr·λ|.
 */
export function quadraticBowl(opts: BowlOptions): Landscape {
  const lo = opts.scale ?? 1;
  const hi = lo * opts.condition;
  const [cx, cy] = opts.center ?? [0, 0];
  const c = Math.cos(opts.angle ?? 0);
  const s = Math.sin(opts.angle ?? 0);
  return {
    name: `bowl(κ=${opts.condition})`,
    bounds: opts.bounds ?? {xMin: cx - 2, xMax: cx + 2, yMin: cy - 2, yMax: cy + 2},
    value(x, y, grad) {
      const dx = x - cx;
      const dy = y - cy;
      const u = c * dx + s * dy;
      const v = -s * dx + c * dy;
      if (grad) {
        // ∇ = R(angle)·(λmin·u, λmax·v)
        grad[0] = c * lo * u - s * hi * v;
        grad[1] = s * lo * u + c * hi * v;
      }
      return 0.5 * (lo * u * u + hi * v * v);
    },
  };
}

/** Rosenbrock's banana valley (a − x)² + b(y − x²)², minimum 0 at (a, a²). */
export function rosenbrock(a = 1, b = 100): Landscape {
  return {
    name: 'rosenbrock',
    bounds: {xMin: -2, xMax: 2, yMin: -1, yMax: 3},
    value(x, y, grad) {
      const p = a - x;
      const q = y - x * x;
      if (grad) {
        grad[0] = -2 * p - 4 * b * x * q;
        grad[1] = 2 * b * q;
      }
      return p * p + b * q * q;
    },
  };
}

/** Himmelblau's function (x² + y − 11)² + (x + y² − 7)², four minima of height 0. */
export function himmelblau(): Landscape {
  return {
    name: 'himmelblau',
    bounds: {xMin: -5, xMax: 5, yMin: -5, yMax: 5},
    value(x, y, grad) {
      const p = x * x + y - 11;
      const q = x + y * y - 7;
      if (grad) {
        grad[0] = 4 * x * p + 2 * q;
        grad[1] = 2 * p + 4 * y * q;
      }
      return p * p + q * q;
    },
  };
}

/**
 * The loss of the line y = k1·x + k2 on data points, as a landscape over (k1, k2):
 * L(k1, k2) = Σ (k1·xᵢ + k2 − yᵢ)², with ∂L/∂k1 = Σ 2rᵢxᵢ and ∂L/∂k2 = Σ 2rᵢ.
 */
export function lineFitBowl(xs: ArrayLike<number>, ys: ArrayLike<number>, bounds?: Bounds): Landscape {
  if (xs.length !== ys.length || xs.length === 0) {
    throw new Error('lineFitBowl: xs and ys must be non-empty and the same length');
  }
  // L is quadratic, so a handful of sums evaluate it in O(1) for any (k1, k2):
  // L = k1²Σx² + 2k1k2Σx + n·k2² − 2k1Σxy − 2k2Σy + Σy².
  let n = 0,
    sx = 0,
    sy = 0,
    sxx = 0,
    sxy = 0,
    syy = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const y = ys[i];
    n += 1;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
    syy += y * y;
  }
  return {
    name: 'line-fit loss',
    bounds: bounds ?? {xMin: -3, xMax: 3, yMin: -3, yMax: 3},
    value(k1, k2, grad) {
      if (grad) {
        grad[0] = 2 * (k1 * sxx + k2 * sx - sxy);
        grad[1] = 2 * (k1 * sx + n * k2 - sy);
      }
      return k1 * k1 * sxx + 2 * k1 * k2 * sx + n * k2 * k2 - 2 * k1 * sxy - 2 * k2 * sy + syy;
    },
  };
}
