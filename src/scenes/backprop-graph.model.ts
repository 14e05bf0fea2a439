/**
 * The backprop-graph scene's maths: one sigmoid neuron with two inputs and a squared-error loss,
 * built with the autodiff engine, read out as a graph, laid out by the engine, and stepped once
 * by gradient descent. Every number on screen comes from here. Pure (no Motion Canvas).
 */
import {Value} from '../math/autodiff';
import {numericGradient} from '../math/gradcheck';
import {layoutGraph, leftToRight} from '../math/graphLayout';
import {type GraphTrace, schedulePasses, traceGraph} from '../math/graphTrace';
import {mulberry32, uniform} from '../math/random';
import type {Pair} from '../components/axisMath';
import {type GraphGeometry, nodeCentre} from '../components/graphStyle';

/** The training example: inputs (x₁, x₂) and target y. */
export const SAMPLE = {x1: 1.5, x2: 2, y: 1};
/** The knobs, in the order the scene lists them. */
export const KNOBS = ['w1', 'w2', 'b'] as const;
export type Weights = [w1: number, w2: number, b: number];
/** Seeded initial knobs, uniform in [−1, 1). */
export const SEED = 3;
export const INITIAL: Weights = (() => {
  const rng = mulberry32(SEED);
  return [uniform(rng, -1, 1), uniform(rng, -1, 1), uniform(rng, -1, 1)];
})();
export const LEARNING_RATE = 1;

/** L = (σ(w₁x₁ + w₂x₂ + b) − y)², one engine op per node. Returns the loss and the knobs' leaves. */
export function neuron([w1, w2, b]: Weights) {
  const knobs = {w1: Value.scalar(w1, 'w1'), w2: Value.scalar(w2, 'w2'), b: Value.scalar(b, 'b')};
  const x1 = Value.scalar(SAMPLE.x1, 'x1');
  const x2 = Value.scalar(SAMPLE.x2, 'x2');
  const y = Value.scalar(SAMPLE.y, 'y');
  const z = knobs.w1.mul(x1).add(knobs.w2.mul(x2)).add(knobs.b);
  const loss = z.sigmoid().sub(y).pow(2);
  loss.label = '( )²'; // the square's box; the scene calls its value L
  return {loss, knobs};
}

/** The loss alone, for finite differences. */
export const lossAt = (w: ArrayLike<number>): number => neuron([w[0], w[1], w[2]]).loss.value;

/** Everything the scene draws for one set of knobs: the graph, its layout and both passes. */
export function graphFor(w: Weights) {
  const trace: GraphTrace = traceGraph(neuron(w).loss);
  const layout = layoutGraph(
    trace.nodes.length,
    trace.edges.map(e => [e.from, e.to] as const),
  );
  const passes = schedulePasses(trace, leftToRight(layout));
  const knobIndex = KNOBS.map(k => trace.nodes.findIndex(n => n.label === k));
  const last = passes.gradAfter[passes.backward.length];
  return {
    trace,
    layout,
    passes,
    knobIndex,
    loss: trace.nodes[trace.root].value,
    gradients: knobIndex.map(i => last[i]),
  };
}

export const BEFORE = graphFor(INITIAL);

/** ∂L/∂knob from the engine's own backward(). */
export function engineGradients(w: Weights): number[] {
  const {loss, knobs} = neuron(w);
  loss.backward();
  return KNOBS.map(k => knobs[k].gradient);
}

/** The knobs' gradients three ways: read off the graph, backward(), central finite differences. */
export const CHECK = {
  graph: BEFORE.gradients,
  engine: engineGradients(INITIAL),
  numeric: Array.from(numericGradient(lossAt, INITIAL)),
};

/** One gradient-descent step with the gradients read off the graph. */
export const STEPPED = INITIAL.map((w, k) => w - LEARNING_RATE * BEFORE.gradients[k]) as Weights;
export const AFTER = graphFor(STEPPED);

/** Sizes of the drawing on the 1920×1080 design view, and where it sits. */
export const GEOMETRY: GraphGeometry & {nodeHeight: number} = {
  xSpacing: 262,
  ySpacing: 180,
  nodeWidth: 124,
  nodeHeight: 100,
};
export const GRAPH_AT: Pair = [0, -60];
/** Beat 4 shrinks the graph and lifts it to make room for the table. */
export const GRAPH_SMALL = {scale: 0.8, at: [0, -110] as Pair};
export const DIGITS = 3;

/** Design-space centre of node i's box while the graph is at full size. */
export function nodeDesignCentre(i: number): Pair {
  const [x, y] = nodeCentre(BEFORE.layout, i, GEOMETRY);
  return [GRAPH_AT[0] + x, GRAPH_AT[1] + y];
}

/** Scene timings in seconds, in one place; the timeline below follows the beats. */
export const T = {
  titleIn: 0.8,
  graphIn: 1.2,
  look: 1.5,
  caption: 0.4,
  forwardStep: 0.45,
  afterForward: 1.5,
  seed: 1,
  backStep: 1.2,
  backHold: 0.35,
  afterBackward: 1.5,
  shrink: 1,
  row: 0.8,
  lookTable: 2.5,
  toStep: 0.8,
  replayStep: 0.25,
  lossIn: 0.8,
  end: 3,
};

const NODES = BEFORE.trace.nodes.length;
const STEPS = BEFORE.passes.backward.length;

/** When each pass starts (seconds from the scene's start). A caption change (2 × T.caption) opens each beat. */
export const TIMELINE = (() => {
  const say = 2 * T.caption;
  const forwardStart = T.titleIn + T.graphIn + T.look + say;
  const backwardStart = forwardStart + NODES * T.forwardStep + T.afterForward + say;
  const backwardEnd = backwardStart + T.seed + (STEPS - 1) * (T.backStep + T.backHold);
  const checkStart = backwardEnd + T.afterBackward + say;
  const stepStart = checkStart + T.shrink + KNOBS.length * T.row + T.lookTable + say;
  const replayStart = stepStart + T.toStep;
  const end = replayStart + NODES * T.replayStep + T.lossIn + T.end;
  return {forwardStart, backwardStart, backwardEnd, checkStart, stepStart, replayStart, end};
})();

/** The `forward` count of the first pass at time t. */
export function forwardAt(t: number): number {
  return Math.max(0, Math.min(NODES, (t - TIMELINE.forwardStart) / T.forwardStep));
}

/** The `backward` count at time t: the seed, then each edge's step followed by a short hold. */
export function backwardAt(t: number): number {
  const s = t - TIMELINE.backwardStart;
  if (s <= 0) return 0;
  if (s < T.seed) return s / T.seed;
  const k = (s - T.seed) / (T.backStep + T.backHold);
  const whole = Math.floor(k);
  if (whole >= STEPS - 1) return STEPS;
  return 1 + whole + Math.min(1, ((k - whole) * (T.backStep + T.backHold)) / T.backStep);
}

/** Which backward step the formula under the graph explains at a given `backward` count. */
export function explainedStep(backward: number): number {
  return Math.max(0, Math.min(STEPS - 1, Math.ceil(backward) - 1));
}
