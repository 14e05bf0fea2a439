import {Shape, type ShapeProps, computed, initial, signal} from '@motion-canvas/2d';
import {BBox, type SignalValue, type SimpleSignal} from '@motion-canvas/core';
import {fogAmount, radialFog} from '../math/fog';
import {buildSurfaceMesh, projectMesh, shadeFaces, toWorld, type SurfaceMesh} from '../math/mesh';
import {sampleGrid} from '../math/grid';
import {overlayPrimitives, placePrimitives, sortFaces, type FaceOrder, type OverlayShape, type Primitive} from '../math/painter';
import {makeView, project, type OrbitCamera, type ScreenPoint, type Vec3, type View} from '../math/projection';
import {hexToRgb, mixRgb, type Rgb} from './colorMath';
import {colors, sizes} from './theme';

/** How an overlay looks: colour, stroke width or point radius in pixels, opacity. */
export interface OverlayStyle {
  color: string;
  width?: number;
  radius?: number;
  opacity?: number;
}

/** A path, point, arrow or vertical slice plane, in the surface's domain coordinates, with its look. */
export type SurfaceOverlay = OverlayShape & OverlayStyle;

/** Low to high: the default colour map by height. */
export const SURFACE_COLORMAP: readonly string[] = [
  toHex(mixRgb(hexToRgb(colors.background), hexToRgb(colors.blue), 0.45)),
  colors.blue,
  colors.green,
  colors.yellow,
];

const FLAT: SurfaceMesh = buildSurfaceMesh(sampleGrid(() => 0, {xMin: -1, xMax: 1, yMin: -1, yMax: 1}, 2, 2));
const DEG = Math.PI / 180;
// Faces are grown by this many pixels so that neighbours overlap and no background shows at their seams.
const SEAM = 0.6;

export interface Surface3DProps extends ShapeProps {
  mesh?: SignalValue<SurfaceMesh>;
  azimuth?: SignalValue<number>;
  elevation?: SignalValue<number>;
  distance?: SignalValue<number>;
  fov?: SignalValue<number>;
  orthographic?: SignalValue<boolean>;
  target?: SignalValue<Vec3>;
  colormap?: SignalValue<readonly string[]>;
  light?: SignalValue<Vec3>;
  ambient?: SignalValue<number>;
  wireframe?: SignalValue<number>;
  wireColor?: SignalValue<string>;
  fogColor?: SignalValue<string>;
  fogNear?: SignalValue<number>;
  fogFar?: SignalValue<number>;
  fogCenter?: SignalValue<Vec3 | null>;
  fogRadius?: SignalValue<number>;
  fogSoftness?: SignalValue<number>;
  overlays?: SignalValue<readonly SurfaceOverlay[]>;
}

/** The camera-dependent part of a frame, recomputed only when the camera or the shading changes. */
interface Frame {
  view: View;
  screen: Float64Array;
  faces: FaceOrder;
  depth: Float64Array;
}

/**
 * A surface z = f(x, y) drawn with Canvas2D: the engine builds the mesh, projects it with an
 * orbit camera, shades it (Lambert, colour by height) and orders faces and overlays
 * (painter's algorithm for height fields); this node only paints the result.
 * The node's size is the viewport; its centre is where the camera target appears.
 *
 * @example
 * ```tsx
 * const mesh = buildSurfaceMesh(sampleLandscape(terrain, 40, 40));
 * const surface = <Surface3D mesh={mesh} width={1920} height={1080} azimuth={-60} elevation={35} /> as Surface3D;
 * yield* surface.azimuth(30, 4); // orbit
 * ```
 */
export class Surface3D extends Shape {
  /**
   * The surface mesh from the engine (`buildSurfaceMesh`), usually built once per scene.
   *
   * @example <Surface3D mesh={buildSurfaceMesh(sampleLandscape(bowl, 40, 40))} />
   */
  @initial(FLAT)
  @signal()
  public declare readonly mesh: SimpleSignal<SurfaceMesh, this>;

  /**
   * Camera azimuth in degrees, measured in the ground plane from +x towards +y.
   *
   * @example yield* surface.azimuth(surface.azimuth() + 90, 6)
   */
  @initial(-60)
  @signal()
  public declare readonly azimuth: SimpleSignal<number, this>;

  /**
   * Camera elevation above the ground plane, in degrees (90 looks straight down).
   *
   * @example <Surface3D elevation={35} />
   */
  @initial(35)
  @signal()
  public declare readonly elevation: SimpleSignal<number, this>;

