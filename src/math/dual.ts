/**
 * Forward-mode automatic differentiation with dual numbers a + b·ε, ε² = 0.
 * Evaluating f on Dual(x, 1) yields f(x) in `re` and f′(x) in `eps`.
 */
export class Dual {
  constructor(
    public readonly re: number,
    public readonly eps: number = 0,
  ) {}

  static variable(x: number): Dual {
    return new Dual(x, 1);
  }

  static constant(x: number): Dual {
    return new Dual(x, 0);
  }

  add(o: Dual | number): Dual {
    const b = lift(o);
    return new Dual(this.re + b.re, this.eps + b.eps);
  }

  sub(o: Dual | number): Dual {
    const b = lift(o);
    return new Dual(this.re - b.re, this.eps - b.eps);
  }

  mul(o: Dual | number): Dual {
    const b = lift(o);
    return new Dual(this.re * b.re, this.re * b.eps + this.eps * b.re);
  }

  div(o: Dual | number): Dual {
    const b = lift(o);
    return new Dual(this.re / b.re, (this.eps * b.re - this.re * b.eps) / (b.re * b.re));
  }

  neg(): Dual {
    return new Dual(-this.re, -this.eps);
  }

  pow(p: number): Dual {
    return new Dual(this.re ** p, p * this.re ** (p - 1) * this.eps);
  }

  exp(): Dual {
    const e = Math.exp(this.re);
    return new Dual(e, e * this.eps);
  }

  log(): Dual {
    return new Dual(Math.log(this.re), this.eps / this.re);
  }

  sin(): Dual {
    return new Dual(Math.sin(this.re), Math.cos(this.re) * this.eps);
  }

  cos(): Dual {
    return new Dual(Math.cos(this.re), -Math.sin(this.re) * this.eps);
  }

  tanh(): Dual {
    const t = Math.tanh(this.re);
    return new Dual(t, (1 - t * t) * this.eps);
  }
}

function lift(x: Dual | number): Dual {
  return typeof x === 'number' ? Dual.constant(x) : x;
}

/** f′(x) of a function written over dual numbers. */
export function derivative(f: (x: Dual) => Dual, x: number): number {
  return f(Dual.variable(x)).eps;
}
