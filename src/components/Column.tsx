import {Layout, type LayoutProps} from '@motion-canvas/2d';
import {sizes} from './theme';

export type ColumnProps = LayoutProps;

/**
 * Children stacked top to bottom, left-aligned (a flexbox `Layout`, `direction="column"`).
 * Move the column and everything in it moves; `gap` sets the spacing, `alignItems` the alignment.
 *
 * @example
 * ```tsx
 * <Column position={[330, 75]} width={600} gap={24}>
 *   <Readout label="epoch" value={epoch} digits={0} />
 *   <Txt text="misclassified after each epoch" />
 * </Column>
 * ```
 */
export class Column extends Layout {
  public constructor(props: ColumnProps) {
    super({layout: true, direction: 'column', alignItems: 'start', gap: sizes.space.s, ...props});
  }
}
