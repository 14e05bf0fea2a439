import {Latex, Line, Node, Rect, Txt, type View2D, makeScene2D} from '@motion-canvas/2d';
import {
  type SignalValue,
  type ThreadGenerator,
  all,
  chain,
  createSignal,
  delay,
  easeInOutCubic,
  easeInOutSine,
  linear,
  sequence,
  waitFor,
} from '@motion-canvas/core';
import {Axes, Caption, Readout, backdrop, colors, fonts, sizes} from '../components';
import {ContourMap} from '../components/ContourMap';
import {Surface3D, type SurfaceOverlay} from '../components/Surface3D';
import {registerText} from '../fonts';
import {buildSurfaceMesh} from '../math/mesh';
import type {Vec3} from '../math/projection';
import {
  AT_START,
  BOUNDS,
  BOX,
  CAMERA,
  CAMERA_START,
  CAPTION_X,
  CONTOUR_GRID,
  CONTOUR_LEVELS,
  DATA,
  DATA_UNIT,
  DATA_VIEW,
  DESCENT_STEPS,
  GRID,
  INSET,
  LEFT_X,
  MESH,
  RUNS,
  RUN_STEPS,
  START,
  SURFACE,
  TIMES,
  WIGGLE,
  descent,
  loss,
  paramsAtStep,
  partials,
  residuals,
  stepPoint,
} from './loss-bowl.model';

// Least squares as a landscape: the residual squares add up to a loss, the loss over (k1, k2)
// is a bowl, its partial derivatives make the gradient, and gradient descent walks down it.

const CAPTIONS = [
  {zh: '把每个偏差的平方加在一起，就是这根直线的损失函数', en: 'Add up the squared residuals: the loss of this line'},
  {zh: 'K1、K2 的损失曲面看起来就像一个碗', en: 'Over the knobs k1 and k2, the loss is a bowl'},
  {zh: '固定一个旋钮，只变化另一个：偏导数', en: 'Fix one knob and turn the other: a partial derivative'},
  {zh: '每次向着损失下降最快的方向走一小步', en: 'Each time, take a small step the steepest way down'},
  {zh: '步子太小走得慢，步子太大会来回震荡', en: 'Too small a step crawls; too large a step zig-zags away'},
];
registerText(CAPTIONS.map(c => c.zh).join(''));

const K1_COLOR = colors.orange;
const K2_COLOR = colors.purple;
const PATH_COLOR = colors.red;
const RUN_COLORS = [colors.blue, colors.green, colors.red];
const SLICE_TOP = 0.9 * GRID.zMax;
const SLICE_N = 45;
const ARROW = 0.6; // length of the gradient arrow, in (k1, k2) units
const lerp = (a: number, b: number, t: number) => a + (b - a) * t;
const at = (k1: number, k2: number): Vec3 => [k1, k2, loss(k1, k2)];
/** A vertical slice through the bowl: the cutting plane standing on the surface, and the cut curve. */
const slice = (axis: 'x' | 'y', fixed: number, curve: Vec3[], color: string, opacity: number): SurfaceOverlay[] => [
  {kind: 'slice', axis, at: fixed, zTo: SLICE_TOP, onSurface: true, color, opacity: 0.25 * opacity},
  {kind: 'path', points: curve, onSurface: true, color, width: 6, opacity},
];
const samples = (n: number, a: number, b: number) => Array.from({length: n}, (_, i) => a + ((b - a) * i) / (n - 1));

