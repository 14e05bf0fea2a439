import {Node, Rect, Txt, type View2D, makeScene2D} from '@motion-canvas/2d';
import {type ThreadGenerator, all, createSignal, linear, waitFor} from '@motion-canvas/core';
import {Caption, ComputationGraph, backdrop, colors, fonts, sizes, handOver, slots} from '../components';
import {graphNumber, subscriptDigits} from '../components/graphStyle';
import {registerText} from '../fonts';
import {
  AFTER,
  BEFORE,
  CHECK,
  DIGITS,
  GEOMETRY,
  GRAPH_AT,
  GRAPH_SMALL,
  INITIAL,
  KNOBS,
  LEARNING_RATE,
  STEPPED,
  T,
  explainedStep,
} from './backprop-graph.model';

// Backpropagation on a computation graph: one sigmoid neuron, forward left to right, gradients back right to left.

const CAPTIONS = {
  blocks: {zh: '一个神经元，拆成一块块简单的运算', en: 'One neuron, taken apart into simple blocks'},
  forward: {zh: '前向传播：数值从左往右流过每一块', en: 'Forward pass: values flow left to right through every block'},
  backward: {
    zh: '反向传播：从 ∂L/∂L = 1 出发，梯度一条边一条边地往回传',
    en: 'Backward pass: from ∂L/∂L = 1, gradients flow back edge by edge',
  },
  local: {
    zh: '每一块只需要自己的局部导数：上游梯度 × 局部导数',
    en: 'Each block only needs its local derivative: upstream × local',
  },
  check: {
    zh: '图上读出的梯度，与 backward() 和有限差分一致',
    en: 'The gradients read off the graph match backward() and a finite difference',
  },
  step: {
    zh: '把每个旋钮朝梯度的反方向拧一下：损失下降了',
    en: 'Turn each knob against its gradient: the loss goes down',
  },
};
registerText(
  Object.values(CAPTIONS)
    .map(c => c.zh + c.en)
    .join('') + 'σ∂²₁₂←→·ηΣ×−',
);

const num = (v: number) => graphNumber(v, DIGITS);
const STEPS = BEFORE.passes.backward.length;
const NODES = BEFORE.trace.nodes.length;
const PANEL_Y = 335;

export default makeScene2D(function* (view) {
  view.fill(backdrop());
  const s = build(view);
  yield* showTheBlocks(s);
  yield* forwardPass(s);
  yield* backwardPass(s);
  yield* checkTheKnobs(s);
  yield* oneStepDown(s);
});

type Scene = ReturnType<typeof build>;

/** A row of coloured text pieces, centred. */
function textRow(pieces: [() => string, string][], y: number, fontSize: number = sizes.font.body) {
  return (
    <Rect layout alignItems="center" gap={sizes.space.s} y={y} opacity={0}>
      {pieces.map(([text, fill]) => (
        <Txt text={text} fill={fill} fontFamily={fonts.mono} fontSize={fontSize} />
      ))}
    </Rect>
  ) as Rect;
}

