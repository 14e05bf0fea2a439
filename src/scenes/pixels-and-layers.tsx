import {Node, Txt, type View2D, makeScene2D} from '@motion-canvas/2d';
import {
  type ThreadGenerator,
  all,
  createComputed,
  createSignal,
  delay,
  easeInOutCubic,
  linear,
  sequence,
  waitFor,
} from '@motion-canvas/core';
import {
  Caption,
  NetworkDiagram,
  PixelGrid,
  ProbabilityBars,
  WeightHeatmap,
  backdrop,
  colors,
  fonts,
  sizes,
} from '../components';
import {registerText} from '../fonts';
import {
  BARS,
  BAR_LENGTH,
  BEATS,
  GRID_COUNT,
  HEAT,
  HEAT_SCALE,
  HIDDEN,
  NET,
  PASS_INDICES,
  SCENE_END,
  SIDE,
  SMALL,
  T,
  TEST_GRID,
  ZOOM,
  ZOOM_INDEX,
  accuracyText,
  diagramActivations,
  frameAt,
  gridPredictions,
  heatCenter,
  hiddenWeights,
  imageOf,
  net,
  readingOf,
  test,
  testCenter,
  testCorrect,
} from './pixels-and-layers.model';

// An image is a grid of numbers, and layers build concepts: a digit's 64 pixels go through a
// 64-16-10 network; each hidden neuron looks for its own stroke pattern; the output reads the digit.

const first = readingOf(ZOOM_INDEX).predicted;
const CAPTIONS = {
  matrix: {zh: '对计算机来说，一张图片就是一个数字矩阵', en: 'To a computer, a picture is a matrix of numbers'},
  grey: {zh: '每个像素是一个 0 到 1 之间的灰度值', en: 'Each pixel is a grey level between 0 (black) and 1 (white)'},
  column: {
    zh: '把 64 个像素排成一列，就是网络的输入',
    en: "Lay the 64 pixels out in one column: that is the network's input",
  },
  forward: {
    zh: '前向传播：一层一层点亮，64 → 16 → 10',
    en: 'The forward pass lights the layers one after another: 64 → 16 → 10',
  },
  read: {
    zh: `输出层给出十个数字的概率：它认出了 ${first}`,
    en: `The output layer gives ten probabilities: it reads a ${first}`,
  },
  pictures: {
    zh: '隐藏神经元在找什么？把它的 64 个输入权重画成一张图',
    en: 'What does a hidden neuron look for? Draw its 64 incoming weights as a picture',
  },
  strokes: {
    zh: '蓝色处的墨迹让它兴奋，橙色处的墨迹抑制它：每个神经元只认自己的图案',
    en: 'Ink on blue excites it, ink on orange inhibits it: each neuron answers to its own pattern',
  },
  pass: {
    zh: '换几个数字：不同的笔画点亮不同的神经元',
    en: 'Other digits light up other neurons, and the output follows',
  },
  deeper: {
    zh: '更深的网络一层层叠起来：先是笔画和边缘，再是圈和线，最后是数字',
    en: 'Deeper networks stack this: strokes and edges, then loops and lines, then digits',
  },
  nine: {zh: '比如 9：一个圈，加一条尾巴', en: 'A 9, say: a loop plus a tail'},
  test: {zh: `在 ${test.n} 个从没见过的数字上检验`, en: `Test it on ${test.n} digits it has never seen`},
  accuracy: {
    zh: `测试准确率 ${accuracyText()}：它学到的是数字的共同规律，不是死记训练图片`,
    en: `${accuracyText()} on unseen digits: it learnt what the digits share, not the training pictures`,
  },
};
registerText(
  Object.values(CAPTIONS)
    .map(c => c.zh)
    .join(''),
);

const TITLES = ['An image is a grid of numbers', 'What the hidden neurons look for', 'Digits it has never seen'];
/** The input column of the network, in design space. */
const INPUT_X = NET.x - NET.width / 2;
const INPUT_PITCH = NET.height / (SIDE * SIDE - 1);
const HEAT_SIDE = SIDE * HEAT.cell + 12;
const ZOOM_SIDE = SIDE * ZOOM.cell;
/** |w| at which an edge would reach full width: well above the largest, so 1184 edges stay thin and see-through. */
const EDGE_SCALE = 3 * HEAT_SCALE;

const text = (
  t: string,
  x: number,
  y: number,
  size: number,
  fill: string = colors.textDim,
  family: string = fonts.text,
) => new Txt({text: t, x, y, fill, fontFamily: family, fontSize: size});

