import {Circle, Gradient, Node, Rect, Txt, type View2D, makeScene2D} from '@motion-canvas/2d';
import {type ThreadGenerator, all, createSignal, tween, waitFor} from '@motion-canvas/core';
import {Caption, Readout, backdrop, colors, fonts, sizes, slots} from '../components';
import {Fog} from '../components/Fog';
import {Surface3D, type SurfaceOverlay} from '../components/Surface3D';
import {registerText} from '../fonts';
import {domainToScreen, meshHeightAt, toWorld} from '../math/mesh';
import type {Minimum} from '../math/minima';
import {hiddenBySurface, overlayLift} from '../math/painter';
import {makeView, type OrbitCamera, type Vec3} from '../math/projection';
import {
  ARROW_SCALE,
  BEATS,
  HERO,
  MESH,
  MINIMA,
  MOMENTUM,
  PLAIN,
  T,
  TERRAIN,
  VIEWPORT,
  WIDE,
  type WalkerId,
  AMBIENT,
  FOG_COLOR,
  HERO_COLOR,
  LIGHT,
  MIST_COLOR,
  RACE_COLORS,
  TERRAIN_COLORS,
  TRAIL_WIDTH,
  WALKER_COLORS,
  WIRE_COLOR,
  arrowAt,
  cameraAt,
  fogRadiusAt,
  heroGradientAt,
  heroIndexAt,
  heroStepAt,
  minimaShownAt,
  raceStepAt,
  trailsAt,
  walkerAt,
} from './foggy-descent.model';

// Descending a mountain in fog: longitude and latitude are the parameters, altitude is the loss.

const CAPTIONS = [
  {
    zh: '参数就像经纬度，海拔高度就是损失函数的大小',
    en: 'The parameters are longitude and latitude; the altitude is the loss',
  },
  {zh: '周围大雾弥漫，你只能看到自己脚下的地形', en: 'Fog all around: you only see the ground under your feet'},
  {zh: '试探脚下的坡度，朝下坡迈一小步', en: 'Feel the slope underfoot, take a small step downhill'},
  {zh: '一步一步，海拔越来越低', en: 'Step by step, the altitude falls'},
  {zh: '雾散了：不同的起点，走进不同的山谷', en: 'The fog lifts: different starts end in different valleys'},
  {zh: '动量：像滚下山的球，冲过浅浅的山谷', en: 'Momentum: like a rolling ball, it carries past a shallow valley'},
];
registerText(CAPTIONS.map(c => c.zh).join(''));

const DEG = 180 / Math.PI;
const LIFTED = BEATS.lift + T.lift;
/** The camera is still (faces can be reused from a bitmap) between the lift and the orbit, and during the race. */
const stillCamera = (t: number) => (t >= LIFTED && t < BEATS.orbit) || t >= BEATS.race;
/** Soft patches of mist over the fog: x, y, radius (design pixels). */
const MIST = [
  [-700, -250, 420],
  [-150, -380, 380],
  [520, -220, 460],
  [820, 260, 400],
  [-520, 300, 440],
  [120, 360, 360],
] as const;
const lifted = (p: Vec3): Vec3 => [p[0], p[1], p[2] + 0.04];

/** Whether a valley floor is in sight of the camera (the engine's occlusion test). */
function valleyInSight(m: Minimum, camera: OrbitCamera): boolean {
  const p = toWorld(MESH.box, m.x, m.y, m.value);
  p[2] = meshHeightAt(MESH, p[0], p[1]);
  return !hiddenBySurface(MESH, makeView(camera, VIEWPORT), p, overlayLift(MESH));
}

// The plain racer's trail is drawn wide, so it still shows where the momentum trail runs over it.
const WALKER_STYLE: Record<WalkerId, {color: string; radius: number; width?: number}> = {
  hero: {color: HERO_COLOR, radius: 13},
  other0: {color: WALKER_COLORS[0], radius: 11},
  other1: {color: WALKER_COLORS[1], radius: 11},
  other2: {color: WALKER_COLORS[2], radius: 11},
  other3: {color: WALKER_COLORS[3], radius: 11},
  plain: {color: RACE_COLORS.plain, radius: 12, width: 2 * TRAIL_WIDTH},
  momentum: {color: RACE_COLORS.momentum, radius: 12},
};

