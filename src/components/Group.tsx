import {Layout, type LayoutProps, Txt, initial, signal} from '@motion-canvas/2d';
import type {SignalValue, SimpleSignal} from '@motion-canvas/core';
import {colors, fonts, sizes} from './theme';

export interface GroupProps extends LayoutProps {
  title?: SignalValue<string>;
  titleColor?: SignalValue<string>;
  titleSize?: SignalValue<number>;
}

/**
 * A labelled group: a small dim heading above its children, stacked in a column.
 *
 * @example
 * ```tsx
 * <Group title="misclassified after each epoch" position={[330, 120]}>
 *   <Legend direction="row" entries={[{label: 'XOR', color: colors.red}]} />
 * </Group>
 * ```
 */
export class Group extends Layout {
  /**
   * The heading text.
   *
   * @example <Group title="weights" />
   */
  @initial('')
  @signal()
  declare public readonly title: SimpleSignal<string, this>;

  /**
   * Colour of the heading.
   *
   * @example <Group titleColor={colors.text} />
   */
  @initial(colors.textDim)
  @signal()
  declare public readonly titleColor: SimpleSignal<string, this>;

  /**
   * Heading size in pixels.
   *
   * @example <Group titleSize={36} />
   */
  @initial(sizes.font.tick)
  @signal()
  declare public readonly titleSize: SimpleSignal<number, this>;

  public constructor(props: GroupProps) {
    super({layout: true, direction: 'column', alignItems: 'start', gap: sizes.space.s, ...props});
    this.insert(
      <Txt
        text={() => this.title()}
        fill={() => this.titleColor()}
        fontSize={() => this.titleSize()}
        fontFamily={fonts.text}
      />,
      0,
    );
  }
}
