import {Latex, Line, Node, Rect, Txt, type View2D, makeScene2D} from '@motion-canvas/2d';
import {type ThreadGenerator, all, createComputed, createSignal, tween, waitFor} from '@motion-canvas/core';
import {Axes, Caption, Knob, Readout, backdrop, colors, fonts, handOver, sizes, slots} from '../components';
import {unitSize} from '../components/axisMath';
import {formatFixed} from '../components/readoutFormat';
import {registerText} from '../fonts';
import {polyval} from '../math/leastSquares';
import {
  BEATS,
  DATA,
  DESCENT,
  DESCENT_END,
  FIT,
  KNOB_DIGITS,
  KNOB_RANGE,
  KNOBS,
  LR,
  PLOT_MAP,
  PLOT_POS,
  T,
  TABLE_DIGITS,
  formatCount,
  readoutsAt,
  recordedLossAt,
  residuals,
} from './polynomial-knobs.model';

// Fitting is turning knobs to lower the loss: six knobs set a fifth-degree curve, the loss is the
// mean area of the residual squares; random turning never gets far, gradient descent turns all six
// together and lands on the least-squares answer. GPT-3 plays the same game with 175 billion knobs.

const CAPTIONS = [
  {
    zh: '每个参数都是一个旋钮：六个旋钮 k₀…k₅ 决定一条五次曲线',
    en: 'Every parameter is a knob: six knobs k₀…k₅ set a fifth-degree curve',
  },
  {
    zh: '每个误差画成一个方块：损失就是这些方块的平均面积',
    en: 'Each miss is the side of a square: the loss is their mean area',
  },
  {zh: '随手乱转旋钮：曲线乱跳，损失一直很高', en: 'Turn knobs at random: the curve thrashes and the loss stays high'},
  {zh: '梯度下降：六个旋钮一起，朝损失下降最快的方向转', en: 'Gradient descent turns all six knobs together, downhill'},
  {
    zh: '最小二乘的解析解（QR 分解）与梯度下降的结果一致',
    en: 'The closed-form least squares (QR) agrees with where descent stopped',
  },
  {zh: '神经网络玩的是同一个游戏，只是旋钮多得多', en: 'A neural network plays the same game, with far more knobs'},
  {zh: 'GPT-3 有 1750 亿个旋钮', en: 'GPT-3 has 175 billion knobs'},
];
registerText(CAPTIONS.map(c => c.zh).join(''));

const CURVE = colors.blue;
const LOSS = colors.red;
const KNOB_Y = 205;
const KNOB_GAP = 270;
const PANEL_X = 200;
const SUB = ['₀', '₁', '₂', '₃', '₄', '₅'];

