import {Circle, Latex, Line, Node, Rect, Txt, type View2D, makeScene2D} from '@motion-canvas/2d';
import {
  type ThreadGenerator,
  all,
  beginSlide,
  createSignal,
  easeInOutSine,
  sequence,
  waitFor,
} from '@motion-canvas/core';
import {Axes, Caption, Gear, Readout, backdrop, colors, fonts, sizes} from '../components';
import {tangentSegment} from '../components/axisMath';
import {registerText} from '../fonts';
import {
  CHAIN,
  DELTAS,
  DIGITS,
  GEAR,
  GRAPH,
  NUDGES,
  TIMES,
  X0,
  X_GEARS,
  X_START,
  X_SWEEP,
  composite,
  gearAngles,
  markerAt,
  ratios,
} from './chain-rule-gears.model';

// The chain rule as a gear train: x → ln → sin, three gears turning by x, ln x and sin(ln x).

const CAPTIONS = [
  {zh: '先把 x 送入 g，再把 g(x) 送入 f', en: 'Feed x into g, then feed g(x) into f'},
  {zh: '三个齿轮转过的角度：x、g(x)、f(g(x))', en: 'Three gears turn by x, g(x) and f(g(x))'},
  {zh: '第一个齿轮转动一点点，第三个齿轮转多少？', en: 'Nudge gear 1 a little: how far does gear 3 turn?'},
  {zh: '导数沿着链条相乘：这就是反向传播', en: 'Derivatives multiply along the chain: that is backpropagation'},
];
registerText(CAPTIONS.map(c => c.zh).join(''));

const GEAR_COLORS = [colors.gears[0], colors.gears[1], colors.gears[2]];
const OUTER = GEAR.module * (GEAR.teeth / 2 + 0.8);
const deg = (rad: number) => (rad * 180) / Math.PI;
const tex = (v: number, d = 3) => v.toFixed(d);

function build(view: View2D) {
  view.fill(backdrop());
  const x = createSignal(X_START);
  const shrink = createSignal(0); // 0: the big graph of beat 1; 1: small, top left.
  const slope = () => ratios(x()).composite;

  const title = new Latex({
    tex: 'x \\;\\overset{g\\,=\\,\\ln}{\\longrightarrow}\\; \\ln x \\;\\overset{f\\,=\\,\\sin}{\\longrightarrow}\\; \\sin(\\ln x)',
    fill: colors.text,
    fontSize: sizes.font.heading,
    y: -440,
    opacity: 0,
  });
  const axes = new Axes({
    xRange: GRAPH.xRange,
    yRange: GRAPH.yRange,
    xStep: 1,
    yStep: 1,
    xLabel: 'x',
    yLabel: '\\sin(\\ln x)',
    x: () => -400 * shrink(),
    y: () => 40 - 320 * shrink(),
    xLength: () => 1440 - 640 * shrink(),
    yLength: () => 600 - 300 * shrink(),
    opacity: 0,
  });
  const curve = axes.plot(composite, {xFrom: GRAPH.xFrom, end: 0});
  const tangent = new Line({
    stroke: colors.tangent,
    lineWidth: sizes.stroke.tangent,
    lineCap: 'round',
    opacity: 0,
    points: () => tangentSegment(axes.mapping(), x(), composite(x()), slope(), 220 - 110 * shrink()),
  });
  axes.add(tangent);
  const dot = axes.point(
    () => x(),
    () => composite(x()),
    {opacity: 0},
  );
  const readouts = new Rect({
    layout: true,
    direction: 'column',
    alignItems: 'end',
    gap: sizes.space.s,
    opacity: 0,
    offset: [1, 0],
    x: () => 720 + 140 * shrink(),
    y: () => -330 - 10 * shrink(),
  });
  const product = new Readout({
    label: 'g′(x) · f′(g(x)) =',
    value: () => ratios(x()).product,
    digits: 3,
    valueColor: colors.tangent,
    opacity: 0,
  });
  readouts.add(<Readout label="x =" value={() => x()} digits={3} valueColor={colors.gears[0]} />);
  readouts.add(<Readout label="slope of sin(ln x) =" value={slope} digits={3} valueColor={colors.tangent} />);
  readouts.add(product);

  const gears = GEAR.xs.map(
    (gx, i) =>
      (
        <Gear
          x={gx}
          y={GEAR.y}
          teeth={GEAR.teeth}
          module={GEAR.module}
          fill={GEAR_COLORS[i]}
          angle={() => gearAngles(x())[i]}
          opacity={0}
        />
      ) as Gear,
  );
  const gearLabels = ['\\theta_1 = x', '\\theta_2 = \\ln x', '\\theta_3 = \\sin(\\ln x)'].map((t, i) => (
    <Latex
      tex={t}
      fill={GEAR_COLORS[i]}
      fontSize={sizes.font.label}
      x={GEAR.xs[i]}
      y={GEAR.y - OUTER - 45}
      opacity={0}
    />
  ));
  const angleReadouts = GEAR.xs.map((gx, i) => (
    <Readout
      value={() => gearAngles(x())[i]}
      digits={3}
      valueColor={GEAR_COLORS[i]}
      x={gx}
      y={GEAR.y + OUTER + 45}
      opacity={0}
    />
  ));
  const links = [
    {tex: "g'(x) = 1/x", ratio: () => ratios(x()).gPrime, color: colors.gears[1]},
    {tex: "f'(g(x)) = \\cos(\\ln x)", ratio: () => ratios(x()).fPrime, color: colors.gears[2]},
  ].map((l, i) => {
    const mid = (GEAR.xs[i] + GEAR.xs[i + 1]) / 2;
    const half = (GEAR.xs[i + 1] - GEAR.xs[i]) / 2 - OUTER - 18;
    return (
      <Node opacity={0}>
        <Latex tex={l.tex} fill={l.color} fontSize={34} x={mid} y={GEAR.y - 55} />
        <Line
          points={[
            [mid - half, GEAR.y],
            [mid + half, GEAR.y],
          ]}
          stroke={colors.textDim}
          lineWidth={4}
          endArrow
          arrowSize={16}
        />
        <Readout label="×" value={l.ratio} digits={3} valueColor={l.color} x={mid} y={GEAR.y + 50} />
      </Node>
    );
  });
  const caption = new Caption({zh: CAPTIONS[0].zh, en: CAPTIONS[0].en, opacity: 0});

  view.add([title, axes, readouts, ...gears, ...gearLabels, ...angleReadouts, ...links, caption]);
  return {
    view,
    x,
    shrink,
    title,
    product,
    axes,
    curve,
    tangent,
    dot,
    readouts,
    gears,
    gearLabels,
    angleReadouts,
    links,
    caption,
  };
}
type Stage = ReturnType<typeof build>;

