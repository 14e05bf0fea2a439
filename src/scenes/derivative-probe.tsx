import {Circle, Gradient, Latex, Line, Node, Rect, Txt, type View2D, makeScene2D} from '@motion-canvas/2d';
import {type ThreadGenerator, all, createComputed, createSignal, tween, waitFor} from '@motion-canvas/core';
import {Axes, Caption, Knob, Readout, backdrop, colors, fonts, sizes, handOver, slots} from '../components';
import {tangentSegment} from '../components/axisMath';
import {formatFixed} from '../components/readoutFormat';
import {registerText} from '../fonts';
import {
  AXES_MAP,
  AXES_POS,
  BEATS,
  K1_BEST,
  LR,
  PROBES,
  SLOPE_X0,
  T,
  TIMELINE,
  WALK,
  X0,
  dotOpacityAt,
  knobAt,
  lossAt,
  nudgeAt,
  rampAt,
  readoutsAt,
  rowsShownAt,
  tangentOpacityAt,
  walkK,
} from './derivative-probe.model';

// In the fog you can still feel the slope: the loss over one knob is known only where you try it;
// a small nudge Δx gives Δy, and as Δx shrinks Δy/Δx becomes the derivative; step against it.

const CAPTIONS = [
  {
    zh: '除了 k1，其他旋钮都已调到最好：损失只随 k1 变化',
    en: 'Every knob but k1 is already at its best: the loss depends on k1 alone',
  },
  {
    zh: '但曲线藏在雾里：只有试过的点，才知道损失是多少',
    en: 'But the curve is hidden in fog: you only know the loss where you try',
  },
  {
    zh: '把旋钮转一点点 Δx：损失增加了 Δy，变差了',
    en: 'Turn the knob a little, Δx: the loss rose by Δy, so it got worse',
  },
  {
    zh: 'Δx 越小，割线越接近切线，Δy/Δx 趋于导数',
    en: 'As Δx shrinks, the secant becomes the tangent and Δy/Δx tends to the derivative',
  },
  {zh: '感受坡度，朝下坡走一小步，再看导数再走', en: 'Feel the slope, take a small step downhill, feel again, repeat'},
  {zh: '坡度几乎为零：停在底部，参数不再变化', en: 'The slope is almost zero: stop at the bottom'},
  {zh: '雾散了：这一路确实走到了最低点', en: 'The fog lifts: the walk really found the bottom'},
];
registerText(CAPTIONS.map(c => c.zh).join(''));

const DOT_COLOR = {peek: colors.text, base: colors.highlight, probe: colors.green, walk: colors.highlight} as const;
const SECANT_COLOR = colors.green;
const PANEL_X = 250;
const KNOB_POS: [number, number] = [790, -360];
const MIST = [
  [-330, -180, 300],
  [40, -60, 280],
  [-220, 170, 320],
  [260, 120, 300],
  [330, -230, 260],
] as const;
const L0 = lossAt(X0);

