import {Circle, Line, Node, Rect, Txt, type View2D, makeScene2D} from '@motion-canvas/2d';
import {type ThreadGenerator, all, createSignal, tween} from '@motion-canvas/core';
import {Axes, Caption, Plot, backdrop, colors, fonts, sizes} from '../components';
import {registerText} from '../fonts';
import {
  AXES_MAP,
  AXES_POS,
  BEATS,
  CAPTION_AT,
  CHART,
  DEGREES,
  FIT_COLORS,
  GAP,
  NAMES,
  TEST,
  TEST_COLOR,
  TRAIN,
  TRAIN_BAR,
  TRAIN_COLOR,
  barGeometry,
  chartAt,
  chartReadoutsAt,
  chartY,
  curveEndAt,
  curveOpacityAt,
  fitAt,
  gapAt,
  introAt,
  legendAt,
  nameAt,
  testDotAt,
  testKeyAt,
  trainDotAt,
  trainKeyAt,
} from './generalization.model';

// A good fit predicts where there was no data: no samples in the middle, yet you feel where the curve
// should pass. Degree 1, 3 and 12 fits cross the gap; held-out points there tell which one generalises.

const CAPTIONS = [
  {
    zh: '一个平滑函数的带噪声采样，中间留了一段空白',
    en: 'Noisy samples of a smooth function, with a gap in the middle',
  },
  {
    zh: '中间没有任何数据，可你仍觉得曲线应该从这里经过',
    en: 'There is no data in the middle, yet you feel where the curve should pass',
  },
  {zh: '用最小二乘拟合 1 次、3 次和 12 次多项式', en: 'Least-squares polynomials of degree 1, 3 and 12'},
  {zh: '三条曲线都贴着数据，到了空白处却各说各话', en: 'All three follow the data, but inside the gap they disagree'},
  {zh: '放出藏起来的测试点：拟合时谁也没见过它们', en: 'Now the held-out points in the gap: no fit ever saw them'},
  {
    zh: '训练误差：次数越高，越贴近见过的点',
    en: 'Training error: the higher the degree, the closer to the points it saw',
  },
  {zh: '测试误差：3 次最小，12 次反而最大', en: 'Test error: lowest at degree 3, and highest at degree 12'},
  {zh: '1 次太简单，弯不过来：欠拟合', en: 'Degree 1 is too simple to bend: underfitting'},
  {zh: '3 次抓住了趋势，空白处也预测得准：刚好', en: 'Degree 3 catches the trend and predicts the gap: a good fit'},
  {
    zh: '12 次记住了噪声，在空白处乱跑：过拟合',
    en: 'Degree 12 memorises the noise and runs wild in the gap: overfitting',
  },
  {
    zh: '抓住趋势，才能在没见过的地方给出合理的预测：这就是泛化',
    en: 'Catch the trend, and you can predict where there was no data: that is generalization',
  },
  {zh: '神经网络做的是同一件事，只是趋势抽象得多', en: 'A neural network does the same, with far more abstract trends'},
];
registerText(CAPTIONS.map(c => c.zh).join('') + NAMES.map(n => n.zh).join('') + '没有数据');

const LEGEND_X = 225;
const LEGEND_Y = [-340, -290, -240];
const KEY_Y = -188;
const TABLE_Y = {degree: 224, train: 264, test: 302};
const label = (text: string, size = 28, fill: string = colors.text) => (
  <Txt text={text} fill={fill} fontFamily={fonts.text} fontSize={size} />
);

