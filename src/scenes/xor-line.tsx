import {Circle, Latex, Line, Node, Rect, Txt, makeScene2D} from '@motion-canvas/2d';
import {
  type ThreadGenerator,
  Vector2,
  all,
  beginSlide,
  createRef,
  createSignal,
  easeInOutSine,
  sequence,
  waitFor,
} from '@motion-canvas/core';
import {
  Axes,
  Caption,
  Column,
  DecisionField,
  Knob,
  Legend,
  NetworkDiagram,
  Readout,
  Row,
  backdrop,
  colors,
  fonts,
  sizes,
  handOver,
  slots,
} from '../components';
import {registerText} from '../fonts';
import {narrator} from '../narration/say';
import narration from './xor-line.narration?voice';
import {OR, XOR} from '../nn/datasets';
import {fires} from '../nn/perceptron';
import type {PerceptronSteps} from '../nn/perceptronSteps';
import {xorForward} from '../nn/xorNet';
import {
  CORNERS,
  MLP,
  PLANE,
  RANGE,
  type Knobs,
  asPerceptron,
  finalSnapshot,
  hiddenLines,
  knobsAtStep,
  lineInBox,
  mlpFields,
  mlpIndexAt,
  mlpLossAt,
  mlpRun,
  mlpSnapshots,
  orLog,
  orSteps,
  xorLog,
  xorNetSnapshot,
  xorPasses,
  xorSteps,
} from './xor-line.model';

// Why one perceptron cannot do XOR (Minsky, 1969), and how two layers can.

const T = {
  fade: 0.6,
  point: 0.3,
  hold: 1.4,
  turn: 1.5,
  glide: 0.16,
  xorStep: 0.42,
  orStep: 0.26,
  row: 1.1,
  train: 8,
  outro: 3,
};
/** Knob poses of beat 2: an OR-like line, an AND-like line, a line that takes (0,1) alone. */
const POSES: Knobs[] = [
  [1, 1, 0.5],
  [1, 1, 1.5],
  [-1, 1, 0.5],
];
registerText(narration.lines.map(l => l.zh).join(''));

const classColor = (label: number) => (label === 1 ? colors.classPositive : colors.classNegative);
const RIGHT = 330; // centre of the right-hand panel
const RING = 54; // marker size once the discs open into rings

export default makeScene2D(function* (view) {
  view.fill(backdrop());
  const s = build(view);
  yield* showTheFourPoints(s);
  yield* beginSlide('perceptron-is-a-line');
  yield* aPerceptronIsALine(s);
  yield* beginSlide('never-settles');
  yield* perceptronNeverSettles(s);
  yield* beginSlide('two-layers');
  yield* twoLayersSolveIt(s);
  yield* beginSlide('backprop');
  yield* trainedNetworkMorphs(s);
});

type Scene = ReturnType<typeof build>;

