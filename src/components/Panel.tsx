import {Rect, type RectProps} from '@motion-canvas/2d';
import {colors, sizes} from './theme';

export type PanelProps = RectProps;

/**
 * A plate that sizes itself to its content: a rounded `Rect` in the theme's surface colour with
 * padding, laying its children out in a column (`direction="row"` for a line).
 *
 * @example
 * ```tsx
 * <Panel position={[600, -300]}>
 *   <Latex tex="L(k_1, k_2)" />
 *   <Readout label="L =" value={loss} />
 * </Panel>
 * ```
 */
export class Panel extends Rect {
  public constructor(props: PanelProps) {
    super({
      layout: true,
      direction: 'column',
      alignItems: 'start',
      gap: sizes.space.s,
      padding: sizes.space.m,
      radius: 12,
      fill: colors.surface,
      ...props,
    });
  }
}