  /**
   * Distance from the camera to its target, in world units (the mesh spans [−1, 1]² by default).
   *
   * @example yield* surface.distance(3, 2) // move in
   */
  @initial(4.2)
  @signal()
  public declare readonly distance: SimpleSignal<number, this>;

  /**
   * Vertical field of view in degrees.
   *
   * @example <Surface3D fov={35} />
   */
  @initial(40)
  @signal()
  public declare readonly fov: SimpleSignal<number, this>;

  /**
   * Orthographic instead of perspective projection.
   *
   * @example <Surface3D orthographic />
   */
  @initial(false)
  @signal()
  public declare readonly orthographic: SimpleSignal<boolean, this>;

  /**
   * The world point the camera looks at and orbits around.
   *
   * @example <Surface3D target={[0, 0, 0.3]} />
   */
  @initial<Vec3>([0, 0, 0.3])
  @signal()
  public declare readonly target: SimpleSignal<Vec3, this>;

  /**
   * Colours by height, low to high, as '#rrggbb'.
   *
   * @example <Surface3D colormap={[colors.purple, colors.yellow]} />
   */
  @initial(SURFACE_COLORMAP)
  @signal()
  public declare readonly colormap: SimpleSignal<readonly string[], this>;

  /**
   * Direction towards the light, world space (z up).
   *
   * @example <Surface3D light={[-1, -1, 2]} />
   */
  @initial<Vec3>([-0.5, -0.8, 1.2])
  @signal()
  public declare readonly light: SimpleSignal<Vec3, this>;

  /**
   * Brightness of faces turned away from the light, 0–1.
   *
   * @example <Surface3D ambient={0.3} />
   */
  @initial(0.35)
  @signal()
  public declare readonly ambient: SimpleSignal<number, this>;

  /**
   * Width in pixels of the grid lines drawn on each face; 0 draws none.
   *
   * @example yield* surface.wireframe(1.5, 1)
   */
  @initial(0)
  @signal()
  public declare readonly wireframe: SimpleSignal<number, this>;

  /**
   * Colour of the wireframe lines.
   *
   * @example <Surface3D wireColor={colors.grid} />
   */
  @initial(colors.background)
  @signal()
  public declare readonly wireColor: SimpleSignal<string, this>;

  /**
   * The colour faces fade to in fog.
   *
   * @example <Surface3D fogColor={colors.background} />
   */
  @initial(colors.background)
  @signal()
  public declare readonly fogColor: SimpleSignal<string, this>;

  /**
   * Distance fog: faces nearer than fogNear (world units from the eye) are clear.
   *
   * @example <Surface3D fogNear={3.5} fogFar={6} />
   */
  @initial(Infinity)
  @signal()
  public declare readonly fogNear: SimpleSignal<number, this>;

  /**
   * Distance fog: faces farther than fogFar are fully fogged.
   *
   * @example <Surface3D fogNear={3.5} fogFar={6} />
   */
  @initial(Infinity)
  @signal()
  public declare readonly fogFar: SimpleSignal<number, this>;

  /**
   * Centre (domain x, y, height) of a clearing in the fog, or null for none. Faces and
   * overlays horizontally farther than 1.3·fogRadius from it turn into fog; a {@link Fog}
   * child draws the clearing's soft edge.
   *
   * @example <Surface3D fogCenter={() => walkerAt(step())} fogRadius={0.9} />
   */
  @initial(null)
  @signal()
  public declare readonly fogCenter: SimpleSignal<Vec3 | null, this>;

  /**
   * Radius of the clearing, in domain x units; tween it up to lift the fog.
   *
   * @example yield* surface.fogRadius(20, 3)
   */
  @initial(1)
  @signal()
  public declare readonly fogRadius: SimpleSignal<number, this>;

  /**
   * Width of the clearing's soft edge (drawn by {@link Fog}), as a fraction of the radius.
   *
   * @example <Surface3D fogSoftness={0.35} />
   */
  @initial(0.35)
  @signal()
  public declare readonly fogSoftness: SimpleSignal<number, this>;

  /**
   * Paths, points, arrows and slice planes in domain coordinates, sorted among the faces.
   *
   * @example <Surface3D overlays={() => [{kind: 'path', points: trail(), onSurface: true, color: colors.red}]} />
   */
  @initial([])
  @signal()
  public declare readonly overlays: SimpleSignal<readonly SurfaceOverlay[], this>;

  public constructor(props: Surface3DProps) {
    super({width: 1920, height: 1080, ...props});
  }

