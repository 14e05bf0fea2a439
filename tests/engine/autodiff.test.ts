import {describe, expect, it} from 'vitest';
import {topoSort, Value} from '../../src/math/autodiff';
import {Dual, derivative} from '../../src/math/dual';
import {gradcheck, numericGradient, relativeError} from '../../src/math/gradcheck';
import {gaussian, mulberry32, type Rng} from '../../src/math/random';

const TOL = 1e-6;

function randomMatrix(rng: Rng, rows: number, cols: number, label = ''): Value {
  return Value.matrix(
    rows,
    cols,
    Array.from({length: rows * cols}, () => gaussian(rng)),
    label,
  );
}

/** Entries kept away from 0 so relu/step kinks and log/div poles are not crossed by h. */
function awayFromZero(rng: Rng, rows: number, cols: number): Value {
  return Value.matrix(
    rows,
    cols,
    Array.from({length: rows * cols}, () => (rng() < 0.5 ? -1 : 1) * (0.3 + rng())),
  );
}

const unaryOps: Record<string, (v: Value) => Value> = {
  neg: v => v.neg(),
  exp: v => v.exp(),
  sin: v => v.sin(),
  cos: v => v.cos(),
  tanh: v => v.tanh(),
  sigmoid: v => v.sigmoid(),
  relu: v => v.relu(),
  log: v => v.mul(v).add(0.5).log(),
  'pow 3': v => v.pow(3),
  'pow -1.5 of positive': v => v.mul(v).add(1).pow(-1.5),
  transpose: v => v.transpose(),
  logSoftmax: v => v.logSoftmax(),
};

const binaryOps: Record<string, (a: Value, b: Value) => Value> = {
  add: (a, b) => a.add(b),
  sub: (a, b) => a.sub(b),
  mul: (a, b) => a.mul(b),
  div: (a, b) => a.div(b),
};

