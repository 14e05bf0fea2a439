import {Shape, type ShapeProps, computed, initial, signal} from '@motion-canvas/2d';
import {BBox, type SignalValue, type SimpleSignal} from '@motion-canvas/core';
import {colorAt} from '../math/colormap';
import {contours, evenLevels, type ContourLine} from '../math/contours';
import {sampleGrid, type Grid} from '../math/grid';
import {hexToRgb, rgbToCss} from './colorMath';
import {SURFACE_COLORMAP, type SurfaceOverlay} from './Surface3D';
import {colors, sizes} from './theme';
import {boxPath} from './boxPath';

const FLAT: Grid = sampleGrid(() => 0, {xMin: -1, xMax: 1, yMin: -1, yMax: 1}, 2, 2);

export interface ContourMapProps extends ShapeProps {
  grid?: SignalValue<Grid>;
  levels?: SignalValue<readonly number[] | number>;
  colormap?: SignalValue<readonly string[]>;
  contourWidth?: SignalValue<number>;
  overlays?: SignalValue<readonly SurfaceOverlay[]>;
}

/**
 * Contour lines of a sampled landscape (the engine's marching squares), seen from above,
 * with the same overlays as {@link Surface3D}: paths, points, arrows and slices (as lines),
 * in domain coordinates. The grid's bounds fill the node, with y pointing up.
 *
 * @example
 * ```tsx
 * <ContourMap grid={sampleLandscape(bowl, 80, 80)} levels={12} width={400} height={400}
 *   overlays={() => [{kind: 'path', points: trail(), color: colors.red}]} />
 * ```
 */
export class ContourMap extends Shape {
  /**
   * The sampled landscape (`sampleGrid` / `sampleLandscape`).
   *
   * @example <ContourMap grid={sampleLandscape(terrain, 96, 96)} />
   */
  @initial(FLAT)
  @signal()
  public declare readonly grid: SimpleSignal<Grid, this>;

  /**
   * The contour levels, or how many evenly spaced levels to draw between the grid's min and max.
   *
   * @example <ContourMap levels={[0.5, 1, 2, 4, 8]} />
   */
  @initial(10)
  @signal()
  public declare readonly levels: SimpleSignal<readonly number[] | number, this>;

  /**
   * Line colours by level, low to high.
   *
   * @example <ContourMap colormap={[colors.blue, colors.yellow]} />
   */
  @initial(SURFACE_COLORMAP)
  @signal()
  public declare readonly colormap: SimpleSignal<readonly string[], this>;

  /**
   * Width of the contour lines in pixels.
   *
   * @example yield* map.contourWidth(4, 0.5)
   */
  @initial(sizes.stroke.contour * 0.6)
  @signal()
  public declare readonly contourWidth: SimpleSignal<number, this>;

  /**
   * Paths, points, arrows and slices in domain coordinates (height is ignored).
   *
   * @example <ContourMap overlays={() => [{kind: 'point', at: walker(), color: colors.yellow}]} />
   */
  @initial([])
  @signal()
  public declare readonly overlays: SimpleSignal<readonly SurfaceOverlay[], this>;

  public constructor(props: ContourMapProps) {
    super({width: 400, height: 400, ...props});
  }

  /** The contour lines, recomputed only when the grid or the levels change. */
  @computed()
  public lines(): ContourLine[] {
    const grid = this.grid();
    const levels = this.levels();
    return contours(grid, typeof levels === 'number' ? evenLevels(grid.zMin, grid.zMax, levels) : levels);
  }

  /** A domain point (x, y) in local pixels. */
  public toLocal(x: number, y: number): [number, number] {
    const {bounds: b} = this.grid();
    const {width, height} = this.size();
    return [((x - b.xMin) / (b.xMax - b.xMin) - 0.5) * width, (0.5 - (y - b.yMin) / (b.yMax - b.yMin)) * height];
  }

  protected override getPath(): Path2D {
    return boxPath(this.size());
  }

  protected override getCacheBBox(): BBox {
    return BBox.fromSizeCentered(this.size()).expand(this.lineWidth() / 2);
  }

  protected override draw(context: CanvasRenderingContext2D) {
    this.drawShape(context);
    const grid = this.grid();
    const stops = this.colormap().map(hexToRgb);
    const span = grid.zMax - grid.zMin || 1;
    const {width, height} = this.size();
    context.save();
    context.beginPath();
    context.rect(-width / 2, -height / 2, width, height);
    context.clip();
    context.lineJoin = 'round';
    context.lineCap = 'round';
    context.lineWidth = this.contourWidth();
    for (const line of this.lines()) {
      context.strokeStyle = rgbToCss(colorAt(stops, (line.level - grid.zMin) / span));
      context.beginPath();
      const p = line.points;
      for (let n = 0; n < p.length; n += 2) context.lineTo(...this.toLocal(p[n], p[n + 1]));
      if (line.closed) context.closePath();
      context.stroke();
    }
    for (const overlay of this.overlays()) this.paintOverlay(context, overlay);
    context.restore();
    this.drawChildren(context);
  }

  private paintOverlay(context: CanvasRenderingContext2D, o: SurfaceOverlay) {
    context.globalAlpha = o.opacity ?? 1;
    context.strokeStyle = o.color;
    context.fillStyle = o.color;
    context.lineWidth = o.width ?? sizes.stroke.curve * 0.7;
    if (o.kind === 'point') {
      const [x, y] = this.toLocal(o.at[0], o.at[1]);
      const radius = o.radius ?? sizes.point / 2;
      context.beginPath();
      context.arc(x, y, radius, 0, 2 * Math.PI);
      context.fill();
      context.lineWidth = Math.max(2, radius * 0.25);
      context.strokeStyle = colors.background;
      context.stroke();
    } else if (o.kind === 'path') {
      context.beginPath();
      for (const p of o.points) context.lineTo(...this.toLocal(p[0], p[1]));
      context.stroke();
    } else if (o.kind === 'arrow') {
      const [x0, y0] = this.toLocal(o.from[0], o.from[1]);
      const [x1, y1] = this.toLocal(o.to[0], o.to[1]);
      const len = Math.hypot(x1 - x0, y1 - y0) || 1;
      const [ux, uy] = [(x1 - x0) / len, (y1 - y0) / len];
      const size = 3 * context.lineWidth;
      context.beginPath();
      context.moveTo(x0, y0);
      context.lineTo(x1 - ux * size * 0.8, y1 - uy * size * 0.8);
      context.stroke();
      context.beginPath();
      context.moveTo(x1, y1);
      context.lineTo(x1 - ux * size - uy * size * 0.5, y1 - uy * size + ux * size * 0.5);
      context.lineTo(x1 - ux * size + uy * size * 0.5, y1 - uy * size - ux * size * 0.5);
      context.closePath();
      context.fill();
    } else {
      const {bounds: b} = this.grid();
      const [a, c] =
        o.axis === 'x'
          ? [this.toLocal(o.at, b.yMin), this.toLocal(o.at, b.yMax)]
          : [this.toLocal(b.xMin, o.at), this.toLocal(b.xMax, o.at)];
      context.beginPath();
      context.moveTo(...a);
      context.lineTo(...c);
      context.stroke();
    }
    context.globalAlpha = 1;
  }
}