  /** The orbit camera in engine units (radians), for scenes and render tests. */
  @computed()
  public camera(): OrbitCamera {
    return {
      azimuth: this.azimuth() * DEG,
      elevation: this.elevation() * DEG,
      distance: this.distance(),
      target: this.target(),
      fov: this.fov() * DEG,
      orthographic: this.orthographic(),
    };
  }

  @computed()
  public cameraView(): View {
    const {width, height} = this.size();
    return makeView(this.camera(), {width, height});
  }

  /** Where a domain point (x, y, height) is drawn, in this node's local pixels. */
  public screenOf(p: Vec3): ScreenPoint {
    return project(this.cameraView(), this.worldOf(p));
  }

  /** The world point of a domain point. */
  public worldOf(p: Vec3): Vec3 {
    return toWorld(this.mesh().box, p[0], p[1], p[2]);
  }

  /** Lambert-shaded colour per face, independent of the camera. */
  @computed()
  protected shading(): Float32Array {
    return shadeFaces(this.mesh(), {
      colormap: this.colormap().map(hexToRgb),
      light: this.light(),
      ambient: this.ambient(),
    });
  }

  @computed()
  protected frame(): Frame {
    const mesh = this.mesh();
    const view = this.cameraView();
    const screen = projectMesh(mesh, view);
    const depth = new Float64Array(mesh.faceCount);
    forEachFace(mesh, (f, a, b, c, d) => {
      depth[f] = (screen[3 * a + 2] + screen[3 * b + 2] + screen[3 * c + 2] + screen[3 * d + 2]) / 4;
    });
    return {view, screen, faces: sortFaces(mesh, view), depth};
  }

  /** How fogged each face is (0 clear, 1 fog), from the eye distance and the clearing. */
  @computed()
  protected faceFog(): Float32Array {
    const mesh = this.mesh();
    const {depth} = this.frame();
    const fog = new Float32Array(mesh.faceCount);
    const near = this.fogNear();
    const far = this.fogFar();
    const clearing = this.clearing();
    for (let f = 0; f < mesh.faceCount; f++) {
      let t = Number.isFinite(near) ? fogAmount(depth[f], near, far) : 0;
      if (clearing) t = Math.max(t, clearing(mesh.centers[3 * f], mesh.centers[3 * f + 1]));
      fog[f] = t;
    }
    return fog;
  }

  /** The clearing's fog as a function of world (x, y), or null without a clearing. */
  @computed()
  public clearing(): ((x: number, y: number) => number) | null {
    const center = this.fogCenter();
    if (!center) return null;
    const mesh = this.mesh();
    const c = this.worldOf(center);
    const r = this.worldRadius();
    // Faces stay clear a little past the radius: the Fog node's smooth screen-space edge
    // shapes the clearing, and this only removes far ground that could show through it.
    return (x, y) => radialFog(Math.hypot(x - c[0], y - c[1]), 1.3 * r, 0.3 * r);
  }

  /** fogRadius in world units. */
  @computed()
  public worldRadius(): number {
    const {bounds, half} = this.mesh().box;
    return (this.fogRadius() * 2 * half) / (bounds.xMax - bounds.xMin);
  }

  @computed()
  protected faceStyles(): string[] {
    const shade = this.shading();
    const fog = this.faceFog();
    const fogRgb = hexToRgb(this.fogColor());
    const styles = new Array<string>(fog.length);
    for (let f = 0; f < fog.length; f++) {
      const base: Rgb = [shade[3 * f], shade[3 * f + 1], shade[3 * f + 2]];
      const c = fog[f] > 0 ? mixRgb(base, fogRgb, fog[f]) : base;
      styles[f] = `rgb(${c[0] | 0},${c[1] | 0},${c[2] | 0})`;
    }
    return styles;
  }

  @computed()
  protected primitives(): Primitive[] {
    return overlayPrimitives(this.mesh(), this.overlays());
  }

  @computed()
  protected slots(): Int32Array {
    const {view, faces} = this.frame();
    return placePrimitives(this.mesh(), view, faces, this.primitives());
  }

  protected override getPath(): Path2D {
    const {width, height} = this.size();
    const path = new Path2D();
    path.rect(-width / 2, -height / 2, width, height);
    return path;
  }

  protected override getCacheBBox(): BBox {
    return BBox.fromSizeCentered(this.size());
  }

