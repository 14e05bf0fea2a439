/**
 * Reverse-mode automatic differentiation, micrograd style, over small dense
 * matrices (a scalar is a 1×1 matrix). Every op builds a node that remembers
 * its inputs and a closure that pushes its output gradient back to them;
 * backward() runs those closures in reverse topological order.
 *
 * The graph is inspectable for drawing: node.op, node.inputs, node.data, node.grad.
 */
export type Operand = Value | number;

export class Value {
  /** ∂root/∂this, filled in by root.backward(). Same layout as data. */
  public grad: Float64Array;
  /** Pushes this.grad into the inputs' grads, using the op's local derivative. Set by the op. */
  public backwardStep: () => void = () => {};

  constructor(
    /** Row-major entries. */
    public readonly data: Float64Array,
    public readonly rows = 1,
    public readonly cols = 1,
    /** The op that produced this node: 'input', 'const', 'add', 'matmul', … */
    public readonly op = 'input',
    public readonly inputs: readonly Value[] = [],
    /** An optional name for drawing, such as "w1". */
    public label = '',
  ) {
    if (data.length !== rows * cols) throw new Error(`Value: ${data.length} entries for ${rows}×${cols}`);
    this.grad = new Float64Array(data.length);
  }

  static scalar(x: number, label = ''): Value {
    return new Value(Float64Array.of(x), 1, 1, 'input', [], label);
  }

  static matrix(rows: number, cols: number, entries: ArrayLike<number>, label = ''): Value {
    return new Value(Float64Array.from(entries), rows, cols, 'input', [], label);
  }

  /** A constant: backward still writes its grad, but nothing trains it. */
  static constant(x: number): Value {
    return new Value(Float64Array.of(x), 1, 1, 'const');
  }

  get size(): number {
    return this.data.length;
  }

  /** The value of a 1×1 node. */
  get value(): number {
    return this.data[0];
  }

  /** The gradient of a 1×1 node. */
  get gradient(): number {
    return this.grad[0];
  }

  add(o: Operand): Value {
    return zip(
      this,
      o,
      'add',
      (x, y) => x + y,
      () => 1,
      () => 1,
    );
  }

  sub(o: Operand): Value {
    return zip(
      this,
      o,
      'sub',
      (x, y) => x - y,
      () => 1,
      () => -1,
    );
  }

  mul(o: Operand): Value {
    return zip(
      this,
      o,
      'mul',
      (x, y) => x * y,
      (_, y) => y,
      x => x,
    );
  }

  div(o: Operand): Value {
    return zip(
      this,
      o,
      'div',
      (x, y) => x / y,
      (_, y) => 1 / y,
      (x, y) => -x / (y * y),
    );
  }

  neg(): Value {
    return map(
      this,
      'neg',
      x => -x,
      () => -1,
    );
  }

  pow(p: number): Value {
    return map(
      this,
      'pow',
      x => x ** p,
      x => p * x ** (p - 1),
    );
  }

  exp(): Value {
    return map(this, 'exp', Math.exp, (_, y) => y);
  }

  log(): Value {
    return map(this, 'log', Math.log, x => 1 / x);
  }

  sin(): Value {
    return map(this, 'sin', Math.sin, Math.cos);
  }

  cos(): Value {
    return map(this, 'cos', Math.cos, x => -Math.sin(x));
  }

  tanh(): Value {
    return map(this, 'tanh', Math.tanh, (_, y) => 1 - y * y);
  }

  sigmoid(): Value {
    return map(this, 'sigmoid', sigmoid, (_, y) => y * (1 - y));
  }

  relu(): Value {
    return map(
      this,
      'relu',
      x => (x > 0 ? x : 0),
      x => (x > 0 ? 1 : 0),
    );
  }

  /** The perceptron's threshold: 1 if x > 0 else 0. Its derivative is 0 almost everywhere. */
  step(): Value {
    return map(
      this,
      'step',
      x => (x > 0 ? 1 : 0),
      () => 0,
    );
  }

  /** Sum of all entries, as a 1×1 node. */
  sum(): Value {
    const out = new Value(Float64Array.of(this.data.reduce((s, x) => s + x, 0)), 1, 1, 'sum', [this]);
    out.backwardStep = () => {
      for (let i = 0; i < this.size; i++) this.grad[i] += out.grad[0];
    };
    return out;
  }

  /** Mean of all entries, as a 1×1 node. */
  mean(): Value {
    const n = this.size;
    const out = new Value(Float64Array.of(this.data.reduce((s, x) => s + x, 0) / n), 1, 1, 'mean', [this]);
    out.backwardStep = () => {
      for (let i = 0; i < n; i++) this.grad[i] += out.grad[0] / n;
    };
    return out;
  }