function build(view: Node) {
  const [w1, w2, b] = [createSignal(0), createSignal(0), createSignal(0)];
  const knobs = (): Knobs => [w1(), w2(), b()];
  const mlpStep = createSignal(0);
  const active = createSignal(-1); // the corner being looked at, −1 for none

  const plane = new Node({position: [PLANE.x, PLANE.y]});
  const axes = new Axes({
    xRange: RANGE,
    yRange: RANGE,
    xLength: PLANE.size,
    yLength: PLANE.size,
    xStep: 1,
    yStep: 1,
    grid: false,
    tickLabels: false,
    xLabel: 'x_1',
    yLabel: 'x_2',
  });
  const field = (classify: () => (x: number, y: number) => number, contour = 0) =>
    new DecisionField({
      xRange: RANGE,
      yRange: RANGE,
      width: PLANE.size,
      height: PLANE.size,
      resolution: 240,
      contourWidth: contour,
      opacity: 0,
      classify,
    });
  const STEP_FIELD = 0.85; // the axes show faintly through the perceptron's fields
  const fields = {
    perceptron: field(() => {
      const p = asPerceptron(knobs());
      return (x, y) => fires(p, [x, y]);
    }),
    twoLayer: field(() => (x, y) => xorForward(x, y).output),
    mlp: field(() => mlpFields[mlpIndexAt(mlpStep())], sizes.stroke.contour),
  };
  const segment = (k: Knobs) => lineInBox(k)?.map(p => axes.c2p(...p)) ?? [Vector2.zero, Vector2.zero];
  const perceptronLine = new Line({
    points: () => segment(knobs()),
    stroke: colors.highlight,
    lineWidth: sizes.stroke.curve,
    end: 0,
  });
  const hidden = hiddenLines.map(
    (k, i) =>
      new Line({
        points: segment(k),
        stroke: i === 0 ? colors.highlight : colors.purple,
        lineWidth: sizes.stroke.curve,
        end: 0,
      }),
  );
  const hiddenTags = hidden.map(
    (_, i) =>
      new Latex({
        tex: `h_${i + 1}`,
        fill: i === 0 ? colors.highlight : colors.purple,
        fontSize: sizes.font.label,
        opacity: 0,
        position: axes.c2p(...((i === 0 ? [1.28, 0.55] : [0.3, 1.28]) as [number, number])),
      }),
  );
  // The axes lie under the fields: the trained field covers them, so nothing crosses its pixels at the corners.
  plane.add([axes, fields.perceptron, fields.twoLayer, fields.mlp, perceptronLine, ...hidden, ...hiddenTags]);

  const ring = new Circle({
    position: () => axes.c2p(...CORNERS[Math.max(0, active())]),
    size: 72,
    stroke: colors.highlight,
    lineWidth: 6,
    opacity: () => (active() < 0 ? 0 : 1),
  });
  // Discs at first; in the last beat they open into rings (target colour) with a dark halo, and the field shows inside.
  const halos = CORNERS.map(
    ([x, y]) => new Circle({position: axes.c2p(x, y), size: 0, stroke: colors.background, lineWidth: 14, opacity: 0}),
  );
  const points = CORNERS.map(
    ([x, y], i) =>
      new Circle({
        position: axes.c2p(x, y),
        size: 0,
        fill: classColor(XOR.labels[i]),
        stroke: colors.background,
        lineWidth: 4,
      }),
  );
  const coordTags = CORNERS.map(
    ([x, y]) =>
      new Txt({
        text: `(${x}, ${y})`,
        fill: colors.textDim,
        fontFamily: fonts.mono,
        fontSize: sizes.font.tick,
        opacity: 0,
        position: axes.c2p(x + (x ? 0.2 : -0.2), y + (y ? 0.15 : -0.15)),
      }),
  );
  plane.add([...halos, ...points, ring, ...coordTags]);
  axes.opacity(0);
  view.add(plane);

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

  // Right panel, beat 1: the XOR truth table.
  const xorTable = table(
    ['x₁', 'x₂', 'XOR'],
    CORNERS.map(([x, y], i) => [[`${x}`], [`${y}`], [`${XOR.labels[i]}`, classColor(XOR.labels[i])]]),
    [RIGHT, -20],
  );
  // Beats 2–3: the perceptron's rule and its knobs, then the learning log.
  const formula = (
    <Latex
      tex="\text{fires when }\; w_1 x_1 + w_2 x_2 - b > 0"
      fill={colors.text}
      fontSize={sizes.font.body}
      position={[RIGHT, -360]}
      opacity={0}
    />
  ) as Latex;
  // Knobs are plain Nodes (a flexbox row would lay out their inner texts too): spaced by index.
  const knobs3: [string, () => number, string][] = [
    ['w₁', w1, colors.blue],
    ['w₂', w2, colors.blue],
    ['b', b, colors.green],
  ];
  const knobRow = (
    <Node position={[RIGHT, -200]} opacity={0}>
      {knobs3.map(([label, value, color], i) => (
        <Knob x={(i - 1) * 230} label={label} value={value} min={-2} max={2} digits={1} color={color} size={150} />
      ))}
    </Node>
  ) as Node;
  const legend = (
    <Legend
      fontSize={sizes.font.tick}
      direction="row"
      gap={48}
      swatch={28}
      position={[RIGHT, 60]}
      opacity={0}
      entries={[
        {label: 'fires: output 1', color: colors.classPositive},
        {label: 'silent: output 0', color: colors.classNegative},
      ]}
    />
  ) as Legend;
  const k = createSignal(0);
  const run = createSignal<PerceptronSteps>(xorSteps);
  const chart = new Axes({
    position: [RIGHT, 235],
    xRange: [0, 5.6],
    yRange: [0, 4],
    xLength: 560,
    yLength: 140,
    xStep: 1,
    yStep: 2,
    grid: false,
    xLabel: '\\text{epoch}',
    opacity: 0,
  });
  const bars = (log: typeof xorLog, color: string, dx: number, kOf: () => number) =>
    Array.from({length: log.epochs}, (_, i) => i + 1).map(
      e =>
        new Rect({
          fill: color,
          width: 22,
          offset: [0, 1],
          position: chart.c2p(e + dx, 0),
          height: () => log.errors[e] * (140 / 4) * Math.min(1, Math.max(0, kOf() - (4 * e - 1))),
        }),
    );
  const kOr = createSignal(0);
  chart.add([
    ...bars(xorLog, colors.red, -0.16, () => (run() === xorSteps ? k() : xorSteps.steps)),
    ...bars(orLog, colors.green, 0.16, kOr),
  ]);
  const stepNow = () => Math.ceil(k());
  const learnLog = (
    <Column position={[RIGHT, 72]} width={600} gap={44} opacity={0}>
      <Row gap={100}>
        <Readout label="epoch" value={() => run().epoch[stepNow()]} digits={0} signed={false} />
        <Readout
          label="misclassified"
          value={() => run().errors[Math.round(k())]}
          digits={0}
          signed={false}
          valueColor={colors.red}
        />
      </Row>
      <Row width={600} justifyContent="space-between">
        <Txt
          text="misclassified after each epoch"
          fill={colors.textDim}
          fontFamily={fonts.text}
          fontSize={sizes.font.tick}
        />
        <Legend
          fontSize={sizes.font.tick}
          direction="row"
          gap={24}
          swatch={20}
          entries={[
            {label: 'XOR', color: colors.red},
            {label: 'OR', color: colors.green},
          ]}
        />
      </Row>
    </Column>
  ) as Column;
  view.add([xorTable.node, formula, knobRow, legend, learnLog, chart]);

  // Beat 4: the hand-wired network and the truth table its forward pass fills in.
  const lit = createSignal(-1);
  const twoLayer = new NetworkDiagram({
    position: [RIGHT, -200],
    width: 440,
    height: 220,
    rowGap: 220,
    snapshot: xorNetSnapshot,
    opacity: 0,
    inputLabels: ['x_1', 'x_2'],
    outputLabels: ['\\hat y'],
    activations: () => {
      if (lit() < 0) return null;
      const p = xorPasses[lit()];
      return [Float64Array.from(p.input), Float64Array.from(p.hidden), Float64Array.of(p.output)];
    },
  });
  const at = (l: number, i: number) => twoLayer.neuronPosition(l, i);
  // Weight labels a third of the way along each edge, on its outer side.
  const edgeTag = (tex: string, from: Vector2, to: Vector2, side: [number, number]) =>
    new Latex({
      tex,
      fill: tex.startsWith('-') ? colors.weightNegative : colors.weightPositive,
      fontSize: sizes.font.tick,
      position: from.lerp(to, 0.3).add(side),
    });
  twoLayer.add([
    edgeTag('1', at(0, 0), at(1, 0), [0, -24]),
    edgeTag('-1', at(0, 0), at(1, 1), [24, -14]),
    edgeTag('-1', at(0, 1), at(1, 0), [24, 14]),
    edgeTag('1', at(0, 1), at(1, 1), [0, 24]),
    edgeTag('1', at(1, 0), at(2, 0), [0, -24]),
    edgeTag('1', at(1, 1), at(2, 0), [0, 24]),
    new Latex({
      tex: 'h_1:\\ b=\\tfrac12',
      fill: colors.highlight,
      fontSize: sizes.font.tick,
      position: at(1, 0).addY(-62),
    }),
    new Latex({tex: 'h_2:\\ b=\\tfrac12', fill: colors.purple, fontSize: sizes.font.tick, position: at(1, 1).addY(62)}),
    new Latex({tex: 'b=0', fill: colors.textDim, fontSize: sizes.font.tick, position: at(2, 0).addY(-62)}),
  ]);
  const passTable = table(
    ['x₁', 'x₂', 'h₁', 'h₂', 'ŷ'],
    xorPasses.map(p => [
      [`${p.input[0]}`],
      [`${p.input[1]}`],
      [`${p.hidden[0]}`, colors.highlight],
      [`${p.hidden[1]}`, colors.purple],
      [`${p.output}`, classColor(p.output)],
    ]),
    [RIGHT, 200],
  );
  view.add([twoLayer, passTable.node]);

  // Beat 5: a 2-4-1 sigmoid network, its weights and its loss while backprop trains it.
  const mlpDiagram = new NetworkDiagram({
    position: [RIGHT, -250],
    width: 440,
    height: 240,
    rowGap: 80,
    neuronSize: 44,
    opacity: 0,
    snapshot: () => mlpSnapshots[mlpIndexAt(mlpStep())],
    weightScale: maxAbs(finalSnapshot.layers.flatMap(l => Array.from(l.W))),
    inputLabels: ['x_1', 'x_2'],
    outputLabels: ['\\hat y'],
  });
  const lossAxes = new Axes({
    position: [RIGHT + 20, 200],
    xRange: [0, MLP.steps],
    yRange: [0, 0.8],
    xLength: 560,
    yLength: 230,
    xStep: 400,
    yStep: 0.4,
    grid: false,
    xLabel: '\\text{step}',
    yLabel: '\\text{loss}',
    opacity: 0,
  });
  lossAxes.plot(x => mlpLossAt(x), {xTo: () => Math.max(1, mlpStep()), stroke: colors.red});
  lossAxes.point(
    () => mlpStep(),
    () => mlpLossAt(mlpStep()),
    {size: 18, fill: colors.red},
  );
  const trainLog = (
    <Row position={[RIGHT, -30]} gap={80} opacity={0}>
      <Readout label="step" value={() => mlpRun.step[mlpIndexAt(mlpStep())]} digits={0} intDigits={4} signed={false} />
      <Readout
        label="loss"
        value={() => mlpRun.loss[mlpIndexAt(mlpStep())]}
        digits={3}
        signed={false}
        valueColor={colors.red}
      />
    </Row>
  ) as Row;
  view.add([mlpDiagram, lossAxes, trainLog]);

  const say = narrator(narration, () => caption());

  return {
    say,
    w1,
    w2,
    b,
    k,
    kOr,
    run,
    mlpStep,
    active,
    lit,
    axes,
    fields,
    STEP_FIELD,
    perceptronLine,
    hidden,
    hiddenTags,
    halos,
    points,
    coordTags,
    title,
    caption,
    xorTable,
    formula,
    knobRow,
    legend,
    learnLog,
    chart,
    twoLayer,
    passTable,
    mlpDiagram,
    lossAxes,
    trainLog,
  };
}