function build(view: View2D) {
  view.fill(backdrop());
  const clock = createSignal(0);
  const now = createComputed(() => readoutsAt(clock()));

  const title = (
    <Txt
      text="Fitting is turning knobs"
      x={slots.left}
      y={slots.titleY}
      offset={[-1, 0]}
      fill={colors.text}
      fontFamily={fonts.text}
      fontSize={sizes.font.heading}
      opacity={0}
    />
  );
  const formula = (
    <Latex
      tex="p(x) = k_0 + k_1 x + k_2 x^2 + k_3 x^3 + k_4 x^4 + k_5 x^5"
      x={slots.left}
      y={-390}
      offset={[-1, 0]}
      fill={colors.textDim}
      fontSize={34}
      opacity={0}
    />
  );

  // The plot: samples, one square per residual (clipped to the plot), and the curve the knobs set.
  const axes = new Axes({
    ...PLOT_MAP,
    x: PLOT_POS[0],
    y: PLOT_POS[1],
    xStep: 1,
    yStep: 1,
    xLabel: 'x',
    yLabel: 'y',
    opacity: 0,
  });
  const sy = unitSize(PLOT_MAP)[1];
  const squaresShown = createSignal(0);
  const misses = createComputed(() => residuals(now().knobs));
  const squares = (
    <Rect width={PLOT_MAP.xLength} height={PLOT_MAP.yLength} clip opacity={squaresShown}>
      {Array.from(DATA.xs, (x, i) => {
        const side = () => Math.abs(misses()[i]) * sy;
        const dataPx = axes.c2p(x, DATA.ys[i]);
        // The square stands on the residual: one side is the gap from the sample to the curve.
        return (
          <Rect
            width={side}
            height={side}
            x={() => dataPx.x + side() / 2}
            y={() => dataPx.y - (misses()[i] * sy) / 2}
            fill={`${LOSS}2c`}
            stroke={`${LOSS}b0`}
            lineWidth={2}
          />
        );
      })}
    </Rect>
  );
  axes.add(squares);
  const curve = axes.plot(
    () => {
      const k = now().knobs;
      return (x: number) => polyval(k, x);
    },
    {stroke: CURVE, lineWidth: 5, end: 0},
  );
  const dots = Array.from(DATA.xs, (x, i) => axes.point(x, DATA.ys[i], {fill: colors.text, size: 16, scale: 0}));

  // The loss, live: the mean area of the squares.
  const lossPanel = (
    <Node opacity={0}>
      <Readout
        label="loss L ="
        value={() => now().loss}
        digits={3}
        intDigits={2}
        signed={false}
        valueColor={LOSS}
        x={PANEL_X}
        y={-400}
        offset={[-1, 0]}
      />
      <Latex
        tex={`L = \\tfrac{1}{${DATA.xs.length}}\\textstyle\\sum_i r_i^2\\text{, the squares' mean area}`}
        fill={colors.textDim}
        fontSize={30}
        x={PANEL_X}
        y={-335}
        offset={[-1, 0]}
      />
    </Node>
  );

  // The small loss chart of the descent, and its step counter.
  const L0 = DESCENT.loss[0];
  const chart = new Axes({
    position: [480, -110],
    xRange: [0, DESCENT.steps],
    yRange: [0, Math.ceil(L0)],
    xLength: 500,
    yLength: 220,
    xStep: 100,
    yStep: Math.ceil(L0 / 2),
    grid: false,
    xLabel: '\\text{step}',
    yLabel: 'L',
    tickFontSize: 26,
    opacity: 0,
  });
  chart.plot(s => recordedLossAt(s), {
    xTo: () => Math.max(1e-3, now().chartStep),
    stroke: LOSS,
    lineWidth: 4,
    samples: 400,
  });
  chart.point(
    () => now().chartStep,
    () => now().loss,
    {fill: LOSS, size: 16},
  );
  const stepPanel = (
    <Node opacity={0}>
      <Readout
        label="step"
        value={() => now().step}
        digits={0}
        intDigits={3}
        signed={false}
        valueColor={colors.textDim}
        x={PANEL_X + 30}
        y={70}
        offset={[-1, 0]}
        fontSize={34}
      />
      <Latex
        tex={`a \\leftarrow a - ${LR}\\,\\nabla_{\\!a} L`}
        fill={colors.text}
        fontSize={32}
        x={PANEL_X + 300}
        y={70}
        offset={[-1, 0]}
      />
      <Txt
        text="(descent runs on rescaled features a; knobs k = M·a)"
        fill={colors.textDim}
        fontFamily={fonts.text}
        fontSize={24}
        x={PANEL_X + 30}
        y={112}
        offset={[-1, 0]}
      />
    </Node>
  );

  // Beat 3: descent's last knobs beside the closed-form least squares.
  // Numbers are right-aligned under the middle of their heading, so the decimal points line up.
  const cols = [PANEL_X + 40, PANEL_X + 250, PANEL_X + 480];
  const rowY = (j: number) => -185 + 48 * j;
  const cell = (text: string, c: number, y: number, fill: string, font: string = fonts.mono, size = 32) => (
    <Txt text={text} x={cols[c]} y={y} fill={fill} fontFamily={font} fontSize={size} />
  );
  const num = (v: number, c: number, y: number, fill: string) => (
    <Txt
      text={formatFixed(v, TABLE_DIGITS)}
      textWrap="pre"
      x={cols[c] + 70}
      y={y}
      offset={[1, 0]}
      fill={fill}
      fontFamily={fonts.mono}
      fontSize={32}
    />
  );
  const table = (
    <Node opacity={0}>
      {cell('knob', 0, -250, colors.textDim, fonts.text, 30)}
      {cell('descent', 1, -250, CURVE, fonts.text, 30)}
      {cell('least squares (QR)', 2, -250, colors.green, fonts.text, 30)}
      <Line
        points={[
          [cols[0] - 60, -222],
          [cols[2] + 150, -222],
        ]}
        stroke={colors.grey}
        lineWidth={2}
      />
      {Array.from({length: KNOBS}, (_, j) => (
        <Node>
          {cell(`k${SUB[j]}`, 0, rowY(j), colors.text, fonts.text)}
          {num(DESCENT_END[j], 1, rowY(j), CURVE)}
          {num(FIT[j], 2, rowY(j), colors.green)}
        </Node>
      ))}
    </Node>
  );

  const knobs = Array.from(
    {length: KNOBS},
    (_, j) =>
      (
        <Knob
          x={(j - (KNOBS - 1) / 2) * KNOB_GAP}
          y={KNOB_Y}
          size={120}
          fontSize={30}
          label={`k${SUB[j]}`}
          value={() => now().knobs[j]}
          min={-KNOB_RANGE[j]}
          max={KNOB_RANGE[j]}
          digits={KNOB_DIGITS}
          color={CURVE}
          opacity={0}
        />
      ) as Knob,
  );

  // Beat 4: the count of knobs, from six to GPT-3's.
  const counter = (
    <Node opacity={0} y={-140}>
      <Txt text={() => formatCount(now().count)} fill={colors.highlight} fontFamily={fonts.mono} fontSize={110} />
      <Txt text="knobs" y={100} fill={colors.text} fontFamily={fonts.text} fontSize={sizes.font.heading} />
    </Node>
  );
  const gpt = (
    <Txt
      text="GPT-3: every parameter is a knob"
      y={-300}
      fill={colors.text}
      fontFamily={fonts.text}
      fontSize={sizes.font.heading}
      opacity={0}
    />
  );

  const caption = new Caption({zh: CAPTIONS[0].zh, en: CAPTIONS[0].en, opacity: 0});
  view.add([axes, title, formula, lossPanel, chart, stepPanel, table, ...knobs, counter, gpt, caption]);
  return {
    clock,
    title,
    formula,
    axes,
    squaresShown,
    curve,
    dots,
    lossPanel,
    chart,
    stepPanel,
    table,
    knobs,
    counter,
    gpt,
    caption,
  };
}
type Stage = ReturnType<typeof build>;

