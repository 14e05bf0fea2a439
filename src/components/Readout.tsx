import {Layout, type LayoutProps, Txt, computed, initial, signal} from '@motion-canvas/2d';
import type {SignalValue, SimpleSignal} from '@motion-canvas/core';
import {type Notation, formatNumber} from './readoutFormat';
import {colors, fonts, sizes} from './theme';

export interface ReadoutProps extends LayoutProps {
  label?: SignalValue<string>;
  value?: SignalValue<number>;
  digits?: SignalValue<number>;
  intDigits?: SignalValue<number>;
  signed?: SignalValue<boolean>;
  notation?: SignalValue<Notation>;
  labelColor?: SignalValue<string>;
  valueColor?: SignalValue<string>;
}

/**
 * A labelled number that does not jitter: the value is printed in a monospace font
 * with fixed decimals, a fixed-width integer part and a fixed sign slot, padded with
 * spaces that are kept when drawn, so its width never changes while it counts.
 *
 * @example
 * ```tsx
 * <Readout label="g′(x) =" value={() => 1 / x()} digits={3} valueColor={colors.green} />
 * ```
 */
export class Readout extends Layout {
  /**
   * Text before the number (Inter); empty for none.
   *
   * @example <Readout label="loss =" />
   */
  @initial('')
  @signal()
  declare public readonly label: SimpleSignal<string, this>;

  /**
   * The number shown.
   *
   * @example <Readout value={() => loss(step())} />
   */
  @initial(0)
  @signal()
  declare public readonly value: SimpleSignal<number, this>;

  /**
   * Decimals after the point.
   *
   * @example <Readout digits={3} />
   */
  @initial(2)
  @signal()
  declare public readonly digits: SimpleSignal<number, this>;

  /**
   * Integer digits the field is wide enough for.
   *
   * @example <Readout intDigits={3} />
   */
  @initial(1)
  @signal()
  declare public readonly intDigits: SimpleSignal<number, this>;

  /**
   * Whether to keep a slot for a minus sign.
   *
   * @example <Readout signed={false} />
   */
  @initial(true)
  @signal()
  declare public readonly signed: SimpleSignal<boolean, this>;

  /**
   * `fixed` decimals (default), `scientific` (7.50e−05), or `auto`: fixed until the value is too
   * small or too large to show, then scientific, in a field wide enough for both.
   *
   * @example <Readout value={() => lr()} notation="auto" digits={2} />
   */
  @initial<Notation>('fixed')
  @signal()
  declare public readonly notation: SimpleSignal<Notation, this>;

  /**
   * Colour of the label.
   *
   * @example <Readout labelColor={colors.textDim} />
   */
  @initial(colors.text)
  @signal()
  declare public readonly labelColor: SimpleSignal<string, this>;

  /**
   * Colour of the number.
   *
   * @example <Readout valueColor={colors.yellow} />
   */
  @initial(colors.yellow)
  @signal()
  declare public readonly valueColor: SimpleSignal<string, this>;

  public constructor(props: ReadoutProps) {
    super({layout: true, alignItems: 'center', fontSize: sizes.font.body, ...props});
    this.add(
      <Txt
        marginRight={() => (this.label() === '' ? 0 : sizes.space.s)}
        text={() => this.label()}
        fill={() => this.labelColor()}
        fontFamily={fonts.text}
      />,
    );
    // `pre` keeps the padding spaces: without it Txt collapses them and the field shrinks.
    this.add(<Txt text={() => this.text()} textWrap="pre" fill={() => this.valueColor()} fontFamily={fonts.mono} />);
  }

  /** The formatted number, always the same width. */
  @computed()
  public text(): string {
    return formatNumber(this.value(), this.digits(), this.intDigits(), this.signed(), this.notation());
  }
}