function* say(s: Stage, k: number): ThreadGenerator {
  yield* s.caption.opacity(0, TIMES.caption);
  s.caption.zh(CAPTIONS[k].zh).en(CAPTIONS[k].en);
  yield* s.caption.opacity(1, TIMES.caption);
}

function* sweep(s: Stage, keys: {to: number; seconds: number; hold?: number}[]): ThreadGenerator {
  for (const k of keys) {
    yield* s.x(k.to, k.seconds, easeInOutSine);
    if (k.hold) yield* waitFor(k.hold);
  }
}

/** Beat 1: the graph of sin(ln x) and its tangent, whose slope comes from dual numbers. */
function* showComposite(s: Stage) {
  yield* all(s.title.opacity(1, TIMES.titleIn), s.caption.opacity(1, TIMES.titleIn));
  yield* s.axes.opacity(1, TIMES.axesIn);
  yield* s.curve.end(1, TIMES.curveIn);
  yield* all(
    s.tangent.opacity(1, TIMES.tangentIn),
    s.dot.opacity(1, TIMES.tangentIn),
    s.readouts.opacity(1, TIMES.tangentIn),
  );
  yield* sweep(s, X_SWEEP);
  yield* waitFor(TIMES.afterSweep);
}

/** Beat 2: three gears turn by x, ln x and sin(ln x); the local ratios are live readouts. */
function* turnGears(s: Stage) {
  yield* all(s.shrink(1, TIMES.toGears), s.title.opacity(0, TIMES.toGears), say(s, 1));
  yield* all(...s.gears.map(g => g.opacity(1, TIMES.gearsIn)), ...s.gearLabels.map(l => l.opacity(1, TIMES.gearsIn)));
  yield* all(
    s.product.opacity(1, TIMES.readoutsIn),
    ...s.angleReadouts.map(r => r.opacity(1, TIMES.readoutsIn)),
    ...s.links.map(l => l.opacity(1, TIMES.readoutsIn)),
  );
  yield* sweep(s, X_GEARS);
}

