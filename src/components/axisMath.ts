/**
 * Coordinate mapping for Axes, the equivalent of manim's c2p / p2c.
 * Graph coordinates (x right, y up) map to the node's local pixels (x right, y down),
 * with the centre of the ranges at the node's origin.
 */

/** A point as a plain pair, [x, y]. */
export type Pair = [number, number];

/** What a mapping needs: the visible ranges and their lengths in pixels. */
export interface AxisMap {
  xRange: Pair;
  yRange: Pair;
  xLength: number;
  yLength: number;
}

/** Pixels per graph unit along each axis. */
export function unitSize(map: AxisMap): Pair {
  return [map.xLength / (map.xRange[1] - map.xRange[0]), map.yLength / (map.yRange[1] - map.yRange[0])];
}

/** Graph coordinates → local pixels. */
export function c2p(map: AxisMap, x: number, y: number): Pair {
  const [sx, sy] = unitSize(map);
  const cx = (map.xRange[0] + map.xRange[1]) / 2;
  const cy = (map.yRange[0] + map.yRange[1]) / 2;
  return [(x - cx) * sx, -(y - cy) * sy];
}

/** Local pixels → graph coordinates (inverse of c2p). */
export function p2c(map: AxisMap, px: number, py: number): Pair {
  const [sx, sy] = unitSize(map);
  const cx = (map.xRange[0] + map.xRange[1]) / 2;
  const cy = (map.yRange[0] + map.yRange[1]) / 2;
  return [cx + px / sx, cy - py / sy];
}

/** A "nice" tick step (1, 2 or 5 × 10^k) giving about `count` ticks over [min, max]. */
export function niceStep(min: number, max: number, count = 6): number {
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  const nice = f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10;
  return nice * power;
}

/**
 * Tick values: the multiples of `step` inside [min, max], optionally without 0
 * (where the other axis crosses). Values are rounded so 0.1·3 prints as 0.3.
 */
export function ticks(min: number, max: number, step: number, skipZero = false): number[] {
  if (!(step > 0)) return [];
  const eps = step * 1e-9;
  const first = Math.ceil((min - eps) / step);
  const last = Math.floor((max + eps) / step);
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  const out: number[] = [];
  for (let k = first; k <= last; k++) {
    const v = Number((k * step).toFixed(decimals));
    if (skipZero && v === 0) continue;
    out.push(v === 0 ? 0 : v);
  }
  return out;
}

/** TeX for a tick value: the shortest decimal, without float noise or trailing zeros. */
export function tickTex(v: number): string {
  return Number(v.toPrecision(10)).toString();
}

/**
 * Ends of a tangent segment through (x, y) with the given slope, `halfLength` pixels
 * to each side, so its on-screen length does not depend on the slope.
 */
export function tangentSegment(map: AxisMap, x: number, y: number, slope: number, halfLength: number): [Pair, Pair] {
  const [sx, sy] = unitSize(map);
  // Direction (1, slope) in graph units, in pixels (sx, -slope·sy), normalised.
  const dx = sx;
  const dy = -slope * sy;
  const n = Math.hypot(dx, dy);
  const [px, py] = c2p(map, x, y);
  const ux = (dx / n) * halfLength;
  const uy = (dy / n) * halfLength;
  return [
    [px - ux, py - uy],
    [px + ux, py + uy],
  ];
}

/**
 * Ends of a tangent segment through (x, y) that spans `xSpan` graph units in x, centred on x
 * (manim's tangent length): from (x − xSpan/2, y − slope·xSpan/2) to the mirror point.
 */
export function tangentSpan(map: AxisMap, x: number, y: number, slope: number, xSpan: number): [Pair, Pair] {
  const h = xSpan / 2;
  return [c2p(map, x - h, y - slope * h), c2p(map, x + h, y + slope * h)];
}

/**
 * Sample y = f(x) over [x0, x1] into pixel polylines. A run breaks where f is not finite
 * or leaves the y range by more than `overshoot` (a fraction of the range), so a curve that
 * shoots off the chart is not drawn across it.
 */
export function sampleCurve(
  map: AxisMap,
  f: (x: number) => number,
  x0: number,
  x1: number,
  samples: number,
  overshoot = 0.05,
): Pair[][] {
  const [ymin, ymax] = map.yRange;
  const pad = (ymax - ymin) * overshoot;
  const runs: Pair[][] = [];
  let run: Pair[] = [];
  const n = Math.max(2, Math.floor(samples));
  for (let i = 0; i < n; i++) {
    const x = x0 + ((x1 - x0) * i) / (n - 1);
    const y = f(x);
    if (Number.isFinite(y) && y >= ymin - pad && y <= ymax + pad) {
      run.push(c2p(map, x, y));
    } else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs;
}
