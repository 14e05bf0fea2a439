import {Shape, type ShapeProps, computed, initial, signal} from '@motion-canvas/2d';
import {BBox, type SignalValue, type SimpleSignal} from '@motion-canvas/core';
import {colorAt} from '../math/colormap';
import {contours, evenLevels, type ContourLine} from '../math/contours';
import {sampleGrid, type Grid} from '../math/grid';
import type {Landscape} from '../math/landscapes';
import {hexToRgb, rgbToCss} from './colorMath';
import {DEFAULT_SAMPLE_SPACING, plotSize, samplesFor} from './contourMath';
import {SURFACE_COLORMAP, type OverlayStyle} from './Surface3D';
import {colors, sizes} from './theme';
import {boxPath} from './boxPath';

const FLAT: Grid = sampleGrid(() => 0, {xMin: -1, xMax: 1, yMin: -1, yMax: 1}, 2, 2);

/** A domain point: (x, y), or (x, y, z) as Surface3D's overlays give it (z is ignored). */
export type MapPoint = readonly [number, number] | readonly [number, number, number];

/** A path, point, arrow or slice line on the map, in domain coordinates: Surface3D's overlays fit too. */
export type MapOverlay = OverlayStyle &
  (
    | {kind: 'path'; points: readonly MapPoint[]}
    | {kind: 'point'; at: MapPoint}
    | {kind: 'arrow'; from: MapPoint; to: MapPoint}
    | {kind: 'slice'; axis: 'x' | 'y'; at: number}
  );

/** What the map samples itself: a height function and where to look (any engine `Landscape` is one). */
export type MapLandscape = Pick<Landscape, 'value' | 'bounds'>;

export interface ContourMapProps extends ShapeProps {
  grid?: SignalValue<Grid>;
  landscape?: SignalValue<MapLandscape | null>;
  sampleSpacing?: SignalValue<number>;
  levels?: SignalValue<readonly number[] | number>;
  colormap?: SignalValue<readonly string[]>;
  contourWidth?: SignalValue<number>;
  overlays?: SignalValue<readonly MapOverlay[]>;
  radius?: SignalValue<number>;
  equalAspect?: SignalValue<boolean>;
  childrenBelow?: SignalValue<boolean>;
}

