import {Circle, type CircleProps, Latex, Node, type NodeProps, computed, initial, signal} from '@motion-canvas/2d';
import {type PossibleVector2, type SignalValue, type SimpleSignal, Vector2, unwrap} from '@motion-canvas/core';
import {type AxisMap, type Pair, c2p, niceStep, p2c, tickTex, ticks} from './axisMath';
import {Plot, type PlotProps, type RealFunction} from './Plot';
import {Tangent, type TangentProps} from './Tangent';
import {colors, sizes} from './theme';

export interface AxesProps extends NodeProps {
  xRange?: SignalValue<Pair>;
  yRange?: SignalValue<Pair>;
  xLength?: SignalValue<number>;
  yLength?: SignalValue<number>;
  xStep?: SignalValue<number | null>;
  yStep?: SignalValue<number | null>;
  grid?: SignalValue<boolean>;
  tickLabels?: SignalValue<boolean>;
  xLabel?: SignalValue<string>;
  yLabel?: SignalValue<string>;
  axisColor?: SignalValue<string>;
  gridColor?: SignalValue<string>;
  labelColor?: SignalValue<string>;
  fontSize?: SignalValue<number>;
  tickFontSize?: SignalValue<number>;
  axisWidth?: SignalValue<number>;
  tips?: SignalValue<boolean>;
  tickLength?: SignalValue<number>;
}

/**
 * Cartesian axes with ticks, an optional grid and LaTeX labels, plus manim-style
 * coordinate mapping. The centre of the ranges sits at the node's origin; children
 * made by {@link Axes.plot}, {@link Axes.point} and {@link Axes.tangent} follow the ranges.
 *
 * @example
 * ```tsx
 * const axes = new Axes({xRange: [0, 4], yRange: [-1.5, 1.5], xLength: 1000, yLength: 500, xLabel: 'x', yLabel: 'y'});
 * view.add(axes);
 * axes.plot(x => Math.sin(x));
 * axes.point(() => x(), () => Math.sin(x()));
 * axes.tangent(() => x(), () => Math.sin(x()), () => Math.cos(x()));
 * ```
 */
export class Axes extends Node {
  /**
   * Visible x range [min, max] in graph units.
   *
   * @example yield* axes.xRange([0, 10], 1)
   */
  @initial<Pair>([-5, 5])
  @signal()
  declare public readonly xRange: SimpleSignal<Pair, this>;

  /**
   * Visible y range [min, max] in graph units.
   *
   * @example <Axes yRange={[-1, 1]} />
   */
  @initial<Pair>([-3, 3])
  @signal()
  declare public readonly yRange: SimpleSignal<Pair, this>;

  /**
   * Length of the x axis in pixels.
   *
   * @example <Axes xLength={1200} />
   */
  @initial(1000)
  @signal()
  declare public readonly xLength: SimpleSignal<number, this>;

  /**
   * Length of the y axis in pixels.
   *
   * @example <Axes yLength={600} />
   */
  @initial(600)
  @signal()
  declare public readonly yLength: SimpleSignal<number, this>;

  /**
   * Distance between x ticks in graph units; null picks a 1-2-5 step.
   *
   * @example <Axes xStep={0.5} />
   */
  @initial(null)
  @signal()
  declare public readonly xStep: SimpleSignal<number | null, this>;

  /**
   * Distance between y ticks in graph units; null picks a 1-2-5 step.
   *
   * @example <Axes yStep={1} />
   */
  @initial(null)
  @signal()
  declare public readonly yStep: SimpleSignal<number | null, this>;

  /**
   * Whether to draw grid lines at the ticks.
   *
   * @example <Axes grid={false} />
   */
  @initial(true)
  @signal()
  declare public readonly grid: SimpleSignal<boolean, this>;

  /**
   * Whether to write the tick values.
   *
   * @example <Axes tickLabels={false} />
   */
  @initial(true)
  @signal()
  declare public readonly tickLabels: SimpleSignal<boolean, this>;

  /**
   * TeX for the x-axis name, written past the right end of the axis.
   *
   * @example <Axes xLabel="w_1" />
   */
  @initial('')
  @signal()
  declare public readonly xLabel: SimpleSignal<string, this>;

  /**
   * TeX for the y-axis name, written up and to the right of the axis tip.
   *
   * @example <Axes yLabel="L(w)" />
   */
  @initial('')
  @signal()
  declare public readonly yLabel: SimpleSignal<string, this>;

  /**
   * Colour of the axis lines, ticks and tips.
   *
   * @example <Axes axisColor={colors.grey} />
   */
  @initial(colors.axis)
  @signal()
  declare public readonly axisColor: SimpleSignal<string, this>;

