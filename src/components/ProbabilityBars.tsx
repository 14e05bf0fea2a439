import {Node, type NodeProps, initial, signal} from '@motion-canvas/2d';
import {BBox, type SignalValue, type SimpleSignal, Vector2} from '@motion-canvas/core';
import {barGeometry, barsBounds, type BarGeometry} from './pixelMath';
import {colors, fonts, sizes} from './theme';

export interface ProbabilityBarsProps extends NodeProps {
  probabilities?: SignalValue<ArrayLike<number>>;
  labels?: SignalValue<string[]>;
  length?: SignalValue<number>;
  maxBar?: SignalValue<number>;
  vertical?: SignalValue<boolean>;
  barColor?: SignalValue<string>;
  highlightColor?: SignalValue<string>;
  labelColor?: SignalValue<string>;
  fontSize?: SignalValue<number>;
  showPercent?: SignalValue<boolean>;
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * A classifier's answer as one bar per class, each as long as its probability, with the class
 * labels along the base line. The most probable class is drawn in the highlight colour with its
 * percentage at the bar's end. Bars grow up from the base line (`vertical`) or to the right.
 *
 * @example
 * ```tsx
 * // probabilities from the engine, e.g. readDigit(net, image).probabilities
 * <ProbabilityBars probabilities={() => reading().probabilities} length={600} maxBar={300} />
 * ```
 */
export class ProbabilityBars extends Node {
  /**
   * One probability per class, in [0, 1].
   *
   * @example <ProbabilityBars probabilities={softmax(logits)} />
   */
  @initial([])
  @signal()
  declare public readonly probabilities: SimpleSignal<ArrayLike<number>, this>;

  /**
   * The class names along the base line; the digits 0–9 by default.
   *
   * @example <ProbabilityBars labels={['cat', 'dog']} />
   */
  @initial(DIGITS)
  @signal()
  declare public readonly labels: SimpleSignal<string[], this>;

  /**
   * Length in pixels of the row the bars are spread along.
   *
   * @example <ProbabilityBars length={560} />
   */
  @initial(600)
  @signal()
  declare public readonly length: SimpleSignal<number, this>;

  /**
   * Length in pixels of a bar at probability 1.
   *
   * @example <ProbabilityBars maxBar={280} />
   */
  @initial(300)
  @signal()
  declare public readonly maxBar: SimpleSignal<number, this>;

  /**
   * True: a row along x with bars growing up; false: a column (first class on top) with bars growing right.
   *
   * @example <ProbabilityBars vertical={false} />
   */
  @initial(true)
  @signal()
  declare public readonly vertical: SimpleSignal<boolean, this>;

  /**
   * Colour of every bar but the most probable one.
   *
   * @example <ProbabilityBars barColor={colors.grey} />
   */
  @initial(colors.blue)
  @signal()
  declare public readonly barColor: SimpleSignal<string, this>;

  /**
   * Colour of the most probable class's bar and label.
   *
   * @example <ProbabilityBars highlightColor={colors.yellow} />
   */
  @initial(colors.highlight)
  @signal()
  declare public readonly highlightColor: SimpleSignal<string, this>;

  /**
   * Colour of the other labels and of the base line.
   *
   * @example <ProbabilityBars labelColor={colors.textDim} />
   */
  @initial(colors.text)
  @signal()
  declare public readonly labelColor: SimpleSignal<string, this>;

  /**
   * Font size of the labels and the percentage.
   *
   * @example <ProbabilityBars fontSize={30} />
   */
  @initial(sizes.font.tick)
  @signal()
  declare public readonly fontSize: SimpleSignal<number, this>;

  /**
   * Print the top class's probability as a percentage at the end of its bar.
   *
   * @example <ProbabilityBars showPercent={false} />
   */
  @initial(true)
  @signal()
  declare public readonly showPercent: SimpleSignal<boolean, this>;

  public constructor(props: ProbabilityBarsProps) {
    super(props);
  }

  /** The class with the largest probability (the first on ties), −1 when there are none. */
  public top(): number {
    const p = this.probabilities();
    let best = p.length > 0 ? 0 : -1;
    for (let k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
    return best;
  }

  /** Where bar k is drawn, in local pixels. */
  public bar(k: number): BarGeometry {
    const p = this.probabilities();
    return barGeometry(
      k,
      p.length,
      p[k],
      this.length(),
      this.maxBar(),
      this.vertical(),
      sizes.space.m + this.fontSize() / 2,
    );
  }

  /**
   * The centre of bar k's free end, in local pixels.
   *
   * @example arrow.end(() => bars.tip(bars.top()))
   */
  public tip(k: number): Vector2 {
    return new Vector2(this.bar(k).tip);
  }

  /** Bars at full length, their labels and the percentage: the box a fading chart is cached in. */
  protected override getCacheBBox(): BBox {
    const chars = Math.max(1, ...this.labels().map(l => l.length));
    const [x, y, w, h] = barsBounds(
      this.length(),
      this.maxBar(),
      this.vertical(),
      this.fontSize(),
      sizes.space.m + this.fontSize() / 2,
      chars,
    );
    return new BBox(x, y, w, h).expand(4);
  }

  protected override draw(context: CanvasRenderingContext2D) {
    const p = this.probabilities();
    const n = p.length;
    const top = this.top();
    const vertical = this.vertical();
    const half = this.length() / 2;
    context.save();
    context.strokeStyle = colors.grid;
    context.lineWidth = sizes.stroke.axis;
    context.beginPath();
    if (vertical) {
      context.moveTo(-half, 0);
      context.lineTo(half, 0);
    } else {
      context.moveTo(0, -half);
      context.lineTo(0, half);
    }
    context.stroke();

    context.font = `${this.fontSize()}px "${fonts.mono}"`;
    context.textBaseline = 'middle';
    const labels = this.labels();
    for (let k = 0; k < n; k++) {
      const {rect, label} = this.bar(k);
      const color = k === top ? this.highlightColor() : this.barColor();
      context.fillStyle = color;
      context.fillRect(...rect);
      context.textAlign = vertical ? 'center' : 'right';
      context.fillStyle = k === top ? this.highlightColor() : this.labelColor();
      context.fillText(labels[k] ?? `${k}`, ...label);
    }
    if (top >= 0 && this.showPercent()) {
      const {tip} = this.bar(top);
      const gap = sizes.space.s;
      context.fillStyle = this.highlightColor();
      context.textAlign = vertical ? 'center' : 'left';
      const text = `${(100 * p[top]).toFixed(1)}%`;
      if (vertical) context.fillText(text, tip[0], tip[1] - gap - this.fontSize() / 2);
      else context.fillText(text, tip[0] + gap, tip[1]);
    }
    context.restore();
    this.drawChildren(context);
  }
}