  protected override draw(context: CanvasRenderingContext2D) {
    this.drawShape(context);
    const mesh = this.mesh();
    const {screen, faces} = this.frame();
    const styles = this.faceStyles();
    const prims = this.primitives();
    const slots = this.slots();
    const overlays = this.overlays();
    const wire = this.wireframe();

    // Primitives in drawing order: sorted by slot, stable.
    const queue = Array.from(slots.keys()).sort((a, b) => slots[a] - slots[b] || a - b);
    let q = 0;
    const drawPrimitivesUpTo = (slot: number) => {
      while (q < queue.length && slots[queue[q]] <= slot) {
        const n = queue[q++];
        this.drawPrimitive(context, prims[n], overlays[prims[n].owner]);
      }
    };

    context.save();
    context.lineJoin = 'round';
    if (wire > 0) {
      context.lineWidth = wire;
      context.strokeStyle = this.wireColor();
    }
    const cols = mesh.nx - 1;
    drawPrimitivesUpTo(-1);
    for (let r = 0; r < faces.order.length; r++) {
      const f = faces.order[r];
      const i = f % cols;
      const a = (f - i) / cols * mesh.nx + i;
      const b = a + 1;
      const c = a + mesh.nx + 1;
      const d = a + mesh.nx;
      const cx = (screen[3 * a] + screen[3 * b] + screen[3 * c] + screen[3 * d]) / 4;
      const cy = (screen[3 * a + 1] + screen[3 * b + 1] + screen[3 * c + 1] + screen[3 * d + 1]) / 4;
      context.beginPath();
      for (const k of [a, b, c, d]) {
        const dx = screen[3 * k] - cx;
        const dy = screen[3 * k + 1] - cy;
        const grow = SEAM / (Math.hypot(dx, dy) || 1);
        context.lineTo(screen[3 * k] + dx * grow, screen[3 * k + 1] + dy * grow);
      }
      context.closePath();
      context.fillStyle = styles[f];
      context.fill();
      if (wire > 0) context.stroke();
      drawPrimitivesUpTo(r);
    }
    context.restore();
    this.drawChildren(context);
  }

  private drawPrimitive(context: CanvasRenderingContext2D, prim: Primitive, style: SurfaceOverlay) {
    const view = this.frame().view;
    const pts = prim.world.map(p => project(view, p));
    const clearing = this.clearing();
    let alpha = style.opacity ?? 1;
    if (clearing) {
      const p = prim.world[0];
      alpha *= 1 - clearing(p[0], p[1]);
    }
    if (alpha <= 0.001) return;
    context.save();
    context.globalAlpha = alpha;
    context.fillStyle = style.color;
    context.strokeStyle = style.color;
    if (prim.kind === 'point') {
      const radius = style.radius ?? sizes.point / 2;
      context.beginPath();
      context.arc(pts[0].x, pts[0].y, radius, 0, 2 * Math.PI);
      context.fill();
      context.lineWidth = Math.max(2, radius * 0.25);
      context.strokeStyle = colors.background;
      context.stroke();
    } else if (prim.kind === 'segment') {
      const width = style.width ?? sizes.stroke.curve;
      context.lineWidth = width;
      context.lineCap = 'round';
      context.beginPath();
      context.moveTo(pts[0].x, pts[0].y);
      context.lineTo(pts[1].x, pts[1].y);
      context.stroke();
      if (prim.last && style.kind === 'arrow') drawArrowHead(context, pts[0], pts[1], width);
    } else {
      context.beginPath();
      for (const p of pts) context.lineTo(p.x, p.y);
      context.closePath();
      context.fill();
    }
    context.restore();
  }
}

function forEachFace(mesh: SurfaceMesh, visit: (f: number, a: number, b: number, c: number, d: number) => void) {
  for (let j = 0, f = 0; j < mesh.ny - 1; j++) {
    for (let i = 0; i < mesh.nx - 1; i++, f++) {
      const a = j * mesh.nx + i;
      visit(f, a, a + 1, a + mesh.nx + 1, a + mesh.nx);
    }
  }
}

function drawArrowHead(context: CanvasRenderingContext2D, from: ScreenPoint, to: ScreenPoint, width: number) {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const size = 3.2 * width;
  context.beginPath();
  context.moveTo(to.x + ux * size * 0.6, to.y + uy * size * 0.6);
  context.lineTo(to.x - ux * size * 0.6 - uy * size * 0.55, to.y - uy * size * 0.6 + ux * size * 0.55);
  context.lineTo(to.x - ux * size * 0.6 + uy * size * 0.55, to.y - uy * size * 0.6 - ux * size * 0.55);
  context.closePath();
  context.fill();
}

function toHex(c: Rgb): string {
  return '#' + c.map(v => Math.round(v).toString(16).padStart(2, '0')).join('');
}
