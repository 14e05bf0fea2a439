import {Node, type NodeProps, Txt, initial, signal} from '@motion-canvas/2d';
import type {SignalValue, SimpleSignal} from '@motion-canvas/core';
import {knobAngle} from './knobMath';
import {formatFixed} from './readoutFormat';
import {colors, fonts, sizes} from './theme';

export interface KnobProps extends NodeProps {
  value?: SignalValue<number>;
  min?: SignalValue<number>;
  max?: SignalValue<number>;
  label?: SignalValue<string>;
  digits?: SignalValue<number>;
  size?: SignalValue<number>;
  color?: SignalValue<string>;
  trackColor?: SignalValue<string>;
  fontSize?: SignalValue<number>;
}

const DEG = Math.PI / 180;

/**
 * A rotary knob bound to one parameter ("every parameter is a knob"): a 270° dial
 * whose coloured arc runs from 0 (or from min, if 0 is out of range) to the value,
 * a pointer, and the parameter's name and value underneath.
 *
 * @example
 * ```tsx
 * <Knob label="w₁" value={() => w1()} min={-3} max={3} color={colors.blue} />
 * ```
 */
export class Knob extends Node {
  /**
   * The parameter value.
   *
   * @example yield* knob.value(1.5, 1)
   */
  @initial(0)
  @signal()
  declare public readonly value: SimpleSignal<number, this>;

  /**
   * Value at the left end of the dial.
   *
   * @example <Knob min={-5} />
   */
  @initial(-1)
  @signal()
  declare public readonly min: SimpleSignal<number, this>;

  /**
   * Value at the right end of the dial.
   *
   * @example <Knob max={5} />
   */
  @initial(1)
  @signal()
  declare public readonly max: SimpleSignal<number, this>;

  /**
   * The parameter's name under the dial.
   *
   * @example <Knob label="b" />
   */
  @initial('')
  @signal()
  declare public readonly label: SimpleSignal<string, this>;

  /**
   * Decimals of the value.
   *
   * @example <Knob digits={1} />
   */
  @initial(2)
  @signal()
  declare public readonly digits: SimpleSignal<number, this>;

  /**
   * Diameter of the dial in pixels.
   *
   * @example <Knob size={180} />
   */
  @initial(sizes.knob)
  @signal()
  declare public readonly size: SimpleSignal<number, this>;

  /**
   * Colour of the value arc and pointer.
   *
   * @example <Knob color={colors.yellow} />
   */
  @initial(colors.blue)
  @signal()
  declare public readonly color: SimpleSignal<string, this>;

  /**
   * Colour of the dial track.
   *
   * @example <Knob trackColor={colors.grid} />
   */
  @initial(colors.grid)
  @signal()
  declare public readonly trackColor: SimpleSignal<string, this>;

  /**
   * Font size of the name and value.
   *
   * @example <Knob fontSize={30} />
   */
  @initial(sizes.font.label)
  @signal()
  declare public readonly fontSize: SimpleSignal<number, this>;

  public constructor(props: KnobProps) {
    super(props);
    this.add(
      <Txt
        text={() => this.label()}
        fill={colors.text}
        fontFamily={fonts.text}
        fontSize={() => this.fontSize()}
        offset={[0, -1]}
        y={() => this.size() / 2 + sizes.space.s}
      />,
    );
    this.add(
      <Txt
        text={() => formatFixed(this.value(), this.digits(), this.intDigits())}
        // `pre` keeps the padding spaces in the layout too: otherwise the box misses the drawn text's last glyph.
        textWrap="pre"
        fill={() => this.color()}
        fontFamily={fonts.mono}
        fontSize={() => this.fontSize()}
        offset={[0, -1]}
        y={() => this.size() / 2 + sizes.space.s + this.fontSize() * 1.25}
      />,
    );
  }

  /** Integer digits wide enough for both ends of the range. */
  private intDigits(): number {
    const m = Math.max(Math.abs(this.min()), Math.abs(this.max()), 1);
    return Math.floor(Math.log10(m)) + 1;
  }

  protected override draw(context: CanvasRenderingContext2D) {
    const r = this.size() / 2;
    const track = r * 0.16;
    const rTrack = r - track / 2;
    const min = this.min(),
      max = this.max();
    const a0 = knobAngle(min, min, max) * DEG;
    const a1 = knobAngle(max, min, max) * DEG;
    const anchor = knobAngle(Math.min(max, Math.max(min, 0)), min, max) * DEG;
    const at = knobAngle(this.value(), min, max) * DEG;

    context.save();
    context.lineCap = 'round';
    context.lineWidth = track;
    context.strokeStyle = this.trackColor();
    context.beginPath();
    context.arc(0, 0, rTrack, a0, a1);
    context.stroke();

    context.strokeStyle = this.color();
    context.beginPath();
    context.arc(0, 0, rTrack, Math.min(anchor, at), Math.max(anchor, at));
    context.stroke();

    const body = r * 0.62;
    context.fillStyle = colors.surface;
    context.strokeStyle = colors.grey;
    context.lineWidth = sizes.stroke.outline;
    context.beginPath();
    context.arc(0, 0, body, 0, 2 * Math.PI);
    context.fill();
    context.stroke();

    context.strokeStyle = this.color();
    context.lineWidth = Math.max(4, r * 0.08);
    context.beginPath();
    context.moveTo(Math.cos(at) * body * 0.25, Math.sin(at) * body * 0.25);
    context.lineTo(Math.cos(at) * body * 0.9, Math.sin(at) * body * 0.9);
    context.stroke();
    context.restore();

    this.drawChildren(context);
  }
}
