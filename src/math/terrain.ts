import type {Grid} from './grid';
import type {Bounds, Landscape} from './landscapes';
import {mulberry32, type Rng} from './random';

/** A Gaussian bump: height · exp(−|p − center|² / (2·width²)); negative height digs a valley. */
export interface Bump {
  x: number;
  y: number;
  height: number;
  width: number;
}

/** A plane wave amplitude · sin(kx·x + ky·y + phase): the terrain's smooth noise. */
export interface Wave {
  kx: number;
  ky: number;
  phase: number;
  amplitude: number;
}

/** A seeded mountain landscape: a shallow bowl, Gaussian hills and valleys, and smooth noise. */
export interface Terrain extends Landscape {
  readonly seed: number;
  /** Curvature c of the rim term c·(x² + y²) that keeps every valley inside the bounds. */
  readonly rim: number;
  readonly bumps: readonly Bump[];
  readonly waves: readonly Wave[];
}

export interface TerrainOptions {
  /** Half the side of the square domain centred on the origin. Default 3. */
  extent?: number;
  valleys?: number;
  hills?: number;
  waves?: number;
}

/** Builds a mountain terrain; the same seed always gives the same terrain. */
export function mountainTerrain(seed: number, opts: TerrainOptions = {}): Terrain {
  const extent = opts.extent ?? 3;
  const rng = mulberry32(seed);
  const bumps: Bump[] = [];
  // Valleys are kept apart so that each can hold its own local minimum.
  placeBumps(rng, bumps, opts.valleys ?? 5, extent, -1.6, -0.9, 0.45, 0.75);
  placeBumps(rng, bumps, opts.hills ?? 4, extent, 0.7, 1.3, 0.45, 0.8);
  const waves: Wave[] = [];
  for (let i = 0; i < (opts.waves ?? 4); i++) {
    const angle = rng() * 2 * Math.PI;
    const k = (1.4 + 1.4 * rng()) * (3 / extent);
    waves.push({
      kx: k * Math.cos(angle),
      ky: k * Math.sin(angle),
      phase: rng() * 2 * Math.PI,
      amplitude: 0.04 + 0.05 * rng(),
    });
  }
  const rim = 0.09 * (3 / extent) ** 2;
  const bounds: Bounds = {xMin: -extent, xMax: extent, yMin: -extent, yMax: extent};
  const terrain: Terrain = {
    name: `terrain#${seed}`,
    seed,
    rim,
    bumps,
    waves,
    bounds,
    value: terrainHeight(rim, bumps, waves),
    sampleGrid: (b, nx, ny) => sampleTerrainGrid(terrain, b, nx, ny),
  };
  return terrain;
}

function placeBumps(
  rng: Rng,
  out: Bump[],
  count: number,
  extent: number,
  hMin: number,
  hMax: number,
  wMin: number,
  wMax: number,
): void {
  const scale = extent / 3;
  const minGap = 1.3 * scale;
  const placed = out.length;
  for (let tries = 0; out.length < placed + count && tries < 1000; tries++) {
    const x = (rng() * 2 - 1) * 0.75 * extent;
    const y = (rng() * 2 - 1) * 0.75 * extent;
    const height = hMin + (hMax - hMin) * rng();
    const width = (wMin + (wMax - wMin) * rng()) * scale;
    if (out.some(b => Math.hypot(b.x - x, b.y - y) < minGap)) continue;
    out.push({x, y, height, width});
  }
}

function terrainHeight(rim: number, bumps: readonly Bump[], waves: readonly Wave[]) {
  return (x: number, y: number, grad?: Float64Array): number => {
    let f = rim * (x * x + y * y);
    let gx = 2 * rim * x;
    let gy = 2 * rim * y;
    for (const b of bumps) {
      const dx = x - b.x;
      const dy = y - b.y;
      const inv = 1 / (b.width * b.width);
      const g = b.height * Math.exp(-0.5 * (dx * dx + dy * dy) * inv);
      f += g;
      // ∂/∂x of h·exp(−r²/2w²) is −(dx/w²)·h·exp(…)
      gx -= dx * inv * g;
      gy -= dy * inv * g;
    }
    for (const w of waves) {
      const t = w.kx * x + w.ky * y + w.phase;
      f += w.amplitude * Math.sin(t);
      if (grad) {
        const c = w.amplitude * Math.cos(t);
        gx += c * w.kx;
        gy += c * w.ky;
      }
    }
    if (grad) {
      grad[0] = gx;
      grad[1] = gy;
    }
    return f;
  };
}

