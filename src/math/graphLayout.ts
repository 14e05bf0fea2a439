/**
 * A layered drawing of a small directed acyclic graph (Sugiyama style), for computation graphs:
 *
 * 1. Layers by topological depth: a node's layer is its longest path from the inputs. An input
 *    (a node with no edges in) sits just left of its first consumer, so a bias that joins late
 *    does not drag a long edge across the picture.
 * 2. An edge that spans several layers gets a dummy point in every layer it crosses, so it is
 *    ordered like a node and never runs through one.
 * 3. Order inside each layer: barycentre sweeps (each node moves to the mean position of its
 *    neighbours in the layer just swept), then swaps of neighbours; the order with the fewest
 *    edge crossings wins.
 * 4. Coordinates: x is the layer; y is pulled towards the mean of the node's neighbours while
 *    keeping the order and a gap of at least 1 (an isotonic regression, solved exactly).
 *
 * Abstract units: layers are 1 apart and points within a layer at least 1 apart, so a node
 * drawn smaller than the unit box overlaps nothing. Pure, no DOM.
 */

/** A directed edge between node indices: data flows from `from` into `to`. */
export type Edge = readonly [from: number, to: number];

export interface LaidOutEdge {
  from: number;
  to: number;
  /** Centre of `from`, the dummy points in between, centre of `to`: x strictly increasing. */
  points: [number, number][];
}

export interface GraphLayout {
  /** Number of layers; x runs from 0 to layerCount − 1. */
  layerCount: number;
  /** Each node's layer. */
  layer: number[];
  /** Each node's centre. */
  x: number[];
  y: number[];
  /** Each layer's points from top to bottom: node indices, or indices ≥ node count for dummies. */
  order: number[][];
  edges: LaidOutEdge[];
  /** Edge crossings of the chosen order. */
  crossings: number;
  /** Smallest and largest y over nodes and dummies. */
  yMin: number;
  yMax: number;
}

export interface LayoutOptions {
  /** Place inputs just left of their first consumer (default) or all in layer 0. */
  pullInputs?: boolean;
  /** Rounds of barycentre sweeps (one down and one up each). */
  sweeps?: number;
  /** Rounds of coordinate relaxation. */
  relaxations?: number;
}

/** Layer of every node: longest path from the inputs, inputs optionally pulled right. */
export function layerByDepth(count: number, edges: readonly Edge[], pullInputs = true): number[] {
  const order = topologicalOrder(count, edges);
  const preds = adjacency(count, edges, 'in');
  const succs = adjacency(count, edges, 'out');
  const layer = new Array<number>(count).fill(0);
  for (const v of order) for (const u of preds[v]) layer[v] = Math.max(layer[v], layer[u] + 1);
  if (pullInputs) {
    for (const v of order) {
      if (preds[v].length === 0 && succs[v].length > 0) layer[v] = Math.min(...succs[v].map(w => layer[w])) - 1;
    }
  }
  return layer;
}

/** Kahn's algorithm; throws on a cycle or an index out of range. */
export function topologicalOrder(count: number, edges: readonly Edge[]): number[] {
  const indegree = new Array<number>(count).fill(0);
  for (const [u, v] of edges) {
    if (!(u >= 0 && u < count && v >= 0 && v < count))
      throw new Error(`graphLayout: edge ${u}→${v} outside 0..${count - 1}`);
    indegree[v]++;
  }
  const succs = adjacency(count, edges, 'out');
  const ready = indegree.flatMap((d, v) => (d === 0 ? [v] : []));
  const order: number[] = [];
  while (ready.length > 0) {
    const v = ready.shift()!;
    order.push(v);
    for (const w of succs[v]) if (--indegree[w] === 0) ready.push(w);
  }
  if (order.length !== count) throw new Error('graphLayout: the graph has a cycle');
  return order;
}

/**
 * Crossings between consecutive layers: two segments (a→b), (c→d) from layer l to l + 1 cross
 * when a is above c but b below d, or the other way round.
 */
export function countCrossings(order: number[][], segments: readonly Edge[]): number {
  const pos = positionsOf(order);
  const byLayer = new Map<number, Edge[]>();
  for (const s of segments) {
    const l = pos.layer.get(s[0])!;
    if (!byLayer.has(l)) byLayer.set(l, []);
    byLayer.get(l)!.push(s);
  }
  let crossings = 0;
  for (const list of byLayer.values()) {
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const top = pos.index.get(list[i][0])! - pos.index.get(list[j][0])!;
        const bottom = pos.index.get(list[i][1])! - pos.index.get(list[j][1])!;
        if (top * bottom < 0) crossings++;
      }
  }
  return crossings;
}

