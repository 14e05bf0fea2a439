import {Line, type LineProps, computed, initial, signal} from '@motion-canvas/2d';
import type {SignalValue, SimpleSignal} from '@motion-canvas/core';
import {type AxisMap, type Pair, tangentSegment, tangentSpan} from './axisMath';
import {colors, sizes} from './theme';

export interface TangentProps extends LineProps {
  mapping?: SignalValue<AxisMap>;
  atX?: SignalValue<number>;
  atY?: SignalValue<number>;
  slope?: SignalValue<number>;
  halfLength?: SignalValue<number>;
  xSpan?: SignalValue<number | null>;
}

/**
 * A tangent segment through (atX, atY) with a given slope, in an {@link Axes}' graph units. Its length is
 * `xSpan` graph units in x when set (manim's tangent length), else 2·`halfLength` pixels on screen.
 * Made by {@link Axes.tangent}, which binds `mapping` to the axes.
 *
 * @example
 * ```tsx
 * const t = axes.tangent(() => x(), () => f(x()), () => df(x()), {xSpan: 2});
 * yield* t.xSpan(4, 1); // widen from x ± 1 to x ± 2
 * ```
 */
export class Tangent extends Line {
  /**
   * The axes' mapping from graph units to pixels.
   *
   * @example <Tangent mapping={() => axes.mapping()} />
   */
  @initial<AxisMap>({xRange: [-5, 5], yRange: [-5, 5], xLength: 800, yLength: 800})
  @signal()
  declare public readonly mapping: SimpleSignal<AxisMap, this>;

  /**
   * x of the point of contact, in graph units.
   *
   * @example <Tangent atX={() => x()} />
   */
  @initial(0)
  @signal()
  declare public readonly atX: SimpleSignal<number, this>;

  /**
   * y of the point of contact, in graph units.
   *
   * @example <Tangent atY={() => f(x())} />
   */
  @initial(0)
  @signal()
  declare public readonly atY: SimpleSignal<number, this>;

  /**
   * dy/dx at the point, in graph units.
   *
   * @example <Tangent slope={() => gradient(x())} />
   */
  @initial(0)
  @signal()
  declare public readonly slope: SimpleSignal<number, this>;

  /**
   * On-screen pixels to each side of the point, used while `xSpan` is null.
   *
   * @example yield* tangent.halfLength(300, 0.5)
   */
  @initial(220)
  @signal()
  declare public readonly halfLength: SimpleSignal<number, this>;

  /**
   * Width of the segment in graph x units, centred on the point; null for a fixed pixel length.
   *
   * @example yield* tangent.xSpan(4, 1)
   */
  @initial(null)
  @signal()
  declare public readonly xSpan: SimpleSignal<number | null, this>;

  public constructor(props: TangentProps) {
    super({stroke: colors.tangent, lineWidth: sizes.stroke.tangent, lineCap: 'round', ...props});
    this.points(() => this.ends());
  }

  /** The two end points, in the axes' local pixels. */
  @computed()
  public ends(): [Pair, Pair] {
    const [map, x, y, m, span] = [this.mapping(), this.atX(), this.atY(), this.slope(), this.xSpan()];
    return span === null ? tangentSegment(map, x, y, m, this.halfLength()) : tangentSpan(map, x, y, m, span);
  }
}
