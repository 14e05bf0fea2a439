import type {Bounds, HeightFn, Landscape} from './landscapes';

/**
 * Samples of z = f(x, y) on a regular nx × ny lattice covering the bounds, corners included.
 * Row-major: sample (i, j) sits at index j·nx + i, x = xAt(i), y = yAt(j).
 */
export interface Grid {
  nx: number;
  ny: number;
  bounds: Bounds;
  z: Float64Array;
  /** ∂f/∂x and ∂f/∂y per sample, when sampled with gradients. */
  gx?: Float64Array;
  gy?: Float64Array;
  zMin: number;
  zMax: number;
}

export function sampleGrid(f: HeightFn, bounds: Bounds, nx: number, ny: number, withGradient = false): Grid {
  if (nx < 2 || ny < 2) throw new Error('sampleGrid: need at least 2 × 2 samples');
  const z = new Float64Array(nx * ny);
  const gx = withGradient ? new Float64Array(nx * ny) : undefined;
  const gy = withGradient ? new Float64Array(nx * ny) : undefined;
  const g = new Float64Array(2);
  const dx = (bounds.xMax - bounds.xMin) / (nx - 1);
  const dy = (bounds.yMax - bounds.yMin) / (ny - 1);
  let zMin = Infinity;
  let zMax = -Infinity;
  for (let j = 0, k = 0; j < ny; j++) {
    const y = bounds.yMin + j * dy;
    for (let i = 0; i < nx; i++, k++) {
      const v = f(bounds.xMin + i * dx, y, gx ? g : undefined);
      z[k] = v;
      if (gx && gy) {
        gx[k] = g[0];
        gy[k] = g[1];
      }
      if (v < zMin) zMin = v;
      if (v > zMax) zMax = v;
    }
  }
  return {nx, ny, bounds, z, gx, gy, zMin, zMax};
}

/** A landscape and its gradient on an nx × ny grid over its bounds, by its fast path if it has one. */
export function sampleLandscape(l: Landscape, nx: number, ny: number, bounds: Bounds = l.bounds): Grid {
  return l.sampleGrid ? l.sampleGrid(bounds, nx, ny) : sampleGrid(l.value, bounds, nx, ny, true);
}

export function gridX(grid: Grid, i: number): number {
  return grid.bounds.xMin + (i * (grid.bounds.xMax - grid.bounds.xMin)) / (grid.nx - 1);
}

export function gridY(grid: Grid, j: number): number {
  return grid.bounds.yMin + (j * (grid.bounds.yMax - grid.bounds.yMin)) / (grid.ny - 1);
}
