/**
 * The loss-bowl scene's numbers, computed once by the engine: eight noisy points, the loss of
 * the line y = k1·x + k2 over (k1, k2) as a surface, its partial derivatives by autodiff,
 * one gradient-descent run and three learning rates side by side. Also the layout and the
 * timeline, so tests know what is on screen when. Pure (no Motion Canvas).
 */
import {Value} from '../math/autodiff';
import {sampleLandscape} from '../math/grid';
import {asObjective, lineFitBowl, type Bounds} from '../math/landscapes';
import {lineFit} from '../math/leastSquares';
import {buildSurfaceMesh} from '../math/mesh';
import {descend, paramsAt, type Trajectory} from '../math/optimizers';
import {lossAtStep, paramsAtFraction, wholeStep} from '../math/playback';
import type {OrbitCamera, Vec3, Viewport} from '../math/projection';
import {gaussian, mulberry32} from '../math/random';

type Pair = [number, number];

// ── Data and loss ───────────────────────────────────────────────────────────────────
/**
 * Eight points near y = 0.55·x + 1.3: evenly spaced x centred on 0 (so the bowl's axes line up
 * with k1 and k2), and y with seeded Gaussian noise.
 */
export const DATA = (() => {
  const rng = mulberry32(7);
  const xs = Float64Array.from({length: 8}, (_, i) => -2.45 + 0.7 * i);
  const ys = xs.map(x => 0.55 * x + 1.3 + 0.4 * gaussian(rng));
  return {xs, ys};
})();
/** The (k1, k2) square the surface covers: 2.2 × 2.2 around the best line. */
export const BOUNDS: Bounds = {xMin: -0.6, xMax: 1.6, yMin: 0, yMax: 2.2};
export const bowl = lineFitBowl(DATA.xs, DATA.ys, BOUNDS);
/** The least-squares line (closed form): the bottom of the bowl. */
export const BEST = lineFit(DATA.xs, DATA.ys);

/** L(k1, k2) = Σ (k1·xᵢ + k2 − yᵢ)². */
export const loss = (k1: number, k2: number): number => bowl.value(k1, k2);

/** The residuals yᵢ − (k1·xᵢ + k2), one per point. */
export function residuals(k1: number, k2: number): number[] {
  return Array.from(DATA.xs, (x, i) => DATA.ys[i] - (k1 * x + k2));
}

/** L and [∂L/∂k1, ∂L/∂k2] by reverse-mode autodiff over the same sum of squares. */
export function partials(k1: number, k2: number): {loss: number; d1: number; d2: number} {
  const a = Value.scalar(k1, 'k1');
  const b = Value.scalar(k2, 'k2');
  const x = Value.matrix(DATA.xs.length, 1, DATA.xs, 'x');
  const y = Value.matrix(DATA.ys.length, 1, DATA.ys, 'y');
  const L = x.mul(a).add(b).sub(y).pow(2).sum();
  L.backward();
  return {loss: L.value, d1: a.gradient, d2: b.gradient};
}

// ── Surface and contours ─────────────────────────────────────────────────────────────
export const MESH_N = 40;
export const GRID = sampleLandscape(bowl, MESH_N, MESH_N);
/** Heights 0…max(L) fill the box. */
export const BOX = {zMin: 0, zMax: GRID.zMax, half: 1, height: 0.8};
export const MESH = buildSurfaceMesh(GRID, BOX);
/** A finer grid for the contour maps, and levels that double (a quadratic's rings crowd outwards). */
export const CONTOUR_GRID = sampleLandscape(bowl, 96, 96);
export const CONTOUR_LEVELS = Array.from({length: 8}, (_, i) => loss(BEST.k1, BEST.k2) + 0.6 * 1.8 ** i);

// ── Beat 1: a line to start from, and a wiggle to show the total change ─────────────
/** A poor first line; the descent of beat 4 starts here too. */
export const START: Pair = [0.1, 1.9];
/** Beat 1 turns the knobs to here and back, so the squares and the total visibly change. */
export const WIGGLE: Pair = [1.1, 0.4];

// ── Beat 3: the partial derivatives at START ─────────────────────────────────────────
export const AT_START = partials(START[0], START[1]);

// ── Beat 4: gradient descent from START ──────────────────────────────────────────────
/** Learning rates. With Σx = 0 the bowl's curvatures are 2·Σx² ≈ 41.2 along k1 and 2n = 16 along k2, so lr > 2/41.2 diverges. */
export const LR = {small: 0.003, good: 0.02, large: 0.052};
export const DESCENT_STEPS = 10;
export const descent: Trajectory = descend(asObjective(bowl), START, {lr: LR.good, maxSteps: DESCENT_STEPS});

// ── Beat 5: three learning rates from the same start ─────────────────────────────────
/** A run stops once its loss is higher than anywhere on the map: it has left the bowl. */
export const DIVERGE_ABOVE = GRID.zMax;
export const RUN_STEPS = 24;
export const RUNS = (['small', 'good', 'large'] as const).map(name => ({
  name,
  lr: LR[name],
  path: descend(asObjective(bowl), START, {
    lr: LR[name],
    maxSteps: RUN_STEPS,
    divergeAbove: DIVERGE_ABOVE,
  }),
}));

