import {Circle, CubicBezier, Line, Node, Rect, Txt, makeScene2D} from '@motion-canvas/2d';
import {
  type ThreadGenerator,
  all,
  createComputed,
  createRef,
  createSignal,
  delay,
  linear,
  sequence,
  waitFor,
} from '@motion-canvas/core';
import {Caption, Knob, Readout, backdrop, colors, fonts, sizes, slots} from '../components';
import {formatFixed} from '../components/readoutFormat';
import {registerText} from '../fonts';
import {FRUITS, FRUIT_FEATURES, FRUIT_FEATURES_ZH} from '../nn/datasets';
import {weightedSum} from '../nn/perceptron';
import {
  BAR,
  BULB,
  DETECTORS,
  KNOB_RANGE,
  PLAN,
  SCENE_END,
  T,
  barY,
  epochAt,
  fruitIndex,
  frameAt,
  segmentAt,
  verdictsAt,
} from './perceptron-apple.model';

// A perceptron is a weighted vote against a threshold: "why do you think it is an apple?"

const apple = DETECTORS[0].perceptron;
const APPLE = fruitIndex('apple');
/** A retuning caption that names the features the learnt detector weighs up (+) and down (−). */
function retuned(detector: number, zh: string, en: string) {
  const w = DETECTORS[detector].perceptron.weights;
  const pick = (names: readonly string[], sign: number, sep: string) =>
    names.filter((_, i) => Math.sign(w[i]) === sign).join(sep);
  return {
    zh: `${zh}（正：${pick(FRUIT_FEATURES_ZH, 1, '、')}；负：${pick(FRUIT_FEATURES_ZH, -1, '、')}）`,
    en: `${en} (+ ${pick(FRUIT_FEATURES, 1, ', ')}; − ${pick(FRUIT_FEATURES, -1, ', ')})`,
  };
}
const CAPTIONS = {
  why: {
    zh: '你为什么觉得它是苹果？大约10厘米、红皮、圆的、甜的',
    en: 'Why is it an apple? About 10 cm, red skin, round, sweet',
  },
  table: {
    zh: '概念就是特征的组合：1 表示有，0 表示没有',
    en: 'A concept is a combination of features: 1 means it has it, 0 means not',
  },
  knobs: {
    zh: '每个特征接一个旋钮（权重），感知机规则从这张表里学出旋钮的位置',
    en: 'Each feature goes through a knob, a weight; the perceptron rule learns them from the table',
  },
  sum: {zh: '加权和超过阈值 b，灯就亮', en: 'When the weighted sum w·x beats the threshold b, the bulb lights'},
  only: {zh: '八种水果里，只有苹果能点亮它', en: 'Of the eight fruits, only the apple lights it'},
  watermelon: retuned(1, '重新调旋钮，它就成了西瓜检测器', 'Retune the knobs: a watermelon detector'),
  hawthorn: retuned(2, '再调一次：山楂检测器', 'Retune again: a hawthorn detector'),
  neuron: {
    zh: '神经元也是这样：树突接收输入，突触有强有弱、有正有负',
    en: 'A neuron works the same way: dendrites take the inputs, synapses weigh them, + or −',
  },
  fire: {zh: '总和超过阈值，神经元就放电', en: 'When the total passes the threshold, the neuron fires'},
};
const NEURON_LABELS = {dendrites: '树突', synapses: '突触', soma: '胞体', axon: '轴突'};
registerText(
  [
    ...Object.values(CAPTIONS).map(c => c.zh),
    ...FRUITS.map(f => f.nameZh),
    ...FRUIT_FEATURES_ZH,
    ...Object.values(NEURON_LABELS),
  ].join(''),
);