  /**
   * Colour of the grid lines.
   *
   * @example <Axes gridColor={colors.grid} />
   */
  @initial(colors.grid)
  @signal()
  declare public readonly gridColor: SimpleSignal<string, this>;

  /**
   * Colour of the tick values and axis names.
   *
   * @example <Axes labelColor={colors.textDim} />
   */
  @initial(colors.text)
  @signal()
  declare public readonly labelColor: SimpleSignal<string, this>;

  /**
   * Font size of the axis names.
   *
   * @example <Axes fontSize={40} />
   */
  @initial(sizes.font.label)
  @signal()
  declare public readonly fontSize: SimpleSignal<number, this>;

  /**
   * Font size of the tick values.
   *
   * @example <Axes tickFontSize={28} />
   */
  @initial(sizes.font.tick)
  @signal()
  declare public readonly tickFontSize: SimpleSignal<number, this>;

  /**
   * Width of the axis lines.
   *
   * @example <Axes axisWidth={2} />
   */
  @initial(sizes.stroke.axis)
  @signal()
  declare public readonly axisWidth: SimpleSignal<number, this>;

  /**
   * Whether to draw arrow tips at the positive ends (manim's `tips`).
   *
   * @example <Axes tips={false} />
   */
  @initial(true)
  @signal()
  declare public readonly tips: SimpleSignal<boolean, this>;

  /**
   * Length of the tick marks across the axis, in pixels; 0 for none.
   *
   * @example <Axes tickLength={20} />
   */
  @initial(sizes.tick)
  @signal()
  declare public readonly tickLength: SimpleSignal<number, this>;

  private readonly tickNodes = new Map<string, Latex>();
  private readonly labelNodes: Latex[];

  public constructor(props: AxesProps) {
    super(props);
    this.labelNodes = [
      new Latex({
        tex: () => this.xLabel(),
        fill: () => this.labelColor(),
        fontSize: () => this.fontSize(),
        offset: [-1, 0],
        position: () => this.c2p(this.xRange()[1], this.origin()[1]).addX(sizes.space.m),
      }),
      new Latex({
        tex: () => this.yLabel(),
        fill: () => this.labelColor(),
        fontSize: () => this.fontSize(),
        offset: [-1, 1],
        position: () => this.c2p(this.origin()[0], this.yRange()[1]).add([sizes.space.m, -sizes.space.xs]),
      }),
    ];
    this.add(<Node children={() => (this.tickLabels() ? this.tickLabelNodes() : [])} />);
    // An axis without a name has no label node at all, so nothing empty is laid out or checked.
    this.add(
      <Node children={() => this.labelNodes.filter((_, i) => (i === 0 ? this.xLabel() : this.yLabel()) !== '')} />,
    );
  }

  /** The mapping as plain data, for pure helpers and for {@link Plot.map}. */
  @computed()
  public mapping(): AxisMap {
    return {xRange: this.xRange(), yRange: this.yRange(), xLength: this.xLength(), yLength: this.yLength()};
  }

  /** Graph coordinates → this node's local pixels (like manim's c2p). */
  public c2p(x: number, y: number): Vector2 {
    return new Vector2(c2p(this.mapping(), x, y));
  }

  /** This node's local pixels → graph coordinates (like manim's p2c). */
  public p2c(point: PossibleVector2): Pair {
    const p = new Vector2(point);
    return p2c(this.mapping(), p.x, p.y);
  }

  /** Where the axes cross, in graph units: (0, 0) clamped into the ranges. */
  @computed()
  public origin(): Pair {
    const clamp = (v: number, [a, b]: Pair) => Math.min(b, Math.max(a, v));
    return [clamp(0, this.xRange()), clamp(0, this.yRange())];
  }

  /** The x tick values, skipping the crossing point. */
  @computed()
  public xTicks(): number[] {
    const [a, b] = this.xRange();
    return ticks(a, b, this.xStep() ?? niceStep(a, b), true).filter(v => v !== this.origin()[0]);
  }

  /** The y tick values, skipping the crossing point. */
  @computed()
  public yTicks(): number[] {
    const [a, b] = this.yRange();
    return ticks(a, b, this.yStep() ?? niceStep(a, b), true).filter(v => v !== this.origin()[1]);
  }

  /**
   * Add the graph of y = f(x) as a child bound to these axes.
   *
   * @example const c = axes.plot(x => x * x, {stroke: colors.yellow});
   */
  public plot(fn: SignalValue<RealFunction>, props: PlotProps = {}): Plot {
    const plot = new Plot({fn, map: () => this.mapping(), ...props});
    this.add(plot);
    return plot;
  }

