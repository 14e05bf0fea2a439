import {Node, type NodeProps, initial, signal} from '@motion-canvas/2d';
import {BBox, type SignalValue, type SimpleSignal} from '@motion-canvas/core';
import type {Pair} from './axisMath';
import type {Rgb} from './colorMath';
import {rgbToCss} from './colorMath';
import {columnCellCenter, divergingColor, greyColor, gridCellCenter, inkOn, pixelGridBounds} from './pixelMath';
import {colors, fonts, sizes} from './theme';

export interface PixelGridProps extends NodeProps {
  values?: SignalValue<ArrayLike<number>>;
  columns?: SignalValue<number>;
  cellSize?: SignalValue<number>;
  gap?: SignalValue<number>;
  palette?: SignalValue<'grey' | 'diverging'>;
  valueScale?: SignalValue<number | null>;
  showValues?: SignalValue<number>;
  valueDigits?: SignalValue<number>;
  fontSize?: SignalValue<number>;
  flatten?: SignalValue<number>;
  columnX?: SignalValue<number>;
  columnPitch?: SignalValue<number>;
  columnCell?: SignalValue<number>;
  outline?: SignalValue<string | null>;
  outlineWidth?: SignalValue<number>;
}

/**
 * A small image drawn as a grid of square cells: grey levels for a picture in [0, 1] (0 black,
 * 1 white), or diverging colours for signed values such as weights. It can print each cell's number,
 * and `flatten` slides the cells, row by row, into one vertical column: the image becoming an input vector.
 *
 * @example
 * ```tsx
 * // A digit from the engine, zoomed until its pixels show their numbers.
 * <PixelGrid values={digit} columns={8} cellSize={90} showValues={1} />
 * // The same pixels as a column of 64 inputs.
 * <PixelGrid values={digit} columns={8} cellSize={30} flatten={1} columnX={-400} columnPitch={12} columnCell={10} />
 * ```
 */
export class PixelGrid extends Node {
  /**
   * The cell values, row by row.
   *
   * @example <PixelGrid values={() => test.inputs.subarray(64 * s(), 64 * s() + 64)} />
   */
  @initial([])
  @signal()
  declare public readonly values: SimpleSignal<ArrayLike<number>, this>;

  /**
   * Cells per row.
   *
   * @example <PixelGrid columns={8} />
   */
  @initial(8)
  @signal()
  declare public readonly columns: SimpleSignal<number, this>;

  /**
   * Side of one cell in pixels, gap included (cells are `cellSize − gap` wide).
   *
   * @example <PixelGrid cellSize={60} />
   */
  @initial(40)
  @signal()
  declare public readonly cellSize: SimpleSignal<number, this>;

  /**
   * Space between neighbouring cells in pixels; 0 draws a seamless image.
   *
   * @example <PixelGrid gap={2} />
   */
  @initial(0)
  @signal()
  declare public readonly gap: SimpleSignal<number, this>;

  /**
   * 'grey' for images in [0, 1], 'diverging' for signed values (blue > 0, orange < 0).
   *
   * @example <PixelGrid palette="diverging" valueScale={2} />
   */
  @initial('grey')
  @signal()
  declare public readonly palette: SimpleSignal<'grey' | 'diverging', this>;

  /**
   * |value| at which the diverging colours saturate; null uses the largest |value|.
   *
   * @example <PixelGrid palette="diverging" valueScale={1.5} />
   */
  @initial(null)
  @signal()
  declare public readonly valueScale: SimpleSignal<number | null, this>;

  /**
   * Opacity of the printed numbers, 0 to hide them.
   *
   * @example yield* grid.showValues(1, 0.5)
   */
  @initial(0)
  @signal()
  declare public readonly showValues: SimpleSignal<number, this>;

  /**
   * Decimals of the printed numbers.
   *
   * @example <PixelGrid valueDigits={1} />
   */
  @initial(1)
  @signal()
  declare public readonly valueDigits: SimpleSignal<number, this>;

  /**
   * Font size of the printed numbers.
   *
   * @example <PixelGrid fontSize={28} />
   */
  @initial(sizes.font.tick)
  @signal()
  declare public readonly fontSize: SimpleSignal<number, this>;

  /**
   * 0 draws the grid, 1 the column; between, every cell is on its way (later rows leave later).
   *
   * @example yield* grid.flatten(1, 2)
   */
  @initial(0)
  @signal()
  declare public readonly flatten: SimpleSignal<number, this>;

  /**
   * x of the column the cells flatten into, in local pixels.
   *
   * @example <PixelGrid columnX={-300} />
   */
  @initial(0)
  @signal()
  declare public readonly columnX: SimpleSignal<number, this>;

