/**
 * How a computation-graph view follows the engine: where nodes and edges go in pixels, what each
 * node says, and how far each pass has reached a node or an edge. Pure, so tests can check it.
 */
import type {GraphLayout} from '../math/graphLayout';
import type {GraphTrace, Passes, TraceNode} from '../math/graphTrace';
import type {Pair} from './axisMath';
import {type Rgb, hexToRgb, mixRgb} from './colorMath';
import {formatFixed} from './readoutFormat';
import {colors} from './theme';

/** What an op node shows. Leaves show their label (or their value, for constants). */
export const OP_SYMBOLS: Readonly<Record<string, string>> = {
  add: '+',
  sub: '−',
  mul: '×',
  div: '÷',
  neg: '−x',
  pow: 'xⁿ',
  exp: 'exp',
  log: 'ln',
  sin: 'sin',
  cos: 'cos',
  tanh: 'tanh',
  sigmoid: 'σ',
  relu: 'ReLU',
  step: 'step',
  sum: 'Σ',
  mean: 'mean',
};

const SUBSCRIPTS: Readonly<Record<string, string>> = {
  0: '₀',
  1: '₁',
  2: '₂',
  3: '₃',
  4: '₄',
  5: '₅',
  6: '₆',
  7: '₇',
  8: '₈',
  9: '₉',
};

/** A label's trailing digits as subscripts: "w1" → "w₁". */
export function subscriptDigits(label: string): string {
  return label.replace(/\d+$/, d => [...d].map(c => SUBSCRIPTS[c]).join(''));
}

/** The text inside a node's box: a leaf's name, a constant's value, an op's symbol (or its label, if set). */
export function nodeText(node: TraceNode): string {
  if (node.label !== '') return subscriptDigits(node.label);
  if (node.op === 'const' || node.op === 'input') return String(node.value);
  return OP_SYMBOLS[node.op] ?? node.op;
}

/** Sizes of the drawing in pixels. */
export interface GraphGeometry {
  /** Distance between layers. */
  xSpacing: number;
  /** Distance between neighbouring points of a layer, per abstract unit. */
  ySpacing: number;
  nodeWidth: number;
}

/** Centre of node i, in pixels relative to the centre of the whole graph. */
export function nodeCentre(layout: GraphLayout, i: number, g: GraphGeometry): Pair {
  return toPixels(layout, [layout.x[i], layout.y[i]], g);
}

function toPixels(layout: GraphLayout, [x, y]: Pair, g: GraphGeometry): Pair {
  return [(x - (layout.layerCount - 1) / 2) * g.xSpacing, y * g.ySpacing];
}

/** An edge as a polyline from the right side of its input's box to the left side of its consumer's. */
export function edgePath(layout: GraphLayout, e: number, g: GraphGeometry): Pair[] {
  const pts = layout.edges[e].points.map(p => toPixels(layout, p, g));
  const half = g.nodeWidth / 2;
  pts[0] = [pts[0][0] + half, pts[0][1]];
  pts[pts.length - 1] = [pts[pts.length - 1][0] - half, pts[pts.length - 1][1]];
  return pts;
}

/** Where an edge's label sits: the middle of its first segment, in the gap right of its input. */
export function edgeLabelPoint(path: readonly Pair[]): Pair {
  return [(path[0][0] + path[1][0]) / 2, (path[0][1] + path[1][1]) / 2];
}

/** The part of a polyline from its start up to fraction t of its length (t in 0..1). */
export function partialPath(path: readonly Pair[], t: number): Pair[] {
  const lengths = path.slice(1).map((p, k) => Math.hypot(p[0] - path[k][0], p[1] - path[k][1]));
  let left = Math.max(0, Math.min(1, t)) * lengths.reduce((s, l) => s + l, 0);
  const out: Pair[] = [path[0]];
  for (let k = 0; k < lengths.length; k++) {
    if (left >= lengths[k]) {
      out.push(path[k + 1]);
      left -= lengths[k];
      continue;
    }
    const f = lengths[k] > 0 ? left / lengths[k] : 0;
    out.push([path[k][0] + (path[k + 1][0] - path[k][0]) * f, path[k][1] + (path[k + 1][1] - path[k][1]) * f]);
    break;
  }
  return out;
}

const unit = (t: number) => Math.max(0, Math.min(1, t));

/**
 * How far the passes have gone, for a `forward` count of nodes evaluated (fractional while one
 * is under way) and a `backward` count of backward steps done.
 */
export interface PassState {
  /** Per node, 0 … 1: the node lights in the second half of its forward step. */
  lit: number[];
  /** Per edge, 0 … 1: the value travels along it in the first half of its consumer's step. */
  forwardEdge: number[];
  /** Per edge, 0 … 1: the gradient travels back along it during its backward step. */
  backwardEdge: number[];
  /** Per node, its gradient so far, or null before any has reached it. */
  grad: (number | null)[];
  /** The backward step under way (−1 for none). */
  activeStep: number;
}

export function passState(trace: GraphTrace, passes: Passes, forward: number, backward: number): PassState {
  const position = new Array<number>(trace.nodes.length);
  passes.forward.forEach((v, i) => (position[v] = i));
  const stepOf = new Array<number>(trace.edges.length);
  passes.backward.forEach((s, k) => s.edge >= 0 && (stepOf[s.edge] = k));
  const done = Math.max(0, Math.min(passes.backward.length, Math.floor(backward)));
  const grads = passes.gradAfter[done];
  return {
    lit: position.map(p => unit(2 * (forward - p) - 1)),
    forwardEdge: trace.edges.map(e => unit(2 * (forward - position[e.to]))),
    backwardEdge: stepOf.map(k => unit(backward - k)),
    grad: trace.nodes.map((_, i) => (done >= passes.gradFrom[i] ? grads[i] : null)),
    activeStep: backward > 0 && backward < passes.backward.length ? Math.floor(backward) : -1,
  };
}

/** A node's value or gradient as the view prints it. */
export function graphNumber(v: number, digits: number): string {
  return formatFixed(v, digits).trim();
}
/** Box fill when unlit and once the forward pass has reached the node. */
export const NODE_FILL: {off: Rgb; on: Rgb} = {
  off: hexToRgb(colors.surface),
  on: mixRgb(hexToRgb(colors.surface), hexToRgb(colors.blue), 0.3),
};