function maxAbs(values: number[]) {
  return values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
}

/** A small table of Txt cells: a header row, a rule under it, and rows that can be revealed one by one. */
function table(
  header: string[],
  rows: [string, string?][][],
  [x, y]: [number, number],
  colWidth = 110,
  rowHeight = 54,
) {
  const left = -((header.length - 1) * colWidth) / 2;
  const top = -(rows.length * rowHeight) / 2;
  const cell = (text: string, col: number, row: number, fill: string = colors.text) =>
    new Txt({
      text,
      fill,
      fontFamily: row < 0 ? fonts.text : fonts.mono,
      fontSize: sizes.font.label,
      position: [left + col * colWidth, top + row * rowHeight],
    });
  const rowNodes = rows.map(
    (cells, r) => new Node({opacity: 0, children: cells.map(([text, fill], c) => cell(text, c, r, fill))}),
  );
  const width = header.length * colWidth;
  const node = new Node({
    position: [x, y],
    opacity: 0,
    children: [
      ...header.map((h, c) => cell(h, c, -1, colors.textDim)),
      new Line({
        points: [
          [-width / 2, top - rowHeight / 2],
          [width / 2, top - rowHeight / 2],
        ],
        stroke: colors.grey,
        lineWidth: 2,
      }),
      ...rowNodes,
    ],
  });
  return {node, rows: rowNodes};
}

