import {Layout, type LayoutProps, Rect, Txt, initial, signal} from '@motion-canvas/2d';
import type {SignalValue, SimpleSignal} from '@motion-canvas/core';
import {colors, fonts, sizes} from './theme';

export interface TitleCardProps extends LayoutProps {
  zh?: SignalValue<string>;
  en?: SignalValue<string>;
  accent?: SignalValue<string>;
  zhSize?: SignalValue<number>;
  enSize?: SignalValue<number>;
}

/**
 * A section title: the Chinese title large (Noto Sans SC), a short accent rule, and the English
 * title below in the dim text colour. Centred on its position; the lecture puts one before each scene.
 *
 * @example
 * ```tsx
 * view.add(<TitleCard zh="链式法则就是一组齿轮" en="The chain rule as a gear train" />);
 * ```
 */
export class TitleCard extends Layout {
  /**
   * The Chinese title.
   *
   * @example card().zh('雾中下山')
   */
  @initial('')
  @signal()
  declare public readonly zh: SimpleSignal<string, this>;

  /**
   * The English title, below the rule.
   *
   * @example card().en('Descending a mountain in fog')
   */
  @initial('')
  @signal()
  declare public readonly en: SimpleSignal<string, this>;

  /**
   * Colour of the rule between the two titles.
   *
   * @example <TitleCard accent={colors.yellow} />
   */
  @initial(colors.blue)
  @signal()
  declare public readonly accent: SimpleSignal<string, this>;

  /**
   * Font size of the Chinese title.
   *
   * @example <TitleCard zhSize={80} />
   */
  @initial(88)
  @signal()
  declare public readonly zhSize: SimpleSignal<number, this>;

  /**
   * Font size of the English title.
   *
   * @example <TitleCard enSize={40} />
   */
  @initial(sizes.font.body)
  @signal()
  declare public readonly enSize: SimpleSignal<number, this>;

  public constructor(props: TitleCardProps) {
    super({layout: true, direction: 'column', alignItems: 'center', gap: sizes.space.l, ...props});
    this.add(<Txt text={() => this.zh()} fill={colors.text} fontSize={() => this.zhSize()} fontFamily={fonts.cjk} />);
    this.add(
      <Rect width={160} height={sizes.stroke.curve} radius={sizes.stroke.curve / 2} fill={() => this.accent()} />,
    );
    this.add(
      <Txt text={() => this.en()} fill={colors.textDim} fontSize={() => this.enSize()} fontFamily={fonts.text} />,
    );
  }
}