function* say(s: Stage, k: number): ThreadGenerator {
  yield* s.caption.swap(CAPTIONS[k], T.caption);
}

/** Runs the clock to time `to` (linearly: the model's timeline carries the easing). */
function* until(s: Stage, to: number): ThreadGenerator {
  const from = s.clock();
  yield* tween(to - from, u => s.clock(from + u * (to - from)));
}

/** Beat 1: the samples, six knobs at 0 (a flat curve), and the squares of the misses. */
function* sixKnobs(s: Stage) {
  yield* all(
    until(s, BEATS.hand),
    (function* () {
      yield* all(
        s.title.opacity(1, T.intro),
        s.formula.opacity(1, T.intro),
        s.axes.opacity(1, T.intro),
        s.caption.opacity(1, T.intro),
      );
      yield* all(
        ...s.dots.map((d, i) =>
          (function* () {
            yield* waitFor((i / s.dots.length) * T.dots * 0.6);
            yield* d.scale(1, T.dots * 0.4);
          })(),
        ),
      );
      yield* all(...s.knobs.map(k => k.opacity(1, T.knobsIn)), s.curve.end(1, T.knobsIn));
      yield* all(s.squaresShown(1, T.squaresIn), s.lossPanel.opacity(1, T.squaresIn), say(s, 1));
    })(),
  );
}

/** Beat 2a: a hand turns one knob at a time at random. */
function* randomHand(s: Stage) {
  yield* all(until(s, BEATS.descent - T.chartIn), say(s, 2));
}

/** Beat 2b: gradient descent turns all six together; the loss falls on the chart. */
function* gradientDescent(s: Stage) {
  yield* all(s.chart.opacity(1, T.chartIn), s.stepPanel.opacity(1, T.chartIn), say(s, 3), until(s, BEATS.descent));
  yield* until(s, BEATS.compare);
}

/** Beat 3: the closed-form answer beside descent's last knobs. */
function* closedForm(s: Stage) {
  // The chart leaves before the table comes: they share the right half.
  yield* all(until(s, BEATS.close), say(s, 4), handOver(T.tableIn, [s.chart, s.stepPanel], [s.table]));
}

/** Beat 4: the same game with more knobs: the count runs from 6 to GPT-3's. */
function* moreKnobs(s: Stage) {
  yield* all(
    until(s, BEATS.count),
    handOver(T.clear, [s.axes, s.formula, s.lossPanel, s.table], [s.counter]),
    say(s, 5),
  );
  yield* until(s, BEATS.gpt);
  yield* all(until(s, BEATS.end), s.gpt.opacity(1, 0.6), say(s, 6));
}

export default makeScene2D(function* (view) {
  const s = build(view);
  yield* sixKnobs(s);
  yield* randomHand(s);
  yield* gradientDescent(s);
  yield* closedForm(s);
  yield* moreKnobs(s);
});