const TITLES = ['An apple detector', 'A watermelon detector', 'A hawthorn detector'];
const SUB = '₁₂₃₄₅₆';
/** Table of beat 1, columns of the detector, the fruit list and the neuron, in design units. */
const TABLE = {nameX: -820, zhX: -590, colX: -300, colStep: 170, headY: -300, rowY: -215, rowStep: 54};
const COL = {x: -420, step: 140, nameY: -330, inputY: -205, knobY: -40, productY: 190};
const LIST = {x: -850, y: -290, step: 56};
const NEURON = {soma: [200, -40] as [number, number], r: 85, tipX: -430, tipY: -290, tipStep: 100, axonEnd: 640};

const colX = (i: number) => COL.x + i * COL.step;
const signColor = (v: number) => (v > 0 ? colors.weightPositive : v < 0 ? colors.weightNegative : colors.grey);
const int = (v: number) => formatFixed(v, 0, 1, false).trim();
const label = (
  text: string,
  x: number,
  y: number,
  size: number = sizes.font.label,
  fill: string = colors.text,
  family: string = fonts.text,
) => new Txt({text, x, y, fill, fontFamily: family, fontSize: size});

export default makeScene2D(function* (view) {
  view.fill(backdrop());
  const s = build(view);
  yield* all(s.clock(SCENE_END, SCENE_END, linear), storyboard(s));
});

function* storyboard(s: Scene) {
  yield* featureTable(s);
  yield* appleDetector(s);
  yield* retuneDetectors(s);
  yield* neuronAnalogy(s);
}

type Scene = ReturnType<typeof build>;