  /**
   * Distance between cell centres in the column.
   *
   * @example <PixelGrid columnPitch={12} />
   */
  @initial(12)
  @signal()
  declare public readonly columnPitch: SimpleSignal<number, this>;

  /**
   * Side of a cell once it is in the column.
   *
   * @example <PixelGrid columnCell={10} />
   */
  @initial(10)
  @signal()
  declare public readonly columnCell: SimpleSignal<number, this>;

  /**
   * Colour of a frame around the grid; null for none.
   *
   * @example <PixelGrid outline={colors.highlight} />
   */
  @initial(colors.grid)
  @signal()
  declare public readonly outline: SimpleSignal<string | null, this>;

  /**
   * Width of the frame.
   *
   * @example <PixelGrid outlineWidth={6} />
   */
  @initial(sizes.stroke.outline)
  @signal()
  declare public readonly outlineWidth: SimpleSignal<number, this>;

  public constructor(props: PixelGridProps) {
    super(props);
  }

  /** The frame's colour; subclasses may derive it from their own state. */
  protected frameColor(): string | null {
    return this.outline();
  }

  /** The colour of one value under the current palette. */
  public colorOf(v: number): Rgb {
    if (this.palette() === 'grey') return greyColor(v);
    return divergingColor(v, this.valueScale() ?? this.maxAbs());
  }

  private maxAbs(): number {
    let m = 0;
    for (const v of Array.from(this.values())) m = Math.max(m, Math.abs(v));
    return m;
  }

  /** How far cell k has gone from the grid to the column: rows leave one after another. */
  private progress(k: number, count: number): number {
    const t = this.flatten();
    if (t <= 0 || t >= 1) return t <= 0 ? 0 : 1;
    const rows = Math.ceil(count / this.columns());
    const row = Math.floor(k / this.columns());
    const spread = 0.5; // the share of the move over which departures are spread
    const start = rows > 1 ? (spread * row) / (rows - 1) : 0;
    const u = Math.min(1, Math.max(0, (t - start) / (1 - spread)));
    return u * u * (3 - 2 * u); // smoothstep
  }

  /**
   * Centre of cell k in local pixels, wherever `flatten` has taken it.
   *
   * @example marker.position(() => grid.cellPosition(27))
   */
  public cellCenter(k: number): Pair {
    const count = this.values().length;
    const a = gridCellCenter(k, count, this.columns(), this.cellSize());
    const b = columnCellCenter(k, count, this.columnX(), this.columnPitch());
    const t = this.progress(k, count);
    return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
  }

  /** Where the grid, its frame and its flattened column paint: the box a fading grid is cached in. */
  protected override getCacheBBox(): BBox {
    const lw = this.frameColor() ? this.outlineWidth() : 0;
    const [x, y, w, h] = pixelGridBounds(
      this.values().length,
      this.columns(),
      this.cellSize(),
      lw,
      this.columnX(),
      this.columnPitch(),
      this.columnCell(),
    );
    return new BBox(x, y, w, h).expand(2);
  }

  protected override draw(context: CanvasRenderingContext2D) {
    const values = Array.from(this.values());
    const count = values.length;
    const cols = this.columns();
    const pitch = this.cellSize();
    const side = Math.max(0, pitch - this.gap());
    context.save();

    const outline = this.frameColor();
    if (outline && this.flatten() < 1 && count > 0) {
      const rows = Math.ceil(count / cols);
      const lw = this.outlineWidth();
      context.globalAlpha = 1 - this.flatten();
      context.strokeStyle = outline;
      context.lineWidth = lw;
      context.strokeRect(
        (-cols * pitch) / 2 - lw / 2,
        (-rows * pitch) / 2 - lw / 2,
        cols * pitch + lw,
        rows * pitch + lw,
      );
      context.globalAlpha = 1;
    }

    const text = this.showValues();
    const digits = this.valueDigits();
    context.textAlign = 'center';
    context.textBaseline = 'middle';
    context.font = `${this.fontSize()}px "${fonts.mono}"`;
    values.forEach((v, k) => {
      const t = this.progress(k, count);
      const s = side + (this.columnCell() - side) * t;
      const [x, y] = this.cellCenter(k);
      const rgb = this.colorOf(v);
      context.fillStyle = rgbToCss(rgb);
      context.fillRect(x - s / 2, y - s / 2, s, s);
      if (text > 0 && t === 0) {
        context.globalAlpha = text;
        context.fillStyle = inkOn(rgb);
        context.fillText(v.toFixed(digits), x, y);
        context.globalAlpha = 1;
      }
    });
    context.restore();
    this.drawChildren(context);
  }
}
