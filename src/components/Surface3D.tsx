import {Latex, Node, Shape, type ShapeProps, computed, initial, signal} from '@motion-canvas/2d';
import {BBox, type SignalValue, type SimpleSignal, type ThreadGenerator, linear} from '@motion-canvas/core';
import {axes3d, keepClear, labelCenter, nearEdges, type Axes3DGeometry, type Axis3} from '../math/axes3d';
import {clearingEllipse, fogAmount, radialFog} from '../math/fog';
import {buildSurfaceMesh, projectMesh, shadeFaces, toWorld, type SurfaceMesh} from '../math/mesh';
import {sampleGrid} from '../math/grid';
import {
  cullBackFaces,
  hiddenBySurface,
  overlayLift,
  overlayPrimitives,
  placePrimitives,
  sortFaces,
  visibleParts,
  type FaceOrder,
  type OverlayShape,
  type Primitive,
} from '../math/painter';
import {
  makeView,
  perspectiveScale,
  project,
  type OrbitCamera,
  type ScreenPoint,
  type Vec3,
  type View,
} from '../math/projection';
import {niceStep, tickTex, ticks} from './axisMath';
import {hexToRgb, mixRgb, type Rgb} from './colorMath';
import {colors, sizes} from './theme';
import {boxPath} from './boxPath';

/**
 * How an overlay looks: colour, stroke width or point radius in pixels, opacity.
 * perspective: a point's radius is its size at the camera target's depth, and grows nearer the eye.
 */
export interface OverlayStyle {
  color: string;
  width?: number;
  radius?: number;
  opacity?: number;
  perspective?: boolean;
}

/** One axis of {@link Surface3DAxes}: tick step (domain units; null picks a 1-2-5 step, 0 none) and name (TeX). */
export interface Surface3DAxis {
  step?: number | null;
  label?: string;
  color?: string;
}

/**
 * 3D axes along the floor of the surface's box, like matplotlib's: x and y on the floor edges
 * nearer the camera (or pinned with xAxisAt / yAxisAt, domain units), z upright at the corner
 * between them. Lines, ticks and the floor grid are depth-sorted with the faces; tick values
 * and names are Latex children (≥ 24 px; any that would overlap another are hidden).
 */