function build(view: Node) {
  const clock = createSignal(0); // scene time: every number on screen is a function of it
  const frame = createComputed(() => frameAt(clock()));
  const title = createRef<Txt>();
  const caption = createRef<Caption>();
  view.add(
    <Txt
      ref={title}
      y={slots.titleY}
      fill={colors.text}
      fontFamily={fonts.text}
      fontWeight={600}
      fontSize={sizes.font.heading}
    />,
  );
  view.add(<Caption ref={caption} opacity={0} />);

  // Beat 1: the fruit table, straight from the dataset.
  const highlight = new Rect({
    x: -130,
    y: TABLE.rowY + APPLE * TABLE.rowStep,
    width: 1500,
    height: TABLE.rowStep,
    radius: 10,
    stroke: colors.highlight,
    lineWidth: 4,
    opacity: 0,
  });
  const header = FRUIT_FEATURES.map(
    (f, c) =>
      new Node({
        children: [
          label(f, TABLE.colX + c * TABLE.colStep, TABLE.headY - 20, sizes.font.label, colors.textDim),
          label(
            FRUIT_FEATURES_ZH[c],
            TABLE.colX + c * TABLE.colStep,
            TABLE.headY + 22,
            sizes.font.tick,
            colors.textDim,
            fonts.cjk,
          ),
        ],
      }),
  );
  const rows = FRUITS.map((f, r) => {
    const y = TABLE.rowY + r * TABLE.rowStep;
    return new Node({
      opacity: 0,
      children: [
        new Txt({
          text: f.name,
          x: TABLE.nameX,
          y,
          offset: [-1, 0],
          fill: colors.text,
          fontFamily: fonts.text,
          fontSize: sizes.font.label,
        }),
        new Txt({
          text: f.nameZh,
          x: TABLE.zhX,
          y,
          offset: [-1, 0],
          fill: colors.textDim,
          fontFamily: fonts.cjk,
          fontSize: sizes.font.label,
        }),
        ...f.features.map((v, c) =>
          label(
            `${v}`,
            TABLE.colX + c * TABLE.colStep,
            y,
            sizes.font.label,
            v ? colors.highlight : colors.grey,
            fonts.mono,
          ),
        ),
      ],
    });
  });
  const rule = new Line({
    points: [
      [-900, TABLE.headY + 52],
      [640, TABLE.headY + 52],
    ],
    stroke: colors.grey,
    lineWidth: 2,
  });
  const table = new Node({opacity: 0, children: [highlight, ...header, rule, ...rows]});
  view.add(table);

  // Beats 2–3: the detector. Inputs → knobs → products, the sum bar against b, the bulb.
  const p = () => frame().perceptron;
  const x = (i: number) => frame().inputs[i];
  const columns = FRUIT_FEATURES.map(
    (f, i) =>
      new Node({
        x: colX(i),
        children: [
          label(f, 0, COL.nameY, sizes.font.tick, colors.text),
          label(FRUIT_FEATURES_ZH[i], 0, COL.nameY + 38, sizes.font.tick - 2, colors.textDim, fonts.cjk),
          new Rect({
            y: COL.inputY,
            size: 64,
            radius: 10,
            lineWidth: 2,
            stroke: colors.grey,
            fill: () => (frame().loaded > 0.5 && x(i) ? colors.neuronOn : colors.neuronOff),
          }),
          new Txt({
            y: COL.inputY,
            text: () => (frame().fruit < 0 ? 'x' + SUB[i] : `${x(i)}`),
            fontFamily: fonts.mono,
            fontSize: sizes.font.label,
            fill: () => (frame().fruit < 0 ? colors.textDim : x(i) ? colors.background : colors.textDim),
          }),
          new Line({
            points: [
              [0, COL.inputY + 40],
              [0, COL.knobY - 68],
            ],
            stroke: colors.grey,
            lineWidth: 3,
            endArrow: true,
            arrowSize: 12,
          }),
          new Knob({
            y: COL.knobY,
            size: 110,
            label: 'w' + SUB[i],
            value: () => p().weights[i],
            min: -KNOB_RANGE,
            max: KNOB_RANGE,
            digits: 0,
            color: () => signColor(p().weights[i]),
            fontSize: sizes.font.tick,
          }),
          new Txt({
            y: COL.productY,
            fontFamily: fonts.mono,
            fontSize: sizes.font.label,
            opacity: () => frame().loaded,
            text: () => int(p().weights[i] * x(i)),
            fill: () => signColor(p().weights[i] * x(i)),
          }),
          ...(i > 0
            ? [
                new Txt({
                  text: '+',
                  x: -COL.step / 2,
                  y: COL.productY,
                  fill: colors.textDim,
                  fontFamily: fonts.text,
                  fontSize: sizes.font.label,
                  opacity: () => frame().loaded,
                }),
              ]
            : []),
        ],
      }),
  );
  const productsTag = label(
    'w·x, feature by feature',
    (colX(0) + colX(5)) / 2,
    COL.productY + 50,
    sizes.font.tick,
    colors.textDim,
  );

  const list = FRUITS.map((f, i) => {
    const y = LIST.y + i * LIST.step;
    const verdict = () => verdictsAt(clock())[i];
    return new Node({
      y,
      children: [
        new Rect({
          x: 150,
          width: 350,
          height: LIST.step - 6,
          radius: 8,
          stroke: colors.highlight,
          lineWidth: 3,
          opacity: () => (frame().fruit === i ? 1 : 0),
        }),
        new Circle({
          x: 0,
          size: 22,
          lineWidth: 3,
          stroke: () => (verdict() === 1 ? colors.highlight : colors.grey),
          fill: () => (verdict() === 1 ? colors.highlight : colors.background),
          opacity: () => (verdict() === null ? 0.25 : 1),
        }),
        new Txt({
          text: f.name,
          x: 26,
          offset: [-1, 0],
          fill: colors.text,
          fontFamily: fonts.text,
          fontSize: sizes.font.tick - 2,
        }),
        new Txt({
          text: f.nameZh,
          x: 236,
          offset: [-1, 0],
          fill: colors.textDim,
          fontFamily: fonts.cjk,
          fontSize: sizes.font.tick - 2,
        }),
      ],
    });
  });
  const listNode = new Node({x: LIST.x, children: list});

  const zeroY = barY(0);
  const track = new Rect({
    x: BAR.x,
    y: (BAR.top + BAR.bottom) / 2,
    width: BAR.width,
    height: BAR.bottom - BAR.top,
    fill: colors.surface,
    radius: 6,
  });
  const bar = new Rect({
    x: BAR.x,
    width: BAR.width - 14,
    offset: [0, 1],
    y: () => Math.max(zeroY, barY(frame().bar)),
    height: () => Math.abs(barY(frame().bar) - zeroY),
    fill: () => (frame().lit ? colors.highlight : frame().bar < 0 ? colors.weightNegative : colors.blue),
  });
  const zeroLine = new Line({
    points: [
      [BAR.x - BAR.width / 2, zeroY],
      [BAR.x + BAR.width / 2, zeroY],
    ],
    stroke: colors.axis,
    lineWidth: 2,
  });
  const zeroTag = label('0', BAR.x - BAR.width / 2 - 26, zeroY, sizes.font.tick, colors.textDim, fonts.mono);
  const bY = () => barY(p().threshold);
  const threshold = new Node({
    children: [
      new Line({
        points: () => [
          [BAR.x - BAR.width / 2 - 14, bY()],
          [BAR.x + BAR.width / 2 + 14, bY()],
        ],
        stroke: colors.text,
        lineWidth: 4,
        lineDash: [12, 8],
      }),
      new Txt({
        text: 'b',
        x: BAR.x + BAR.width / 2 + 40,
        y: bY,
        fill: colors.text,
        fontFamily: fonts.mono,
        fontSize: sizes.font.label,
      }),
    ],
  });
  const barTag = label('Σ wᵢxᵢ', BAR.x, BAR.bottom + 38, sizes.font.tick, colors.textDim);

  const lit = () => (frame().lit ? 1 : 0);
  const rays = Array.from({length: 8}, (_, k) => {
    const a = (k * Math.PI) / 4 - Math.PI / 2;
    const [c, si] = [Math.cos(a), Math.sin(a)];
    return new Line({
      points: [
        [BULB.x + c * (BULB.r + 16), BULB.y + si * (BULB.r + 16)],
        [BULB.x + c * (BULB.r + 38), BULB.y + si * (BULB.r + 38)],
      ],
      stroke: colors.highlight,
      lineWidth: 5,
      lineCap: 'round',
      opacity: lit,
    });
  });
  const bulb = new Node({
    children: [
      ...rays,
      new Rect({x: BULB.x, y: BULB.y + BULB.r + 14, width: 48, height: 34, radius: 6, fill: colors.grey}),
      new Circle({
        x: BULB.x,
        y: BULB.y,
        size: BULB.r * 2,
        lineWidth: 3,
        stroke: () => (frame().lit ? colors.highlight : colors.grey),
        fill: () => (frame().lit ? colors.highlight : colors.neuronOff),
        shadowColor: colors.highlight,
        shadowBlur: () => 50 * lit(),
      }),
    ],
  });
  const verdictText = () => {
    const f = frame();
    if (f.fruit < 0 || f.grown < 1) return '';
    return f.lit
      ? `${int(f.sum)} > ${int(f.perceptron.threshold)}: fires`
      : `${int(f.sum)} ≤ ${int(f.perceptron.threshold)}: silent`;
  };
  const readouts = new Node({
    x: BULB.x,
    children: [
      new Readout({
        y: -40,
        label: 'w·x =',
        value: () => frame().sum,
        digits: 0,
        valueColor: colors.blue,
        fontSize: sizes.font.label,
        opacity: () => frame().loaded,
      }),
      new Readout({
        y: 20,
        label: 'b =',
        value: () => p().threshold,
        digits: 0,
        valueColor: colors.text,
        fontSize: sizes.font.label,
      }),
      new Txt({
        y: 90,
        text: verdictText,
        fill: () => (frame().lit ? colors.highlight : colors.textDim),
        fontFamily: fonts.text,
        fontSize: sizes.font.tick,
      }),
    ],
  });
  const learnt = createComputed(() => {
    const seg = segmentAt(clock());
    if (!seg) return '';
    const d = DETECTORS[seg.detector];
    const t = clock();
    if (seg.detector === 0 && t < seg.tuneEnd) {
      const e = epochAt(t);
      return `perceptron rule on the fruit table: epoch ${e}, ${d.log.errors[e]} misclassified`;
    }
    return `learnt by the perceptron rule (lr = 1) in ${d.epochs} epoch${d.epochs === 1 ? '' : 's'}`;
  });
  const subtitle = label('', 0, -405, sizes.font.tick, colors.textDim);
  subtitle.text(learnt);
  const detector = new Node({
    opacity: 0,
    children: [
      listNode,
      ...columns,
      productsTag,
      track,
      bar,
      zeroLine,
      zeroTag,
      threshold,
      barTag,
      bulb,
      readouts,
      subtitle,
    ],
  });
  view.add(detector);

  // Beat 4: the apple detector as a neuron: dendrites, signed synapses, a cell body, an axon.
  const [sx, sy] = NEURON.soma;
  const fired = createSignal(0);
  const pulse = createSignal(0);
  const tips = FRUIT_FEATURES.map((_, i) => [NEURON.tipX, NEURON.tipY + i * NEURON.tipStep] as [number, number]);
  const appleX = FRUITS[APPLE].features;
  const dendrites = tips.map(([tx, ty], i) => {
    const w = apple.weights[i];
    const end: [number, number] = [sx - NEURON.r * 0.95, sy + (ty - sy) * 0.22];
    return new Node({
      children: [
        new CubicBezier({
          p0: [tx, ty],
          p1: [tx + 260, ty],
          p2: [sx - 260, end[1]],
          p3: end,
          lineWidth: 6,
          stroke: () => (fired() > 0 && appleX[i] ? colors.text : colors.grid),
        }),
        new Circle({x: tx, y: ty, size: 18 + 12 * Math.abs(w), fill: signColor(w)}),
        new Txt({
          text: int(w),
          x: tx + 6,
          y: ty - 36,
          fill: signColor(w),
          fontFamily: fonts.mono,
          fontSize: sizes.font.tick,
        }),
        new Txt({
          text: `${FRUIT_FEATURES[i]} ${FRUIT_FEATURES_ZH[i]}`,
          x: tx - 40,
          y: ty,
          offset: [1, 0],
          fill: colors.text,
          fontFamily: fonts.cjk,
          fontSize: sizes.font.tick,
        }),
      ],
    });
  });
  const appleSum = weightedSum(apple, appleX);
  const neuronTag = (text: string, x: number, y: number, color: string = colors.textDim) =>
    label(text, x, y, sizes.font.tick, color, fonts.cjk);
  const axonY = sy;
  const terminals = [-40, 0, 40].map(
    dy =>
      new Line({
        points: [
          [NEURON.axonEnd, axonY],
          [NEURON.axonEnd + 60, axonY + dy],
        ],
        stroke: () => (fired() > 0 ? colors.highlight : colors.grey),
        lineWidth: 6,
        lineCap: 'round',
      }),
  );
  const neuron = new Node({
    opacity: 0,
    children: [
      ...dendrites,
      new Line({
        points: [
          [sx + NEURON.r, axonY],
          [NEURON.axonEnd, axonY],
        ],
        stroke: colors.grey,
        lineWidth: 8,
      }),
      ...terminals,
      new Circle({
        x: () => sx + NEURON.r + (NEURON.axonEnd - sx - NEURON.r) * pulse(),
        y: axonY,
        size: 30,
        fill: colors.highlight,
        opacity: () => (pulse() > 0 && pulse() < 1 ? 1 : 0),
      }),
      new Circle({
        x: sx,
        y: sy,
        size: NEURON.r * 2,
        fill: () => (fired() > 0 ? colors.highlight : colors.neuronOff),
        stroke: colors.axis,
        lineWidth: 3,
      }),
      new Txt({
        x: sx,
        y: sy,
        text: `b = ${int(apple.threshold)}`,
        fill: () => (fired() > 0 ? colors.background : colors.text),
        fontFamily: fonts.mono,
        fontSize: sizes.font.tick,
      }),
      neuronTag(`dendrites ${NEURON_LABELS.dendrites}: the inputs xᵢ`, -200, -365),
      neuronTag(`synapse strength ${NEURON_LABELS.synapses}: wᵢ, + excites, − inhibits`, -250, 290),
      neuronTag(`cell body ${NEURON_LABELS.soma}: Σ wᵢxᵢ > b ?`, sx, sy + NEURON.r + 45),
      neuronTag(`axon ${NEURON_LABELS.axon}: fires`, (sx + NEURON.axonEnd) / 2 + 40, axonY - 50),
    ],
  });
  const neuronSum = label(
    `apple: Σ wᵢxᵢ = ${int(appleSum)} > ${int(apple.threshold)}`,
    sx + 60,
    sy + NEURON.r + 100,
    sizes.font.tick,
    colors.highlight,
    fonts.mono,
  );
  neuronSum.opacity(fired);
  neuron.add(neuronSum);
  view.add(neuron);

  return {clock, title, caption, table, rows, highlight, detector, neuron, fired, pulse};
}