function overlaysAt(t: number): SurfaceOverlay[] {
  const list: SurfaceOverlay[] = [];
  if (minimaShownAt(t)) {
    for (const m of MINIMA)
      list.push({kind: 'point', at: [m.x, m.y, m.value], onSurface: true, color: colors.text, radius: 6});
  }
  for (const {id, trail} of trailsAt(t)) {
    const {color, radius, width = TRAIL_WIDTH} = WALKER_STYLE[id];
    list.push({kind: 'path', points: trail, onSurface: true, color, width});
    list.push({kind: 'point', at: trail[trail.length - 1], onSurface: true, color, radius});
  }
  const a = arrowAt(t);
  if (a > 0.01) {
    const p = walkerAt(HERO, heroStepAt(t));
    const [gx, gy] = heroGradientAt(t);
    const x = p[0] - ARROW_SCALE * a * gx;
    const y = p[1] - ARROW_SCALE * a * gy;
    list.push({kind: 'arrow', from: lifted(p), to: lifted([x, y, TERRAIN.value(x, y)]), color: colors.text, width: 6});
  }
  return list;
}

function build(view: View2D) {
  view.fill(backdrop());
  const clock = createSignal(0);
  const camera = () => cameraAt(clock());
  const surface = (
    <Surface3D
      mesh={MESH}
      width={VIEWPORT.width}
      height={VIEWPORT.height}
      colormap={TERRAIN_COLORS}
      azimuth={() => camera().azimuth * DEG}
      elevation={() => camera().elevation * DEG}
      distance={() => camera().distance}
      target={() => camera().target}
      fov={WIDE.fov * DEG}
      ambient={AMBIENT}
      light={LIGHT}
      fogColor={FOG_COLOR}
      fogSoftness={0.45}
      fogCenter={() => (clock() < LIFTED ? walkerAt(HERO, heroStepAt(clock())) : null)}
      fogRadius={() => fogRadiusAt(clock())}
      overlays={() => overlaysAt(clock())}
      wireframe={1}
      wireColor={WIRE_COLOR}
      clipToClearing
      cacheFaces={() => stillCamera(clock())}
    >
      <Fog />
    </Surface3D>
  ) as Surface3D;

  const mist = (
    // Painted once and then only composited: binding it to the clock would repaint it every frame.
    <Node cache>
      {MIST.map(([x, y, r]) => (
        <Circle
          x={x}
          y={y}
          size={2 * r}
          fill={
            new Gradient({
              type: 'radial',
              fromRadius: 0,
              toRadius: r,
              stops: [
                {offset: 0, color: `${MIST_COLOR}22`},
                {offset: 0.6, color: `${MIST_COLOR}12`},
                {offset: 1, color: `${MIST_COLOR}00`},
              ],
            })
          }
        />
      ))}
    </Node>
  );

  const title = (
    <Txt
      text="Descending a mountain in fog"
      x={slots.left}
      y={slots.titleY}
      offset={[-1, 0]}
      fill={colors.text}
      fontFamily={fonts.text}
      fontSize={sizes.font.heading}
      opacity={0}
    />
  );
  // Whole-step signals, set only when they change, so the readouts re-layout once per step, not per frame.
  const step = createSignal(0);
  const raceSteps = createSignal<[number, number]>([0, 0]);
  const here = () => HERO.path.params.subarray(2 * step(), 2 * step() + 2);
  const readouts = (
    <Rect
      layout
      direction="column"
      alignItems="end"
      gap={sizes.space.s}
      x={860}
      y={slots.titleY}
      offset={[1, -1]}
      opacity={0}
      padding={[sizes.space.m, sizes.space.l]}
      radius={16}
      fill={`${colors.background}c0`}
    >
      <Readout label="longitude x =" value={() => here()[0]} digits={3} valueColor={colors.text} />
      <Readout label="latitude y =" value={() => here()[1]} digits={3} valueColor={colors.text} />
      <Readout label="altitude (loss) =" value={() => HERO.path.loss[step()]} digits={3} valueColor={HERO_COLOR} />
      <Readout label="step" value={step} digits={0} intDigits={2} signed={false} valueColor={colors.textDim} />
    </Rect>
  );
  const arrowKey = (
    <Txt
      text="arrow: downhill, −∇loss"
      x={860}
      y={-135}
      offset={[1, 0]}
      fill={colors.text}
      fontFamily={fonts.text}
      fontSize={sizes.font.captionEn}
      opacity={0}
    />
  );

  const screenOf = (p: Vec3) => domainToScreen(MESH.box, camera(), VIEWPORT, p);
  const valleyLabels = MINIMA.map((m, i) => {
    const at = () => screenOf([m.x, m.y, m.value]);
    const seen = () => (valleyInSight(m, camera()) ? 1 : 0);
    return (
      <Node opacity={0}>
        <Txt
          text={m.value.toFixed(2)}
          x={() => at().x}
          y={() => at().y + 32}
          fill={colors.text}
          fontFamily={fonts.mono}
          fontSize={30}
          opacity={seen}
          stroke={colors.background}
          lineWidth={6}
          strokeFirst
          fontWeight={i === 0 ? 600 : 400}
        />
      </Node>
    );
  });
  const minimaKey = (
    <Txt
      text="numbers: altitude of each valley floor (engine's local minima)"
      x={slots.left}
      y={-400}
      offset={[-1, 0]}
      fill={colors.textDim}
      fontFamily={fonts.text}
      fontSize={30}
      opacity={0}
    />
  );
  // Plain text, not Readout layouts: these count every frame, and a layout per frame is costly.
  const raceRow = (label: string, color: string, y: number, count: () => number) => (
    <Node y={y}>
      <Txt
        text={label}
        x={slots.left}
        offset={[-1, 0]}
        fill={color}
        fontFamily={fonts.text}
        fontSize={sizes.font.body}
      />
      <Txt
        text={() => `${String(count()).padStart(3)} steps`}
        x={-540}
        offset={[-1, 0]}
        fill={colors.text}
        fontFamily={fonts.mono}
        fontSize={sizes.font.body}
      />
    </Node>
  );
  const raceKey = (
    <Node opacity={0}>
      {raceRow('plain descent', RACE_COLORS.plain, -390, () => raceSteps()[0])}
      {raceRow('with momentum', RACE_COLORS.momentum, -330, () => raceSteps()[1])}
    </Node>
  );
  const caption = new Caption({zh: CAPTIONS[0].zh, en: CAPTIONS[0].en, opacity: 0});
  view.add([surface, mist, title, readouts, arrowKey, ...valleyLabels, minimaKey, raceKey, caption]);
  return {
    view,
    clock,
    step,
    raceSteps,
    surface,
    mist,
    title,
    readouts,
    arrowKey,
    valleyLabels,
    minimaKey,
    raceKey,
    caption,
  };
}
type Stage = ReturnType<typeof build>;