/**
 * Fast path for sampling a terrain on a grid, equal to sampleGrid(terrain.value, …).
 * Every term splits into a factor along x times a factor along y:
 * exp(−(dx² + dy²)/2w²) = exp(−dx²/2w²)·exp(−dy²/2w²) and sin(a + b) = sin a·cos b + cos a·sin b,
 * so the exp/sin calls are made per row and per column, not per sample.
 */
export function sampleTerrainGrid(terrain: Terrain, bounds: Bounds, nx: number, ny: number): Grid {
  const xs = new Float64Array(nx);
  const ys = new Float64Array(ny);
  for (let i = 0; i < nx; i++) xs[i] = bounds.xMin + (i * (bounds.xMax - bounds.xMin)) / (nx - 1);
  for (let j = 0; j < ny; j++) ys[j] = bounds.yMin + (j * (bounds.yMax - bounds.yMin)) / (ny - 1);
  // Term t is fx[i·terms + t]·fy[j·terms + t]; its gradient is (dfx·fy, fx·dfy).
  const terms = terrain.bumps.length + 2 * terrain.waves.length;
  const fx = new Float64Array(terms * nx),
    dfx = new Float64Array(terms * nx);
  const fy = new Float64Array(terms * ny),
    dfy = new Float64Array(terms * ny);
  let t = 0;
  for (const b of terrain.bumps) {
    const inv = 1 / (b.width * b.width);
    for (let i = 0; i < nx; i++) {
      const d = xs[i] - b.x;
      fx[i * terms + t] = b.height * Math.exp(-0.5 * d * d * inv);
      dfx[i * terms + t] = -d * inv * fx[i * terms + t];
    }
    for (let j = 0; j < ny; j++) {
      const d = ys[j] - b.y;
      fy[j * terms + t] = Math.exp(-0.5 * d * d * inv);
      dfy[j * terms + t] = -d * inv * fy[j * terms + t];
    }
    t++;
  }
  // A·sin(a + b) = (A sin a)(cos b) + (A cos a)(sin b): two separable terms per wave.
  for (const w of terrain.waves) {
    for (let i = 0; i < nx; i++) {
      const a = w.kx * xs[i] + w.phase;
      const sa = w.amplitude * Math.sin(a);
      const ca = w.amplitude * Math.cos(a);
      fx[i * terms + t] = sa;
      dfx[i * terms + t] = w.kx * ca;
      fx[i * terms + t + 1] = ca;
      dfx[i * terms + t + 1] = -w.kx * sa;
    }
    for (let j = 0; j < ny; j++) {
      const b = w.ky * ys[j];
      fy[j * terms + t] = Math.cos(b);
      dfy[j * terms + t] = -w.ky * Math.sin(b);
      fy[j * terms + t + 1] = Math.sin(b);
      dfy[j * terms + t + 1] = w.ky * Math.cos(b);
    }
    t += 2;
  }
  const z = new Float64Array(nx * ny);
  const gx = new Float64Array(nx * ny);
  const gy = new Float64Array(nx * ny);
  const rim = terrain.rim;
  for (let j = 0, k = 0; j < ny; j++) {
    const y = ys[j];
    for (let i = 0; i < nx; i++, k++) {
      const x = xs[i];
      let f = rim * (x * x + y * y);
      let ddx = 2 * rim * x;
      let ddy = 2 * rim * y;
      for (let u = 0, ui = i * terms, uj = j * terms; u < terms; u++, ui++, uj++) {
        const a = fx[ui];
        const b = fy[uj];
        f += a * b;
        ddx += dfx[ui] * b;
        ddy += a * dfy[uj];
      }
      z[k] = f;
      gx[k] = ddx;
      gy[k] = ddy;
    }
  }
  let zMin = Infinity;
  let zMax = -Infinity;
  for (let k = 0; k < z.length; k++) {
    if (z[k] < zMin) zMin = z[k];
    if (z[k] > zMax) zMax = z[k];
  }
  return {nx, ny, bounds, z, gx, gy, zMin, zMax};
}