function build(view: View2D) {
  view.fill(backdrop());
  const clock = createSignal(0); // scene time: every engine number on screen is a function of it
  const frame = createComputed(() => frameAt(clock()));
  const image = createComputed(() => imageOf(frame().sample));

  const title = text(TITLES[0], -860, -455, sizes.font.heading, colors.text);
  title.offset([-1, 0]).opacity(0);
  const caption = new Caption({y: 430, zh: CAPTIONS.matrix.zh, en: CAPTIONS.matrix.en, opacity: 0});

  // Beat 1: the digit, zoomed until its pixels print their values; it then shrinks into the input picture.
  const digit = new PixelGrid({
    values: image,
    columns: SIDE,
    x: ZOOM.x,
    y: ZOOM.y,
    cellSize: ZOOM.startCell,
    gap: ZOOM.gap,
    fontSize: 30,
    valueDigits: 1,
    opacity: 0,
  });
  const digitBox = new Node({opacity: () => frame().fade, children: [digit]});
  const legendLines = [
    text(
      `${SIDE} × ${SIDE} = ${SIDE * SIDE} pixels`,
      ZOOM.x + ZOOM_SIDE / 2 + 60,
      ZOOM.y - 30,
      sizes.font.label,
      colors.text,
    ),
    text('0 = black,  1 = white', ZOOM.x + ZOOM_SIDE / 2 + 60, ZOOM.y + 30, sizes.font.tick),
  ];
  legendLines.forEach(l => l.offset([-1, 0]));
  const legend = new Node({opacity: 0, children: legendLines});

  // Beat 2: a copy of the picture flows, row by row, into the network's input column.
  const column = new PixelGrid({
    values: image,
    columns: SIDE,
    x: SMALL.x,
    y: NET.y,
    cellSize: SMALL.cell,
    gap: SMALL.gap,
    outline: null,
    columnX: INPUT_X - SMALL.x,
    columnPitch: INPUT_PITCH,
    columnCell: NET.columnCell,
    opacity: 0,
  });
  const network = new NetworkDiagram({
    x: NET.x,
    y: NET.y,
    snapshot: net,
    activations: () => diagramActivations(frame()),
    width: NET.width,
    height: NET.height,
    rowGap: NET.rowGap,
    spread: true,
    columnNeuronSizes: [...NET.sizes],
    opacity: 0,
    weightScale: EDGE_SCALE,
  });
  const layerTag = (t: string, x: number) => text(t, x, NET.y - NET.height / 2 - 30, sizes.font.tick);
  const layerTags = new Node({
    opacity: 0,
    children: [
      layerTag('64 pixels', INPUT_X),
      layerTag(`${HIDDEN} hidden`, NET.x),
      layerTag('10 outputs', NET.x + NET.width / 2),
    ],
  });
  const bars = new ProbabilityBars({
    x: BARS.x,
    y: NET.y,
    vertical: false,
    length: BAR_LENGTH,
    maxBar: () => BARS.maxBar * frame().bars,
    probabilities: () => frame().reading.probabilities,
    fontSize: sizes.font.tick,
    opacity: 0,
  });
  const barsTag = text('probability', BARS.x + BARS.maxBar / 2, NET.y - BAR_LENGTH / 2 - 40, sizes.font.tick);
  barsTag.opacity(0);

  // Beat 3: each hidden neuron as the picture of its 64 incoming weights, framed by its activation.
  const heatmaps = Array.from(
    {length: HIDDEN},
    (_, j) =>
      new WeightHeatmap({
        values: hiddenWeights(j),
        columns: SIDE,
        cellSize: HEAT.cell,
        valueScale: HEAT_SCALE,
        labelSize: 26,
        activation: () => frame().reading.layers[1][j] * frame().lit[1],
        opacity: 0,
      }),
  );
  const heatLegend = text(
    'one picture per hidden neuron: its 64 weights, blue +, orange −',
    HEAT.x,
    -400,
    sizes.font.tick,
  );
  heatLegend.opacity(0);
  const inputTag = text('input', SMALL.x, NET.y - (SIDE * SMALL.cell) / 2 - 36, sizes.font.tick);
  inputTag.opacity(0);

  // Beat 4: the first held-out digits with the network's answers, right ones green, wrong ones red.
  const testDigits = Array.from({length: GRID_COUNT}, (_, s) => {
    const [x, y] = testCenter(s);
    const right = gridPredictions[s] === test.labels[s];
    const color = right ? colors.green : colors.red;
    return new Node({
      opacity: 0,
      children: [
        new PixelGrid({
          values: imageOf(s),
          columns: SIDE,
          cellSize: TEST_GRID.cell,
          x,
          y,
          outline: color,
          outlineWidth: 3,
        }),
        text(`${gridPredictions[s]}`, x, y + (SIDE * TEST_GRID.cell) / 2 + 28, 26, color, fonts.mono),
      ],
    });
  });
  const score = text(
    `test accuracy: ${testCorrect} / ${test.n} = ${accuracyText()}`,
    0,
    300,
    sizes.font.body,
    colors.highlight,
  );
  score.opacity(0);

  view.add([
    network,
    layerTags,
    column,
    digitBox,
    legend,
    inputTag,
    bars,
    barsTag,
    ...heatmaps,
    heatLegend,
    ...testDigits,
    score,
    title,
    caption,
  ]);
  return {
    clock,
    frame,
    title,
    caption,
    digit,
    legend,
    column,
    network,
    layerTags,
    bars,
    barsTag,
    heatmaps,
    heatLegend,
    inputTag,
    testDigits,
    score,
  };
}
type Stage = ReturnType<typeof build>;