function build(view: View2D) {
  view.fill(backdrop());
  const k1 = createSignal(START[0]);
  const k2 = createSignal(START[1]);
  const shrink = createSignal(0); // 0: the big data panel of beat 1; 1: small, top left
  const grow = createSignal(0); // the residual squares' size, 0…1
  const rise = createSignal(0); // the bowl's height, 0…1
  const step = createSignal(0); // beat 4's descent step (fractional while gliding)
  const show = {
    marker: createSignal(0),
    slice1: createSignal(0),
    slice2: createSignal(0),
    gradient: createSignal(0),
    against: createSignal(0),
    path: createSignal(0),
  };

  const unit = () => lerp(DATA_UNIT.big, DATA_UNIT.small, shrink());
  const span = (r: [number, number]) => r[1] - r[0];
  const axes = new Axes({
    xRange: DATA_VIEW.xRange,
    yRange: DATA_VIEW.yRange,
    xStep: 1,
    yStep: 1,
    xLabel: 'x',
    yLabel: 'y',
    xLength: () => unit() * span(DATA_VIEW.xRange),
    yLength: () => unit() * span(DATA_VIEW.yRange),
    x: () => lerp(-180, LEFT_X, shrink()),
    y: () => lerp(-10, -250, shrink()),
    opacity: 0,
  });
  const squares = Array.from(DATA.xs, (x, i) => {
    const corners = () => {
      const r = residuals(k1(), k2())[i] * grow();
      const fit = DATA.ys[i] - r;
      const side = x < 0 ? Math.abs(r) : -Math.abs(r); // inwards, so the squares stay on the panel
      return [
        [x, fit],
        [x, DATA.ys[i]],
        [x + side, DATA.ys[i]],
        [x + side, fit],
      ].map(([a, b]) => axes.c2p(a, b));
    };
    return (
      <Line
        points={corners}
        closed
        fill={`${colors.red}30`}
        stroke={colors.red}
        lineWidth={2.5}
        opacity={() => (grow() > 0 ? 1 : 0)}
      />
    );
  });
  squares.forEach(q => axes.add(q));
  const line = axes.plot(() => (x: number) => k1() * x + k2(), {stroke: colors.yellow, end: 0});
  const dots = Array.from(DATA.xs, (x, i) => axes.point(x, DATA.ys[i], {fill: colors.blue, opacity: 0}));

  const readouts = new Rect({
    layout: true,
    direction: 'column',
    alignItems: 'start',
    gap: sizes.space.s,
    opacity: 0,
    x: () => lerp(620, LEFT_X + 40, shrink()),
    y: () => lerp(-20, 40, shrink()),
  });
  readouts.add(<Readout label="k1 =" value={k1} digits={2} valueColor={K1_COLOR} />);
  readouts.add(<Readout label="k2 =" value={k2} digits={2} valueColor={K2_COLOR} />);
  readouts.add(
    <Readout
      label="L = Σ r² ="
      value={() => loss(k1(), k2())}
      digits={2}
      intDigits={3}
      signed={false}
      valueColor={colors.red}
    />,
  );
  const lineTex = (
    <Latex
      tex="y = k_1 x + k_2"
      fill={colors.yellow}
      fontSize={sizes.font.body}
      x={() => lerp(620, LEFT_X + 200, shrink())}
      y={() => lerp(-160, -462, shrink())}
      opacity={0}
    />
  );

  /** Tip of the arrow from (k1, k2) along (c1·∂L/∂k1, c2·∂L/∂k2), scaled so the full gradient is ARROW long, on the surface. */
  const gradientTip = (c1: number, c2: number): Vec3 => {
    const {d1, d2} = partials(k1(), k2());
    const s = ARROW / Math.hypot(d1, d2);
    return at(k1() + c1 * d1 * s, k2() + c2 * d2 * s);
  };
  const overlays = (): SurfaceOverlay[] => {
    const list: SurfaceOverlay[] = [];
    const [a, b] = [k1(), k2()];
    if (show.slice1() > 0)
      list.push(
        ...slice(
          'y',
          b,
          samples(SLICE_N, BOUNDS.xMin, BOUNDS.xMax).map(u => at(u, b)),
          K1_COLOR,
          show.slice1(),
        ),
      );
    if (show.slice2() > 0)
      list.push(
        ...slice(
          'x',
          a,
          samples(SLICE_N, BOUNDS.yMin, BOUNDS.yMax).map(u => at(a, u)),
          K2_COLOR,
          show.slice2(),
        ),
      );
    if (show.gradient() > 0 || show.against() > 0) {
      const arrow = (to: Vec3, color: string, opacity: number): SurfaceOverlay => ({
        kind: 'arrow',
        from: at(a, b),
        to,
        color,
        width: 6,
        opacity,
      });
      list.push(
        arrow(gradientTip(1, 0), K1_COLOR, show.gradient()),
        arrow(gradientTip(0, 1), K2_COLOR, show.gradient()),
      );
      list.push(arrow(gradientTip(1, 1), colors.text, show.gradient()));
      if (show.against() > 0) list.push(arrow(gradientTip(-1, -1), PATH_COLOR, show.against()));
    }
    if (show.path() > 0) {
      const n = Math.floor(step());
      const trail = Array.from({length: n + 1}, (_, i) => stepPoint(descent, i));
      trail.push(at(k1(), k2()));
      list.push({kind: 'path', points: trail, onSurface: true, color: PATH_COLOR, width: 5, opacity: show.path()});
      for (let i = 0; i <= n; i++)
        list.push({kind: 'point', at: trail[i], color: PATH_COLOR, radius: 5, opacity: show.path()});
    }
    if (show.marker() > 0)
      list.push({kind: 'point', at: at(a, b), color: colors.yellow, radius: 13, opacity: show.marker()});
    return list;
  };
  const risingMesh = () =>
    rise() >= 1 ? MESH : buildSurfaceMesh(GRID, {...BOX, height: Math.max(0.002, BOX.height * rise())});
  const surface = (
    <Surface3D
      mesh={risingMesh}
      x={SURFACE.x}
      y={SURFACE.y}
      width={SURFACE.width}
      height={SURFACE.height}
      azimuth={CAMERA_START.azimuth}
      elevation={CAMERA_START.elevation}
      distance={CAMERA_START.distance}
      fov={CAMERA.fov}
      target={CAMERA.target}
      wireframe={1}
      wireColor={colors.background}
      overlays={overlays}
      opacity={0}
      axes={{
        x: {label: 'k_1', color: K1_COLOR, step: 0.5},
        y: {label: 'k_2', color: K2_COLOR, step: 0.5},
        z: {label: 'L', step: 10},
        xAxisAt: BOUNDS.yMin,
        yAxisAt: BOUNDS.xMax,
        floor: true,
      }}
    />
  ) as Surface3D;
  const surfaceLabel = (
    tex: string,
    p: () => Vec3,
    color: string,
    opacity: SignalValue<number> = 1,
    dx = 0,
    dy = 0,
  ) => (
    <Latex
      tex={tex}
      fill={color}
      fontSize={sizes.font.label}
      opacity={opacity}
      position={() => {
        const s = surface.screenOf(p());
        return [s.x + dx, s.y + dy];
      }}
    />
  );
  surface.add(surfaceLabel('\\nabla L', () => gradientTip(1, 1), colors.text, show.gradient, 0, -40));
  surface.add(surfaceLabel('-\\nabla L', () => gradientTip(-1, -1), PATH_COLOR, show.against, 50, 25));
  const contour = (
    <ContourMap
      grid={CONTOUR_GRID}
      levels={CONTOUR_LEVELS}
      width={INSET.size}
      height={INSET.size}
      x={INSET.x}
      y={INSET.y}
      fill={colors.surface}
      opacity={0}
      overlays={() => [
        {
          kind: 'path',
          points: [...Array.from({length: Math.floor(step()) + 1}, (_, i) => stepPoint(descent, i)), at(k1(), k2())],
          color: PATH_COLOR,
          width: 4,
        },
        {kind: 'point', at: at(k1(), k2()), color: colors.yellow, radius: 9},
      ]}
    />
  ) as ContourMap;
  const caption = new Caption({zh: CAPTIONS[0].zh, en: CAPTIONS[0].en, opacity: 0});
  view.add([surface, axes, lineTex, readouts, contour, caption]);
  return {
    view,
    k1,
    k2,
    shrink,
    grow,
    rise,
    step,
    show,
    axes,
    line,
    dots,
    squares,
    readouts,
    lineTex,
    surface,
    contour,
    caption,
  };
}
type Stage = ReturnType<typeof build>;