function build(view: View2D) {
  view.fill(backdrop());
  const clock = createSignal(0);
  const at =
    <T,>(f: (t: number) => T) =>
    () =>
      f(clock());

  const title = (
    <Txt
      text="A good fit predicts where there was no data"
      x={-860}
      y={-455}
      offset={[-1, 0]}
      fill={colors.text}
      fontFamily={fonts.text}
      fontSize={sizes.font.heading}
      opacity={at(introAt)}
    />
  );
  const subtitle = (
    <Txt
      text="polynomials fitted by least squares, on points outside the gap only"
      x={-860}
      y={-398}
      offset={[-1, 0]}
      fill={colors.textDim}
      fontFamily={fonts.text}
      fontSize={30}
      opacity={at(introAt)}
    />
  );
  const axes = new Axes({
    ...AXES_MAP,
    x: AXES_POS[0],
    y: AXES_POS[1],
    xStep: 0.5,
    yStep: 1,
    xLabel: 'x',
    yLabel: 'y',
    opacity: at(introAt),
  });

  // The gap: a shaded band with no training sample in it.
  const [gapLeft, gapRight] = [axes.c2p(GAP[0], 0).x, axes.c2p(GAP[1], 0).x];
  const gapX = (gapLeft + gapRight) / 2;
  const labelY = axes.c2p(0, 0.45).y;
  const gap = (
    <Node opacity={at(gapAt)}>
      <Rect x={gapX} width={gapRight - gapLeft} height={AXES_MAP.yLength} fill={`${colors.grey}22`} />
      <Txt text="没有数据" x={gapX} y={labelY - 22} fill={colors.textDim} fontFamily={fonts.cjk} fontSize={28} />
      <Txt text="no data" x={gapX} y={labelY + 16} fill={colors.textDim} fontFamily={fonts.text} fontSize={26} />
    </Node>
  );
  axes.add(gap);

  // The fitted curves, clipped to the plotting area: degree 12 shoots far off the chart inside the gap.
  const curves = FITS_INDEX.map(
    i =>
      new Plot({
        fn: (x: number) => fitAt(i, x),
        map: AXES_MAP,
        samples: 600,
        stroke: FIT_COLORS[i],
        end: at(t => curveEndAt(i, t)),
        opacity: at(t => curveOpacityAt(i, t)),
      }),
  );
  axes.add(
    <Rect width={AXES_MAP.xLength} height={AXES_MAP.yLength} clip>
      {curves}
    </Rect>,
  );

  Array.from(TRAIN.xs, (x, i) =>
    axes.point(x, TRAIN.ys[i], {fill: TRAIN_COLOR, size: 18, scale: at(t => trainDotAt(i, t))}),
  );
  Array.from(TEST.xs, (x, i) =>
    axes.point(x, TEST.ys[i], {
      fill: TEST_COLOR,
      size: 24,
      stroke: colors.background,
      lineWidth: 3,
      scale: at(t => testDotAt(i, t)),
    }),
  );

  // Top right: one legend row per fit; its name joins it when the fit is named.
  const legend = FITS_INDEX.map(i => (
    <Node opacity={at(t => legendAt(i, t))}>
      <Line
        points={[
          [LEGEND_X, LEGEND_Y[i]],
          [LEGEND_X + 50, LEGEND_Y[i]],
        ]}
        stroke={FIT_COLORS[i]}
        lineWidth={sizes.stroke.curve}
        lineCap="round"
      />
      <Txt
        text={`degree ${DEGREES[i]}`}
        x={LEGEND_X + 72}
        y={LEGEND_Y[i]}
        offset={[-1, 0]}
        fill={colors.text}
        fontFamily={fonts.text}
        fontSize={30}
      />
      <Rect
        layout
        alignItems="center"
        gap={12}
        x={LEGEND_X + 270}
        y={LEGEND_Y[i]}
        offset={[-1, 0]}
        opacity={at(t => nameAt(i, t))}
      >
        <Txt text={NAMES[i].zh} fill={FIT_COLORS[i]} fontFamily={fonts.cjk} fontSize={30} />
        <Txt text={NAMES[i].en} fill={FIT_COLORS[i]} fontFamily={fonts.text} fontSize={30} />
      </Rect>
    </Node>
  ));
  const dotKey = (x: number, fill: string, text: string, opacity: () => number) => (
    <Node opacity={opacity}>
      <Circle x={x} y={KEY_Y} size={fill === TEST_COLOR ? 24 : 18} fill={fill} />
      <Txt
        text={text}
        x={x + 24}
        y={KEY_Y}
        offset={[-1, 0]}
        fill={colors.textDim}
        fontFamily={fonts.text}
        fontSize={28}
      />
    </Node>
  );
  const keys = [
    dotKey(LEGEND_X + 12, TRAIN_COLOR, 'training data', at(trainKeyAt)),
    dotKey(LEGEND_X + 270, TEST_COLOR, 'held-out, in the gap', at(testKeyAt)),
  ];

  const chart = buildChart(clock);
  const caption = new Caption({y: 434, zh: CAPTIONS[0].zh, en: CAPTIONS[0].en, opacity: at(introAt)});
  view.add([axes, title, subtitle, ...legend, ...keys, chart, caption]);
  return {clock, caption};
}
const FITS_INDEX = DEGREES.map((_, i) => i);

