import {initial, signal} from '@motion-canvas/2d';
import {BBox, type SignalValue, type SimpleSignal} from '@motion-canvas/core';
import {neuronFill} from './networkStyle';
import {PixelGrid, type PixelGridProps} from './PixelGrid';
import {colors, fonts, sizes} from './theme';

export interface WeightHeatmapProps extends PixelGridProps {
  activation?: SignalValue<number | null>;
  activationDigits?: SignalValue<number>;
  labelSize?: SignalValue<number>;
}

/**
 * A hidden neuron drawn as TensorFlow Playground draws it: its incoming weights laid out as the
 * input image (one cell per pixel), blue where a bright pixel pushes the neuron up, orange where
 * it pushes it down. Its activation on the current input colours the frame (dark at 0, light at
 * +1, orange at −1) and is printed under the picture.
 *
 * @example
 * ```tsx
 * // Row j of the first layer's W holds the 64 weights into hidden neuron j.
 * const w = net.layers[0].W.subarray(64 * j, 64 * j + 64);
 * <WeightHeatmap values={w} columns={8} cellSize={16} activation={() => hidden()[j]} />
 * ```
 */
export class WeightHeatmap extends PixelGrid {
  /**
   * The neuron's activation on the current input; null hides the frame colour and the number.
   *
   * @example <WeightHeatmap activation={() => reading().layers[1][j]} />
   */
  @initial(null)
  @signal()
  declare public readonly activation: SimpleSignal<number | null, this>;

  /**
   * Decimals of the printed activation.
   *
   * @example <WeightHeatmap activationDigits={1} />
   */
  @initial(2)
  @signal()
  declare public readonly activationDigits: SimpleSignal<number, this>;

  /**
   * Font size of the printed activation.
   *
   * @example <WeightHeatmap labelSize={30} />
   */
  @initial(sizes.font.tick)
  @signal()
  declare public readonly labelSize: SimpleSignal<number, this>;

  public constructor(props: WeightHeatmapProps) {
    super({palette: 'diverging', outlineWidth: 6, ...props});
  }

  /** Distance from the centre to the frame's outer edge, and to the activation label's centre. */
  public labelOffset(): number {
    const rows = Math.ceil(this.values().length / this.columns());
    return (rows * this.cellSize()) / 2 + this.outlineWidth() + sizes.space.s + this.labelSize() / 2;
  }

  /** The picture's box, and below it the printed activation. */
  protected override getCacheBBox(): BBox {
    const box = super.getCacheBBox();
    if (this.activation() === null) return box;
    const label = new BBox(
      -3 * this.labelSize(),
      this.labelOffset() - this.labelSize(),
      6 * this.labelSize(),
      2 * this.labelSize(),
    );
    return BBox.fromBBoxes(box, label);
  }

  protected override frameColor(): string | null {
    const a = this.activation();
    return a === null ? this.outline() : neuronFill(a);
  }

  protected override draw(context: CanvasRenderingContext2D) {
    super.draw(context);
    const a = this.activation();
    if (a === null) return;
    context.save();
    context.textAlign = 'center';
    context.textBaseline = 'middle';
    context.font = `${this.labelSize()}px "${fonts.mono}"`;
    context.fillStyle = a >= 0 ? colors.text : colors.weightNegative;
    context.fillText(`${a >= 0 ? '+' : '−'}${Math.abs(a).toFixed(this.activationDigits())}`, 0, this.labelOffset());
    context.restore();
  }
}