function* say(s: Stage, k: number, x = s.caption.x()): ThreadGenerator {
  yield* s.caption.opacity(0, TIMES.caption);
  s.caption.zh(CAPTIONS[k].zh).en(CAPTIONS[k].en).x(x);
  yield* s.caption.opacity(1, TIMES.caption);
}

function* turnKnobs(s: Stage, to: [number, number], seconds: number) {
  yield* all(s.k1(to[0], seconds, easeInOutSine), s.k2(to[1], seconds, easeInOutSine));
}

/** Beat 1: the points, the line, a square on every residual and their live total. */
function* squaredResiduals(s: Stage) {
  const T = TIMES;
  yield* all(
    s.axes.opacity(1, T.pointsIn),
    sequence((0.6 * T.pointsIn) / (s.dots.length - 1), ...s.dots.map(d => d.opacity(1, 0.4 * T.pointsIn))),
  );
  yield* all(s.line.end(1, T.lineIn), s.lineTex.opacity(1, T.lineIn), s.caption.opacity(1, T.lineIn));
  yield* s.grow(1, T.squaresIn, easeInOutCubic);
  yield* s.readouts.opacity(1, T.totalIn);
  yield* waitFor(T.look);
  yield* turnKnobs(s, WIGGLE, T.wiggle);
  yield* turnKnobs(s, START, T.wiggleBack);
}