function build(view: View2D) {
  view.fill(backdrop());
  const clock = createSignal(0);
  const now = createComputed(() => readoutsAt(clock()));
  const dx = () => nudgeAt(clock());

  const title = (
    <Txt
      text="In the fog you can still feel the slope"
      x={slots.left}
      y={slots.titleY}
      offset={[-1, 0]}
      fill={colors.text}
      fontFamily={fonts.text}
      fontSize={sizes.font.heading}
      opacity={0}
    />
  );
  const subtitle = (
    <Latex
      tex="\text{the fit } k_0 + k_1 x + \dots + k_5 x^5\text{, every knob but } k_1 \text{ fixed at its best}"
      x={slots.left}
      y={-405}
      offset={[-1, 0]}
      fill={colors.textDim}
      fontSize={32}
      opacity={0}
    />
  );
  const axes = new Axes({
    ...AXES_MAP,
    x: AXES_POS[0],
    y: AXES_POS[1],
    xStep: 1,
    yStep: 2,
    xLabel: 'k_1',
    yLabel: 'L(k_1)',
    opacity: 0,
  });
  const [w, h] = [AXES_MAP.xLength, AXES_MAP.yLength];
  // The fog over the plot: soft patches of mist, clipped to the plotting area.
  const mist = (
    <Rect width={w} height={h} clip fill={`${colors.grey}14`}>
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
                {offset: 0, color: `${colors.text}26`},
                {offset: 0.6, color: `${colors.text}10`},
                {offset: 1, color: `${colors.text}00`},
              ],
            })
          }
        />
      ))}
    </Rect>
  );
  axes.add(mist);
  // Where the knob points: a dashed line up from the k1 axis; the loss shows only where a dot appears.
  const cursor = new Line({
    points: () => [axes.c2p(knobAt(clock()), 0), axes.c2p(knobAt(clock()), AXES_MAP.yRange[1])],
    stroke: colors.textDim,
    lineWidth: 2,
    lineDash: [10, 10],
    opacity: 0,
  });
  axes.add(cursor);
  const curve = axes.plot(lossAt, {stroke: colors.blue, lineWidth: sizes.stroke.curve, end: 0});

  // Beat 2: the nudge triangle and the secant through (X0, L0) and (X0 + Δx, L(X0 + Δx)).
  const tip = () => axes.c2p(X0 + dx(), lossAt(X0 + dx()));
  const corner = () => axes.c2p(X0 + dx(), L0);
  const base = axes.c2p(X0, L0);
  const probeShown = createSignal(0);
  const legs = new Line({
    points: () => [base, corner(), tip()],
    stroke: colors.textDim,
    lineWidth: 3,
    opacity: probeShown,
  });
  const big = () => probeShown() * rampAt(dx(), 0.25, 0.2);
  const dxLabel = new Latex({
    tex: '\\Delta x',
    fill: colors.text,
    fontSize: 34,
    opacity: big,
    position: () => base.add(corner()).scale(0.5).addY(34),
  });
  const dyLabel = new Latex({
    tex: '\\Delta y',
    fill: colors.text,
    fontSize: 34,
    opacity: big,
    offset: [-1, 0],
    position: () => corner().add(tip()).scale(0.5).addX(14),
  });
  const secant = new Line({
    points: () => {
      const r = now().ratio;
      return tangentSegment(AXES_MAP, X0 + dx() / 2, (L0 + lossAt(X0 + dx())) / 2, r, 250);
    },
    stroke: SECANT_COLOR,
    lineWidth: 4,
    lineCap: 'round',
    opacity: probeShown,
  });
  axes.add([legs, secant, dxLabel, dyLabel]);
  const tangent = axes.tangent(X0, L0, SLOPE_X0, {halfLength: 250, opacity: 0});

  // Beat 3: a tangent at every step of the walk; older ones stay, dimmed.
  const walkTangents = Array.from({length: WALK.steps + 1}, (_, n) =>
    axes.tangent(walkK(n), WALK.loss[n], WALK.grad[n], {
      halfLength: 120,
      lineWidth: 4,
      opacity: () => tangentOpacityAt(n, clock()),
    }),
  );
  const probeDot = axes.point(
    () => X0 + dx(),
    () => lossAt(X0 + dx()),
    {fill: colors.green, size: 20, opacity: probeShown},
  );
  const dots = TIMELINE.dots.map((d, i) =>
    axes.point(d.k1, d.loss, {
      fill: DOT_COLOR[d.kind],
      size: d.kind === 'peek' ? 18 : sizes.point,
      opacity: () => dotOpacityAt(i, clock()),
    }),
  );
  // The probe's own point stays on top: at Δx = 0.01 the nudged point hides under it.
  const baseIndex = TIMELINE.dots.findIndex(d => d.kind === 'base');
  dots[baseIndex].moveToTop();

  const knob = (
    <Knob
      x={KNOB_POS[0]}
      y={KNOB_POS[1]}
      label="k₁"
      value={() => now().k1}
      min={AXES_MAP.xRange[0]}
      max={AXES_MAP.xRange[1]}
      digits={3}
      color={colors.highlight}
      opacity={0}
    />
  ) as Knob;

  // The live probe readouts, right-aligned on "=".
  const lossReadout = (
    <Readout label="L(k₁) =" value={() => now().loss} digits={3} valueColor={colors.highlight} signed={false} />
  );
  const probeReadouts = (
    <Rect layout direction="column" alignItems="end" gap={sizes.space.s} x={PANEL_X} y={-440} offset={[-1, -1]}>
      <Readout
        label="Δx ="
        value={() => now().dx}
        digits={3}
        valueColor={SECANT_COLOR}
        signed={false}
        opacity={probeShown}
      />
      <Readout
        label="Δy ="
        value={() => now().dy}
        digits={3}
        valueColor={colors.text}
        signed={false}
        opacity={probeShown}
      />
      <Readout
        label="Δy / Δx ="
        value={() => now().ratio}
        digits={3}
        valueColor={SECANT_COLOR}
        signed={false}
        opacity={probeShown}
      />
    </Rect>
  );
  const lossBox = (
    <Rect layout x={PANEL_X} y={-440} offset={[-1, -1]} opacity={0}>
      {lossReadout}
    </Rect>
  );

  // The table of held nudges: Δx, the ratio, and its gap to the dual-number derivative.
  const cols = [PANEL_X + 60, PANEL_X + 270, PANEL_X + 500];
  const rowY = (k: number) => -45 + 52 * k;
  const head = ['Δx', 'Δy / Δx', 'gap to L′'].map((t, c) => (
    <Txt text={t} x={cols[c]} y={-100} fill={colors.textDim} fontFamily={fonts.text} fontSize={32} />
  ));
  const cell = (t: string, c: number, k: number, color: string = colors.text) => (
    <Txt text={t} x={cols[c]} y={rowY(k)} fill={color} fontFamily={fonts.mono} fontSize={34} />
  );
  const rows = PROBES.map((p, k) => (
    <Node opacity={() => rampAt(rowsShownAt(clock()), k + 0.5, 0.5)}>
      {cell(String(p.dx), 0, k)}
      {cell(formatFixed(p.ratio, 3, 1, false), 1, k, SECANT_COLOR)}
      {cell(formatFixed(Math.abs(p.ratio - SLOPE_X0), 3, 1, false), 2, k, colors.textDim)}
    </Node>
  ));
  const verdict = (
    <Node opacity={0}>
      <Latex
        tex={`L'(${X0}) = ${SLOPE_X0.toFixed(3)}`}
        fill={colors.tangent}
        fontSize={sizes.font.body}
        x={PANEL_X}
        y={185}
        offset={[-1, 0]}
      />
      <Txt
        text="(dual numbers)"
        x={PANEL_X + 300}
        y={185}
        offset={[-1, 0]}
        fill={colors.textDim}
        fontFamily={fonts.text}
        fontSize={30}
      />
      <Txt
        text={`the gap shrinks with Δx`}
        x={PANEL_X}
        y={245}
        offset={[-1, 0]}
        fill={colors.green}
        fontFamily={fonts.text}
        fontSize={30}
      />
    </Node>
  );
  const table = (
    <Node opacity={0}>
      {head}
      {rows}
    </Node>
  );

  // Beat 3's readouts: where the walk stands and the slope it feels there.
  const walkPanel = (
    <Node opacity={0}>
      <Rect layout direction="column" alignItems="end" gap={sizes.space.s} x={PANEL_X} y={-440} offset={[-1, -1]}>
        <Readout
          label="step"
          value={() => now().step}
          digits={0}
          intDigits={2}
          signed={false}
          valueColor={colors.textDim}
        />
        <Readout label="k₁ =" value={() => now().walkK1} digits={3} valueColor={colors.highlight} signed={false} />
        <Readout label="L(k₁) =" value={() => now().loss} digits={3} valueColor={colors.highlight} signed={false} />
        <Readout label="slope L′(k₁) =" value={() => now().slope} digits={3} valueColor={colors.tangent} />
      </Rect>
      <Latex
        tex={`k_1 \\leftarrow k_1 - \\eta\\, L'(k_1),\\quad \\eta = ${LR}`}
        fill={colors.text}
        fontSize={sizes.font.label}
        x={PANEL_X}
        y={-90}
        offset={[-1, 0]}
      />
    </Node>
  );
  const stopNote = (
    <Txt
      text="slope ≈ 0: stop"
      x={PANEL_X}
      y={0}
      offset={[-1, 0]}
      fill={colors.green}
      fontFamily={fonts.text}
      fontSize={sizes.font.body}
      opacity={0}
    />
  );
  // Beat 4: the least-squares k1 (closed form) beside where the walk ended.
  const bottom = axes.c2p(K1_BEST, lossAt(K1_BEST));
  const answer = (
    <Node opacity={0}>
      <Circle position={bottom} size={52} stroke={colors.green} lineWidth={4} />
      <Txt text="bottom" fill={colors.green} fontFamily={fonts.text} fontSize={30} position={bottom.addY(-62)} />
    </Node>
  );
  axes.add(answer);
  const answerNote = (
    <Node opacity={0}>
      <Txt
        text={`walk ended at k₁ = ${walkK(WALK.steps).toFixed(3)}`}
        x={PANEL_X}
        y={80}
        offset={[-1, 0]}
        fill={colors.highlight}
        fontFamily={fonts.text}
        fontSize={sizes.font.label}
      />
      <Txt
        text={`least squares: k₁ = ${K1_BEST.toFixed(3)}`}
        x={PANEL_X}
        y={135}
        offset={[-1, 0]}
        fill={colors.green}
        fontFamily={fonts.text}
        fontSize={sizes.font.label}
      />
    </Node>
  );

  const caption = new Caption({zh: CAPTIONS[0].zh, en: CAPTIONS[0].en, opacity: 0});
  view.add([
    axes,
    title,
    subtitle,
    knob,
    lossBox,
    probeReadouts,
    table,
    verdict,
    walkPanel,
    stopNote,
    answerNote,
    caption,
  ]);
  return {
    view,
    clock,
    title,
    subtitle,
    axes,
    mist,
    cursor,
    curve,
    tangent,
    probeShown,
    probeDot,
    knob,
    lossBox,
    table,
    verdict,
    walkPanel,
    stopNote,
    answer,
    answerNote,
    caption,
  };
}
type Stage = ReturnType<typeof build>;