function* say(s: Scene, line: {zh: string; en: string}): ThreadGenerator {
  yield* s.caption().opacity(0, 0.25);
  s.caption().zh(line.zh).en(line.en);
  yield* s.caption().opacity(1, 0.35);
}

function* retitle(s: Scene, text: string): ThreadGenerator {
  yield* s.title().opacity(0, 0.25);
  s.title().text(text);
  yield* s.title().opacity(1, 0.35);
}

/** A beat of exactly `duration` seconds (the model's plan) running its cues alongside. */
function* beat(duration: number, ...cues: ThreadGenerator[]): ThreadGenerator {
  yield* all(waitFor(duration), ...cues);
}

function* featureTable(s: Scene) {
  yield* beat(
    T.table,
    retitle(s, 'Fruits as features'),
    say(s, CAPTIONS.why),
    s.table.opacity(1, 0.6),
    delay(0.6, sequence(0.25, ...s.rows.map(r => r.opacity(1, 0.4)))),
    delay(3.2, s.highlight.opacity(1, 0.5)),
    delay(4.4, say(s, CAPTIONS.table)),
  );
}

function* appleDetector(s: Scene) {
  const seg = PLAN.segments[0];
  const last = seg.feeds[seg.feeds.length - 1];
  yield* beat(
    seg.end - seg.start,
    s.table.opacity(0, 0.5),
    delay(0.4, all(s.detector.opacity(1, 0.6), retitle(s, TITLES[0]), say(s, CAPTIONS.knobs))),
    delay(seg.tuneEnd - seg.start - 0.2, say(s, CAPTIONS.sum)),
    delay(last.start + last.load + last.grow - seg.start, say(s, CAPTIONS.only)),
  );
}

function* retuneDetectors(s: Scene) {
  for (const d of [1, 2]) {
    const seg = PLAN.segments[d];
    yield* beat(seg.end - seg.start, retitle(s, TITLES[d]), say(s, d === 1 ? CAPTIONS.watermelon : CAPTIONS.hawthorn));
  }
}

function* neuronAnalogy(s: Scene) {
  yield* beat(
    T.neuron,
    retitle(s, 'A neuron works the same way'),
    s.detector.opacity(0, 0.5),
    delay(0.4, s.neuron.opacity(1, 0.7)),
    say(s, CAPTIONS.neuron),
    delay(3.8, say(s, CAPTIONS.fire)),
    delay(4.4, all(s.fired(1, 0.4), s.pulse(1, 1.2, linear))),
  );
}