/** Beat 3: nudge gear 1 by shrinking Δs; the measured ratio meets the chain-rule product. */
function* nudgeGearOne(s: Stage) {
  const delta = createSignal(0);
  const arc = (i: number) => {
    const a0 = gearAngles(X0)[i];
    const a1 = () => gearAngles(X0 + delta())[i];
    return (
      <Circle
        x={GEAR.xs[i]}
        y={GEAR.y}
        size={2 * (OUTER + 18)}
        stroke={colors.text}
        lineWidth={6}
        lineCap="round"
        closed={false}
        startAngle={() => -deg(Math.max(a0, a1()))}
        endAngle={() => -deg(Math.min(a0, a1()))}
      />
    );
  };
  const ghost = (i: number) => (
    <Circle position={markerAt(i, X0)} size={2 * GEAR.module * 0.55 + 6} stroke={colors.text} lineWidth={3} />
  );
  const arcLabel = (i: number, t: string) => {
    const a = (gearAngles(X0)[i] + gearAngles(X0 + DELTAS[0])[i]) / 2;
    const r = OUTER + 58;
    return (
      <Latex
        tex={t}
        fill={colors.text}
        fontSize={sizes.font.label}
        x={GEAR.xs[i] + r * Math.cos(a)}
        y={GEAR.y - r * Math.sin(a)}
      />
    );
  };
  const arcs = (
    <Node>
      {arc(0)}
      {arc(2)}
      {arcLabel(0, '\\Delta')}
      {arcLabel(2, '\\Delta\\theta_3')}
    </Node>
  );
  const marks = (
    <Node opacity={0}>
      {arcs}
      {ghost(0)}
      {ghost(2)}
    </Node>
  );

  const cols = [-430, 0, 430];
  // Numbers are left-aligned so the decimal points line up; each column's longest entry is centred.
  const halfWidths = [6, 10, 6].map(chars => (chars * 0.6 * sizes.font.label) / 2);
  const rowY = (k: number) => -400 + k * 50;
  const head = ['nudge Δ', 'gear 3 turns Δθ₃', 'ratio Δθ₃ / Δ'].map((t, c) => (
    <Txt text={t} x={cols[c]} y={-460} fill={colors.textDim} fontFamily={fonts.text} fontSize={sizes.font.label} />
  ));
  const rows = NUDGES.map((n, k) => (
    <Node opacity={0}>
      {[String(n.delta), n.moved.toPrecision(4), n.ratio.toFixed(DIGITS)].map((t, c) => (
        <Txt
          text={t}
          x={cols[c] - halfWidths[c]}
          offset={[-1, 0]}
          y={rowY(k)}
          fill={colors.text}
          fontFamily={fonts.mono}
          fontSize={sizes.font.label}
        />
      ))}
    </Node>
  ));
  const r0 = ratios(X0);
  const chainLine = (
    <Latex
      opacity={0}
      y={-125}
      fill={colors.tangent}
      fontSize={sizes.font.body}
      tex={`\\text{chain rule: } g'(x)\\cdot f'(g(x)) = ${tex(r0.gPrime, DIGITS)} \\times ${tex(r0.fPrime, DIGITS)} = ${tex(r0.product, DIGITS)}`}
    />
  );
  const last = rows.length - 1;
  const box = (
    <Node opacity={0}>
      <Rect x={cols[2]} y={rowY(last)} width={200} height={48} radius={8} stroke={colors.green} lineWidth={4} />
      <Txt
        text={`same to ${DIGITS} decimals`}
        x={cols[2] + 130}
        y={rowY(last)}
        offset={[-1, 0]}
        fill={colors.green}
        fontFamily={fonts.text}
        fontSize={30}
      />
    </Node>
  );
  const table = (
    <Node>
      {head}
      {rows}
      {chainLine}
      {box}
    </Node>
  );
  const hide = [s.axes, s.readouts];

  yield* all(...hide.map(n => n.opacity(0, TIMES.toNudge)), s.x(X0, TIMES.toNudge), say(s, 2));
  s.view.add([marks, table]);
  s.x(() => X0 + delta());
  yield* marks.opacity(1, TIMES.caption);
  yield* delta(DELTAS[0], TIMES.firstNudge, easeInOutSine);
  yield* rows[0].opacity(1, TIMES.caption);
  yield* waitFor(TIMES.lookAtNudge - TIMES.caption);
  yield* arcs.opacity(0, TIMES.caption);
  for (let k = 1; k < DELTAS.length; k++) {
    yield* all(delta(DELTAS[k], TIMES.perRow - TIMES.caption), rows[k].opacity(1, TIMES.perRow));
  }
  yield* chainLine.opacity(1, TIMES.verdict);
  yield* box.opacity(1, TIMES.verdict);
  yield* waitFor(TIMES.afterVerdict);
  yield* all(
    marks.opacity(0, TIMES.toChain),
    table.opacity(0, TIMES.toChain),
    s.caption.opacity(0, TIMES.toChain),
    ...[...s.gears, ...s.gearLabels, ...s.angleReadouts, ...s.links].map(n => n.opacity(0, TIMES.toChain)),
  );
}

