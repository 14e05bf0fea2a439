import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {meshHeightAt, toWorld} from '../../src/math/mesh';
import {hiddenBySurface, overlayLift, overlayPrimitives} from '../../src/math/painter';
import {makeView, project, unproject, type Vec3, type View} from '../../src/math/projection';
import {
  AMBIENT,
  BEATS,
  FOG_COLOR,
  FOG_RADIUS,
  HERO,
  HERO_COLOR,
  LIGHT,
  MESH,
  MINIMA,
  T,
  TERRAIN_COLORS,
  VIEWPORT,
  WALKER_COLORS,
  TERRAIN,
  cameraAt,
  heroStepAt,
  trailsAt,
  walkerAt,
} from '../../src/scenes/foggy-descent.model';
import {type Rgb, colorDistance, decodeFrame, designToPixel, hex, runCli} from '../helpers/media';

const W = 854;
const H = 480;
const FPS = 15;

/**
 * The -q l frame at time t (a multiple of 1/FPS). The renderer starts a range at the first
 * frame at or after its start time, so the start is rounded down, never up past the frame.
 */
async function frameAt(t: number) {
  const out = mkdtempSync(join(tmpdir(), 'nnm-fog-'));
  const start = (Math.floor(t * 1e4) / 1e4).toFixed(4);
  try {
    const r = await runCli(['foggy-descent', '-q', 'l', '--range', `${start}:${(t + 0.2).toFixed(4)}`, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    return decodeFrame(join(out, 'foggy-descent.mp4'), 0, W, H);
  } finally {
    rmSync(out, {recursive: true, force: true});
  }
}

/** A domain point draped on the mesh, in world space (as the component draws points onSurface). */
function onMesh(p: Vec3): Vec3 {
  const w = toWorld(MESH.box, p[0], p[1], p[2]);
  w[2] = meshHeightAt(MESH, w[0], w[1]);
  return w;
}

/** The first ground the sight line through a design pixel meets (ray march from the eye), or null. */
function groundAt(view: View, x: number, y: number): Vec3 | null {
  for (let depth = 0.5; depth < 12; depth += 0.004) {
    const p = unproject(view, x, y, depth);
    if (Math.abs(p[0]) > MESH.box.halfX || Math.abs(p[1]) > MESH.box.halfY) continue;
    if (meshHeightAt(MESH, p[0], p[1]) >= p[2]) return p;
  }
  return null;
}

/**
 * The colour the terrain should have at a world ground point, worked out here from the terrain
 * function itself rather than from the renderer's mesh shading: colour by altitude (the palette's
 * stops evenly spread over the box's altitudes zMin…zMax), times the Lambert brightness
 * AMBIENT + (1 − AMBIENT)·max(0, n·l) with the normal from finite differences of the altitude.
 * The mesh is faceted (48 × 48), so this is only close to a face's flat colour, not equal.
 */
function terrainColor(p: Vec3): Rgb {
  const {zMin, zMax, height} = MESH.box;
  const x = p[0] * 3;
  const y = p[1] * 3; // the 6-wide domain fills the world's [−1, 1]²
  const f = TERRAIN.value;
  const u = Math.min(Math.max((f(x, y) - zMin) / (zMax - zMin), 0), 1) * (TERRAIN_COLORS.length - 1);
  const i = Math.min(Math.floor(u), TERRAIN_COLORS.length - 2);
  const lo = hex(TERRAIN_COLORS[i]);
  const hi = hex(TERRAIN_COLORS[i + 1]);
  // World slopes: one domain unit is 1/3 world unit across, (zMax − zMin) domain units are `height` up.
  const h = 1e-5;
  const up = (3 * height) / (zMax - zMin);
  const sx = (up * (f(x + h, y) - f(x - h, y))) / (2 * h);
  const sy = (up * (f(x, y + h) - f(x, y - h))) / (2 * h);
  const n = Math.hypot(sx, sy, 1);
  const l = Math.hypot(LIGHT[0], LIGHT[1], LIGHT[2]);
  const lambert = Math.max(0, (-sx * LIGHT[0] - sy * LIGHT[1] + LIGHT[2]) / (n * l));
  const brightness = AMBIENT + (1 - AMBIENT) * lambert;
  return [0, 1, 2].map(c => (lo[c] + (hi[c] - lo[c]) * (u - i)) * brightness) as Rgb;
}

const pixelOf = (s: {x: number; y: number}) => designToPixel([s.x, s.y], W, H);
// Keep away from the title, the readout panel and the caption band.
const clearOfText = (x: number, y: number) => !(y < -400 || (x > 300 && y < -100) || y > 370 || Math.abs(x) > 900);

/** Colour distances to `color` over the 3 × 3 pixels around (x, y): thin lines lose colour to H.264's chroma. */
function distances(frame: (x: number, y: number) => Rgb, x: number, y: number, color: string): number[] {
  const out: number[] = [];
  for (let dy = -1; dy <= 1; dy++)
    for (let dx = -1; dx <= 1; dx++) out.push(colorDistance(frame(x + dx, y + dy), hex(color)));
  return out;
}

describe('foggy-descent render', () => {
  // (a) In the fog: the hero stands still between two slow steps.
  const tFog = Math.round((BEATS.probe + 3 * (T.probe + T.walk + T.pause) - 0.3) * FPS) / FPS;
  let fogFrame: (x: number, y: number) => Rgb;
  beforeAll(async () => {
    fogFrame = await frameAt(tFog);
  });

  it('in the fog, the walker is a disc of its colour centred on its projected position', () => {
    const view = makeView(cameraAt(tFog), VIEWPORT);
    const walker = project(view, onMesh(walkerAt(HERO, heroStepAt(tFog))));
    const [px, py] = pixelOf(walker);
    expect(colorDistance(fogFrame(px, py), hex(FOG_COLOR))).toBeGreaterThan(100);
    // The walker is a disc of radius 13 (design px) ringed by a 3.25 px dark stroke, so about 11.4 px of
    // its colour show. Count every walker-coloured pixel in a window twice that size around where the
    // engine puts it. The trail (5 px wide, the same colour) leads into the disc, so the centre is taken
    // over the disc's core only: pixels whose neighbours 2 px away on all four sides are walker-coloured
    // too, which a line about 2 px wide (at 854 × 480) never has.
    const scale = W / 1920;
    const r = 11.4 * scale;
    const reach = Math.ceil(2 * r);
    const red = (x: number, y: number) => colorDistance(fogFrame(x, y), hex(HERO_COLOR)) < 60;
    let n = 0;
    let core = 0;
    let sx = 0;
    let sy = 0;
    for (let y = Math.round(py) - reach; y <= Math.round(py) + reach; y++) {
      for (let x = Math.round(px) - reach; x <= Math.round(px) + reach; x++) {
        if (Math.hypot(x - px, y - py) > reach || !red(x, y)) continue;
        n++;
        if (!(red(x - 2, y) && red(x + 2, y) && red(x, y - 2) && red(x, y + 2))) continue;
        core++;
        sx += x;
        sy += y;
      }
    }
    const area = Math.PI * r * r;
    expect(n, 'walker-coloured pixels').toBeGreaterThan(0.6 * area);
    expect(n, 'walker-coloured pixels').toBeLessThan(1.6 * area);
    expect(core, 'pixels in the walker disc core').toBeGreaterThan(0.25 * area);
    expect(Math.hypot(sx / core - px, sy / core - py), 'centroid offset (px)').toBeLessThan(1.2);
  });

  it('in the fog, terrain far outside the clearing is covered by fog colour', () => {
    const view = makeView(cameraAt(tFog), VIEWPORT);
    const center = walkerAt(HERO, heroStepAt(tFog));
    let checked = 0;
    for (let y = -380; y <= 360; y += 40) {
      for (let x = -880; x <= 880; x += 40) {
        if (!clearOfText(x, y)) continue;
        const ground = groundAt(view, x, y);
        if (!ground) continue;
        // Well outside the clearing: more than twice its radius away, horizontally.
        const c = toWorld(MESH.box, center[0], center[1], center[2]);
        const r = (2 * MESH.box.halfX * FOG_RADIUS) / (MESH.box.bounds.xMax - MESH.box.bounds.xMin);
        if (Math.hypot(ground[0] - c[0], ground[1] - c[1]) < 2 * r) continue;
        const [px, py] = designToPixel([x, y], W, H);
        const pixel = fogFrame(px, py);
        expect(colorDistance(pixel, hex(FOG_COLOR)), `at (${x}, ${y})`).toBeLessThan(40);
        // The check can fail: the terrain there would look clearly different.
        if (colorDistance(terrainColor(ground), hex(FOG_COLOR)) > 60) checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('a trail point behind a ridge (per the engine) is covered by the ridge, not drawn over it', async () => {
    // Search the orbit after the lift for the hidden trail point farthest (on screen) from any visible trail.
    let best: {
      t: number;
      at: {x: number; y: number};
      color: string;
      gap: number;
      visibleAt: {x: number; y: number};
    } | null = null;
    for (let f = Math.ceil(BEATS.orbit * FPS); f < BEATS.race * FPS; f++) {
      const t = f / FPS;
      const view = makeView(cameraAt(t), VIEWPORT);
      const trails = trailsAt(t);
      const prims = overlayPrimitives(
        MESH,
        trails.map(w => ({kind: 'path' as const, points: w.trail, onSurface: true})),
      );
      const lift = overlayLift(MESH);
      const pts = prims.flatMap(p => {
        const [a, b] = p.world;
        const at = (k: number): Vec3 => [a[0] + (b[0] - a[0]) * k, a[1] + (b[1] - a[1]) * k, a[2] + (b[2] - a[2]) * k];
        // The painter treats a piece as visible only if both its ends are.
        const whole = !hiddenBySurface(MESH, view, a, lift) && !hiddenBySurface(MESH, view, b, lift);
        return [0, 0.25, 0.5, 0.75, 1].map(k => ({
          ...project(view, at(k)),
          hidden: hiddenBySurface(MESH, view, at(k), lift),
          whole: whole && k === 0.5,
          owner: p.owner,
        }));
      });
      const visible = pts.filter(p => !p.hidden);
      const labels = MINIMA.map(m => project(view, onMesh([m.x, m.y, m.value])));
      for (const h of pts) {
        if (!h.hidden || !clearOfText(h.x, h.y) || labels.some(l => Math.hypot(l.x - h.x, l.y - h.y + 30) < 60))
          continue;
        const gap = Math.min(...visible.map(v => Math.hypot(v.x - h.x, v.y - h.y)));
        const id = trails[h.owner].id;
        if (!id.startsWith('other') || (best && best.gap >= gap)) continue;
        // A visible point of the same trail, away from everything else, as the control.
        const own = visible.filter(v => v.owner === h.owner && v.whole && clearOfText(v.x, v.y));
        const control = own.find(v => visible.every(o => o.owner === h.owner || Math.hypot(o.x - v.x, o.y - v.y) > 30));
        if (control) best = {t, at: h, color: WALKER_COLORS[Number(id.slice(5))], gap, visibleAt: control};
      }
    }
    expect(best).not.toBeNull();
    expect(best!.gap).toBeGreaterThan(20);

    const frame = await frameAt(best!.t);
    const view = makeView(cameraAt(best!.t), VIEWPORT);
    const ground = groundAt(view, best!.at.x, best!.at.y);
    expect(ground).not.toBeNull();
    const [px, py] = pixelOf(best!.at);
    expect(Math.min(...distances(frame, px, py, best!.color))).toBeGreaterThan(80);
    expect(colorDistance(frame(px, py), terrainColor(ground!))).toBeLessThan(45);
    // Control: where the engine says the same trail is visible, its colour is drawn.
    const [vx, vy] = pixelOf(best!.visibleAt);
    expect(Math.min(...distances(frame, vx, vy, best!.color))).toBeLessThan(50);
  });
});