/** Beat 2: the data panel steps aside and the loss over (k1, k2) rises into a bowl. */
function* riseIntoBowl(s: Stage) {
  const T = TIMES;
  // The readouts and the equation cross the chart on their way: hidden while they do.
  const aside = (n: Node) => chain(n.opacity(0, 0.3 * T.shrink), waitFor(0.4 * T.shrink), n.opacity(1, 0.3 * T.shrink));
  yield* all(s.shrink(1, T.shrink), s.grow(0, T.shrink), say(s, 1, CAPTION_X), aside(s.readouts), aside(s.lineTex));
  yield* all(
    s.surface.opacity(1, T.rise / 3),
    s.rise(1, T.rise, easeInOutSine),
    s.surface.distance(lerp(CAMERA_START.distance, CAMERA.distance, 0.6), T.rise, easeInOutSine),
    s.surface.elevation(55, T.rise, easeInOutSine),
    s.surface.azimuth(lerp(CAMERA_START.azimuth, CAMERA.azimuth, 0.4), T.rise, easeInOutSine),
  );
  yield* all(
    s.surface.azimuth(CAMERA.azimuth, T.orbit, easeInOutSine),
    s.surface.distance(CAMERA.distance, T.orbit, easeInOutSine),
    s.surface.elevation(CAMERA.elevation, T.orbit, easeInOutSine),
  );
  yield* s.show.marker(1, T.pointOn);
}

/** A 2D plot of one slice: L along one knob with the other fixed, and its tangent from autodiff. */
function slicePlot(s: Stage, knob: 1 | 2, y: number) {
  const range: [number, number] = knob === 1 ? [BOUNDS.xMin, BOUNDS.xMax] : [BOUNDS.yMin, BOUNDS.yMax];
  const fixed = knob === 1 ? START[1] : START[0];
  const color = knob === 1 ? K1_COLOR : K2_COLOR;
  const f = (u: number) => (knob === 1 ? loss(u, fixed) : loss(fixed, u));
  const here = START[knob - 1];
  const slope = knob === 1 ? AT_START.d1 : AT_START.d2;
  const axes = new Axes({
    xRange: range,
    yRange: [0, 45],
    xStep: 1,
    yStep: 20,
    xLength: 520,
    yLength: 230,
    x: LEFT_X + 60,
    y,
    xLabel: `k_${knob}`,
    yLabel: 'L',
    tickFontSize: 26,
    opacity: 0,
  });
  axes.plot(f, {stroke: color, lineWidth: 5});
  const tangent = axes.tangent(here, f(here), slope, {halfLength: 130, opacity: 0});
  axes.point(here, f(here), {fill: colors.yellow, size: 18});
  const other = knob === 1 ? 'k_2' : 'k_1';
  const title = (
    <Latex
      tex={`${other} = ${fixed.toFixed(2)}\\ \\text{fixed}`}
      fill={colors.textDim}
      fontSize={32}
      offset={[1, 0]}
      x={LEFT_X + 320}
      y={y - 160}
    />
  );
  const readout = (
    <Readout
      label={`∂L/∂k${knob} =`}
      value={slope}
      digits={2}
      intDigits={2}
      valueColor={colors.tangent}
      x={LEFT_X + 60}
      y={y + 175}
      fontSize={34}
      opacity={0}
    />
  );
  const group = (
    <Node opacity={0}>
      {axes}
      {title}
      {readout}
    </Node>
  );
  s.view.add(group);
  axes.opacity(1);
  return {group, tangent, readout};
}

/** Beat 3: slices at fixed k2 and fixed k1, their tangent slopes, and the gradient they make. */
function* partialDerivatives(s: Stage) {
  const T = TIMES;
  const p1 = slicePlot(s, 1, -290);
  const p2 = slicePlot(s, 2, 130);
  yield* all(
    s.axes.opacity(0, T.sliceIn),
    s.lineTex.opacity(0, T.sliceIn),
    s.readouts.opacity(0, T.sliceIn),
    say(s, 2),
  );
  for (const [p, show] of [
    [p1, s.show.slice1],
    [p2, s.show.slice2],
  ] as const) {
    yield* all(show(1, T.sliceIn), p.group.opacity(1, T.sliceIn));
    yield* all(p.tangent.opacity(1, T.tangentIn), p.readout.opacity(1, T.tangentIn));
    yield* waitFor(T.readSlope);
  }
  const grad = (
    <Latex
      tex={`\\nabla L = \\left(\\tfrac{\\partial L}{\\partial k_1}, \\tfrac{\\partial L}{\\partial k_2}\\right) = (${AT_START.d1.toFixed(2)},\\ ${AT_START.d2.toFixed(2)})`}
      fill={colors.text}
      fontSize={34}
      x={LEFT_X + 20}
      y={400}
      opacity={0}
    />
  );
  s.view.add(grad);
  yield* all(
    s.show.gradient(1, T.gradientIn),
    grad.opacity(1, T.gradientIn),
    s.show.slice1(0.35, T.gradientIn),
    s.show.slice2(0.35, T.gradientIn),
  );
  yield* s.show.against(1, T.walkAgainst);
  yield* waitFor(T.holdGradient);
  const half = T.toDescent / 2;
  yield* all(
    p1.group.opacity(0, half),
    p2.group.opacity(0, half),
    grad.opacity(0, half),
    s.show.slice1(0, half),
    s.show.slice2(0, half),
    s.show.gradient(0, half),
    s.show.against(0, half),
    say(s, 3),
  );
  yield* all(
    s.axes.opacity(1, half),
    s.lineTex.opacity(1, half),
    s.readouts.opacity(1, half),
    s.contour.opacity(1, half),
  );
}