/** Beat 4: x → g → f → L, local derivatives multiplied from L back to x (the autodiff engine's grads). */
function* chainOfBoxes(s: Stage) {
  const xs = [-660, -220, 220, 660];
  const y = -160;
  const names = ['x', 'g = \\ln', 'f = \\sin', 'L = (f - 1)^2'];
  const tint = [colors.gears[0], colors.gears[1], colors.gears[2], colors.tangent];
  const boxes = xs.map((bx, i) => (
    <Rect
      x={bx}
      y={y}
      width={280}
      height={110}
      radius={16}
      stroke={tint[i]}
      lineWidth={4}
      fill={colors.surface}
      opacity={0}
    >
      <Latex tex={names[i]} fill={colors.text} fontSize={sizes.font.body} />
    </Rect>
  ));
  const arrow = (from: number, to: number, at: number, color: string) => (
    <Line
      points={[
        [from, at],
        [to, at],
      ]}
      stroke={color}
      lineWidth={4}
      endArrow
      arrowSize={14}
      opacity={0}
    />
  );
  const forwardArrows = xs.slice(1).map((bx, i) => arrow(xs[i] + 150, bx - 150, y, colors.textDim));
  const forward = xs.map((bx, i) => (
    <Txt
      text={CHAIN.values[i].toFixed(3)}
      x={bx}
      y={y - 95}
      fill={colors.textDim}
      fontFamily={fonts.mono}
      fontSize={sizes.font.label}
      opacity={0}
    />
  ));
  const gy = y + 140;
  const gradName = ['x', 'g', 'f', 'L'];
  const grads = xs.map((bx, i) => (
    <Latex
      tex={`\\frac{\\partial L}{\\partial ${gradName[i]}} = ${tex(CHAIN.grads[i])}`}
      x={bx}
      y={gy}
      fill={colors.tangent}
      fontSize={sizes.font.label}
      opacity={0}
    />
  ));
  const backArrows = xs.slice(1).map((bx, i) => arrow(bx - 40, xs[i] + 40, gy + 65, colors.orange));
  const localTex = ['\\frac{dg}{dx}', '\\frac{df}{dg}', '\\frac{dL}{df}'];
  const local = xs
    .slice(1)
    .map((bx, i) => (
      <Latex
        tex={`\\times ${localTex[i]} = ${tex(CHAIN.local[i])}`}
        x={(xs[i] + bx) / 2}
        y={gy + 125}
        fill={colors.orange}
        fontSize={34}
        opacity={0}
      />
    ));
  const heading = (
    <Txt
      text="Backpropagation: local derivatives multiply from L back to x"
      y={-400}
      fill={colors.text}
      fontFamily={fonts.text}
      fontSize={sizes.font.body}
      opacity={0}
    />
  );
  const product = CHAIN.local
    .slice()
    .reverse()
    .map(v => `(${tex(v)})`)
    .join('');
  const formula = (
    <Latex
      y={290}
      fill={colors.text}
      fontSize={sizes.font.body}
      opacity={0}
      tex={`\\frac{dL}{dx} = \\frac{dL}{df}\\,\\frac{df}{dg}\\,\\frac{dg}{dx} = ${product} = ${tex(CHAIN.grads[0])}`}
    />
  );
  s.view.add([...boxes, ...forwardArrows, ...forward, ...grads, ...backArrows, ...local, heading, formula]);

  yield* all(heading.opacity(1, TIMES.boxesIn), sequence(0.15, ...boxes.map(b => b.opacity(1, TIMES.boxesIn))));
  s.caption.zh(CAPTIONS[3].zh).en(CAPTIONS[3].en);
  for (let i = 0; i < xs.length; i++) {
    yield* all(
      forward[i].opacity(1, TIMES.forwardStep),
      ...(i > 0 ? [forwardArrows[i - 1].opacity(1, TIMES.forwardStep)] : []),
    );
  }
  yield* grads[3].opacity(1, TIMES.forwardStep);
  for (let i = xs.length - 2; i >= 0; i--) {
    yield* all(backArrows[i].opacity(1, TIMES.backwardStep / 2), local[i].opacity(1, TIMES.backwardStep / 2));
    yield* grads[i].opacity(1, TIMES.backwardStep / 2);
  }
  yield* all(formula.opacity(1, TIMES.formulaIn), s.caption.opacity(1, TIMES.formulaIn));
  yield* waitFor(TIMES.end);
}

export default makeScene2D(function* (view) {
  const s = build(view);
  yield* showComposite(s);
  yield* beginSlide('gears');
  yield* turnGears(s);
  yield* beginSlide('nudge');
  yield* nudgeGearOne(s);
  yield* beginSlide('chain');
  yield* chainOfBoxes(s);
});
