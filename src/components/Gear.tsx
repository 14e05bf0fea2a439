import {Shape, type ShapeProps, computed, initial, signal} from '@motion-canvas/2d';
import {BBox, type SignalValue, type SimpleSignal, Vector2} from '@motion-canvas/core';
import type {Pair} from './axisMath';
import {gearOutline, markerRadius, outerRadius, pitchRadius, rootRadius} from './gearMath';
import {colors, sizes} from './theme';

export interface GearProps extends ShapeProps {
  teeth?: SignalValue<number>;
  module?: SignalValue<number>;
  angle?: SignalValue<number>;
  holes?: SignalValue<number>;
  markerColor?: SignalValue<string>;
  showPitchCircle?: SignalValue<boolean>;
}

/**
 * A spur gear with involute teeth. `angle` is in radians, counter-clockwise on screen
 * (as in maths), and is the direction of tooth 0 and of the marker dot; the node's own
 * `rotation` stays free. Pitch radius = module · teeth / 2; use {@link GearTrain} to mesh gears.
 *
 * @example
 * ```tsx
 * const x = createSignal(1);
 * view.add(<Gear teeth={20} module={14} angle={() => x()} fill={colors.blue} />);
 * yield* x(3, 2);
 * ```
 */
export class Gear extends Shape {
  /**
   * Number of teeth (rounded to an integer).
   *
   * @example <Gear teeth={24} />
   */
  @initial(16)
  @signal()
  declare public readonly teeth: SimpleSignal<number, this>;

  /**
   * Module in pixels: pitch diameter per tooth. Meshing gears share it.
   *
   * @example <Gear module={12} />
   */
  @initial(14)
  @signal()
  declare public readonly module: SimpleSignal<number, this>;

  /**
   * Turn of the gear in radians, counter-clockwise.
   *
   * @example yield* gear.angle(Math.PI, 2)
   */
  @initial(0)
  @signal()
  declare public readonly angle: SimpleSignal<number, this>;

  /**
   * Number of lightening holes around the hub (they make the turning visible); 0 for none.
   *
   * @example <Gear holes={0} />
   */
  @initial(5)
  @signal()
  declare public readonly holes: SimpleSignal<number, this>;

  /**
   * Colour of the marker dot that points along `angle`.
   *
   * @example <Gear markerColor={colors.red} />
   */
  @initial(colors.red)
  @signal()
  declare public readonly markerColor: SimpleSignal<string, this>;

  /**
   * Whether to draw the pitch circle as a dashed line.
   *
   * @example <Gear showPitchCircle />
   */
  @initial(false)
  @signal()
  declare public readonly showPitchCircle: SimpleSignal<boolean, this>;

  public constructor(props: GearProps) {
    super({fill: colors.gears[0], lineJoin: 'round', ...props});
  }

  /** The tooth outline at angle 0, in math coordinates; rebuilt only when teeth or module change. */
  @computed()
  protected outline(): Pair[] {
    return gearOutline(this.teeth(), this.module());
  }

  /** Pitch radius in pixels. */
  @computed()
  public pitchRadius(): number {
    return pitchRadius(Math.round(this.teeth()), this.module());
  }

  /** Local position of the marker dot (for tests and for pinning labels to the gear). */
  public markerPosition(): Vector2 {
    const r = this.markerRadius();
    const a = this.angle();
    return new Vector2(r * Math.cos(a), -r * Math.sin(a));
  }

  private markerRadius(): number {
    return markerRadius(Math.round(this.teeth()), this.module());
  }

  private hubRadius(): number {
    return Math.max(this.module() * 0.9, rootRadius(Math.round(this.teeth()), this.module()) * 0.16);
  }

  protected override getPath(): Path2D {
    const a = this.angle();
    const c = Math.cos(a),
      s = Math.sin(a);
    const path = new Path2D();
    // Rotate counter-clockwise in math coordinates, then flip y for the canvas.
    this.outline().forEach(([x, y], i) => {
      const px = c * x - s * y;
      const py = -(s * x + c * y);
      if (i === 0) path.moveTo(px, py);
      else path.lineTo(px, py);
    });
    path.closePath();

    const hub = this.hubRadius();
    path.moveTo(hub, 0);
    path.arc(0, 0, hub, 0, 2 * Math.PI);
    const n = Math.round(this.holes());
    const rf = rootRadius(Math.round(this.teeth()), this.module());
    const ring = (hub + rf) / 2;
    const hole = Math.min((rf - hub) * 0.3, ((Math.PI * ring) / Math.max(n, 1)) * 0.55);
    for (let k = 0; k < n && hole > 2; k++) {
      const ak = a + Math.PI / Math.max(n, 1) + (2 * Math.PI * k) / n;
      const hx = ring * Math.cos(ak),
        hy = -ring * Math.sin(ak);
      path.moveTo(hx + hole, hy);
      path.arc(hx, hy, hole, 0, 2 * Math.PI);
    }
    return path;
  }

  protected override getCacheBBox(): BBox {
    const r = outerRadius(Math.round(this.teeth()), this.module()) + this.lineWidth();
    return new BBox(-r, -r, 2 * r, 2 * r);
  }

  protected override drawShape(context: CanvasRenderingContext2D) {
    const path = this.getPath();
    context.save();
    this.applyStyle(context);
    // Even-odd fill turns the hub and the holes into holes.
    if (this.fill() !== null) context.fill(path, 'evenodd');
    if (this.lineWidth() > 0 && this.stroke() !== null) context.stroke(path);

    if (this.showPitchCircle()) {
      context.setLineDash([8, 8]);
      context.strokeStyle = colors.text;
      context.lineWidth = sizes.stroke.grid;
      context.beginPath();
      context.arc(0, 0, this.pitchRadius(), 0, 2 * Math.PI);
      context.stroke();
      context.setLineDash([]);
    }

    const m = this.markerPosition();
    context.fillStyle = this.markerColor();
    context.beginPath();
    context.arc(m.x, m.y, Math.max(6, this.module() * 0.55), 0, 2 * Math.PI);
    context.fill();
    context.restore();
  }
}