/**
 * Contour lines of a landscape (the engine's marching squares), seen from above, with the same
 * overlays as {@link Surface3D} (paths, points, arrows, slices as lines) in domain coordinates,
 * 2-D or 3-D. The domain fills the node, y pointing up; `equalAspect` keeps its proportions.
 * Give a `landscape` and the map samples it itself, `sampleSpacing` pixels apart on screen, so
 * its contours stay smooth at any size; or give a ready `grid`.
 *
 * @example
 * ```tsx
 * <ContourMap landscape={{value: (x, y) => x * x + 3 * y * y, bounds: {xMin: -2, xMax: 2, yMin: -1, yMax: 1}}}
 *   equalAspect radius={16} levels={12} width={600} height={400}
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
  declare public readonly grid: SimpleSignal<Grid, this>;

  /**
   * A landscape to sample over its bounds instead of `grid` (an engine `Landscape`, or
   * `{value, bounds}`); null uses `grid`. An object, not a bare function: a function given to a
   * signal is read as the signal's getter.
   *
   * @example <ContourMap landscape={himmelblau()} levels={16} />
   */
  @initial(null)
  @signal()
  declare public readonly landscape: SimpleSignal<MapLandscape | null, this>;

  /**
   * Screen pixels between neighbouring samples of `landscape`: smaller is smoother and slower.
   *
   * @example <ContourMap landscape={bowl} sampleSpacing={2} />
   */
  @initial(DEFAULT_SAMPLE_SPACING)
  @signal()
  declare public readonly sampleSpacing: SimpleSignal<number, this>;

  /**
   * The contour levels, or how many evenly spaced levels to draw between the grid's min and max.
   *
   * @example <ContourMap levels={[0.5, 1, 2, 4, 8]} />
   */
  @initial(10)
  @signal()
  declare public readonly levels: SimpleSignal<readonly number[] | number, this>;

  /**
   * Line colours by level, low to high.
   *
   * @example <ContourMap colormap={[colors.blue, colors.yellow]} />
   */
  @initial(SURFACE_COLORMAP)
  @signal()
  declare public readonly colormap: SimpleSignal<readonly string[], this>;

  /**
   * Width of the contour lines in pixels.
   *
   * @example yield* map.contourWidth(4, 0.5)
   */
  @initial(sizes.stroke.contour * 0.6)
  @signal()
  declare public readonly contourWidth: SimpleSignal<number, this>;

  /**
   * Paths, points, arrows and slices in domain coordinates (height is ignored).
   *
   * @example <ContourMap overlays={() => [{kind: 'point', at: walker(), color: colors.yellow}]} />
   */
  @initial([])
  @signal()
  declare public readonly overlays: SimpleSignal<readonly MapOverlay[], this>;

  /**
   * Corner radius of the background and of the clip, in pixels.
   *
   * @example <ContourMap radius={16} fill={colors.surface} />
   */
  @initial(0)
  @signal()
  declare public readonly radius: SimpleSignal<number, this>;

  /**
   * Equal units on both axes: the domain is drawn as large as fits, centred, in its own proportions.
   *
   * @example <ContourMap equalAspect landscape={{value: valley, bounds: {xMin: -10, xMax: 10, yMin: -3, yMax: 3}}} />
   */
  @initial(false)
  @signal()
  declare public readonly equalAspect: SimpleSignal<boolean, this>;

  /**
   * Draw the children under the contours (axis lines, a grid) rather than over them.
   *
   * @example <ContourMap childrenBelow><Line points={[[-200, 0], [200, 0]]} stroke={colors.grey} /></ContourMap>
   */
  @initial(false)
  @signal()
  declare public readonly childrenBelow: SimpleSignal<boolean, this>;

  public constructor(props: ContourMapProps) {
    super({width: 400, height: 400, ...props});
  }

  /** The samples contoured: `landscape` at the on-screen spacing, or `grid`. */
  @computed()
  public sampled(): Grid {
    const land = this.landscape();
    if (!land) return this.grid();
    const [w, h] = plotSize(this.width(), this.height(), land.bounds, this.equalAspect());
    const spacing = this.sampleSpacing();
    return sampleGrid(land.value, land.bounds, samplesFor(w, spacing), samplesFor(h, spacing));
  }

  /** The contour lines, recomputed only when the samples or the levels change. */
  @computed()
  public lines(): ContourLine[] {
    const grid = this.sampled();
    const levels = this.levels();
    return contours(grid, typeof levels === 'number' ? evenLevels(grid.zMin, grid.zMax, levels) : levels);
  }

  /** The size the domain is drawn at: the node's, or smaller with `equalAspect`. */
  public plotSize(): [number, number] {
    return plotSize(this.width(), this.height(), this.sampled().bounds, this.equalAspect());
  }

  /** A domain point (x, y) in local pixels. */
  public toLocal(x: number, y: number): [number, number] {
    const {bounds: b} = this.sampled();
    const [width, height] = this.plotSize();
    return [((x - b.xMin) / (b.xMax - b.xMin) - 0.5) * width, (0.5 - (y - b.yMin) / (b.yMax - b.yMin)) * height];
  }

  protected override getPath(): Path2D {
    return boxPath(this.size(), this.radius());
  }

  protected override getCacheBBox(): BBox {
    return BBox.fromSizeCentered(this.size()).expand(this.lineWidth() / 2);
  }

  protected override draw(context: CanvasRenderingContext2D) {
    this.drawShape(context);
    if (this.childrenBelow()) this.drawChildren(context);
    const grid = this.sampled();
    const stops = this.colormap().map(hexToRgb);
    const span = grid.zMax - grid.zMin || 1;
    context.save();
    context.clip(this.getPath());
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
    if (!this.childrenBelow()) this.drawChildren(context);
  }

  private paintOverlay(context: CanvasRenderingContext2D, o: MapOverlay) {
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
      const {bounds: b} = this.sampled();
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
