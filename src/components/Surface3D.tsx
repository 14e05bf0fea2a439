import {Shape, type ShapeProps, computed, initial, signal} from '@motion-canvas/2d';
import {BBox, type SignalValue, type SimpleSignal} from '@motion-canvas/core';
import {clearingEllipse, fogAmount, radialFog} from '../math/fog';
import {buildSurfaceMesh, projectMesh, shadeFaces, toWorld, type SurfaceMesh} from '../math/mesh';
import {sampleGrid} from '../math/grid';
import {
  overlayPrimitives, placePrimitives, sortFaces, visibleParts, type FaceOrder, type OverlayShape, type Primitive,
} from '../math/painter';
import {makeView, project, type OrbitCamera, type ScreenPoint, type Vec3, type View} from '../math/projection';
import {hexToRgb, mixRgb, type Rgb} from './colorMath';
import {colors, sizes} from './theme';
import {boxPath} from './boxPath';

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
  clipToClearing?: SignalValue<boolean>;
  cacheFaces?: SignalValue<boolean>;
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

  /**
   * Paint only the faces that reach into the fog's clearing on screen. Everything outside the
   * clearing is covered by a {@link Fog} child, so this changes nothing visible and saves most
   * of the painting while the fog is thick. Needs a Fog child; no effect without a fogCenter.
   *
   * @example <Surface3D fogCenter={walker} clipToClearing><Fog /></Surface3D>
   */
  @initial(false)
  @signal()
  public declare readonly clipToClearing: SimpleSignal<boolean, this>;

  /**
   * Keep the painted faces in a bitmap and reuse it while the camera, the shading and the fog
   * stay the same (overlays may change). Overlay pieces the surface hides are then drawn only
   * where visible, to 1/8 of their length, and hidden points are left out. Costs one
   * canvas-sized bitmap.
   *
   * @example <Surface3D cacheFaces overlays={() => trails(step())} />
   */
  @initial(false)
  @signal()
  public declare readonly cacheFaces: SimpleSignal<boolean, this>;

  private lastFrame: {key: unknown[]; frame: Frame} | null = null;
  private lastFog: {key: unknown[]; fog: Float32Array} | null = null;
  private lastStyles: {
    shade: Float32Array; fogColor: string; wireColor: string; level: Uint8Array; styles: {fill: string[]; wire: (string | null)[]};
  } | null = null;
  private faceBitmap: {canvas: HTMLCanvasElement; key: unknown[]} | null = null;

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
    // Signals bound to a clock re-run this every frame; a camera that has not moved keeps its frame.
    const {width, height} = this.size();
    const cam = this.camera();
    const key = [mesh, width, height, cam.azimuth, cam.elevation, cam.distance, ...cam.target, cam.fov, cam.orthographic];
    if (this.lastFrame && sameKey(this.lastFrame.key, key)) return this.lastFrame.frame;
    const frame = this.computeFrame(mesh);
    this.lastFrame = {key, frame};
    return frame;
  }

  private computeFrame(mesh: SurfaceMesh): Frame {
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
    const frame = this.frame();
    const {depth} = frame;
    const near = this.fogNear();
    const far = this.fogFar();
    const center = this.fogCenter();
    const key = [frame, near, far, this.worldRadius(), ...(center ?? [])];
    if (this.lastFog && sameKey(this.lastFog.key, key)) return this.lastFog.fog;
    const fog = new Float32Array(mesh.faceCount);
    const clearing = this.clearing();
    for (let f = 0; f < mesh.faceCount; f++) {
      let t = Number.isFinite(near) ? fogAmount(depth[f], near, far) : 0;
      if (clearing) t = Math.max(t, clearing(mesh.centers[3 * f], mesh.centers[3 * f + 1]));
      fog[f] = t;
    }
    this.lastFog = {key, fog};
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

  /**
   * CSS fill per face, and its wireframe colour when fogged (null where the wire is unfogged).
   * Rebuilt only for faces whose fog (in 1/255 steps) changed.
   */
  @computed()
  protected faceStyles(): {fill: string[]; wire: (string | null)[]} {
    const shade = this.shading();
    const fog = this.faceFog();
    const fogColor = this.fogColor();
    const wireColor = this.wireColor();
    const fogRgb = hexToRgb(fogColor);
    const wireRgb = hexToRgb(wireColor);
    const prev = this.lastStyles;
    const reuse = prev !== null && prev.shade === shade && prev.fogColor === fogColor && prev.wireColor === wireColor &&
      prev.level.length === fog.length;
    const level = new Uint8Array(fog.length);
    let fill: string[] | null = null;
    let wire: (string | null)[] | null = null;
    for (let f = 0; f < fog.length; f++) {
      level[f] = Math.round(fog[f] * 255);
      if (reuse && prev.level[f] === level[f]) continue;
      fill ??= reuse ? prev.styles.fill.slice() : new Array<string>(fog.length);
      wire ??= reuse ? prev.styles.wire.slice() : new Array<string | null>(fog.length);
      const base: Rgb = [shade[3 * f], shade[3 * f + 1], shade[3 * f + 2]];
      const t = level[f] / 255;
      fill[f] = css(t > 0 ? mixRgb(base, fogRgb, t) : base);
      wire[f] = t > 0 ? css(mixRgb(wireRgb, fogRgb, t)) : null;
    }
    if (!fill || !wire) return prev!.styles;
    const styles = {fill, wire};
    this.lastStyles = {shade, fogColor, wireColor, level, styles};
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
    return boxPath(this.size());
  }

  protected override getCacheBBox(): BBox {
    return BBox.fromSizeCentered(this.size());
  }

  /** Screen box outside which faces need no painting (clipToClearing), or null to paint all. */
  private paintBox(): [number, number, number, number] | null {
    const center = this.fogCenter();
    if (!this.clipToClearing() || !center) return null;
    const e = clearingEllipse(this.frame().view, this.worldOf(center), this.worldRadius());
    const rx = Math.hypot(e.ax, e.bx) + 2;
    const ry = Math.hypot(e.ay, e.by) + 2;
    return [e.cx - rx, e.cy - ry, e.cx + rx, e.cy + ry];
  }

  protected override draw(context: CanvasRenderingContext2D) {
    this.drawShape(context);
    const prims = this.primitives();
    const slots = this.slots();
    const overlays = this.overlays();
    const last = this.mesh().faceCount - 1;
    // Primitives in drawing order: sorted by slot, stable.
    const queue = Array.from(slots.keys()).sort((a, b) => slots[a] - slots[b] || a - b);
    const hiddenPlane = prims.some((p, n) => p.kind === 'polygon' && slots[n] < last);

    if (this.cacheFaces() && !hiddenPlane) {
      this.blitFaces(context);
      for (const n of queue) {
        const style = overlays[prims[n].owner];
        if (slots[n] >= last) this.drawPrimitive(context, prims[n], style);
        else if (prims[n].kind === 'segment') this.drawVisibleParts(context, prims[n], style);
      }
    } else {
      let q = 0;
      this.paintFaces(context, r => {
        while (q < queue.length && slots[queue[q]] <= r) {
          const n = queue[q++];
          this.drawPrimitive(context, prims[n], overlays[prims[n].owner]);
        }
      });
    }
    this.drawChildren(context);
  }

  /** Paints the faces back to front; `after(r)` runs after the face of rank r (and first with −1). */
  private paintFaces(context: CanvasRenderingContext2D, after?: (rank: number) => void) {
    const mesh = this.mesh();
    const {screen, faces, view} = this.frame();
    const styles = this.faceStyles();
    const wire = this.wireframe();
    const wireColor = this.wireColor();
    const box = this.paintBox();
    context.save();
    context.lineJoin = 'round';
    if (wire > 0) context.lineWidth = wire;
    const cols = mesh.nx - 1;
    const s = screen;
    // Seen from above a height field, a face turned away from the eye is never the first thing a
    // sight line meets (that is where the line comes back out of the ground): skip it.
    const cullBack = view.orthographic ? view.forward[2] < 0 : view.eye[2] > mesh.top;
    let lastStroke = '';
    after?.(-1);
    for (let r = 0; r < faces.order.length; r++) {
      const f = faces.order[r];
      const i = f % cols;
      const a = 3 * (((f - i) / cols) * mesh.nx + i);
      const b = a + 3;
      const c = a + 3 * mesh.nx + 3;
      const d = a + 3 * mesh.nx;
      // Screen y points down, so a face seen from above has a negative cross product of its diagonals.
      const facing = (s[c] - s[a]) * (s[d + 1] - s[b + 1]) - (s[c + 1] - s[a + 1]) * (s[d] - s[b]);
      const paint =
        !(cullBack && facing > 0) &&
        (box === null ||
        !(Math.max(s[a], s[b], s[c], s[d]) < box[0] || Math.min(s[a], s[b], s[c], s[d]) > box[2] ||
          Math.max(s[a + 1], s[b + 1], s[c + 1], s[d + 1]) < box[1] || Math.min(s[a + 1], s[b + 1], s[c + 1], s[d + 1]) > box[3]));
      if (paint) {
        const cx = (s[a] + s[b] + s[c] + s[d]) / 4;
        const cy = (s[a + 1] + s[b + 1] + s[c + 1] + s[d + 1]) / 4;
        context.beginPath();
        grownCorner(context, s, a, cx, cy);
        grownCorner(context, s, b, cx, cy);
        grownCorner(context, s, c, cx, cy);
        grownCorner(context, s, d, cx, cy);
        context.closePath();
        context.fillStyle = styles.fill[f];
        context.fill();
        if (wire > 0) {
          const stroke = styles.wire[f] ?? wireColor;
          // Parsing a colour string costs more than a short line: only set it when it changes.
          if (stroke !== lastStroke) context.strokeStyle = lastStroke = stroke;
          context.stroke();
        }
      }
      after?.(r);
    }
    context.restore();
  }

  /** Draws the faces from a bitmap, repainting it only when the camera, shading or fog changed. */
  private blitFaces(context: CanvasRenderingContext2D) {
    const m = context.getTransform();
    const {width, height} = context.canvas;
    const key = [this.frame(), this.faceStyles(), this.wireframe(), this.wireColor(), this.paintBox()?.join(),
      m.a, m.b, m.c, m.d, m.e, m.f, width, height];
    if (!this.faceBitmap || !sameKey(this.faceBitmap.key, key)) {
      const canvas = this.faceBitmap?.canvas ?? document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const bitmap = canvas.getContext('2d')!;
      bitmap.setTransform(m);
      this.paintFaces(bitmap);
      this.faceBitmap = {canvas, key};
    }
    context.save();
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.drawImage(this.faceBitmap.canvas, 0, 0);
    context.restore();
  }

  /** A segment the surface partly hides, drawn over the finished faces only where it is visible. */
  private drawVisibleParts(context: CanvasRenderingContext2D, prim: Primitive, style: SurfaceOverlay) {
    const parts = visibleParts(this.mesh(), this.frame().view, prim.world[0], prim.world[1]);
    parts.forEach((world, k) => {
      const b = prim.world[1];
      const end = k === parts.length - 1 && Math.hypot(world[1][0] - b[0], world[1][1] - b[1], world[1][2] - b[2]) < 1e-9;
      this.drawPrimitive(context, {...prim, world, last: prim.last && end}, style);
    });
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

// A face corner pushed SEAM pixels away from the face's centre, so neighbours overlap.
function grownCorner(context: CanvasRenderingContext2D, s: Float64Array, k: number, cx: number, cy: number) {
  const dx = s[k] - cx;
  const dy = s[k + 1] - cy;
  const grow = SEAM / (Math.hypot(dx, dy) || 1);
  context.lineTo(s[k] + dx * grow, s[k + 1] + dy * grow);
}

function css(c: Rgb): string {
  return `rgb(${c[0] | 0},${c[1] | 0},${c[2] | 0})`;
}

function sameKey(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
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