/** A beat that waits for its line: the title and the caption change, then `body` runs while the line is spoken. */
function* beat(s: Scene, key: string, title: string, body: ThreadGenerator): ThreadGenerator {
  yield* all(s.say.clear(), s.title().opacity(0, 0.25));
  s.title().text(title);
  yield* s.say(key, s.title().opacity(1, 0.35), body);
}

function* showTheFourPoints(s: Scene) {
  yield* beat(s, 'points', 'XOR: one perceptron is not enough', fourPoints(s));
}

function* fourPoints(s: Scene) {
  yield* s.axes.opacity(1, T.fade);
  yield* sequence(
    T.point,
    ...s.points.map((p, i) => all(p.size(40, T.point * 1.5), s.coordTags[i].opacity(1, T.point * 1.5))),
  );
  s.xorTable.node.opacity(1);
  yield* sequence(0.2, ...s.xorTable.rows.map(r => r.opacity(1, 0.4)));
  yield* waitFor(T.hold);
}

function* aPerceptronIsALine(s: Scene) {
  yield* beat(s, 'line', 'A perceptron draws one straight line', knobsMoveTheLine(s));
}

function* knobsMoveTheLine(s: Scene) {
  yield* handOver(T.fade, [s.xorTable.node, ...s.coordTags], [s.formula, s.knobRow]);
  const [a, b, c] = POSES[0];
  yield* all(s.w1(a, T.turn), s.w2(b, T.turn), s.b(c, T.turn));
  yield* all(
    s.fields.perceptron.opacity(s.STEP_FIELD, T.fade),
    s.perceptronLine.end(1, T.fade),
    s.legend.opacity(1, T.fade),
  );
  for (const [a, b, c] of POSES.slice(1)) {
    yield* waitFor(T.hold * 0.6);
    yield* all(s.w1(a, T.turn), s.w2(b, T.turn), s.b(c, T.turn));
  }
  yield* waitFor(T.hold * 0.6);
}

