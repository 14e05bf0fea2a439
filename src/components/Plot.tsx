import {Shape, type ShapeProps, computed, initial, signal} from '@motion-canvas/2d';
import {BBox, type SignalValue, type SimpleSignal, Vector2} from '@motion-canvas/core';
import {type AxisMap, sampleCurve} from './axisMath';
import {asFunctionValue} from './functionSignal';
import {colors, sizes} from './theme';

/** A real function of one variable, y = f(x). */
export type RealFunction = (x: number) => number;

const ZERO: RealFunction = () => 0;

export interface PlotProps extends ShapeProps {
  /** The function to draw; a function that reads signals redraws when they change. */
  fn?: SignalValue<RealFunction>;
  map?: SignalValue<AxisMap>;
  xFrom?: SignalValue<number | null>;
  xTo?: SignalValue<number | null>;
  samples?: SignalValue<number>;
  end?: SignalValue<number>;
}

/**
 * The graph of y = f(x) in an axis mapping, broken where f leaves the chart.
 * Usually made by {@link Axes.plot}, which binds `map` to the axes.
 *
 * @example
 * ```tsx
 * const curve = axes.plot(x => Math.sin(Math.log(x)), {xFrom: 0.05, stroke: colors.blue});
 * curve.end(0);
 * yield* curve.end(1, 1.5); // draw it in from the left
 * ```
 */
export class Plot extends Shape {
  /**
   * The plotted function. A bare `x => …` is stored as is; `() => f` picks a function reactively.
   *
   * @example plot.fn(x => x * x)
   */
  @initial(() => ZERO)
  @signal()
  declare public readonly fn: SimpleSignal<RealFunction, this>;

  /**
   * Graph-to-pixel mapping (ranges and pixel lengths), normally `() => axes.mapping()`.
   *
   * @example <Plot map={{xRange: [0, 1], yRange: [0, 1], xLength: 400, yLength: 400}} />
   */
  @initial({xRange: [-1, 1], yRange: [-1, 1], xLength: 400, yLength: 400})
  @signal()
  declare public readonly map: SimpleSignal<AxisMap, this>;

  /**
   * First x to draw; null means the left end of the map's x range.
   *
   * @example <Plot xFrom={0.05} />
   */
  @initial(null)
  @signal()
  declare public readonly xFrom: SimpleSignal<number | null, this>;

  /**
   * Last x to draw; null means the right end of the map's x range.
   *
   * @example <Plot xTo={3} />
   */
  @initial(null)
  @signal()
  declare public readonly xTo: SimpleSignal<number | null, this>;

  /**
   * Number of samples over the whole x span.
   *
   * @example <Plot samples={400} />
   */
  @initial(300)
  @signal()
  declare public readonly samples: SimpleSignal<number, this>;

  /**
   * Drawn fraction of the curve from the left, 0…1; tween it to draw the curve in.
   *
   * @example yield* plot.end(1, 2)
   */
  @initial(1)
  @signal()
  declare public readonly end: SimpleSignal<number, this>;

  public constructor(props: PlotProps) {
    super({
      stroke: colors.blue,
      lineWidth: sizes.stroke.curve,
      lineCap: 'round',
      lineJoin: 'round',
      ...props,
    });
  }

  protected setFn(value: SignalValue<RealFunction>) {
    this.fn.context.setter(asFunctionValue(value));
  }

  /** The drawn runs of the curve in local pixels. */
  @computed()
  public runs(): [number, number][][] {
    const map = this.map();
    const x0 = this.xFrom() ?? map.xRange[0];
    const x1 = this.xTo() ?? map.xRange[1];
    const end = Math.min(1, Math.max(0, this.end()));
    if (end <= 0) return [];
    const f = this.fn();
    return sampleCurve(map, f, x0, x0 + (x1 - x0) * end, Math.max(2, this.samples() * end));
  }

  /**
   * The drawn curve's bounds. A node with opacity below 1 is drawn through a cache of this size,
   * so without it a faded plot (or one inside faded axes) would vanish.
   */
  protected override getCacheBBox(): BBox {
    const points = this.runs()
      .flat()
      .map(([x, y]) => new Vector2(x, y));
    return points.length === 0 ? new BBox() : BBox.fromPoints(...points).expand(this.lineWidth() / 2 + 1);
  }

  protected override getPath(): Path2D {
    const path = new Path2D();
    for (const run of this.runs()) {
      run.forEach(([x, y], i) => (i === 0 ? path.moveTo(x, y) : path.lineTo(x, y)));
    }
    return path;
  }
}
