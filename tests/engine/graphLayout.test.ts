import {describe, expect, it} from 'vitest';
import {Value} from '../../src/math/autodiff';
import {
  type Edge,
  type GraphLayout,
  countCrossings,
  layerByDepth,
  layoutGraph,
  leftToRight,
  placeInOrder,
} from '../../src/math/graphLayout';
import {traceGraph} from '../../src/math/graphTrace';

const edgesOf = (root: Value): Edge[] => traceGraph(root).edges.map(e => [e.from, e.to] as const);

/** The backprop scene's neuron: (σ(w1·x1 + w2·x2 + b) − y)². */
function neuron(): Value {
  const s = (x: number, l: string) => Value.scalar(x, l);
  return s(0.4, 'w1')
    .mul(s(1.5, 'x1'))
    .add(s(-0.9, 'w2').mul(s(2, 'x2')))
    .add(s(-0.1, 'b'))
    .sigmoid()
    .sub(s(1, 'y'))
    .pow(2);
}

/** x·x + sin(x)·y: x feeds three edges. */
function shared(): Value {
  const x = Value.scalar(0.7, 'x');
  const y = Value.scalar(-1.2, 'y');
  return x.mul(x).add(x.sin().mul(y));
}

/** log(exp(x·y) + 1) · x: x is used at the start and at the very end, a long edge. */
function longEdge(): Value {
  const x = Value.scalar(0.3, 'x');
  const y = Value.scalar(2, 'y');
  return x.mul(y).exp().add(1).log().mul(x);
}

/** tanh(a·b + c)·tanh(a − c): two branches that share a and c. */
function twoBranches(): Value {
  const [a, b, c] = [Value.scalar(0.5, 'a'), Value.scalar(-1, 'b'), Value.scalar(0.2, 'c')];
  return a.mul(b).add(c).tanh().mul(a.sub(c).tanh());
}

const CASES: [string, () => Value][] = [
  ['the neuron', neuron],
  ['x·x + sin(x)·y', shared],
  ['log(exp(x·y) + 1)·x', longEdge],
  ['tanh(ab + c)·tanh(a − c)', twoBranches],
];

/** Every point (node or dummy) of the layout with its layer and y. */
function points(layout: GraphLayout): {x: number; y: number}[] {
  const seen = new Map<string, {x: number; y: number}>();
  layout.x.forEach((x, i) => seen.set(`n${i}`, {x, y: layout.y[i]}));
  layout.edges.forEach((e, k) => e.points.slice(1, -1).forEach(([x, y], j) => seen.set(`d${k}.${j}`, {x, y})));
  return [...seen.values()];
}