  /**
   * Add a dot at graph point (x, y); the coordinates may be signals.
   *
   * @example axes.point(0, 1, {fill: colors.classPositive})
   */
  public point(x: SignalValue<number>, y: SignalValue<number>, props: CircleProps = {}): Circle {
    const dot = new Circle({
      size: sizes.point,
      fill: colors.highlight,
      position: () => this.c2p(unwrap(x), unwrap(y)),
      ...props,
    });
    this.add(dot);
    return dot;
  }

  /**
   * Add a {@link Tangent} through (x, y) with the given slope (all may be signals). Its on-screen
   * length is 2·`halfLength` pixels, or it spans `xSpan` graph units in x; both are signals on it.
   *
   * @example axes.tangent(() => x(), () => f(x()), () => slopeFromEngine(x()))
   * @example axes.tangent(x, () => f(x()), () => slope(x()), {xSpan: 2}) // from x − 1 to x + 1
   */
  public tangent(
    x: SignalValue<number>,
    y: SignalValue<number>,
    slope: SignalValue<number>,
    props: TangentProps = {},
  ): Tangent {
    const line = new Tangent({mapping: () => this.mapping(), atX: x, atY: y, slope, ...props});
    this.add(line);
    return line;
  }

  private tickLabelNodes(): Latex[] {
    const out: Latex[] = [];
    for (const v of this.xTicks()) out.push(this.tickNode('x', v));
    for (const v of this.yTicks()) out.push(this.tickNode('y', v));
    return out;
  }

  // Tick labels are made once per value and kept, so zooming does not rebuild TeX each frame.
  private tickNode(axis: 'x' | 'y', v: number): Latex {
    const key = `${axis}${v}`;
    let node = this.tickNodes.get(key);
    if (!node) {
      const gap = () => this.tickLength() / 2 + sizes.tick / 2 + sizes.space.xs;
      node = new Latex({
        tex: tickTex(v),
        fill: () => this.labelColor(),
        fontSize: () => this.tickFontSize(),
        offset: axis === 'x' ? [0, -1] : [1, 0],
        position: () =>
          axis === 'x' ? this.c2p(v, this.origin()[1]).addY(gap()) : this.c2p(this.origin()[0], v).addX(-gap()),
      });
      this.tickNodes.set(key, node);
    }
    return node;
  }

  protected override draw(context: CanvasRenderingContext2D) {
    const map = this.mapping();
    const [ox, oy] = this.origin();
    const [x0, x1] = map.xRange;
    const [y0, y1] = map.yRange;
    const line = (a: Pair, b: Pair) => {
      context.beginPath();
      context.moveTo(...c2p(map, ...a));
      context.lineTo(...c2p(map, ...b));
      context.stroke();
    };

    context.save();
    context.lineCap = 'butt';
    if (this.grid()) {
      context.strokeStyle = this.gridColor();
      context.lineWidth = sizes.stroke.grid;
      for (const x of this.xTicks()) line([x, y0], [x, y1]);
      for (const y of this.yTicks()) line([x0, y], [x1, y]);
    }

    const width = this.axisWidth();
    context.strokeStyle = this.axisColor();
    context.fillStyle = this.axisColor();
    context.lineWidth = width;
    line([x0, oy], [x1, oy]);
    line([ox, y0], [ox, y1]);
    const t = this.tickLength() / 2;
    for (const x of this.xTicks()) {
      const [px, py] = c2p(map, x, oy);
      context.fillRect(px - width / 2, py - t, width, 2 * t);
    }
    for (const y of this.yTicks()) {
      const [px, py] = c2p(map, ox, y);
      context.fillRect(px - t, py - width / 2, 2 * t, width);
    }

    if (this.tips()) this.drawTips(context, map, ox, oy, width);
    context.restore();

    this.drawChildren(context);
  }

  /** Arrow tips at the positive ends. */
  private drawTips(context: CanvasRenderingContext2D, map: AxisMap, ox: number, oy: number, width: number) {
    const [x1, y1] = [map.xRange[1], map.yRange[1]];
    const tip = 4 * width + 6;
    const [ex, ey] = c2p(map, x1, oy);
    context.beginPath();
    context.moveTo(ex + tip, ey);
    context.lineTo(ex, ey - tip / 2);
    context.lineTo(ex, ey + tip / 2);
    context.fill();
    const [nx, ny] = c2p(map, ox, y1);
    context.beginPath();
    context.moveTo(nx, ny - tip);
    context.lineTo(nx - tip / 2, ny);
    context.lineTo(nx + tip / 2, ny);
    context.fill();
  }
}
