/**
 * The foggy-descent scene's maths and timeline. Longitude and latitude are the parameters
 * (x, y), altitude is the loss: a seeded mountain terrain with an exact gradient. Every walk,
 * minimum, gradient and camera position on screen comes from here; the scene is a pure
 * function of its clock, so tests can ask where anything is at any time.
 * Pure (no Motion Canvas), so tests can import it.
 */
import {hexToRgb, mixRgb} from '../components/colorMath';
import {colors} from '../components/theme';
import {sampleLandscape} from '../math/grid';
import {buildSurfaceMesh, toWorld} from '../math/mesh';
import {listMinima, type Minimum} from '../math/minima';
import {paramsAt, type DescentOptions} from '../math/optimizers';
import {paramsAtFraction} from '../math/playback';
import type {OrbitCamera, Vec3, Viewport} from '../math/projection';
import {mountainTerrain} from '../math/terrain';
import {walkDownhill, type Walker} from '../math/walkers';
import {clamp01, smooth} from '../math/ease';

// The palette (pure data, so render tests can compare pixels with it).
const hexMix = (a: string, b: string, t: number) =>
  '#' +
  mixRgb(hexToRgb(a), hexToRgb(b), t)
    .map(v => Math.round(v).toString(16).padStart(2, '0'))
    .join('');
/** Valleys deep blue, slopes green, high ground sand, peaks pale. */
export const TERRAIN_COLORS = [
  hexMix(colors.background, colors.blue, 0.75),
  hexMix(colors.blue, colors.green, 0.6),
  hexMix(colors.green, colors.yellow, 0.5),
  hexMix(colors.orange, colors.yellow, 0.5),
  hexMix(colors.yellow, colors.text, 0.8),
];
export const WIRE_COLOR = hexMix(colors.background, colors.grey, 0.2);
export const MIST_COLOR = colors.text;
export const FOG_COLOR = hexMix(colors.background, colors.grey, 0.55);
export const HERO_COLOR = colors.red;
export const WALKER_COLORS = [colors.orange, colors.purple, colors.blue, colors.text];
export const RACE_COLORS = {plain: colors.orange, momentum: colors.red};
export const TRAIL_WIDTH = 5;
/** Surface lighting: direction towards the light (world, z up) and the brightness of shadowed faces. */
export const LIGHT: Vec3 = [-0.6, -0.4, 0.9];
export const AMBIENT = 0.3;

export const SEED = 1;
export const TERRAIN = mountainTerrain(SEED);
/** The valleys, found by descending from a grid of starts (lowest first). */
export const MINIMA: Minimum[] = listMinima(TERRAIN);
/** 48 × 48 samples: 2209 faces, enough for smooth hills and cheap to paint. */
export const MESH = buildSurfaceMesh(sampleLandscape(TERRAIN, 48, 48), {height: 0.8});
export const VIEWPORT: Viewport = {width: 1920, height: 1080};

/**
 * Plain gradient descent. The terrain's largest curvature is about 7.1, and a step below
 * 1/L ≈ 0.14 can never climb (the descent lemma), so every walk's altitude only falls.
 */
export const DESCENT: DescentOptions = {optimizer: 'sgd', lr: 0.1, maxSteps: 400, gradTol: 1e-4};

/** Our walker starts high on the north-east mountain. */
export const HERO_START = [2.0, 1.3] as const;
export const HERO: Walker = walkDownhill(TERRAIN, [HERO_START], DESCENT, MINIMA)[0];

/** Each other valley gets a walker, starting from the highest of the engine's samples of its basin. */
export const OTHER_STARTS = MINIMA.flatMap((m, i) => (i === HERO.minimum ? [] : [highestStart(m)]));
export const OTHERS: Walker[] = walkDownhill(TERRAIN, OTHER_STARTS, DESCENT, MINIMA);

function highestStart(m: Minimum): [number, number] {
  const height = (p: [number, number]) => TERRAIN.value(p[0], p[1]);
  return m.basin.reduce((best, p) => (height(p) > height(best) ? p : best));
}