  /** Matrix product (n×k)(k×m). Gradients: dA = G·Bᵀ, dB = Aᵀ·G. */
  matmul(b: Value): Value {
    const a: Value = this;
    const [n, k, m] = [a.rows, a.cols, b.cols];
    if (b.rows !== k) throw new Error(`matmul: ${n}×${k} by ${b.rows}×${m}`);
    const out = new Value(new Float64Array(n * m), n, m, 'matmul', [a, b]);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += a.data[i * k + p] * b.data[p * m + j];
        out.data[i * m + j] = s;
      }
    out.backwardStep = () => {
      for (let i = 0; i < n; i++)
        for (let j = 0; j < m; j++) {
          const g = out.grad[i * m + j];
          for (let p = 0; p < k; p++) {
            a.grad[i * k + p] += g * b.data[p * m + j];
            b.grad[p * m + j] += g * a.data[i * k + p];
          }
        }
    };
    return out;
  }

  transpose(): Value {
    const [n, m] = [this.rows, this.cols];
    const out = new Value(new Float64Array(n * m), m, n, 'transpose', [this]);
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out.data[j * n + i] = this.data[i * m + j];
    out.backwardStep = () => {
      for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) this.grad[i * m + j] += out.grad[j * n + i];
    };
    return out;
  }

  /** Adds a 1×cols bias row to every row. The bias gradient sums over rows. */
  addBias(bias: Value): Value {
    const [n, m] = [this.rows, this.cols];
    if (bias.rows !== 1 || bias.cols !== m) throw new Error(`addBias: ${n}×${m} plus ${bias.rows}×${bias.cols}`);
    const out = new Value(new Float64Array(n * m), n, m, 'addBias', [this, bias]);
    for (let i = 0; i < n * m; i++) out.data[i] = this.data[i] + bias.data[i % m];
    out.backwardStep = () => {
      for (let i = 0; i < n * m; i++) {
        this.grad[i] += out.grad[i];
        bias.grad[i % m] += out.grad[i];
      }
    };
    return out;
  }

  /**
   * Row-wise log-softmax, y_j = z_j − log Σ_k exp z_k.
   * Its vector-Jacobian product is dz_j = g_j − softmax_j · Σ_k g_k.
   */
  logSoftmax(): Value {
    const [n, m] = [this.rows, this.cols];
    const out = new Value(new Float64Array(n * m), n, m, 'logSoftmax', [this]);
    for (let i = 0; i < n; i++) {
      const row = this.data.subarray(i * m, (i + 1) * m);
      const top = Math.max(...row); // shift by the max so exp cannot overflow
      const logZ = top + Math.log(row.reduce((s, z) => s + Math.exp(z - top), 0));
      for (let j = 0; j < m; j++) out.data[i * m + j] = row[j] - logZ;
    }
    out.backwardStep = () => {
      for (let i = 0; i < n; i++) {
        let gSum = 0;
        for (let j = 0; j < m; j++) gSum += out.grad[i * m + j];
        for (let j = 0; j < m; j++) this.grad[i * m + j] += out.grad[i * m + j] - Math.exp(out.data[i * m + j]) * gSum;
      }
    };
    return out;
  }

  /** Fills .grad of every node in this graph with ∂this/∂node (seeding this.grad with ones). */
  backward(): void {
    const order = topoSort(this);
    for (const v of order) v.grad.fill(0);
    this.grad.fill(1);
    for (let i = order.length - 1; i >= 0; i--) order[i].backwardStep();
  }
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Every node the root depends on, inputs before the nodes that use them. */
export function topoSort(root: Value): Value[] {
  const order: Value[] = [];
  const seen = new Set<Value>();
  const visit = (v: Value): void => {
    if (seen.has(v)) return;
    seen.add(v);
    for (const u of v.inputs) visit(u);
    order.push(v);
  };
  visit(root);
  return order;
}

function lift(o: Operand): Value {
  return typeof o === 'number' ? Value.constant(o) : o;
}

/** Elementwise op with local derivative df(x, y) where y = f(x). */
function map(a: Value, op: string, f: (x: number) => number, df: (x: number, y: number) => number): Value {
  const out = new Value(a.data.map(f), a.rows, a.cols, op, [a]);
  out.backwardStep = () => {
    for (let i = 0; i < a.size; i++) a.grad[i] += out.grad[i] * df(a.data[i], out.data[i]);
  };
  return out;
}

/**
 * Elementwise binary op with partial derivatives dx, dy. Shapes must match,
 * except that a 1×1 operand broadcasts (and collects the summed gradient).
 */
function zip(
  a: Value,
  other: Operand,
  op: string,
  f: (x: number, y: number) => number,
  dx: (x: number, y: number) => number,
  dy: (x: number, y: number) => number,
): Value {
  const b = lift(other);
  const shape = a.size === 1 ? b : a;
  if (a.size !== 1 && b.size !== 1 && (a.rows !== b.rows || a.cols !== b.cols))
    throw new Error(`${op}: ${a.rows}×${a.cols} with ${b.rows}×${b.cols}`);
  const ia = (i: number): number => (a.size === 1 ? 0 : i);
  const ib = (i: number): number => (b.size === 1 ? 0 : i);
  const out = new Value(new Float64Array(shape.size), shape.rows, shape.cols, op, [a, b]);
  for (let i = 0; i < out.size; i++) out.data[i] = f(a.data[ia(i)], b.data[ib(i)]);
  out.backwardStep = () => {
    for (let i = 0; i < out.size; i++) {
      const [x, y] = [a.data[ia(i)], b.data[ib(i)]];
      a.grad[ia(i)] += out.grad[i] * dx(x, y);
      b.grad[ib(i)] += out.grad[i] * dy(x, y);
    }
  };
  return out;
}
