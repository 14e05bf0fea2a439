import {Node, type NodeProps, computed, initial, signal} from '@motion-canvas/2d';
import {type SignalValue, type SimpleSignal, Vector2} from '@motion-canvas/core';
import type {Pair} from './axisMath';
import {Gear} from './Gear';
import {centreDistance, meshRatio, outerRadius, trainAngles} from './gearMath';
import {Readout} from './Readout';
import {colors, sizes} from './theme';

export interface GearTrainProps extends NodeProps {
  teeth?: SignalValue<number[]>;
  module?: SignalValue<number>;
  angle?: SignalValue<number>;
  angles?: SignalValue<number[] | null>;
  directions?: SignalValue<number[]>;
  gap?: SignalValue<number>;
  showRatios?: SignalValue<boolean>;
  ratios?: SignalValue<number[] | null>;
  ratioDigits?: SignalValue<number>;
}

const SUBSCRIPT = '₀₁₂₃₄₅₆₇₈₉';
const sub = (n: number) =>
  String(n)
    .split('')
    .map(d => SUBSCRIPT[Number(d)])
    .join('');

/**
 * A chain of meshed gears, centred on the node. Gear 1 turns by `angle`; each next gear
 * turns the other way at ω(i+1)/ω(i) = −z(i)/z(i+1), phased so the teeth interleave.
 * `angles` overrides all angles (e.g. x, ln x, sin(ln x) from the engine) and `ratios`
 * overrides the readouts stacked under the train; a `gap` then keeps non-rigid gears from touching.
 *
 * @example
 * ```tsx
 * const x = createSignal(0);
 * view.add(<GearTrain teeth={[12, 24, 18]} module={16} angle={() => x()} showRatios />);
 * yield* x(2 * Math.PI, 4);
 * ```
 */
export class GearTrain extends Node {
  /**
   * Teeth of each gear, first (driving) gear first. The count of gears is fixed at construction.
   *
   * @example <GearTrain teeth={[10, 20, 15]} />
   */
  @initial([12, 24])
  @signal()
  declare public readonly teeth: SimpleSignal<number[], this>;

  /**
   * Module in pixels, shared by all gears so they mesh.
   *
   * @example <GearTrain module={18} />
   */
  @initial(14)
  @signal()
  declare public readonly module: SimpleSignal<number, this>;

  /**
   * Angle of the first gear in radians, counter-clockwise.
   *
   * @example yield* train.angle(Math.PI, 2)
   */
  @initial(0)
  @signal()
  declare public readonly angle: SimpleSignal<number, this>;

  /**
   * Angles of every gear, overriding the meshing rule; null to mesh.
   *
   * @example <GearTrain angles={() => [x(), Math.log(x()), Math.sin(Math.log(x()))]} />
   */
  @initial(null)
  @signal()
  declare public readonly angles: SimpleSignal<number[] | null, this>;

  /**
   * Direction (radians, counter-clockwise) from each gear to the next; missing entries are 0 (to the right).
   *
   * @example <GearTrain directions={[0, -Math.PI / 6]} />
   */
  @initial([])
  @signal()
  declare public readonly directions: SimpleSignal<number[], this>;

  /**
   * Extra distance in pixels between neighbouring gears beyond meshing.
   *
   * @example <GearTrain gap={12} />
   */
  @initial(0)
  @signal()
  declare public readonly gap: SimpleSignal<number, this>;

  /**
   * Whether to show the speed ratio ω(i+1)/ω(i) under each driven gear.
   *
   * @example <GearTrain showRatios />
   */
  @initial(false)
  @signal()
  declare public readonly showRatios: SimpleSignal<boolean, this>;

  /**
   * Ratios to show instead of −z(i)/z(i+1), one per driven gear; null for the meshing ratios.
   *
   * @example <GearTrain ratios={() => [1 / x(), Math.cos(Math.log(x()))]} />
   */
  @initial(null)
  @signal()
  declare public readonly ratios: SimpleSignal<number[] | null, this>;

  /**
   * Decimals in the ratio readouts.
   *
   * @example <GearTrain ratioDigits={3} />
   */
  @initial(2)
  @signal()
  declare public readonly ratioDigits: SimpleSignal<number, this>;

  private readonly gears: Gear[] = [];

  public constructor(props: GearTrainProps) {
    super(props);
    const count = this.teeth().length;
    for (let i = 0; i < count; i++) {
      const gear = new Gear({
        teeth: () => this.teeth()[i],
        module: () => this.module(),
        angle: () => this.gearAngles()[i],
        fill: colors.gears[i % colors.gears.length],
        position: () => this.centre(i),
      });
      this.gears.push(gear);
      this.add(gear);
    }
    for (let i = 1; i < count; i++) {
      this.add(
        <Readout
          label={`ω${sub(i + 1)} / ω${sub(i)} =`}
          value={() => this.shownRatios()[i - 1]}
          digits={() => this.ratioDigits()}
          fontSize={sizes.font.label}
          opacity={() => (this.showRatios() ? 1 : 0)}
          y={() => this.bottom() + sizes.space.l + (i - 0.5) * sizes.font.label * 1.5}
        />,
      );
    }
  }

  /** Gear i (0-based), to style it or pin things to it. */
  public gear(i: number): Gear {
    return this.gears[i];
  }

  /** Centre of gear i in local pixels. */
  public centre(i: number): Vector2 {
    return new Vector2(this.centres()[i]);
  }

  /** Every gear's angle: the override, or the meshing rule from gear 1. */
  @computed()
  public gearAngles(): number[] {
    return this.angles() ?? trainAngles(this.angle(), this.teeth(), this.directions());
  }

  /** ω(i+1)/ω(i) for each driven gear, as shown in the readouts. */
  @computed()
  public shownRatios(): number[] {
    const z = this.teeth();
    return this.ratios() ?? z.slice(1).map((zi, i) => meshRatio(z[i], zi));
  }

  /** Lowest point of the gears in local pixels; the ratio readouts stack below it. */
  @computed()
  public bottom(): number {
    return Math.max(...this.centres().map(([, y], i) => y + this.outer(i)));
  }

  private outer(i: number): number {
    return outerRadius(Math.round(this.teeth()[i]), this.module());
  }

  /** Centres in canvas pixels (y down), the whole train centred on the origin. */
  @computed()
  protected centres(): Pair[] {
    const z = this.teeth();
    const dirs = this.directions();
    const m = this.module();
    const pts: Pair[] = [[0, 0]];
    for (let i = 1; i < z.length; i++) {
      const d = centreDistance(z[i - 1], z[i], m) + this.gap();
      const a = dirs[i - 1] ?? 0;
      const [px, py] = pts[i - 1];
      pts.push([px + d * Math.cos(a), py - d * Math.sin(a)]);
    }
    const box = (k: 0 | 1, pick: (a: number, b: number) => number, sign: number) =>
      pts.map((p, i) => p[k] + sign * this.outer(i)).reduce((a, b) => pick(a, b));
    const cx = (box(0, Math.min, -1) + box(0, Math.max, 1)) / 2;
    const cy = (box(1, Math.min, -1) + box(1, Math.max, 1)) / 2;
    return pts.map(([x, y]) => [x - cx, y - cy]);
  }
}
