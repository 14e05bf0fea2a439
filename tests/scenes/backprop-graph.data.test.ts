import {describe, expect, it} from 'vitest';
import {graphNumber, passState} from '../../src/components/graphStyle';
import {topoSort} from '../../src/math/autodiff';
import {
  AFTER,
  BEFORE,
  CHECK,
  DIGITS,
  INITIAL,
  KNOBS,
  LEARNING_RATE,
  SAMPLE,
  STEPPED,
  T,
  TIMELINE,
  backwardAt,
  engineGradients,
  explainedStep,
  forwardAt,
  lossAt,
  neuron,
} from '../../src/scenes/backprop-graph.model';

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
/** The loss and its knob gradients by hand: dL/dz = 2(a − y)·a(1 − a), then dz/dw = x. */
function byHand([w1, w2, b]: number[]) {
  const a = sigmoid(w1 * SAMPLE.x1 + w2 * SAMPLE.x2 + b);
  const dz = 2 * (a - SAMPLE.y) * a * (1 - a);
  return {loss: (a - SAMPLE.y) ** 2, grads: [dz * SAMPLE.x1, dz * SAMPLE.x2, dz]};
}

/** ∂L/∂node for every node of the neuron, from the engine's backward(), in trace order. */
function engineNodeGrads(): number[] {
  const {loss} = neuron(INITIAL);
  loss.backward();
  return topoSort(loss).map(v => v.gradient);
}

describe('backprop-graph model', () => {
  it('the graph computes the neuron’s loss (σ(w₁x₁ + w₂x₂ + b) − y)²', () => {
    expect(BEFORE.loss).toBeCloseTo(byHand(INITIAL).loss, 14);
    expect(BEFORE.trace.nodes.map(n => n.op)).toContain('sigmoid');
    expect(BEFORE.loss).toBeGreaterThan(0.1); // a visible loss to lower
  });

  it('the knobs’ gradients read off the graph equal backward() and a central finite difference', () => {
    const hand = byHand(INITIAL).grads;
    KNOBS.forEach((_, k) => {
      expect(CHECK.graph[k]).toBeCloseTo(CHECK.engine[k], 14);
      expect(Math.abs(CHECK.graph[k] - CHECK.numeric[k])).toBeLessThan(1e-8);
      expect(CHECK.graph[k]).toBeCloseTo(hand[k], 12);
    });
    expect(CHECK.engine).toEqual(engineGradients(INITIAL));
  });

  it('the three columns of the table print the same digits', () => {
    KNOBS.forEach((_, k) => {
      const shown = graphNumber(CHECK.graph[k], DIGITS);
      expect(graphNumber(CHECK.engine[k], DIGITS)).toBe(shown);
      expect(graphNumber(CHECK.numeric[k], DIGITS)).toBe(shown);
      expect(Math.abs(CHECK.graph[k])).toBeGreaterThan(0.01); // not a trivially zero gradient
    });
  });

  it('one gradient-descent step w ← w − η·∂L/∂w lowers the loss, on the redrawn graph too', () => {
    STEPPED.forEach((w, k) => expect(w).toBeCloseTo(INITIAL[k] - LEARNING_RATE * CHECK.engine[k], 14));
    expect(AFTER.loss).toBeCloseTo(lossAt(STEPPED), 14);
    expect(AFTER.loss).toBeLessThan(BEFORE.loss * 0.5);
    // Same expression, same layout: only the numbers change.
    expect(AFTER.layout.x).toEqual(BEFORE.layout.x);
    expect(AFTER.layout.y).toEqual(BEFORE.layout.y);
  });

  it('the scene lasts 20–60 s', () => {
    expect(TIMELINE.end).toBeGreaterThanOrEqual(20);
    expect(TIMELINE.end).toBeLessThanOrEqual(60);
  });

  it('during the forward pass, nodes light left to right and every value shown is the engine’s', () => {
    const {trace, passes, layout} = BEFORE;
    let litBefore = 0;
    for (let t = TIMELINE.forwardStart - 0.5; t <= TIMELINE.backwardStart; t += 0.37) {
      const st = passState(trace, passes, forwardAt(t), 0);
      const lit = passes.forward.filter(i => st.lit[i] > 0);
      // Lit nodes are a prefix of the left-to-right order, so nothing right of a dark node is lit.
      expect(lit).toEqual(passes.forward.slice(0, lit.length));
      expect(lit.length).toBeGreaterThanOrEqual(litBefore);
      litBefore = lit.length;
      for (let k = 1; k < lit.length; k++) expect(layout.x[lit[k]]).toBeGreaterThanOrEqual(layout.x[lit[k - 1]]);
      expect(st.grad.every(g => g === null)).toBe(true);
    }
    expect(litBefore).toBe(trace.nodes.length);
    const root = passState(trace, passes, forwardAt(TIMELINE.backwardStart), 0);
    expect(root.lit[trace.root]).toBe(1);
    expect(trace.nodes[trace.root].value).toBeCloseTo(byHand(INITIAL).loss, 14);
  });

  it('during the backward pass, gradients appear right to left and each shown one equals backward()', () => {
    const {trace, passes, layout} = BEFORE;
    const engine = engineNodeGrads();
    let shownBefore = 0;
    for (let t = TIMELINE.backwardStart; t <= TIMELINE.checkStart; t += 0.41) {
      const b = backwardAt(t);
      const st = passState(trace, passes, trace.nodes.length, b);
      const shown = st.grad.flatMap((g, i) => (g === null ? [] : [i]));
      expect(shown.length).toBeGreaterThanOrEqual(shownBefore);
      shownBefore = shown.length;
      shown.forEach(i => expect(st.grad[i]!).toBeCloseTo(engine[i], 14));
      // Gradients grow leftwards: every node with one lies at or right of every node still without.
      const dark = trace.nodes.map((_, i) => i).filter(i => st.grad[i] === null);
      for (const i of shown) for (const j of dark) expect(layout.x[i]).toBeGreaterThanOrEqual(layout.x[j]);
      // The formula under the graph is upstream × local for the step it explains.
      if (b > 0) {
        const step = passes.backward[explainedStep(b)];
        expect(step.contribution).toBeCloseTo(step.upstream * step.local, 15);
      }
    }
    expect(shownBefore).toBe(trace.nodes.length);
    expect(backwardAt(TIMELINE.backwardEnd)).toBe(passes.backward.length);
  });

  it('the backward pass starts from ∂L/∂L = 1 and runs one step per edge', () => {
    const {trace, passes} = BEFORE;
    expect(passes.backward[0]).toMatchObject({edge: -1, node: trace.root, total: 1});
    expect(passes.backward.length).toBe(trace.edges.length + 1);
    const first = passState(trace, passes, trace.nodes.length, backwardAt(TIMELINE.backwardStart + T.seed + 0.01));
    expect(first.grad[trace.root]).toBe(1);
    expect(first.grad.filter(g => g !== null)).toHaveLength(1);
  });
});