function build(view: View2D) {
  const stepped = createSignal(false);
  const graph = (
    <ComputationGraph
      trace={() => (stepped() ? AFTER : BEFORE).trace}
      position={GRAPH_AT}
      opacity={0}
      xSpacing={GEOMETRY.xSpacing}
      ySpacing={GEOMETRY.ySpacing}
      nodeWidth={GEOMETRY.nodeWidth}
      nodeHeight={GEOMETRY.nodeHeight}
      digits={DIGITS}
    />
  ) as ComputationGraph;
  const title = (
    <Txt
      text="Backpropagation on a computation graph"
      y={slots.titleY}
      fill={colors.text}
      fontFamily={fonts.text}
      fontWeight={600}
      fontSize={sizes.font.heading}
      opacity={0}
    />
  ) as Txt;
  const caption = (<Caption zh={CAPTIONS.blocks.zh} en={CAPTIONS.blocks.en} opacity={0} />) as Caption;

  // Under the graph: what the forward pass computed, then the chain rule of the step under way.
  const forwardNote = (
    <Txt
      y={PANEL_Y}
      fill={colors.blue}
      fontFamily={fonts.text}
      fontSize={sizes.font.body}
      opacity={0}
      text={`loss  L = (σ(w₁x₁ + w₂x₂ + b) − y)² = ${num(BEFORE.loss)}`}
    />
  ) as Txt;
  const step = () => BEFORE.passes.backward[explainedStep(graph.backward())];
  const seedNote = (
    <Txt
      y={PANEL_Y}
      fill={colors.red}
      fontFamily={fonts.text}
      fontSize={sizes.font.body}
      opacity={0}
      text="start at the loss:  ∂L/∂L = 1"
    />
  ) as Txt;
  const chainRule = textRow(
    [
      [() => 'upstream', colors.textDim],
      [() => num(step().upstream), colors.red],
      [() => '× local', colors.textDim],
      [() => num(step().local), colors.orange],
      [() => '=', colors.textDim],
      [() => num(step().contribution), colors.red],
      [() => (step().total === step().contribution ? '' : `sum ${num(step().total)}`), colors.red],
    ],
    PANEL_Y,
  );

  // Beat 4: the knobs' gradients three ways.
  const cols = [-620, -230, 170, 560];
  const head = ['', 'read off the graph', 'backward()', 'finite difference'];
  const rowY = (r: number) => 250 + 42 * r;
  const cell = (text: string, x: number, y: number, fill: string, mono = true) => (
    <Txt
      text={text}
      x={x}
      y={y}
      fill={fill}
      fontFamily={mono ? fonts.mono : fonts.text}
      fontSize={sizes.font.tick + 2}
    />
  );
  const checkRows = KNOBS.map(
    (k, r) =>
      (
        <Node opacity={0}>
          {cell(`∂L/∂${subscriptDigits(k)}`, cols[0], rowY(r), colors.text, false)}
          {cell(num(CHECK.graph[r]), cols[1], rowY(r), colors.red)}
          {cell(num(CHECK.engine[r]), cols[2], rowY(r), colors.red)}
          {cell(num(CHECK.numeric[r]), cols[3], rowY(r), colors.red)}
        </Node>
      ) as Node,
  );
  const checkTable = (
    <Node opacity={0}>
      {head.map((h, c) => cell(h, cols[c], 206, colors.textDim, false))}
      {checkRows}
    </Node>
  ) as Node;

  // Beat 5: one gradient-descent step and the loss before and after.
  const rule = (
    <Txt
      y={230}
      fill={colors.text}
      fontFamily={fonts.text}
      fontSize={sizes.font.tick + 2}
      opacity={0}
      text={`one gradient-descent step:  w ← w − η · ∂L/∂w,  η = ${LEARNING_RATE}`}
    />
  ) as Txt;
  const updates = (
    <Node y={285} opacity={0}>
      {KNOBS.map((k, i) =>
        cell(`${subscriptDigits(k)}: ${num(INITIAL[i])} → ${num(STEPPED[i])}`, (i - 1) * 560, 0, colors.blue),
      )}
    </Node>
  ) as Node;
  const lossDrop = textRow(
    [
      [() => 'loss', colors.textDim],
      [() => num(BEFORE.loss), colors.blue],
      [() => '→', colors.textDim],
      [() => num(AFTER.loss), colors.green],
    ],
    345,
  );

  view.add([graph, title, forwardNote, seedNote, chainRule, checkTable, rule, updates, lossDrop, caption]);
  return {
    view,
    graph,
    stepped,
    title,
    caption,
    forwardNote,
    seedNote,
    chainRule,
    checkTable,
    checkRows,
    rule,
    updates,
    lossDrop,
  };
}

function* say(s: Scene, line: {zh: string; en: string}): ThreadGenerator {
  yield* s.caption.opacity(0, T.caption);
  s.caption.zh(line.zh).en(line.en);
  yield* s.caption.opacity(1, T.caption);
}

/** Beat 1: the neuron as a graph of ops, laid out by the engine. */
function* showTheBlocks(s: Scene) {
  yield* all(s.title.opacity(1, T.titleIn), s.caption.opacity(1, T.titleIn));
  yield* s.graph.opacity(1, T.graphIn);
  yield* waitFor(T.look);
}

/** Beat 2: values light up left to right; the last box holds the loss. */
function* forwardPass(s: Scene) {
  yield* say(s, CAPTIONS.forward);
  yield* s.graph.forward(NODES, NODES * T.forwardStep, linear);
  yield* all(s.forwardNote.opacity(1, T.afterForward / 2), waitFor(T.afterForward));
}

/** Beat 3: from ∂L/∂L = 1, one edge at a time: local derivative on the edge, upstream × local at the node. */
function* backwardPass(s: Scene) {
  yield* all(say(s, CAPTIONS.backward), handOver(2 * T.caption, [s.forwardNote], [s.seedNote]));
  yield* s.graph.backward(1, T.seed, linear);
  for (let k = 1; k < STEPS; k++) {
    const extras =
      k === 1 ? [handOver(T.caption, [s.seedNote], [s.chainRule])] : k === 4 ? [say(s, CAPTIONS.local)] : [];
    yield* all(s.graph.backward(k + 1, T.backStep, linear), ...extras);
    yield* waitFor(T.backHold);
  }
  yield* waitFor(T.afterBackward);
}

/** Beat 4: the knobs' gradients on the graph equal backward() and a central finite difference. */
function* checkTheKnobs(s: Scene) {
  yield* all(say(s, CAPTIONS.check), s.chainRule.opacity(0, 2 * T.caption));
  yield* all(
    s.graph.scale(GRAPH_SMALL.scale, T.shrink),
    s.graph.position(GRAPH_SMALL.at, T.shrink),
    s.checkTable.opacity(1, T.shrink),
  );
  for (const row of s.checkRows) yield* row.opacity(1, T.row);
  yield* waitFor(T.lookTable);
}

/** Beat 5: one step against the gradient, a new forward pass, a lower loss. */
function* oneStepDown(s: Scene) {
  yield* all(say(s, CAPTIONS.step), s.checkTable.opacity(0, 2 * T.caption));
  yield* all(s.rule.opacity(1, T.toStep), s.updates.opacity(1, T.toStep));
  s.stepped(true);
  s.graph.backward(0);
  s.graph.forward(0);
  yield* s.graph.forward(NODES, NODES * T.replayStep, linear);
  yield* s.lossDrop.opacity(1, T.lossIn);
  yield* waitFor(T.end);
}