/** Waits until scene time `t`, so every beat starts where the model's timeline says. */
function* until(s: Stage, t: number): ThreadGenerator {
  yield* waitFor(Math.max(0, t - s.clock()));
}

/** Fades the title out, changes it, and fades it back in. */
function* retitle(s: Stage, k: number): ThreadGenerator {
  yield* s.title.opacity(0, T.caption);
  s.title.text(TITLES[k]);
  yield* s.title.opacity(1, T.caption);
}

/** Beat 1: a digit from the synthetic set, zoomed until its pixels show their numbers. */
function* pictureIsNumbers(s: Stage) {
  yield* all(s.title.opacity(1, T.fade), s.caption.opacity(1, T.fade));
  yield* s.digit.opacity(1, T.appear);
  yield* s.digit.cellSize(ZOOM.cell, T.zoom, easeInOutCubic);
  yield* all(s.digit.showValues(1, T.numbers), s.legend.opacity(1, T.numbers));
  yield* s.caption.swap(CAPTIONS.grey, T.caption);
  yield* until(s, BEATS.shrink);
}

/** Beat 2: flatten into a column, light the layers, read the probabilities. */
function* forwardPass(s: Stage) {
  yield* all(
    s.caption.swap(CAPTIONS.column, T.caption),
    s.digit.showValues(0, T.shrink / 3),
    s.legend.opacity(0, T.shrink / 3),
    s.digit.position([SMALL.x, NET.y], T.shrink, easeInOutCubic),
    s.digit.cellSize(SMALL.cell, T.shrink, easeInOutCubic),
    s.digit.gap(SMALL.gap, T.shrink),
  );
  s.column.opacity(1);
  yield* s.column.flatten(1, T.flatten, linear);
  yield* all(
    s.network.opacity(1, T.netIn),
    s.layerTags.opacity(1, T.netIn),
    s.caption.swap(CAPTIONS.forward, T.caption),
  );
  yield* until(s, BEATS.bars);
  yield* all(s.bars.opacity(1, T.bars / 2), s.barsTag.opacity(1, T.bars / 2), s.caption.swap(CAPTIONS.read, T.caption));
  yield* until(s, BEATS.toPictures);
}

/** Beat 3: the hidden neurons leave the diagram as weight pictures; several digits pass through. */
function* hiddenPictures(s: Stage) {
  const from = (j: number) => s.network.neuronPosition(1, j).add([NET.x, NET.y]);
  s.heatmaps.forEach((h, j) => h.position(from(j)).scale(NET.sizes[1] / HEAT_SIDE));
  yield* all(
    s.caption.swap(CAPTIONS.pictures, T.caption),
    retitle(s, 1),
    s.network.opacity(0, T.toPictures),
    s.column.opacity(0, T.toPictures / 2),
    s.layerTags.opacity(0, T.toPictures / 2),
    s.inputTag.opacity(1, T.toPictures),
    delay(T.toPictures / 2, s.heatLegend.opacity(1, T.toPictures / 2)),
    ...s.heatmaps.map((h, j) =>
      all(
        h.opacity(1, T.toPictures / 4),
        h.position(heatCenter(j), T.toPictures, easeInOutCubic),
        h.scale(1, T.toPictures, easeInOutCubic),
      ),
    ),
  );
  yield* s.caption.swap(CAPTIONS.strokes, T.caption);
  yield* until(s, BEATS.swap0);
  yield* s.caption.swap(CAPTIONS.pass, T.caption);
  yield* until(s, BEATS.swap2);
  yield* s.caption.swap(CAPTIONS.deeper, T.caption);
  yield* until(s, BEATS.swap4);
  yield* s.caption.swap(CAPTIONS.nine, T.caption);
  yield* until(s, BEATS.toGrid);
}

/** Beat 4: held-out digits, the network's answers, and the test accuracy. */
function* testAccuracy(s: Stage) {
  const out = [s.digit, s.bars, s.barsTag, s.heatLegend, s.inputTag, ...s.heatmaps];
  const rows = Array.from({length: Math.ceil(s.testDigits.length / 12)}, (_, r) =>
    s.testDigits.slice(12 * r, 12 * r + 12),
  );
  yield* all(
    ...out.map(n => n.opacity(0, T.grid / 3)),
    s.caption.swap(CAPTIONS.test, T.caption),
    retitle(s, 2),
    sequence(T.grid / (rows.length + 1), ...rows.map(row => all(...row.map(n => n.opacity(1, T.grid / 3))))),
  );
  yield* s.score.opacity(1, T.accuracy);
  yield* s.caption.swap(CAPTIONS.accuracy, T.caption);
  yield* until(s, SCENE_END);
}

export default makeScene2D(function* (view) {
  const s = build(view);
  yield* all(
    s.clock(SCENE_END, SCENE_END, linear),
    (function* () {
      yield* pictureIsNumbers(s);
      yield* forwardPass(s);
      yield* hiddenPictures(s);
      yield* testAccuracy(s);
    })(),
  );
});