function* say(s: Stage, k: number): ThreadGenerator {
  yield* s.caption.opacity(0, T.caption);
  s.caption.zh(CAPTIONS[k].zh).en(CAPTIONS[k].en);
  yield* s.caption.opacity(1, T.caption);
}

/** Runs the clock to time `to` (linearly: the model's timeline carries the easing). */
function* until(s: Stage, to: number): ThreadGenerator {
  const from = s.clock();
  yield* tween(to - from, u => s.clock(from + u * (to - from)));
}

/** Beat 1: the loss over k1 is fog; a few knob positions tried, a dot at each. */
function* lostInFog(s: Stage) {
  yield* all(
    until(s, BEATS.probe),
    s.title.opacity(1, T.intro),
    s.subtitle.opacity(1, T.intro),
    s.axes.opacity(1, T.intro),
    s.caption.opacity(1, T.intro),
    (function* () {
      yield* waitFor(T.intro - 0.5);
      yield* all(s.knob.opacity(1, 0.5), s.cursor.opacity(1, 0.5), s.lossBox.opacity(1, 0.5));
      yield* waitFor(0.6);
      yield* say(s, 1);
    })(),
  );
}

/** Beat 2: nudge by Δx, read Δy and Δy/Δx; shrink Δx until the secant is the tangent. */
function* probeTheSlope(s: Stage) {
  const toSecant = TIMELINE.firstSecant - BEATS.probe;
  yield* all(
    until(s, BEATS.shrink),
    say(s, 2),
    (function* () {
      yield* waitFor(toSecant);
      yield* handOver(T.probeShow, [s.lossBox], [s.probeShown, s.table]);
    })(),
  );
  yield* all(until(s, BEATS.tangent), say(s, 3));
  yield* all(until(s, BEATS.descent), s.tangent.opacity(1, T.tangentIn), s.verdict.opacity(1, T.tangentIn));
}

/** Beat 3: feel the slope (the tangent), take a small step against it, repeat until it is flat. */
function* walkDown(s: Stage) {
  yield* all(
    until(s, BEATS.stop),
    say(s, 4),
    s.tangent.opacity(0, T.clear),
    handOver(T.clear, [s.probeShown, s.table, s.verdict], [s.walkPanel]),
  );
  yield* all(until(s, BEATS.lift), say(s, 5), s.stopNote.opacity(1, T.caption), s.cursor.opacity(0, T.stopHold));
}

/** Beat 4: the fog lifts; the whole curve, and the walk's last dot at its bottom. */
function* fogLifts(s: Stage) {
  yield* all(
    until(s, BEATS.end),
    say(s, 6),
    s.mist.opacity(0, T.lift),
    s.curve.end(1, T.lift),
    s.stopNote.opacity(0, T.caption),
    (function* () {
      yield* waitFor(T.lift);
      yield* all(s.answer.opacity(1, 0.6), s.answerNote.opacity(1, 0.6));
    })(),
  );
}

export default makeScene2D(function* (view) {
  const s = build(view);
  yield* lostInFog(s);
  yield* probeTheSlope(s);
  yield* walkDown(s);
  yield* fogLifts(s);
});