/** Beat 4: from the same start, plain steps settle in a shallow valley; momentum rolls on into the deepest. */
export const RACE_START = [2.7, -2.45] as const;
export const PLAIN_OPTIONS: DescentOptions = {optimizer: 'sgd', lr: 0.03, maxSteps: 800, gradTol: 1e-4};
export const MOMENTUM_OPTIONS: DescentOptions = {
  optimizer: 'momentum',
  lr: 0.03,
  momentum: 0.9,
  maxSteps: 800,
  gradTol: 1e-4,
};
export const PLAIN: Walker = walkDownhill(TERRAIN, [RACE_START], PLAIN_OPTIONS, MINIMA)[0];
export const MOMENTUM: Walker = walkDownhill(TERRAIN, [RACE_START], MOMENTUM_OPTIONS, MINIMA)[0];

/** The downhill arrow is −∇loss times this (domain units per unit of slope). */
export const ARROW_SCALE = 0.3;
/** Radius of the clearing in the fog, in domain units (the domain is 6 wide). */
export const FOG_RADIUS = 0.9;
export const FOG_LIFTED = 14;

// Timings in seconds, in storyboard order.
export const T = {
  title: 1.2,
  open: 1.8,
  look: 3,
  /** One slow step: probe the slope (the arrow grows), walk, pause. */
  probe: 0.8,
  walk: 0.8,
  pause: 0.5,
  slowSteps: 4,
  /** The remaining steps, faster. */
  hurry: 6,
  arrive: 2,
  lift: 3.5,
  spread: 5,
  look2: 2.5,
  /** The camera orbits to face the race, then both walkers set off together. */
  orbit: 2.5,
  race: 7,
  end: 2.5,
} as const;

const SLOW = T.probe + T.walk + T.pause;
/** When each beat starts (seconds). */
export const BEATS = (() => {
  const fog = 0;
  const probe = fog + T.title + T.open + T.look;
  const hurry = probe + T.slowSteps * SLOW;
  const arrive = hurry + T.hurry;
  const lift = arrive + T.arrive;
  const spread = lift + T.lift;
  const orbit = spread + T.spread + T.look2;
  const race = orbit + T.orbit;
  const end = race + T.race + T.end;
  return {fog, probe, hurry, arrive, lift, spread, orbit, race, end};
})();

const progress = (t: number, start: number, seconds: number) => clamp01((t - start) / seconds);

/** The hero's step count at time t: whole steps with pauses, then a steady walk to the end. */
export function heroStepAt(t: number): number {
  if (t < BEATS.probe) return 0;
  if (t < BEATS.hurry) {
    const k = Math.floor((t - BEATS.probe) / SLOW);
    const inStep = t - BEATS.probe - k * SLOW;
    return k + smooth(progress(inStep, T.probe, T.walk));
  }
  return T.slowSteps + (HERO.path.steps - T.slowSteps) * progress(t, BEATS.hurry, T.hurry);
}

/** How far the probe arrow has grown, 0–1: it grows before each slow step and stays while hurrying. */
export function arrowAt(t: number): number {
  if (t < BEATS.probe) return 0;
  if (t < BEATS.hurry) {
    const inStep = (t - BEATS.probe) % SLOW;
    return smooth(progress(inStep, 0, T.probe)) * (1 - progress(inStep, T.probe, 0.25));
  }
  return 1 - progress(t, BEATS.arrive, 0.5);
}

/** Radius of the clearing at time t, in domain units. */
export function fogRadiusAt(t: number): number {
  const open = smooth(progress(t, T.title, T.open));
  const lift = smooth(progress(t, BEATS.lift, T.lift));
  return FOG_RADIUS * open + (FOG_LIFTED - FOG_RADIUS) * lift * lift;
}

/** Fraction (0–1) of the other walkers' paths walked at time t. */
export const othersAt = (t: number) => progress(t, BEATS.spread, T.spread);
/**
 * Steps a racer has taken at time t. Both take the same step at the same moment, so the one
 * needing fewer steps stops first; the clock speeds up (steps ∝ time^2.5) because the early
 * steps carry the motion and the last ones only settle.
 */
export function raceStepAt(w: Walker, t: number): number {
  const longest = Math.max(PLAIN.path.steps, MOMENTUM.path.steps);
  return Math.min(w.path.steps, longest * progress(t, BEATS.race, T.race) ** 2.5);
}

/** A point of a walk at a fractional step, on the terrain. */
export function walkerAt(w: Walker, step: number): Vec3 {
  const [x, y] = paramsAtFraction(w.path, step);
  return [x, y, TERRAIN.value(x, y)];
}

/**
 * The trail up to a fractional step, thinned so that consecutive points are at least `gap`
 * apart (small steps near the valley floor add nothing visible), ending exactly at the walker.
 */