/** The error chart: train and test bars per degree on a log scale, with the numbers below. */
function buildChart(clock: () => number) {
  const now = () => chartReadoutsAt(clock());
  const top = chartY(CHART.logRange[1]);
  const right = CHART.groups[CHART.groups.length - 1] + 80;
  const ticks = Array.from({length: CHART.logRange[1] - CHART.logRange[0] + 1}, (_, k) => CHART.logRange[0] + k);
  const bar = (i: number, kind: 'train' | 'test') => (
    <Rect
      x={barGeometry(i, kind).x}
      y={CHART.baseline}
      offset={[0, 1]}
      width={CHART.barWidth}
      height={() => now()[i][kind === 'train' ? 'trainHeight' : 'testHeight']}
      fill={kind === 'train' ? TRAIN_BAR : TEST_COLOR}
    />
  );
  const cell = (i: number, kind: 'train' | 'test') => (
    <Txt
      text={() => now()[i][kind === 'train' ? 'trainText' : 'testText']}
      x={CHART.groups[i]}
      y={TABLE_Y[kind]}
      fill={kind === 'train' ? colors.text : TEST_COLOR}
      fontFamily={fonts.mono}
      fontSize={28}
      opacity={() => now()[i][kind === 'train' ? 'trainShown' : 'testShown']}
    />
  );
  return (
    <Node opacity={() => chartAt(clock())}>
      <Txt
        text="mean squared error (log scale)"
        x={LEGEND_X}
        y={top - 45}
        offset={[-1, 0]}
        fill={colors.textDim}
        fontFamily={fonts.text}
        fontSize={28}
      />
      {ticks.map(e => (
        <Node>
          <Line
            points={[
              [CHART.left, chartY(e)],
              [right, chartY(e)],
            ]}
            stroke={colors.grid}
            lineWidth={sizes.stroke.grid}
          />
          <Txt
            text={e >= 0 ? String(10 ** e) : (10 ** e).toFixed(-e)}
            x={CHART.left - 14}
            y={chartY(e)}
            offset={[1, 0]}
            fill={colors.textDim}
            fontFamily={fonts.mono}
            fontSize={24}
          />
        </Node>
      ))}
      <Line
        points={[
          [CHART.left, top - 10],
          [CHART.left, CHART.baseline],
          [right, CHART.baseline],
        ]}
        stroke={colors.axis}
        lineWidth={sizes.stroke.axis}
      />
      <Txt
        text="train"
        x={CHART.left}
        y={TABLE_Y.train}
        offset={[1, 0]}
        fill={colors.text}
        fontFamily={fonts.text}
        fontSize={28}
        opacity={() => now()[0].trainShown}
      />
      <Txt
        text="test"
        x={CHART.left}
        y={TABLE_Y.test}
        offset={[1, 0]}
        fill={TEST_COLOR}
        fontFamily={fonts.text}
        fontSize={28}
        opacity={() => now()[0].testShown}
      />
      {FITS_INDEX.map(i => (
        // A fit's group (bars, name and numbers) dims with its curve while another fit is in focus.
        <Node opacity={() => curveOpacityAt(i, clock())}>
          {bar(i, 'train')}
          {bar(i, 'test')}
          <Txt
            text={`degree ${DEGREES[i]}`}
            x={CHART.groups[i]}
            y={TABLE_Y.degree}
            fill={FIT_COLORS[i]}
            fontFamily={fonts.text}
            fontSize={28}
          />
          {cell(i, 'train')}
          {cell(i, 'test')}
        </Node>
      ))}
    </Node>
  );
}

type Stage = ReturnType<typeof build>;

/** Runs the clock to time `to` (linearly: the model's timeline carries the easing). */
function* until(s: Stage, to: number): ThreadGenerator {
  const from = s.clock();
  yield* tween(to - from, u => s.clock(from + u * (to - from)));
}

/** Swaps in caption k at its time in the model's timeline. */
function* captions(s: Stage, ...ks: number[]): ThreadGenerator {
  for (const k of ks) {
    yield* waitUntilClock(s, CAPTION_AT[k] - T_SWAP);
    yield* s.caption.swap(CAPTIONS[k], T_SWAP);
  }
}
const T_SWAP = 0.4;
function* waitUntilClock(s: Stage, t: number): ThreadGenerator {
  while (s.clock() < t) yield;
}

/** Beat 1: the samples, and the gap where there are none. */
function* showTheData(s: Stage) {
  yield* all(until(s, BEATS.curves[0]), captions(s, 1));
}

/** Beat 2: three least-squares fits, each drawn across the gap. */
function* fitThreeCurves(s: Stage) {
  yield* all(until(s, BEATS.test), captions(s, 2, 3));
}

/** Beat 3: held-out points inside the gap; train and test error per degree. */
function* measureOnHeldOut(s: Stage) {
  yield* all(until(s, BEATS.names[0]), captions(s, 4, 5, 6));
}

/** Beat 4: underfitting, a good fit and overfitting, each in focus in turn; then the moral. */
function* nameTheFits(s: Stage) {
  yield* all(until(s, BEATS.end), captions(s, 7, 8, 9, 10, 11));
}

export default makeScene2D(function* (view) {
  const s = build(view);
  yield* showTheData(s);
  yield* fitThreeCurves(s);
  yield* measureOnHeldOut(s);
  yield* nameTheFits(s);
});