/** Beat 4: gradient descent from the start; the path grows on the bowl and the map, the line follows. */
function* descendTheBowl(s: Stage) {
  const T = TIMES;
  s.show.path(1);
  s.k1(() => paramsAtStep(descent, s.step())[0]);
  s.k2(() => paramsAtStep(descent, s.step())[1]);
  for (let k = 1; k <= DESCENT_STEPS; k++) {
    yield* s.step(k, T.glide, easeInOutSine);
    yield* waitFor(T.hold);
  }
  yield* waitFor(T.afterDescent);
}

/** Beat 5: the same start with three learning rates, side by side on the contour map. */
function* stepSizes(s: Stage) {
  const T = TIMES;
  const runStep = createSignal(0);
  const xs = [-620, 0, 620];
  const titles = ['too small', 'good', 'too large'];
  const panels = RUNS.map((run, r) => {
    const k = () => Math.min(runStep(), run.path.steps);
    const trail = () => [
      ...Array.from({length: Math.floor(k()) + 1}, (_, i) => stepPoint(run.path, i)),
      at(...paramsAtStep(run.path, k())),
    ];
    const done = () => (run.path.stop === 'diverged' && runStep() >= run.path.steps ? 1 : 0);
    return (
      <Node opacity={0}>
        <Txt
          text={`lr = ${run.lr}`}
          x={xs[r]}
          y={-420}
          fill={RUN_COLORS[r]}
          fontFamily={fonts.mono}
          fontSize={sizes.font.body}
        />
        <Txt
          text={titles[r]}
          x={xs[r]}
          y={-365}
          fill={colors.textDim}
          fontFamily={fonts.text}
          fontSize={sizes.font.label}
        />
        <ContourMap
          grid={CONTOUR_GRID}
          levels={CONTOUR_LEVELS}
          width={520}
          height={520}
          x={xs[r]}
          y={-70}
          fill={colors.surface}
          overlays={() => [
            {kind: 'path', points: trail(), color: RUN_COLORS[r], width: 5},
            ...trail()
              .slice(0, -1)
              .map(p => ({kind: 'point' as const, at: p, color: RUN_COLORS[r], radius: 6})),
            {kind: 'point', at: trail()[trail().length - 1], color: colors.yellow, radius: 10},
          ]}
        />
        <Readout
          label="L ="
          value={() => run.path.loss[Math.floor(k())]}
          digits={2}
          intDigits={3}
          signed={false}
          valueColor={RUN_COLORS[r]}
          x={xs[r]}
          y={240}
        />
        <Txt
          text="diverged"
          x={xs[r]}
          y={290}
          fill={colors.red}
          fontFamily={fonts.text}
          fontSize={sizes.font.label}
          opacity={done}
        />
      </Node>
    );
  });
  const stepReadout = (
    <Readout
      label="step"
      value={() => Math.floor(runStep())}
      digits={0}
      intDigits={2}
      signed={false}
      y={300}
      opacity={0}
    />
  );
  s.view.add([...panels, stepReadout]);
  yield* all(
    s.surface.opacity(0, T.toRuns),
    s.axes.opacity(0, T.toRuns),
    s.lineTex.opacity(0, T.toRuns),
    s.readouts.opacity(0, T.toRuns),
    s.contour.opacity(0, T.toRuns),
    say(s, 4, 0),
  );
  yield* all(...panels.map(p => p.opacity(1, T.fade)), stepReadout.opacity(1, T.fade));
  yield* runStep(RUN_STEPS, T.runs - T.fade, linear);
  yield* waitFor(T.end);
}

export default makeScene2D(function* (view) {
  const s = build(view);
  yield* squaredResiduals(s);
  yield* riseIntoBowl(s);
  yield* partialDerivatives(s);
  yield* descendTheBowl(s);
  yield* stepSizes(s);
});