describe('autodiff values', () => {
  it('each op computes the textbook value', () => {
    const x = Value.scalar(0.7);
    const y = Value.scalar(-1.3);
    expect(x.add(y).value).toBeCloseTo(-0.6, 15);
    expect(x.sub(y).value).toBeCloseTo(2, 15);
    expect(x.mul(y).value).toBeCloseTo(-0.91, 15);
    expect(x.div(y).value).toBeCloseTo(0.7 / -1.3, 15);
    expect(x.pow(3).value).toBeCloseTo(0.343, 15);
    expect(x.exp().value).toBe(Math.exp(0.7));
    expect(x.log().value).toBe(Math.log(0.7));
    expect(y.sigmoid().value).toBeCloseTo(1 / (1 + Math.exp(1.3)), 15);
    expect(y.relu().value).toBe(0);
    expect(x.relu().value).toBe(0.7);
    expect(x.step().value).toBe(1);
    expect(y.step().value).toBe(0);
    const m = Value.matrix(2, 2, [1, 2, 3, 4]);
    expect(Array.from(m.matmul(Value.matrix(2, 1, [5, 6])).data)).toEqual([17, 39]);
    expect(Array.from(m.addBias(Value.matrix(1, 2, [10, 20])).data)).toEqual([11, 22, 13, 24]);
    expect(m.sum().value).toBe(10);
    expect(m.mean().value).toBe(2.5);
    const ls = Value.matrix(1, 3, [1, 2, 3]).logSoftmax();
    expect(Array.from(ls.data).reduce((s, v) => s + Math.exp(v), 0)).toBeCloseTo(1, 14);
  });

  it('d(x·y + sin x)/dx = y + cos x, and gradients accumulate where a node is reused', () => {
    const x = Value.scalar(0.4, 'x');
    const y = Value.scalar(2.5, 'y');
    const f = x.mul(y).add(x.sin());
    f.backward();
    expect(x.gradient).toBeCloseTo(2.5 + Math.cos(0.4), 14);
    expect(y.gradient).toBeCloseTo(0.4, 14);
    const g = x.mul(x).mul(x); // x³ through a reused node
    g.backward();
    expect(x.gradient).toBeCloseTo(3 * 0.4 ** 2, 14);
  });

  it('step has zero gradient everywhere, so nothing flows through a threshold', () => {
    const x = Value.scalar(0.8);
    const f = x.mul(3).step().add(x.mul(0)); // keep x in the graph
    f.backward();
    expect(f.value).toBe(1);
    expect(x.gradient).toBe(0);
  });

  it('the graph is inspectable: topological order, op names, inputs and grads', () => {
    const w = Value.scalar(2, 'w');
    const x = Value.scalar(3, 'x');
    const out = w.mul(x).add(1).sigmoid();
    out.backward();
    const order = topoSort(out);
    expect(order[order.length - 1]).toBe(out);
    expect(order.map(v => v.op)).toEqual(['input', 'input', 'mul', 'const', 'add', 'sigmoid']);
    for (const v of order) for (const u of v.inputs) expect(order.indexOf(u)).toBeLessThan(order.indexOf(v));
    const s = out.value;
    expect(w.gradient).toBeCloseTo(s * (1 - s) * 3, 15);
    expect(order.find(v => v.op === 'mul')!.inputs).toEqual([w, x]);
  });

  it('a 1×1 operand broadcasts over a matrix and collects the summed gradient', () => {
    const m = Value.matrix(2, 3, [1, 2, 3, 4, 5, 6]);
    const c = Value.scalar(2);
    m.mul(c).sum().backward();
    expect(c.gradient).toBe(21);
    expect(Array.from(m.grad)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(() => m.add(Value.matrix(3, 2, [1, 2, 3, 4, 5, 6]))).toThrow(/add/);
  });
});

describe('gradcheck: autodiff matches central finite differences (rel err < 1e-6)', () => {
  for (const [name, op] of Object.entries(unaryOps)) {
    it(`unary op ${name}`, () => {
      const rng = mulberry32(name.length * 7919);
      const x = awayFromZero(rng, 2, 3);
      // Weight the outputs so the check sees every entry of the vector-Jacobian product.
      const wOut = randomMatrix(rng, name === 'transpose' ? 3 : 2, name === 'transpose' ? 2 : 3);
      const r = gradcheck(([v]) => op(v).mul(wOut).sum(), [x]);
      expect(r.maxRelError).toBeLessThan(TOL);
    });
  }

  for (const [name, op] of Object.entries(binaryOps)) {
    it(`binary op ${name}, same shape and with a broadcast scalar`, () => {
      const rng = mulberry32(name.length * 104729);
      const [a, b, c] = [awayFromZero(rng, 2, 2), awayFromZero(rng, 2, 2), awayFromZero(rng, 1, 1)];
      const wOut = randomMatrix(rng, 2, 2);
      expect(gradcheck(([p, q]) => op(p, q).mul(wOut).sum(), [a, b]).maxRelError).toBeLessThan(TOL);
      expect(gradcheck(([p, q]) => op(p, q).mul(wOut).sum(), [a, c]).maxRelError).toBeLessThan(TOL);
      expect(gradcheck(([p, q]) => op(q, p).mul(wOut).sum(), [a, c]).maxRelError).toBeLessThan(TOL);
    });
  }

  it('matmul, addBias, sum and mean', () => {
    const rng = mulberry32(11);
    const [A, B, bias] = [randomMatrix(rng, 3, 4), randomMatrix(rng, 4, 2), randomMatrix(rng, 1, 2)];
    const wOut = randomMatrix(rng, 3, 2);
    const r = gradcheck(([a, b, c]) => a.matmul(b).addBias(c).mul(wOut).sum(), [A, B, bias]);
    expect(r.maxRelError).toBeLessThan(TOL);
    expect(gradcheck(([a]) => a.tanh().mean(), [A]).maxRelError).toBeLessThan(TOL);
  });

  it('random expression graphs built from every scalar op', () => {
    for (let trial = 0; trial < 40; trial++) {
      const leaves = Array.from({length: 4}, (_, i) => Value.scalar(0.3 + mulberry32(trial * 4 + i)(), `x${i}`));
      expect(gradcheck(xs => randomGraph(1000 + trial, xs), leaves).maxRelError).toBeLessThan(TOL);
    }
  });
});

/** A seeded random graph of 10 scalar ops over the leaves; the same seed rebuilds the same graph. */
function randomGraph(seed: number, leaves: Value[]): Value {
  const rng = mulberry32(seed);
  const pick = (pool: Value[]): Value => pool[Math.floor(rng() * pool.length)];
  const pool = [...leaves];
  for (let k = 0; k < 10; k++) {
    const [a, b] = [pick(pool), pick(pool)];
    const positive = a.mul(a).add(0.5); // keeps log, div and fractional pow in their domains
    const ops = [
      () => a.add(b),
      () => a.sub(b),
      () => a.mul(b),
      () => b.div(positive),
      () => a.neg(),
      () => positive.pow(1.7),
      () => a.tanh().exp(),
      () => positive.log(),
      () => a.sin(),
      () => a.cos(),
      () => a.tanh(),
      () => a.sigmoid(),
      () => a.mul(0.5).add(1.2).relu(),
    ];
    pool.push(ops[Math.floor(rng() * ops.length)]());
  }
  return pool.slice(leaves.length).reduce((sum, v) => sum.add(v.mul(0.3)));
}

describe('finite differences and dual numbers', () => {
  it('numericGradient of x²y is (2xy, x²)', () => {
    const g = numericGradient(p => p[0] * p[0] * p[1], [1.5, -2]);
    expect(relativeError(g, [2 * 1.5 * -2, 2.25])).toBeLessThan(1e-9);
  });

  it('forward-mode duals and reverse-mode autodiff agree on the same function', () => {
    const fd = (x: Dual): Dual =>
      x
        .mul(x)
        .sin()
        .add(x.exp().div(x.add(2)));
    const x = Value.scalar(0.9);
    x.mul(x)
      .sin()
      .add(x.exp().div(x.add(2)))
      .backward();
    expect(derivative(fd, 0.9)).toBeCloseTo(x.gradient, 13);
  });
});