/** Lays out a DAG with `count` nodes: layers, crossing-reduced order, coordinates. */
export function layoutGraph(count: number, edges: readonly Edge[], options: LayoutOptions = {}): GraphLayout {
  const {pullInputs = true, sweeps = 8, relaxations = 30} = options;
  const layer = layerByDepth(count, edges, pullInputs);
  const layerCount = count === 0 ? 0 : Math.max(...layer) + 1;

  // Split long edges into one segment per layer gap, through dummy points.
  const pointLayer = layer.slice();
  const chains: number[][] = [];
  const segments: Edge[] = [];
  for (const [u, v] of edges) {
    const chain = [u];
    for (let l = layer[u] + 1; l < layer[v]; l++) {
      chain.push(pointLayer.length);
      pointLayer.push(l);
    }
    chain.push(v);
    for (let k = 0; k + 1 < chain.length; k++) segments.push([chain[k], chain[k + 1]]);
    chains.push(chain);
  }

  // Initial order: by index within each layer (dummies after the nodes, in edge order).
  const order: number[][] = Array.from({length: layerCount}, () => []);
  pointLayer.forEach((l, p) => order[l].push(p));
  const points = pointLayer.length;
  const preds = adjacency(points, segments, 'in');
  const succs = adjacency(points, segments, 'out');

  let best = order.map(o => o.slice());
  let bestCrossings = countCrossings(best, segments);
  const keepIfBetter = () => {
    const c = countCrossings(order, segments);
    if (c < bestCrossings) {
      bestCrossings = c;
      best = order.map(o => o.slice());
    }
  };
  for (let round = 0; round < sweeps && bestCrossings > 0; round++) {
    for (let l = 1; l < layerCount; l++) sortByBarycentre(order, l, preds);
    keepIfBetter();
    for (let l = layerCount - 2; l >= 0; l--) sortByBarycentre(order, l, succs);
    keepIfBetter();
  }
  swapNeighbours(best, segments);
  bestCrossings = countCrossings(best, segments);

  const y = relaxCoordinates(best, preds, succs, points, relaxations);
  const ys = Array.from(y);
  const yMin = Math.min(...ys);
  const yMax = Math.max(...ys);
  const centre = (yMin + yMax) / 2;
  for (let p = 0; p < points; p++) y[p] -= centre;
  const at = (p: number): [number, number] => [pointLayer[p], y[p]];
  return {
    layerCount,
    layer,
    x: layer.slice(),
    y: Array.from(y.subarray(0, count)),
    order: best,
    edges: edges.map(([from, to], e) => ({from, to, points: chains[e].map(at)})),
    crossings: bestCrossings,
    yMin: yMin - centre,
    yMax: yMax - centre,
  };
}

function adjacency(count: number, edges: readonly Edge[], side: 'in' | 'out'): number[][] {
  const list: number[][] = Array.from({length: count}, () => []);
  for (const [u, v] of edges) (side === 'in' ? list[v] : list[u]).push(side === 'in' ? u : v);
  return list;
}

function positionsOf(order: number[][]) {
  const layer = new Map<number, number>();
  const index = new Map<number, number>();
  order.forEach((o, l) => o.forEach((p, i) => (layer.set(p, l), index.set(p, i))));
  return {layer, index};
}

/** Reorders layer l by the mean index of each point's neighbours; points without any keep their index. */
function sortByBarycentre(order: number[][], l: number, neighbours: number[][]): void {
  const {index} = positionsOf(order);
  const key = new Map<number, number>();
  order[l].forEach((p, i) => {
    const ns = neighbours[p];
    key.set(p, ns.length === 0 ? i : ns.reduce((s, n) => s + index.get(n)!, 0) / ns.length);
  });
  order[l].sort((a, b) => key.get(a)! - key.get(b)!); // stable: ties keep their order
}

/** Swaps neighbours in a layer while that removes crossings. */
function swapNeighbours(order: number[][], segments: readonly Edge[]): void {
  let current = countCrossings(order, segments);
  for (let improved = true; improved && current > 0;) {
    improved = false;
    for (const o of order)
      for (let i = 0; i + 1 < o.length; i++) {
        [o[i], o[i + 1]] = [o[i + 1], o[i]];
        const c = countCrossings(order, segments);
        if (c < current) {
          current = c;
          improved = true;
        } else [o[i], o[i + 1]] = [o[i + 1], o[i]];
      }
  }
}

/**
 * y per point: start evenly spaced, then repeatedly pull each layer towards the mean y of every
 * point's neighbours (both sides), keeping the layer's order and a gap of at least 1.
 */
function relaxCoordinates(
  order: number[][],
  preds: number[][],
  succs: number[][],
  points: number,
  rounds: number,
): Float64Array {
  const y = new Float64Array(points);
  for (const o of order) o.forEach((p, i) => (y[p] = i - (o.length - 1) / 2));
  for (let r = 0; r < rounds; r++) {
    for (const o of order) {
      const wanted = o.map(p => {
        const ns = [...preds[p], ...succs[p]];
        return ns.length === 0 ? y[p] : ns.reduce((s, n) => s + y[n], 0) / ns.length;
      });
      placeInOrder(wanted).forEach((v, i) => (y[o[i]] = v));
    }
  }
  return y;
}

/**
 * The closest positions (least squares) to `wanted` with v[i+1] − v[i] ≥ 1: with u[i] = v[i] − i
 * this is isotonic regression of wanted[i] − i, solved by pooling adjacent violators.
 */
export function placeInOrder(wanted: readonly number[]): number[] {
  const blocks: {sum: number; n: number}[] = [];
  wanted.forEach((w, i) => {
    blocks.push({sum: w - i, n: 1});
    while (blocks.length > 1) {
      const b = blocks[blocks.length - 1];
      const a = blocks[blocks.length - 2];
      if (a.sum / a.n <= b.sum / b.n) break;
      blocks.splice(blocks.length - 2, 2, {sum: a.sum + b.sum, n: a.n + b.n});
    }
  });
  const out: number[] = [];
  for (const b of blocks) for (let k = 0; k < b.n; k++) out.push(b.sum / b.n + out.length);
  return out;
}

/** Node indices from left to right, top to bottom within a layer: a topological order, since every edge runs right. */
export function leftToRight(layout: GraphLayout): number[] {
  return layout.layer.map((_, i) => i).sort((a, b) => layout.x[a] - layout.x[b] || layout.y[a] - layout.y[b]);
}