describe('graph layout', () => {
  for (const [name, build] of CASES) {
    it(`${name}: no two nodes or edge bends share a unit box`, () => {
      const root = build();
      const t = traceGraph(root);
      const layout = layoutGraph(t.nodes.length, edgesOf(root));
      const ps = points(layout);
      for (let i = 0; i < ps.length; i++)
        for (let j = i + 1; j < ps.length; j++) {
          const apart = Math.abs(ps[i].x - ps[j].x) >= 1 - 1e-9 || Math.abs(ps[i].y - ps[j].y) >= 1 - 1e-9;
          expect(apart, `${JSON.stringify(ps[i])} and ${JSON.stringify(ps[j])}`).toBe(true);
        }
    });

    it(`${name}: every edge runs strictly left to right, one layer per segment`, () => {
      const root = build();
      const layout = layoutGraph(traceGraph(root).nodes.length, edgesOf(root));
      for (const e of layout.edges) {
        expect(e.points[0]).toEqual([layout.x[e.from], layout.y[e.from]]);
        expect(e.points[e.points.length - 1]).toEqual([layout.x[e.to], layout.y[e.to]]);
        for (let k = 1; k < e.points.length; k++) expect(e.points[k][0] - e.points[k - 1][0]).toBe(1);
      }
    });

    it(`${name}: left-to-right order is a topological order`, () => {
      const root = build();
      const layout = layoutGraph(traceGraph(root).nodes.length, edgesOf(root));
      const pos = new Map(leftToRight(layout).map((v, i) => [v, i]));
      for (const e of layout.edges) expect(pos.get(e.from)!).toBeLessThan(pos.get(e.to)!);
    });
  }

  it('the neuron lays out without crossings, in 7 layers, its bias beside the first sum', () => {
    const root = neuron();
    const t = traceGraph(root);
    const layout = layoutGraph(t.nodes.length, edgesOf(root));
    expect(layout.crossings).toBe(0);
    expect(layout.layerCount).toBe(7);
    const layerOf = (label: string) => layout.layer[t.nodes.findIndex(n => n.label === label)];
    expect(['w1', 'x1', 'w2', 'x2'].map(layerOf)).toEqual([0, 0, 0, 0]);
    expect(layerOf('b')).toBe(2);
    expect(layerOf('y')).toBe(4);
  });

  it('the long edge of log(exp(x·y) + 1)·x bends through a dummy in every layer it crosses', () => {
    const root = longEdge();
    const t = traceGraph(root);
    const layout = layoutGraph(t.nodes.length, edgesOf(root));
    const x = t.nodes.findIndex(n => n.label === 'x');
    const long = layout.edges.find(e => e.from === x && e.to === t.root)!;
    expect(long.points.length).toBe(layout.layer[t.root] - layout.layer[x] + 1);
    expect(long.points.length).toBeGreaterThan(3);
  });

  it('crossings of a known tangle are removed: sources 0,1,2 wired to 5,4,3 cross 3 times as given, 0 laid out', () => {
    const edges: Edge[] = [
      [0, 5],
      [1, 4],
      [2, 3],
    ];
    expect(
      countCrossings(
        [
          [0, 1, 2],
          [3, 4, 5],
        ],
        edges,
      ),
    ).toBe(3);
    const layout = layoutGraph(6, edges, {pullInputs: false});
    expect(layout.crossings).toBe(0);
    expect(countCrossings(layout.order, edges)).toBe(0);
  });

  it('barycentre sweeps reduce the crossings of a three-layer tangle', () => {
    // Layer 0: 0..3, layer 1: 4..7 wired in reverse, layer 2: 8, 9 fed from both ends.
    const edges: Edge[] = [
      [0, 7],
      [1, 6],
      [2, 5],
      [3, 4],
      [4, 8],
      [7, 8],
      [5, 9],
      [6, 9],
      [0, 4],
    ];
    const given = countCrossings(
      [
        [0, 1, 2, 3],
        [4, 5, 6, 7],
        [8, 9],
      ],
      edges,
    );
    const layout = layoutGraph(10, edges, {pullInputs: false});
    expect(given).toBeGreaterThan(5);
    expect(layout.crossings).toBeLessThan(given);
    expect(layout.crossings).toBeLessThanOrEqual(2);
  });

  it('layers are the longest path from the inputs; unpulled inputs all sit in layer 0', () => {
    // 0 → 1 → 2 → 3 and 4 → 3: 4 is an input joining late.
    const edges: Edge[] = [
      [0, 1],
      [1, 2],
      [2, 3],
      [4, 3],
      [0, 3],
    ];
    expect(layerByDepth(5, edges, false)).toEqual([0, 1, 2, 3, 0]);
    expect(layerByDepth(5, edges, true)).toEqual([0, 1, 2, 3, 2]);
  });

  it('a cycle is refused', () => {
    expect(() =>
      layoutGraph(3, [
        [0, 1],
        [1, 2],
        [2, 0],
      ]),
    ).toThrow(/cycle/);
  });

  it('placeInOrder keeps a gap of 1 and is the least-squares fit to the wanted positions', () => {
    expect(placeInOrder([0, 0, 0])).toEqual([-1, 0, 1]);
    placeInOrder([-3, 0.2, 5]).forEach((v, i) => expect(v).toBeCloseTo([-3, 0.2, 5][i], 12));
    const wanted = [0.3, 0.1, 2.2, 2.1];
    const got = placeInOrder(wanted);
    for (let i = 1; i < got.length; i++) expect(got[i] - got[i - 1]).toBeGreaterThanOrEqual(1 - 1e-12);
    const cost = (v: number[]) => v.reduce((s, x, i) => s + (x - wanted[i]) ** 2, 0);
    // No feasible nudge of the answer does better.
    for (let i = 0; i < got.length; i++)
      for (const d of [-0.01, 0.01]) {
        const moved = got.slice();
        moved[i] += d;
        const feasible = moved.every((x, k) => k === 0 || x - moved[k - 1] >= 1 - 1e-12);
        if (feasible) expect(cost(moved)).toBeGreaterThanOrEqual(cost(got));
      }
  });
});
