import {describe, expect, it} from 'vitest';
import {Value} from '../../src/math/autodiff';
import {numericGradient} from '../../src/math/gradcheck';
import {layoutGraph, leftToRight} from '../../src/math/graphLayout';
import {schedulePasses, traceGraph} from '../../src/math/graphTrace';

/** f(x, y) = x·x + sin(x)·y + exp(y / x): x is used four times. */
const f = (x: Value, y: Value) => x.mul(x).add(x.sin().mul(y)).add(y.div(x).exp());

function passesOf(root: Value) {
  const trace = traceGraph(root);
  const layout = layoutGraph(
    trace.nodes.length,
    trace.edges.map(e => [e.from, e.to] as const),
  );
  return {trace, passes: schedulePasses(trace, leftToRight(layout))};
}

describe('graph trace', () => {
  it('each edge carries the op’s local derivative, checked by a finite difference of that op alone', () => {
    const root = f(Value.scalar(0.8, 'x'), Value.scalar(-0.6, 'y'));
    const {trace} = passesOf(root);
    const ops: Record<string, (a: number, b: number) => number> = {
      add: (a, b) => a + b,
      mul: (a, b) => a * b,
      div: (a, b) => a / b,
      sin: a => Math.sin(a),
      exp: a => Math.exp(a),
    };
    for (const e of trace.edges) {
      const consumer = trace.nodes[e.to];
      const ins = trace.edges.filter(d => d.to === e.to).map(d => trace.nodes[d.from].value);
      const which = trace.edges.filter(d => d.to === e.to).findIndex(d => d === e);
      // x·x has a single edge: its local derivative is 2x.
      const args = ins.length === 1 && consumer.op === 'mul' ? [ins[0], ins[0]] : ins;
      const g = (v: Float64Array) => {
        const a = args.slice();
        if (ins.length === 1 && consumer.op === 'mul') a.fill(v[0]);
        else a[which] = v[0];
        return ops[consumer.op](a[0], a[1]);
      };
      expect(e.local).toBeCloseTo(numericGradient(g, [args[which]])[0], 7);
    }
  });

  it('x·x becomes one edge with the summed local derivative 2x', () => {
    const x = Value.scalar(1.25, 'x');
    const {trace} = passesOf(x.mul(x));
    expect(trace.edges).toHaveLength(1);
    expect(trace.edges[0].local).toBeCloseTo(2.5, 14);
  });

  it('gradients summed on the graph (upstream × local) equal backward() when inputs are shared', () => {
    const [x, y] = [Value.scalar(0.8, 'x'), Value.scalar(-0.6, 'y')];
    const root = f(x, y);
    const {trace, passes} = passesOf(root);
    root.backward();
    const last = passes.gradAfter[passes.backward.length];
    expect(last[trace.nodes.findIndex(n => n.label === 'x')]).toBeCloseTo(x.gradient, 12);
    expect(last[trace.nodes.findIndex(n => n.label === 'y')]).toBeCloseTo(y.gradient, 12);
    // x collects more than one contribution: its running total grows step by step.
    const xSteps = passes.backward.filter(s => s.node === trace.nodes.findIndex(n => n.label === 'x'));
    expect(xSteps.length).toBeGreaterThan(1);
    expect(xSteps[xSteps.length - 1].total).toBeCloseTo(
      xSteps.reduce((s, k) => s + k.contribution, 0),
      14,
    );
  });

  it('tracing leaves the engine’s own gradients untouched', () => {
    const [x, y] = [Value.scalar(0.8, 'x'), Value.scalar(-0.6, 'y')];
    const root = f(x, y);
    root.backward();
    const before = [x.gradient, y.gradient];
    traceGraph(root);
    expect([x.gradient, y.gradient]).toEqual(before);
  });

  it('a consumer’s gradient is complete before it is passed back', () => {
    const {trace, passes} = passesOf(f(Value.scalar(0.8, 'x'), Value.scalar(-0.6, 'y')));
    const final = passes.gradAfter[passes.backward.length];
    passes.backward.forEach(s => {
      if (s.edge >= 0) expect(s.upstream).toBe(final[trace.edges[s.edge].to]);
    });
  });

  it('matrices are refused', () => {
    expect(() => traceGraph(Value.matrix(2, 1, [1, 2]).sum())).toThrow(/scalar/);
  });
});