export interface Surface3DAxes {
  x?: Surface3DAxis;
  y?: Surface3DAxis;
  z?: Surface3DAxis;
  xAxisAt?: number;
  yAxisAt?: number;
  /** Floor grid lines at the x and y ticks. */
  floor?: boolean;
  color?: string;
  fontSize?: number;
  tickFontSize?: number;
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
// Axis ticks and the gap between the box and its floor axes, in world units.
const AXIS_TICK = 0.05;
const AXIS_MARGIN = 0.06;
// Pixels between a floor axis's tick ends and its name: room for the tick values between.
const NAME_GAP = 64;

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
  faceOpacity?: SignalValue<number>;
  checker?: SignalValue<readonly string[] | null>;
  axes?: SignalValue<Surface3DAxes | null>;
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
 * Camera angles against manim's `ThreeDScene.set_camera_orientation(phi, theta)`: manim's phi
 * is the polar angle of the camera from +z and theta its azimuth from +x, so
 * `azimuth = theta` and `elevation = 90° − phi` (manim's phi=75°, theta=−45° is
 * azimuth −45, elevation 15; our default −60/35 is phi=55°, theta=−60°). Both put +x to the
 * right at theta = −90°. manim's gamma (roll) has no counterpart, and its `distance` is a focal
 * distance, not this orbit radius.
 *
 * @example
 * ```tsx
 * const mesh = buildSurfaceMesh(sampleLandscape(terrain, 40, 40), {aspect: 'equal'});
 * const surface = <Surface3D mesh={mesh} width={1920} height={1080} azimuth={-60} elevation={35}
 *   axes={{x: {label: 'k_1'}, y: {label: 'k_2'}, z: {label: 'L'}}} /> as Surface3D;
 * yield* surface.orbit(30, 6); // 30° per second for 6 s
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
  declare public readonly mesh: SimpleSignal<SurfaceMesh, this>;

  /**
   * Camera azimuth in degrees, measured in the ground plane from +x towards +y: manim's theta.
   *
   * @example yield* surface.azimuth(surface.azimuth() + 90, 6)
   */
  @initial(-60)
  @signal()
  declare public readonly azimuth: SimpleSignal<number, this>;

  /**
   * Camera elevation above the ground plane, in degrees (90 looks straight down): 90° − manim's phi.
   *
   * @example <Surface3D elevation={35} />
   */
  @initial(35)
  @signal()
  declare public readonly elevation: SimpleSignal<number, this>;

  /**
   * Distance from the camera to its target, in world units (the mesh spans [−1, 1]² by default).
   *
   * @example yield* surface.distance(3, 2) // move in
   */
  @initial(4.2)
  @signal()
  declare public readonly distance: SimpleSignal<number, this>;

  /**
   * Vertical field of view in degrees.
   *
   * @example <Surface3D fov={35} />
   */
  @initial(40)
  @signal()
  declare public readonly fov: SimpleSignal<number, this>;

  /**
   * Orthographic instead of perspective projection.
   *
   * @example <Surface3D orthographic />
   */
  @initial(false)
  @signal()
  declare public readonly orthographic: SimpleSignal<boolean, this>;

  /**
   * The world point the camera looks at and orbits around.
   *
   * @example <Surface3D target={[0, 0, 0.3]} />
   */
  @initial<Vec3>([0, 0, 0.3])
  @signal()
  declare public readonly target: SimpleSignal<Vec3, this>;

  /**
   * Colours by height, low to high, as '#rrggbb'.
   *
   * @example <Surface3D colormap={[colors.purple, colors.yellow]} />
   */
  @initial(SURFACE_COLORMAP)
  @signal()
  declare public readonly colormap: SimpleSignal<readonly string[], this>;

  /**
   * Direction towards the light, world space (z up).
   *
   * @example <Surface3D light={[-1, -1, 2]} />
   */
  @initial<Vec3>([-0.5, -0.8, 1.2])
  @signal()
  declare public readonly light: SimpleSignal<Vec3, this>;

  /**
   * Brightness of faces turned away from the light, 0–1.
   *
   * @example <Surface3D ambient={0.3} />
   */
  @initial(0.35)
  @signal()
  declare public readonly ambient: SimpleSignal<number, this>;

  /**
   * Width in pixels of the grid lines drawn on each face; 0 draws none.
   *
   * @example yield* surface.wireframe(1.5, 1)
   */
  @initial(0)
  @signal()
  declare public readonly wireframe: SimpleSignal<number, this>;

  /**
   * Colour of the wireframe lines.
   *
   * @example <Surface3D wireColor={colors.grid} />
   */
  @initial(colors.background)
  @signal()
  declare public readonly wireColor: SimpleSignal<string, this>;

  /**
   * The colour faces fade to in fog.
   *
   * @example <Surface3D fogColor={colors.background} />
   */
  @initial(colors.background)
  @signal()
  declare public readonly fogColor: SimpleSignal<string, this>;

  /**
   * Distance fog: faces nearer than fogNear (world units from the eye) are clear.
   *
   * @example <Surface3D fogNear={3.5} fogFar={6} />
   */
  @initial(Infinity)
  @signal()
  declare public readonly fogNear: SimpleSignal<number, this>;

  /**
   * Distance fog: faces farther than fogFar are fully fogged.
   *
   * @example <Surface3D fogNear={3.5} fogFar={6} />
   */
  @initial(Infinity)
  @signal()
  declare public readonly fogFar: SimpleSignal<number, this>;

  /**
   * Centre (domain x, y, height) of a clearing in the fog, or null for none. Faces and
   * overlays horizontally farther than 1.3·fogRadius from it turn into fog; a {@link Fog}
   * child draws the clearing's soft edge.
   *
   * @example <Surface3D fogCenter={() => walkerAt(step())} fogRadius={0.9} />
   */
  @initial(null)
  @signal()
  declare public readonly fogCenter: SimpleSignal<Vec3 | null, this>;

  /**
   * Radius of the clearing, in domain x units; tween it up to lift the fog.
   *
   * @example yield* surface.fogRadius(20, 3)
   */
  @initial(1)
  @signal()
  declare public readonly fogRadius: SimpleSignal<number, this>;

  /**
   * Width of the clearing's soft edge (drawn by {@link Fog}), as a fraction of the radius.
   *
   * @example <Surface3D fogSoftness={0.35} />
   */
  @initial(0.35)
  @signal()
  declare public readonly fogSoftness: SimpleSignal<number, this>;

  /**
   * Paths, points, arrows and slice planes in domain coordinates, sorted among the faces.
   *
   * @example <Surface3D overlays={() => [{kind: 'path', points: trail(), onSurface: true, color: colors.red}]} />
   */
  @initial([])
  @signal()
  declare public readonly overlays: SimpleSignal<readonly SurfaceOverlay[], this>;

  /**
   * Opacity of each face, 0–1. Below 1 the faces are painted one by one with this alpha, back
   * faces included (lit from below), in the painter's back-to-front order, so what lies behind
   * (the far wall, a path under the surface) shows through correctly.
   *
   * @example yield* surface.faceOpacity(0.5, 1)
   */
  @initial(1)
  @signal()
  declare public readonly faceOpacity: SimpleSignal<number, this>;

  /**
   * Two (or more) colours alternating face by face instead of the colour map: manim's
   * checkerboard_colors. Still Lambert-shaded; null uses the colour map.
   *
   * @example <Surface3D checker={[colors.blue, '#3a84a0']} />
   */
  @initial(null)
  @signal()
  declare public readonly checker: SimpleSignal<readonly string[] | null, this>;

  /**
   * 3D axes with ticks, tick values, names and an optional floor grid; null for none.
   *
   * @example <Surface3D axes={{x: {label: 'k_1'}, y: {label: 'k_2'}, z: {label: 'L', step: 20}, floor: true}} />
   */
  @initial(null)
  @signal()
  declare public readonly axes: SimpleSignal<Surface3DAxes | null, this>;

  /**
   * Paint only the faces that reach into the fog's clearing on screen. Everything outside the
   * clearing is covered by a {@link Fog} child, so this changes nothing visible and saves most
   * of the painting while the fog is thick. Needs a Fog child; no effect without a fogCenter.
   *
   * @example <Surface3D fogCenter={walker} clipToClearing><Fog /></Surface3D>
   */
  @initial(false)
  @signal()
  declare public readonly clipToClearing: SimpleSignal<boolean, this>;

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
  declare public readonly cacheFaces: SimpleSignal<boolean, this>;

  private lastFrame: {key: unknown[]; frame: Frame} | null = null;
  private lastFog: {key: unknown[]; fog: Float32Array} | null = null;
  private lastStyles: {
    shade: Float32Array;
    fogColor: string;
    wireColor: string;
    level: Uint8Array;
    styles: {fill: string[]; wire: (string | null)[]};
  } | null = null;
  private faceBitmap: {canvas: HTMLCanvasElement; key: unknown[]} | null = null;
  private readonly labelNodes = new Map<string, Latex>();

  public constructor(props: Surface3DProps) {
    super({width: 1920, height: 1080, ...props});
    this.add(<Node children={() => this.axisLabelNodes()} />);
  }

  /**
   * A steady orbit: the azimuth turns at `degreesPerSecond` for `seconds` (linear timing, so
   * consecutive orbits join without a pause). Negative rates turn the other way.
   *
   * @example yield* surface.orbit(30, 6) // a 180° turn in 6 s
   */
  public *orbit(degreesPerSecond: number, seconds: number): ThreadGenerator {
    yield* this.azimuth(orbitEnd(this.azimuth(), degreesPerSecond, seconds), seconds, linear);
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
    return shadeFaces(this.mesh(), this.shadeOptions());
  }

  /** The faces' undersides, lit with flipped normals: seen through translucent faces. */
  @computed()
  protected backShading(): Float32Array {
    return shadeFaces(this.mesh(), {...this.shadeOptions(), side: 'back'});
  }

  private shadeOptions() {
    return {
      colormap: this.colormap().map(hexToRgb),
      light: this.light(),
      ambient: this.ambient(),
      checker: this.checker()?.map(hexToRgb) ?? null,
    };
  }

  @computed()
  protected frame(): Frame {
    const mesh = this.mesh();
    // Signals bound to a clock re-run this every frame; a camera that has not moved keeps its frame.
    const {width, height} = this.size();
    const cam = this.camera();
    const key = [
      mesh,
      width,
      height,
      cam.azimuth,
      cam.elevation,
      cam.distance,
      ...cam.target,
      cam.fov,
      cam.orthographic,
    ];
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
    const {bounds, halfX} = this.mesh().box;
    return (this.fogRadius() * 2 * halfX) / (bounds.xMax - bounds.xMin);
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
    const reuse =
      prev !== null &&
      prev.shade === shade &&
      prev.fogColor === fogColor &&
      prev.wireColor === wireColor &&
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

  /** The axes in domain coordinates, for the current camera (null without axes). */
  @computed()
  public axesGeometry(): Axes3DGeometry | null {
    const spec = this.axes();
    if (!spec) return null;
    const {box} = this.mesh();
    const b = box.bounds;
    const near = nearEdges(box, this.frame().view);
    const values = (axis: Axis3, lo: number, hi: number) => {
      const step = spec[axis]?.step;
      if (step === 0) return [];
      return ticks(lo, hi, step ?? niceStep(lo, hi, 4));
    };
    return axes3d(box, {
      ticks: {x: values('x', b.xMin, b.xMax), y: values('y', b.yMin, b.yMax), z: values('z', box.zMin, box.zMax)},
      xAxisAt: spec.xAxisAt ?? near.xAxisAt,
      yAxisAt: spec.yAxisAt ?? near.yAxisAt,
      tick: AXIS_TICK,
      margin: AXIS_MARGIN,
      grid: spec.floor ?? false,
    });
  }

  /** Axis lines, ticks and floor grid as overlays (drawn before the scene's own overlays). */
  @computed()
  protected axisOverlays(): SurfaceOverlay[] {
    const g = this.axesGeometry();
    const spec = this.axes();
    if (!g || !spec) return [];
    const base = spec.color ?? colors.axis;
    const colorOf = (axis: Axis3) => spec[axis]?.color ?? base;
    const seg = (a: Vec3, b: Vec3, color: string, width: number, opacity = 1): SurfaceOverlay => ({
      kind: 'path',
      points: [a, b],
      color,
      width,
      opacity,
    });
    return [
      ...g.grid.map(([a, b]) => seg(a, b, colors.grid, sizes.stroke.grid)),
      ...g.lines.map(l => seg(l.from, l.to, colorOf(l.axis), sizes.stroke.axis * 0.8)),
      ...g.ticks.map(t => seg(t.base, t.tip, colorOf(t.axis), sizes.stroke.axis * 0.8)),
    ];
  }

  /** The axes' overlays and the scene's, in one list (axes first, so they draw underneath). */
  @computed()
  protected allOverlays(): SurfaceOverlay[] {
    return [...this.axisOverlays(), ...this.overlays()];
  }

  /** CSS fill per face for its underside (fogged like the top), used when faces are translucent. */
  @computed()
  protected backFills(): string[] {
    const shade = this.backShading();
    const fog = this.faceFog();
    const fogRgb = hexToRgb(this.fogColor());
    return Array.from(fog, (t, f) => {
      const base: Rgb = [shade[3 * f], shade[3 * f + 1], shade[3 * f + 2]];
      return css(t > 0 ? mixRgb(base, fogRgb, t) : base);
    });
  }

  @computed()
  protected primitives(): Primitive[] {
    return overlayPrimitives(this.mesh(), this.allOverlays());
  }

  /** Tick values and axis names in priority order (names first), each with its anchor. */
  @computed()
  protected axisLabels(): {
    key: string;
    tex: string;
    base: Vec3;
    tip: Vec3;
    color: string;
    size: number;
    gap: number;
  }[] {
    const g = this.axesGeometry();
    const spec = this.axes();
    if (!g || !spec) return [];
    const labelColor = colors.text;
    const out = [];
    for (const axis of ['x', 'y', 'z'] as const) {
      const name = spec[axis]?.label;
      if (name)
        out.push({
          key: `name-${axis}-${name}`,
          tex: name,
          ...g.names[axis],
          color: spec[axis]?.color ?? labelColor,
          size: spec.fontSize ?? sizes.font.label,
          gap: axis === 'z' ? sizes.space.s : NAME_GAP,
        });
    }
    for (const t of g.ticks) {
      out.push({
        key: `tick-${t.axis}-${t.value}`,
        tex: tickTex(t.value),
        base: t.base,
        tip: t.tip,
        color: colors.textDim,
        size: Math.max(24, spec.tickFontSize ?? 26),
        gap: sizes.space.xs,
      });
    }
    return out;
  }

  /** Screen centre of each axis label (local pixels), and whether it is shown (no overlaps). */
  @computed()
  public axisLabelLayout(): {key: string; x: number; y: number; width: number; height: number; shown: boolean}[] {
    const view = this.frame().view;
    const {box} = this.mesh();
    const labels = this.axisLabels();
    const boxes = labels.map(l => {
      const node = this.labelNode(l);
      const {width, height} = node.size();
      const c = labelCenter(view, box, l.base, l.tip, l.gap, width, height);
      return {key: l.key, x: c.x, y: c.y, width, height};
    });
    // A label whose tick the surface hides is hidden too (labels draw above the faces), and
    // hidden ones take no room from the rest.
    const mesh = this.mesh();
    const lift = overlayLift(mesh);
    const visible = labels.map(l => !hiddenBySurface(mesh, view, toWorld(box, l.base[0], l.base[1], l.base[2]), lift));
    const clear = keepClear(
      boxes.filter((_, i) => visible[i]),
      6,
    );
    let k = 0;
    return boxes.map((b, i) => ({...b, shown: visible[i] && clear[k++]}));
  }

  private axisLabelNodes(): Latex[] {
    return this.axisLabels().map(l => this.labelNode(l));
  }

  // Labels are made once per key and kept, so an orbit does not rebuild TeX each frame.
  private labelNode(l: {key: string; tex: string; color: string; size: number}): Latex {
    let node = this.labelNodes.get(l.key);
    if (!node) {
      const entry = () => this.axisLabelLayout().find(b => b.key === l.key);
      node = new Latex({
        tex: l.tex,
        fill: l.color,
        fontSize: l.size,
        position: () => {
          const e = entry();
          return e ? [e.x, e.y] : [0, 0];
        },
        opacity: () => (entry()?.shown ? 1 : 0),
      });
      this.labelNodes.set(l.key, node);
    }
    return node;
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
    const overlays = this.allOverlays();
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
    const alpha = Math.min(Math.max(this.faceOpacity(), 0), 1);
    const back = alpha < 1 ? this.backFills() : null;
    // Grown faces overlap their neighbours: invisible when opaque, a darker seam when translucent.
    const seam = alpha < 1 ? 0 : SEAM;
    context.save();
    context.globalAlpha *= alpha;
    context.lineJoin = 'round';
    if (wire > 0) context.lineWidth = wire;
    const cols = mesh.nx - 1;
    const s = screen;
    const cullBack = cullBackFaces(mesh, view, alpha);
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
          !(
            Math.max(s[a], s[b], s[c], s[d]) < box[0] ||
            Math.min(s[a], s[b], s[c], s[d]) > box[2] ||
            Math.max(s[a + 1], s[b + 1], s[c + 1], s[d + 1]) < box[1] ||
            Math.min(s[a + 1], s[b + 1], s[c + 1], s[d + 1]) > box[3]
          ));
      if (paint) {
        const cx = (s[a] + s[b] + s[c] + s[d]) / 4;
        const cy = (s[a + 1] + s[b + 1] + s[c + 1] + s[d + 1]) / 4;
        context.beginPath();
        grownCorner(context, s, a, cx, cy, seam);
        grownCorner(context, s, b, cx, cy, seam);
        grownCorner(context, s, c, cx, cy, seam);
        grownCorner(context, s, d, cx, cy, seam);
        context.closePath();
        context.fillStyle = back && facing > 0 ? back[f] : styles.fill[f];
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
    const key = [
      this.frame(),
      this.faceStyles(),
      this.wireframe(),
      this.wireColor(),
      this.paintBox()?.join(),
      this.faceOpacity(),
      m.a,
      m.b,
      m.c,
      m.d,
      m.e,
      m.f,
      width,
      height,
    ];
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
      const end =
        k === parts.length - 1 && Math.hypot(world[1][0] - b[0], world[1][1] - b[1], world[1][2] - b[2]) < 1e-9;
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
      const size = style.radius ?? sizes.point / 2;
      const radius = style.perspective ? size * perspectiveScale(view, pts[0].depth, this.distance()) : size;
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

// A face corner pushed `seam` pixels away from the face's centre, so neighbours overlap.
function grownCorner(
  context: CanvasRenderingContext2D,
  s: Float64Array,
  k: number,
  cx: number,
  cy: number,
  seam: number,
) {
  const dx = s[k] - cx;
  const dy = s[k + 1] - cy;
  const grow = seam / (Math.hypot(dx, dy) || 1);
  context.lineTo(s[k] + dx * grow, s[k + 1] + dy * grow);
}

/** The azimuth an orbit ends at: `rate` degrees per second for `seconds`. */
export function orbitEnd(azimuth: number, rate: number, seconds: number): number {
  return azimuth + rate * seconds;
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
