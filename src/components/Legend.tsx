import {Circle, Layout, Line, Rect, type RectProps, Txt, initial, signal} from '@motion-canvas/2d';
import type {SignalValue, SimpleSignal} from '@motion-canvas/core';
import {colors, fonts, sizes} from './theme';

/** One legend row: a swatch in `color` and its label. */
export interface LegendEntry {
  label: string;
  color: string;
  /** The swatch: a filled box (default), a line stroke, or a dot. */
  kind?: 'box' | 'line' | 'dot';
}

export interface LegendProps extends RectProps {
  entries?: LegendEntry[];
  fontSize?: SignalValue<number>;
  swatch?: SignalValue<number>;
  textColor?: SignalValue<string>;
}

/**
 * A legend: swatches with labels, laid out by flexbox (a column by default; `direction="row"` for
 * one line), on an optional plate (`fill`, `padding`, `radius` as on any `Rect`).
 *
 * @example
 * ```tsx
 * <Legend x={700} y={-380} entries={[
 *   {label: 'degree 1', color: colors.orange, kind: 'line'},
 *   {label: 'training data', color: colors.text, kind: 'dot'},
 * ]} />
 * ```
 */
export class Legend extends Rect {
  /**
   * Label size in pixels.
   *
   * @example <Legend fontSize={32} />
   */
  @initial(sizes.font.tick)
  @signal()
  declare public readonly fontSize: SimpleSignal<number, this>;

  /**
   * Side of a swatch in pixels (a line swatch is twice as long).
   *
   * @example <Legend swatch={24} />
   */
  @initial(24)
  @signal()
  declare public readonly swatch: SimpleSignal<number, this>;

  /**
   * Colour of the labels.
   *
   * @example <Legend textColor={colors.textDim} />
   */
  @initial(colors.text)
  @signal()
  declare public readonly textColor: SimpleSignal<string, this>;

  public constructor({entries = [], ...props}: LegendProps) {
    super({layout: true, direction: 'column', alignItems: 'start', gap: sizes.space.s, ...props});
    for (const entry of entries) this.add(this.row(entry));
  }

  private row({label, color, kind = 'box'}: LegendEntry) {
    const s = () => this.swatch();
    const mark =
      kind === 'line' ? (
        <Line
          points={() => [
            [0, 0],
            [2 * s(), 0],
          ]}
          stroke={color}
          lineWidth={sizes.stroke.curve}
          lineCap="round"
          layout={false}
        />
      ) : kind === 'dot' ? (
        <Circle size={() => 0.7 * s()} fill={color} layout={false} />
      ) : (
        <Rect size={s} radius={4} fill={color} layout={false} />
      );
    // The swatch sits in a fixed box, so every label starts at the same x.
    const box = (
      <Layout width={() => 2 * s()} height={s}>
        {mark}
      </Layout>
    ) as Layout;
    mark.position(() => (kind === 'line' ? [-s(), 0] : [0, 0]));
    return (
      <Layout alignItems="center" gap={sizes.space.s}>
        {box}
        <Txt text={label} fill={() => this.textColor()} fontFamily={fonts.text} fontSize={() => this.fontSize()} />
      </Layout>
    );
  }
}