export function trailAt(w: Walker, step: number, gap = 0.04): Vec3[] {
  const s = Math.min(Math.max(step, 0), w.path.steps);
  const out: Vec3[] = [walkerAt(w, 0)];
  for (let i = 1; i <= Math.floor(s); i++) {
    const p = paramsAt(w.path, i);
    const last = out[out.length - 1];
    if (Math.hypot(p[0] - last[0], p[1] - last[1]) >= gap) out.push([p[0], p[1], TERRAIN.value(p[0], p[1])]);
  }
  out.push(walkerAt(w, s));
  return out;
}

/** Who walks on screen: the hero, the other walkers (by index into OTHERS), or the two racers. */
export type WalkerId = 'hero' | 'other0' | 'other1' | 'other2' | 'other3' | 'plain' | 'momentum';

/** The trails on screen at time t, each ending at its walker. */
export function trailsAt(t: number): {id: WalkerId; trail: Vec3[]}[] {
  if (t >= BEATS.race) {
    return [
      {id: 'plain', trail: trailAt(PLAIN, raceStepAt(PLAIN, t))},
      {id: 'momentum', trail: trailAt(MOMENTUM, raceStepAt(MOMENTUM, t))},
    ];
  }
  const list: {id: WalkerId; trail: Vec3[]}[] = [{id: 'hero', trail: trailAt(HERO, heroStepAt(t))}];
  if (t >= BEATS.spread) {
    OTHERS.forEach((w, i) => list.push({id: `other${i}` as WalkerId, trail: trailAt(w, othersAt(t) * w.path.steps)}));
  }
  return list;
}

/** Whether the valley floors are marked (after the other walkers arrive). */
export const minimaShownAt = (t: number) => t >= BEATS.spread + T.spread;

/** The whole step the hero stands on (for the readouts). */
export const heroIndexAt = (t: number) => Math.min(Math.round(heroStepAt(t) - 0.5 + 1e-9), HERO.path.steps);

/** The engine's gradient where the hero stands: the slope the walker feels underfoot. */
export function heroGradientAt(t: number): [number, number] {
  const k = heroIndexAt(t);
  return [HERO.path.grad[2 * k], HERO.path.grad[2 * k + 1]];
}

const DEG = Math.PI / 180;
/** Close behind the walker in the fog. */
const NEAR = {azimuth: 124 * DEG, elevation: 40 * DEG, distance: 1.7};
/** The whole landscape once the fog has lifted: every valley floor in sight. */
export const WIDE: OrbitCamera = {
  azimuth: 150 * DEG,
  elevation: 44 * DEG,
  distance: 3.9,
  target: [0, 0, 0.28],
  fov: 40 * DEG,
  orthographic: false,
};
/** Facing the race from the south-west, so both walks run across the picture. */
export const RACE_CAMERA: OrbitCamera = {
  ...WIDE,
  azimuth: 210 * DEG,
  elevation: 42 * DEG,
  distance: 3.5,
  target: [0.25, -0.15, 0.25],
};

/** The camera at time t: follows the walker in the fog, pulls back as it lifts, orbits to face the race. */
export function cameraAt(t: number): OrbitCamera {
  const w = toWorld(MESH.box, ...walkerAt(HERO, heroStepAt(t)));
  const near: OrbitCamera = {
    ...WIDE,
    azimuth: NEAR.azimuth + 14 * DEG * progress(t, BEATS.probe, BEATS.lift - BEATS.probe),
    elevation: NEAR.elevation,
    distance: NEAR.distance,
    target: w,
  };
  const lift = smooth(progress(t, BEATS.lift, T.lift));
  const orbit = smooth(progress(t, BEATS.orbit, T.orbit));
  if (orbit > 0) return blendCameras(WIDE, RACE_CAMERA, orbit);
  return lift > 0 ? blendCameras(near, WIDE, lift) : near;
}

function blendCameras(a: OrbitCamera, b: OrbitCamera, u: number): OrbitCamera {
  const mix = (p: number, q: number) => p + (q - p) * u;
  return {
    ...a,
    azimuth: mix(a.azimuth, b.azimuth),
    elevation: mix(a.elevation, b.elevation),
    distance: mix(a.distance, b.distance),
    target: [mix(a.target[0], b.target[0]), mix(a.target[1], b.target[1]), mix(a.target[2], b.target[2])],
  };
}
