import {Rect, type RectProps, Txt, initial, signal} from '@motion-canvas/2d';
import type {SignalValue, SimpleSignal, ThreadGenerator} from '@motion-canvas/core';
import {colors, fonts, sizes, slots} from './theme';

export interface CaptionProps extends RectProps {
  zh?: SignalValue<string>;
  en?: SignalValue<string>;
  zhColor?: SignalValue<string>;
  enColor?: SignalValue<string>;
  zhSize?: SignalValue<number>;
  enSize?: SignalValue<number>;
}

/**
 * A caption line: short Chinese text (Noto Sans SC) with its English below, on a
 * translucent band so it reads over any picture. It sits at the bottom of the frame, inside the
 * title-safe area (`slots.captionY`), unless given a `y`.
 *
 * @example
 * ```tsx
 * const cap = createRef<Caption>();
 * view.add(<Caption ref={cap} zh="每个参数都是一个旋钮" en="Every parameter is a knob" />);
 * yield* cap().opacity(1, 0.3);
 * ```
 */
export class Caption extends Rect {
  /**
   * The Chinese line; empty for none.
   *
   * @example cap().zh('链式法则')
   */
  @initial('')
  @signal()
  declare public readonly zh: SimpleSignal<string, this>;

  /**
   * The English line; empty for none.
   *
   * @example cap().en('The chain rule')
   */
  @initial('')
  @signal()
  declare public readonly en: SimpleSignal<string, this>;

  /**
   * Colour of the Chinese line.
   *
   * @example <Caption zhColor={colors.text} />
   */
  @initial(colors.text)
  @signal()
  declare public readonly zhColor: SimpleSignal<string, this>;

  /**
   * Colour of the English line.
   *
   * @example <Caption enColor={colors.textDim} />
   */
  @initial(colors.textDim)
  @signal()
  declare public readonly enColor: SimpleSignal<string, this>;

  /**
   * Font size of the Chinese line.
   *
   * @example <Caption zhSize={48} />
   */
  @initial(sizes.font.caption)
  @signal()
  declare public readonly zhSize: SimpleSignal<number, this>;

  /**
   * Font size of the English line.
   *
   * @example <Caption enSize={30} />
   */
  @initial(sizes.font.captionEn)
  @signal()
  declare public readonly enSize: SimpleSignal<number, this>;

  public constructor(props: CaptionProps) {
    super({
      layout: true,
      direction: 'column',
      alignItems: 'center',
      gap: sizes.space.xs,
      padding: [sizes.space.s, sizes.space.l],
      radius: 12,
      fill: `${colors.background}d0`,
      y: slots.captionY,
      ...props,
    });
    this.add(
      <Txt text={() => this.zh()} fill={() => this.zhColor()} fontSize={() => this.zhSize()} fontFamily={fonts.cjk} />,
    );
    this.add(
      <Txt text={() => this.en()} fill={() => this.enColor()} fontSize={() => this.enSize()} fontFamily={fonts.text} />,
    );
  }

  /**
   * Fades the caption out, changes both lines, and fades it back in.
   *
   * @example yield* cap().swap({zh: '反向传播', en: 'Backpropagation'})
   */
  public *swap(line: {zh: string; en: string}, fade = 0.3): ThreadGenerator {
    if (this.opacity() > 0) yield* this.opacity(0, fade);
    this.zh(line.zh).en(line.en);
    yield* this.opacity(1, fade);
  }
}