const FADE = 0.4;

function* say(s: Stage, k: number): ThreadGenerator {
  yield* s.caption.opacity(0, FADE);
  s.caption.zh(CAPTIONS[k].zh).en(CAPTIONS[k].en);
  yield* s.caption.opacity(1, FADE);
}

/** Runs the clock to time `to` (linearly: the model's timeline carries the easing). */
function* until(s: Stage, to: number): ThreadGenerator {
  const from = s.clock();
  yield* tween(to - from, u => {
    const t = from + u * (to - from);
    s.clock(t);
    s.step(heroIndexAt(t));
    const counts: [number, number] = [Math.floor(raceStepAt(PLAIN, t)), Math.floor(raceStepAt(MOMENTUM, t))];
    if (counts[0] !== s.raceSteps()[0] || counts[1] !== s.raceSteps()[1]) s.raceSteps(counts);
  });
}

/** Beat 1: only the ground around the walker shows through the fog. */
function* lostInFog(s: Stage) {
  yield* all(
    until(s, BEATS.probe),
    s.title.opacity(1, T.title),
    s.caption.opacity(1, T.title),
    s.readouts.opacity(1, T.title + T.open),
    (function* () {
      yield* waitFor(T.title + T.open);
      yield* say(s, 1);
    })(),
  );
}

/** Beat 2: probe the slope (the engine's gradient), step downhill, repeat. */
function* probeAndStep(s: Stage) {
  yield* all(until(s, BEATS.hurry), say(s, 2), s.arrowKey.opacity(1, T.probe));
  yield* all(until(s, BEATS.lift), say(s, 3), s.arrowKey.opacity(0, T.hurry));
}

/** Beat 3: the fog lifts; walkers from other starts each find their own valley. */
function* fogLifts(s: Stage) {
  yield* all(
    until(s, BEATS.spread),
    say(s, 4),
    s.title.opacity(0, FADE),
    s.readouts.opacity(0, FADE),
    s.mist.opacity(0, 0.6 * T.lift),
  );
  yield* all(
    until(s, BEATS.orbit),
    (function* () {
      yield* waitFor(T.spread);
      yield* all(s.minimaKey.opacity(1, FADE), ...s.valleyLabels.map(l => l.opacity(1, FADE)));
    })(),
  );
}

/** Beat 4: from one start, plain steps stop in a shallow valley; momentum rolls on to a deeper one. */
function* momentumRace(s: Stage) {
  yield* all(until(s, BEATS.race), say(s, 5), s.minimaKey.opacity(0, FADE));
  yield* all(until(s, BEATS.end), s.raceKey.opacity(1, FADE));
}

export default makeScene2D(function* (view) {
  const s = build(view);
  yield* lostInFog(s);
  yield* probeAndStep(s);
  yield* fogLifts(s);
  yield* momentumRace(s);
});