/** Rosenblatt's rule, one sample per step: the line glides to each update, then holds. */
function* runRule(s: Scene, log: PerceptronSteps, step: typeof s.k, pace: number) {
  for (let i = 1; i <= log.steps; i++) {
    s.active(log.sample[i]);
    yield* step(i, T.glide);
    yield* waitFor(pace - T.glide);
  }
}

function* perceptronNeverSettles(s: Scene) {
  yield* beat(s, 'xor', 'Minsky, 1969: no line solves XOR', ruleOn(s, xorSteps, s.k, T.xorStep, T.hold * 0.5));
  yield* s.say('or', ruleOn(s, orSteps, s.kOr, T.orStep, T.hold));
}

/** The learning rule on XOR (the knobs start from zero) or on OR (the points recolour first). */
function* ruleOn(s: Scene, log: PerceptronSteps, step: typeof s.k, pace: number, hold: number) {
  const bind = (log: PerceptronSteps, step: () => number) => {
    s.run(log);
    s.w1(() => knobsAtStep(log, step())[0]);
    s.w2(() => knobsAtStep(log, step())[1]);
    s.b(() => knobsAtStep(log, step())[2]);
  };
  const reset = [s.w1(0, T.fade), s.w2(0, T.fade), s.b(0, T.fade)];
  // The log takes the legend's place: hand over rather than cross-fade, so the two never show at once.
  if (log === xorSteps) yield* all(...reset, handOver(T.fade, [s.legend], [s.learnLog, s.chart]));
  else yield* all(...reset, ...s.points.map((p, i) => p.fill(classColor(OR.labels[i]), T.fade)));
  bind(log, step);
  if (log !== xorSteps) s.k(0);
  yield* runRule(s, log, step, pace);
  s.active(-1);
  yield* waitFor(hold);
}

function* twoLayersSolveIt(s: Scene) {
  yield* beat(s, 'two-layers', 'Two layers solve it', handWired(s));
}

function* handWired(s: Scene) {
  yield* all(
    s.formula.opacity(0, T.fade),
    s.knobRow.opacity(0, T.fade),
    s.learnLog.opacity(0, T.fade),
    s.chart.opacity(0, T.fade),
    s.fields.perceptron.opacity(0, T.fade),
    s.perceptronLine.opacity(0, T.fade),
    ...s.points.map((p, i) => p.fill(classColor(XOR.labels[i]), T.fade)),
  );
  yield* sequence(
    0.4,
    ...s.hidden.map((l, i) => all(l.end(1, T.fade * 1.5), s.hiddenTags[i].opacity(1, T.fade * 1.5))),
  );
  yield* all(s.twoLayer.opacity(1, T.fade), s.passTable.node.opacity(1, T.fade));
  for (let i = 0; i < CORNERS.length; i++) {
    s.active(i);
    s.lit(i);
    yield* s.passTable.rows[i].opacity(1, 0.3);
    yield* waitFor(T.row - 0.3);
  }
  s.active(-1);
  yield* s.fields.twoLayer.opacity(s.STEP_FIELD, T.fade * 1.5);
  yield* waitFor(T.hold);
}

function* trainedNetworkMorphs(s: Scene) {
  yield* beat(s, 'mlp', 'Learning XOR with backpropagation', training(s));
}

function* training(s: Scene) {
  // The trained network's panel takes the hand-wired one's place: hand over, so their labels never overlap.
  yield* all(
    handOver(T.fade, [s.twoLayer, s.passTable.node], [s.mlpDiagram, s.lossAxes, s.trainLog]),
    ...s.hidden.map(l => l.opacity(0, T.fade)),
    ...s.hiddenTags.map(t => t.opacity(0, T.fade)),
    s.fields.twoLayer.opacity(0, T.fade),
    s.fields.mlp.opacity(1, T.fade),
    // Rings instead of discs, so the field shows through: the ring is the target, the inside the prediction.
    ...s.halos.map(h => all(h.opacity(1, T.fade), h.size(RING, T.fade))),
    ...s.points.map((p, i) =>
      all(
        p.fill(`${colors.background}00`, T.fade),
        p.stroke(classColor(XOR.labels[i]), T.fade),
        p.lineWidth(7, T.fade),
        p.size(RING, T.fade),
      ),
    ),
  );
  yield* s.mlpStep(MLP.steps, T.train, easeInOutSine);
  yield* waitFor(T.outro);
}
