import {Shape, type ShapeProps, computed, initial, signal} from '@motion-canvas/2d';
import {BBox, type SignalValue, type SimpleSignal} from '@motion-canvas/core';
import {type ContourLine, contourLines} from '../math/contours';
import {sampleGrid} from '../math/grid';
import type {Pair} from './axisMath';
import {type Classifier, fieldPixels} from './fieldMath';
import {asFunctionValue} from './functionSignal';
import {colors, sizes} from './theme';
import {boxPath} from './boxPath';

const HALF: Classifier = () => 0.5;

export interface DecisionFieldProps extends ShapeProps {
  classify?: SignalValue<Classifier>;
  xRange?: SignalValue<Pair>;
  yRange?: SignalValue<Pair>;
  resolution?: SignalValue<number>;
  level?: SignalValue<number>;
  contourColor?: SignalValue<string>;
  contourWidth?: SignalValue<number>;
}

/** A rasterised field: the heat-map image (one pixel per sample) and the contour in graph units. */
interface Raster {
  image: HTMLCanvasElement;
  contour: ContourLine[];
}

/**
 * A classifier's output over a rectangle of the plane, drawn as a heat map
 * (negative class colour → background at ½ → positive class colour) with the
 * decision boundary p = `level` as a line. The field is sampled on a grid of
 * `resolution` cells, independent of the pixel size, and sampled again only when
 * `classify`, the ranges or the resolution change. Give it the same ranges and size as
 * an {@link Axes} at the same position, and the two line up.
 *
 * @example
 * ```tsx
 * // snapshotAt(step) comes from the engine's training timeline.
 * <DecisionField
 *   classify={() => { const s = snapshotAt(step()); return (x, y) => predict(s, x, y); }}
 *   xRange={[-0.5, 1.5]} yRange={[-0.5, 1.5]} width={600} height={600}
 * />
 * ```
 */
export class DecisionField extends Shape {
  /**
   * p(positive | x, y) in [0, 1]. A bare `(x, y) => p` is stored as is; a getter
   * `() => classifier` picks a new classifier reactively (e.g. per training step).
   *
   * @example field.classify((x, y) => x > y ? 1 : 0)
   */
  @initial(() => HALF)
  @signal()
  declare public readonly classify: SimpleSignal<Classifier, this>;

  /**
   * The x range of the domain covered by the node's width.
   *
   * @example <DecisionField xRange={[-0.5, 1.5]} />
   */
  @initial<Pair>([-1, 1])
  @signal()
  declare public readonly xRange: SimpleSignal<Pair, this>;

  /**
   * The y range of the domain covered by the node's height (y up).
   *
   * @example <DecisionField yRange={[-0.5, 1.5]} />
   */
  @initial<Pair>([-1, 1])
  @signal()
  declare public readonly yRange: SimpleSignal<Pair, this>;

  /**
   * Samples along x; y gets the same spacing in graph units.
   *
   * @example <DecisionField resolution={64} />
   */
  @initial(120)
  @signal()
  declare public readonly resolution: SimpleSignal<number, this>;

  /**
   * The probability drawn as the boundary line.
   *
   * @example <DecisionField level={0.5} />
   */
  @initial(0.5)
  @signal()
  declare public readonly level: SimpleSignal<number, this>;

  /**
   * Colour of the boundary line.
   *
   * @example <DecisionField contourColor={colors.yellow} />
   */
  @initial(colors.text)
  @signal()
  declare public readonly contourColor: SimpleSignal<string, this>;

  /**
   * Width of the boundary line; 0 hides it.
   *
   * @example yield* field.contourWidth(0, 0.5)
   */
  @initial(sizes.stroke.contour)
  @signal()
  declare public readonly contourWidth: SimpleSignal<number, this>;

  private last: {key: string; classify: Classifier; raster: Raster} | null = null;

  public constructor(props: DecisionFieldProps) {
    super({width: 600, height: 600, ...props});
  }

  protected setClassify(value: SignalValue<Classifier>) {
    this.classify.context.setter(asFunctionValue(value));
  }

  /** Number of samples [nx, ny], corners included. */
  @computed()
  public gridSize(): Pair {
    const [x0, x1] = this.xRange();
    const [y0, y1] = this.yRange();
    const nx = Math.max(2, Math.round(this.resolution()));
    return [nx, Math.max(2, Math.round((nx * (y1 - y0)) / (x1 - x0)))];
  }

  /** The heat map and contour, rebuilt only when the classifier, ranges or resolution change. */
  @computed()
  protected raster(): Raster {
    const classify = this.classify();
    const xRange = this.xRange();
    const yRange = this.yRange();
    const [nx, ny] = this.gridSize();
    const key = `${xRange}|${yRange}|${nx}|${ny}|${this.level()}`;
    if (this.last && this.last.key === key && this.last.classify === classify) return this.last.raster;

    const bounds = {xMin: xRange[0], xMax: xRange[1], yMin: yRange[0], yMax: yRange[1]};
    const grid = sampleGrid(classify, bounds, nx, ny);
    const image = document.createElement('canvas');
    image.width = nx;
    image.height = ny;
    image.getContext('2d')!.putImageData(new ImageData(fieldPixels(grid), nx, ny), 0, 0);
    const raster = {image, contour: contourLines(grid, this.level())};
    this.last = {key, classify, raster};
    return raster;
  }

  protected override getPath(): Path2D {
    return boxPath(this.size());
  }

  protected override getCacheBBox(): BBox {
    return BBox.fromSizeCentered(this.size()).expand(this.lineWidth() / 2);
  }

  protected override draw(context: CanvasRenderingContext2D) {
    const {width, height} = this.size();
    const [nx, ny] = this.gridSize();
    const {image, contour} = this.raster();

    const [x0, x1] = this.xRange();
    const [y0, y1] = this.yRange();

    context.save();
    context.clip(this.getPath());
    // Samples include the domain corners, so pixel centres land on them: the image
    // overhangs the box by half a pixel on every side, and the clip trims it.
    const cw = width / (nx - 1);
    const ch = height / (ny - 1);
    context.imageSmoothingEnabled = true;
    context.imageSmoothingQuality = 'high';
    context.drawImage(image, -width / 2 - cw / 2, -height / 2 - ch / 2, width + cw, height + ch);

    const lw = this.contourWidth();
    if (lw > 0 && contour.length > 0) {
      const px = (x: number) => -width / 2 + ((x - x0) / (x1 - x0)) * width;
      const py = (y: number) => height / 2 - ((y - y0) / (y1 - y0)) * height;
      context.beginPath();
      for (const {points, closed} of contour) {
        for (let k = 0; k < points.length; k += 2) {
          if (k === 0) context.moveTo(px(points[0]), py(points[1]));
          else context.lineTo(px(points[k]), py(points[k + 1]));
        }
        if (closed) context.closePath();
      }
      context.strokeStyle = this.contourColor();
      context.lineWidth = lw;
      context.lineCap = 'round';
      context.lineJoin = 'round';
      context.stroke();
    }
    context.restore();

    this.drawShape(context);
    this.drawChildren(context);
  }
}
