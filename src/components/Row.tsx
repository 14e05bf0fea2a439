import {Layout, type LayoutProps} from '@motion-canvas/2d';
import {sizes} from './theme';

export type RowProps = LayoutProps;

/**
 * Children side by side, left to right, centred on one line (a flexbox `Layout`, `direction="row"`).
 * Place the row by its `position` (its centre, or a corner with `offset`); the children need no
 * coordinates. Components that are plain `Node`s (Knob, Axes, NetworkDiagram) stay outside rows: flexbox
 * would lay out their inner texts too.
 *
 * @example
 * ```tsx
 * <Row position={[330, -30]} gap={80}>
 *   <Readout label="step" value={step} digits={0} />
 *   <Readout label="loss" value={loss} digits={3} />
 * </Row>
 * ```
 */
export class Row extends Layout {
  public constructor(props: RowProps) {
    super({layout: true, direction: 'row', alignItems: 'center', gap: sizes.space.m, ...props});
  }
}