/** Domain point (k1, k2, L) of step k (clamped to the run's last step). */
export function stepPoint(t: Trajectory, k: number): Vec3 {
  const p = paramsAt(t, wholeStep(t, k));
  return [p[0], p[1], lossAtStep(t, k)];
}

/** (k1, k2) at a fractional step: whole steps from the engine, a straight glide between them. */
export function paramsAtStep(t: Trajectory, k: number): Pair {
  const [k1, k2] = paramsAtFraction(t, k);
  return [k1, k2];
}

// ── Layout (1920×1080 design units, origin at the centre) ───────────────────────────
/** The data panel: equal units on both axes so the residual squares are square. */
export const DATA_VIEW = {xRange: [-3, 3] as Pair, yRange: [-1, 3.5] as Pair};
/** Pixels per unit of the data panel: large in beat 1, small beside the surface later. */
export const DATA_UNIT = {big: 140, small: 80};
/** The left column's centre x: the data panel, the slice plots and the contour inset. */
export const LEFT_X = -600;
/** Beat 4's contour-map inset (square), below the data panel. */
export const INSET = {x: LEFT_X, y: 300, size: 330};
/** The Surface3D node: its size is the viewport and its centre shows the camera target. */
export const SURFACE = {x: 330, y: -70, width: 1260, height: 1040};
/** The caption's centre: right of the surface's k₁ label once the camera has settled. */
export const CAPTION_X = 440;
/** The camera during beats 3 and 4 (held still, so a frame's projection is known). */
export const CAMERA = {azimuth: -58, elevation: 36, distance: 5, fov: 40, target: [0.08, 0.05, 0.2] as Vec3};
/** Beat 2 orbits from here (looking straight down) to CAMERA. */
export const CAMERA_START = {azimuth: -150, elevation: 89, distance: 6.6};

/** The camera of beats 3–4 in engine units, for domainToScreen. */
export function descentCamera(): OrbitCamera {
  const deg = Math.PI / 180;
  return {
    azimuth: CAMERA.azimuth * deg,
    elevation: CAMERA.elevation * deg,
    distance: CAMERA.distance,
    target: CAMERA.target,
    fov: CAMERA.fov * deg,
    orthographic: false,
  };
}

/** The surface's viewport in 1920×1080 canvas pixels (origin top left). */
export const SURFACE_VIEWPORT: Viewport = {
  width: SURFACE.width,
  height: SURFACE.height,
  x: 960 + SURFACE.x,
  y: 540 + SURFACE.y,
};

/** Where a (k1, k2) point is drawn on the contour inset, in design units. */
export function insetPosition(k1: number, k2: number): Pair {
  const u = (k1 - BOUNDS.xMin) / (BOUNDS.xMax - BOUNDS.xMin);
  const v = (k2 - BOUNDS.yMin) / (BOUNDS.yMax - BOUNDS.yMin);
  return [INSET.x + (u - 0.5) * INSET.size, INSET.y + (0.5 - v) * INSET.size];
}

// ── Timeline (seconds) ───────────────────────────────────────────────────────────────
export const TIMES = {
  fade: 0.6,
  caption: 0.4,
  // Beat 1
  pointsIn: 1,
  lineIn: 0.8,
  squaresIn: 1.2,
  totalIn: 0.6,
  look: 1.2,
  wiggle: 2,
  wiggleBack: 1.6,
  // Beat 2
  shrink: 1.2,
  rise: 3,
  orbit: 3,
  pointOn: 0.8,
  // Beat 3
  sliceIn: 1,
  tangentIn: 1,
  readSlope: 1.4,
  gradientIn: 1,
  walkAgainst: 1,
  holdGradient: 1.4,
  // Beat 4
  toDescent: 1.6,
  /** Each step: a glide, then a hold with the marker still on the engine's point. */
  glide: 0.35,
  hold: 0.25,
  afterDescent: 1.2,
  // Beat 5
  toRuns: 1,
  runs: 6,
  end: 2.5,
};

const sum = (...xs: number[]) => xs.reduce((s, x) => s + x, 0);
const T = TIMES;
export const BEAT1 = sum(T.pointsIn, T.lineIn, T.squaresIn, T.totalIn, T.look, T.wiggle, T.wiggleBack);
export const BEAT2 = sum(T.shrink, T.rise, T.orbit, T.pointOn);
export const BEAT3 =
  T.sliceIn + 2 * sum(T.sliceIn, T.tangentIn, T.readSlope) + sum(T.gradientIn, T.walkAgainst, T.holdGradient);
/** When step k of the descent is reached and held still (k ≥ 1), seconds from the scene start. */
export function descentHold(k: number): {start: number; seconds: number} {
  const t0 = BEAT1 + BEAT2 + BEAT3 + T.toDescent;
  return {start: t0 + k * (T.glide + T.hold) - T.hold, seconds: T.hold};
}
export const BEAT4 = T.toDescent + DESCENT_STEPS * (T.glide + T.hold) + T.afterDescent;
export const BEAT5 = T.toRuns + T.runs + T.end;
export const DURATION = BEAT1 + BEAT2 + BEAT3 + BEAT4 + BEAT5;
