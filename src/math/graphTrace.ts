/**
 * A scalar autodiff graph read out for drawing: every node's op and value, every edge's local
 * derivative, and the two passes as steps a picture can follow. The backward pass here is the
 * chain rule done by hand on the read-out graph (a node's gradient is the sum over its consumers
 * of upstream × local), so it is an independent check of Value.backward().
 */
import {type Value, topoSort} from './autodiff';

export interface TraceNode {
  op: string;
  /** The Value's label ("w1"), or '' for none. */
  label: string;
  value: number;
}

export interface TraceEdge {
  /** Index of the input node. */
  from: number;
  /** Index of the node that consumes it. */
  to: number;
  /** ∂to/∂from, the op's local derivative at this point. */
  local: number;
}

export interface GraphTrace {
  /** Inputs before the nodes that use them; the root is last. */
  nodes: TraceNode[];
  /** One edge per distinct (input, consumer) pair; an input used twice (x·x) gets the summed derivative. */
  edges: TraceEdge[];
  root: number;
}

/**
 * Reads the graph under a 1×1 root. Each op is asked for its own local derivatives: with the
 * op's output gradient set to 1 and its inputs' gradients cleared, one backwardStep() leaves
 * ∂output/∂input in each input's grad. All grads are restored afterwards.
 */
export function traceGraph(root: Value): GraphTrace {
  const order = topoSort(root);
  for (const v of order)
    if (v.size !== 1) throw new Error(`traceGraph: ${v.op} node is ${v.rows}×${v.cols}, not a scalar`);
  const index = new Map(order.map((v, i) => [v, i]));
  const nodes = order.map(v => ({op: v.op, label: v.label, value: v.value}));
  const edges: TraceEdge[] = [];
  for (const v of order) {
    const inputs = [...new Set(v.inputs)];
    if (inputs.length === 0) continue;
    const saved = [v, ...inputs].map(n => n.grad[0]);
    for (const u of inputs) u.grad[0] = 0;
    v.grad[0] = 1;
    v.backwardStep();
    for (const u of inputs) edges.push({from: index.get(u)!, to: index.get(v)!, local: u.grad[0]});
    [v, ...inputs].forEach((n, k) => (n.grad[0] = saved[k]));
  }
  return {nodes, edges, root: order.length - 1};
}

export interface BackwardStep {
  /** The edge the gradient flows back along, or −1 for the seed ∂root/∂root = 1. */
  edge: number;
  /** The node whose gradient grows. */
  node: number;
  /** ∂root/∂(consumer), complete when this step runs. */
  upstream: number;
  local: number;
  /** upstream × local. */
  contribution: number;
  /** The node's gradient after this step. */
  total: number;
}

export interface Passes {
  /** Node indices in the order the forward pass evaluates them. */
  forward: number[];
  /** The seed, then one step per edge, consumers from last to first. */
  backward: BackwardStep[];
  /** gradAfter[k][node] = the node's gradient after k backward steps (k = 0 … backward.length). */
  gradAfter: Float64Array[];
  /** How many backward steps it takes before each node has a gradient. */
  gradFrom: number[];
}

/**
 * The two passes over a traced graph, given any topological order of its nodes (for a picture,
 * left to right). Backward visits consumers in reverse order, so a consumer's gradient is final
 * before it is passed on.
 */
export function schedulePasses(trace: GraphTrace, forward: readonly number[]): Passes {
  const n = trace.nodes.length;
  const position = new Array<number>(n).fill(-1);
  forward.forEach((v, i) => (position[v] = i));
  if (forward.length !== n || position.includes(-1))
    throw new Error('schedulePasses: forward must list every node once');
  for (const e of trace.edges)
    if (position[e.from] >= position[e.to])
      throw new Error(`schedulePasses: ${e.from} is used by ${e.to} before it is computed`);

  const grad = new Float64Array(n);
  const gradFrom = new Array<number>(n).fill(Infinity);
  const gradAfter = [Float64Array.from(grad)];
  const backward: BackwardStep[] = [];
  const record = (s: BackwardStep) => {
    backward.push(s);
    gradAfter.push(Float64Array.from(grad));
    gradFrom[s.node] = Math.min(gradFrom[s.node], backward.length);
  };
  grad[trace.root] = 1;
  record({edge: -1, node: trace.root, upstream: 1, local: 1, contribution: 1, total: 1});
  for (let i = n - 1; i >= 0; i--) {
    const consumer = forward[i];
    trace.edges.forEach((e, k) => {
      if (e.to !== consumer) return;
      const contribution = grad[consumer] * e.local;
      grad[e.from] += contribution;
      record({edge: k, node: e.from, upstream: grad[consumer], local: e.local, contribution, total: grad[e.from]});
    });
  }
  return {forward: forward.slice(), backward, gradAfter, gradFrom};
}
