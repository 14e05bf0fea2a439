import {makeScene2D} from '@motion-canvas/2d';
import {all, createSignal, easeInOutSine, linear, waitFor} from '@motion-canvas/core';
import {colors} from '../components/theme';
import {ContourMap} from '../components/ContourMap';
import {Fog} from '../components/Fog';
import {Surface3D, type SurfaceOverlay} from '../components/Surface3D';
import {sampleLandscape} from '../math/grid';
import {buildSurfaceMesh} from '../math/mesh';
import {listMinima} from '../math/minima';
import {paramsAt} from '../math/optimizers';
import type {Vec3} from '../math/projection';
import {mountainTerrain} from '../math/terrain';
import {walkDownhill} from '../math/walkers';

// Scratch scene (helper B): the 3D surface, overlays, fog and contour map, for looking at stills.
const ORBIT = 3;
const WALK = 3;
const LIFT = 2;

const terrain = mountainTerrain(1);
const minima = listMinima(terrain);
const starts = Array.from({length: 6}, (_, n) => [2.4 * Math.cos(n + 0.3), 2.4 * Math.sin(n + 0.3)] as const);
const walkers = walkDownhill(terrain, starts, {optimizer: 'sgd', lr: 0.05, maxSteps: 600, gradTol: 1e-4}, minima);
const mesh = buildSurfaceMesh(sampleLandscape(terrain, 40, 40));
const at = (x: number, y: number): Vec3 => [x, y, terrain.value(x, y)];
const walkerColors = [colors.red, colors.yellow, colors.purple, colors.orange, colors.text, colors.green];

export default makeScene2D(function* (view) {
  view.fill(colors.background);
  const step = createSignal(0);
  const trailOf = (w: number, upTo: number): Vec3[] => {
    const path = walkers[w].path;
    const n = Math.min(Math.floor(upTo), path.steps);
    return Array.from({length: n + 1}, (_, i) => {
      const p = paramsAt(path, i);
      return at(p[0], p[1]);
    });
  };
  const overlays = (): SurfaceOverlay[] => {
    const list: SurfaceOverlay[] = [{kind: 'slice', axis: 'y', at: 0.4, color: colors.red, opacity: 0.35}];
    walkers.forEach((_, w) => {
      const trail = trailOf(w, step());
      list.push({kind: 'path', points: trail, onSurface: true, color: walkerColors[w], width: 5});
      list.push({kind: 'point', at: trail[trail.length - 1], color: walkerColors[w], radius: 10});
    });
    const head = trailOf(0, step()).at(-1) as Vec3;
    const g = new Float64Array(2);
    terrain.value(head[0], head[1], g);
    const s = 0.4 / Math.max(1e-9, Math.hypot(g[0], g[1]));
    list.push({kind: 'arrow', from: head, to: at(head[0] - g[0] * s, head[1] - g[1] * s), color: colors.text, width: 4});
    return list;
  };
  const surface = (
    <Surface3D mesh={mesh} width={1920} height={1080} azimuth={-70} elevation={38} distance={3.6} wireframe={0.8}
      wireColor={colors.background} overlays={overlays} fogCenter={null} fogRadius={0.7}>
      <Fog />
    </Surface3D>
  ) as Surface3D;
  view.add(surface);
  view.add(
    <ContourMap grid={sampleLandscape(terrain, 96, 96)} levels={14} width={360} height={360} x={700} y={-320}
      fill={colors.surface} overlays={() => overlays().filter(o => o.kind !== 'slice')} />,
  );

  yield* all(surface.azimuth(-20, ORBIT, easeInOutSine), step(40, ORBIT, linear));
  surface.fogCenter(() => trailOf(0, step()).at(-1) as Vec3);
  yield* step(200, WALK, linear);
  yield* surface.fogRadius(12, LIFT, easeInOutSine);
  yield* waitFor(0.5);
});
