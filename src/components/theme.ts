/**
 * The shared look of every nn-motion scene: palette, fonts and sizes for a 1920×1080 view.
 * Scenes and components take colours from here and never hard-code them.
 * Pure data (no Motion Canvas import), so tests can compare pixels against it.
 *
 * @example
 * ```tsx
 * import {colors, fonts, sizes} from '../components/theme';
 * view.fill(backdrop());
 * view.add(<Txt text="XOR" fill={colors.text} fontFamily={fonts.text} fontSize={sizes.font.title} />);
 * ```
 */

/** The palette: a dark background and a few strong colours (3Blue1Brown-like). */
export const colors = {
  background: '#0f1117',
  /** Panels and cards drawn on the background. */
  surface: '#1a1e29',
  grid: '#2b3140',
  axis: '#b8bdc9',
  text: '#ece9e2',
  textDim: '#9aa0ad',

  blue: '#58c4dd',
  yellow: '#f4d345',
  red: '#fc6255',
  green: '#83c167',
  orange: '#f09a4a',
  purple: '#a58ad6',
  grey: '#7d8494',

  /** Class 1 (for XOR: (0,1) and (1,0)). */
  classPositive: '#58c4dd',
  /** Class 0. */
  classNegative: '#f09a4a',
  /** Edges with w > 0 (TensorFlow Playground convention: blue positive, orange negative). */
  weightPositive: '#58c4dd',
  weightNegative: '#f09a4a',
  /** A neuron with activation 0, and the fill it moves towards as the activation grows. */
  neuronOff: '#232836',
  neuronOn: '#ece9e2',

  /** Highlights: the tangent line, a moving point, a nudge. */
  tangent: '#fc6255',
  highlight: '#f4d345',
  /** Gear bodies, one per gear in a train. */
  gears: ['#58c4dd', '#83c167', '#f4d345', '#a58ad6'],
} as const;

/** Font families, all bundled by src/fonts.ts. */
export const fonts = {
  /** Running text and labels. */
  text: 'Inter',
  /** Numbers and readouts: every digit has the same width. */
  mono: 'JetBrains Mono',
  /** Chinese captions. */
  cjk: 'Noto Sans SC',
} as const;

/** Sizes in pixels of the 1920×1080 view; the smallest text stays legible at 854×480. */
export const sizes = {
  font: {
    title: 64,
    heading: 48,
    body: 40,
    label: 36,
    tick: 30,
    caption: 44,
    captionEn: 32,
  },
  stroke: {
    grid: 1.5,
    axis: 3,
    curve: 6,
    tangent: 5,
    contour: 4,
    outline: 3,
    edgeMin: 1,
    edgeMax: 10,
  },
  space: {
    xs: 8,
    s: 16,
    m: 24,
    l: 40,
    xl: 64,
    /** Distance to keep from the frame edge. */
    margin: 80,
  },
  point: 22,
  tick: 14,
  neuron: 56,
  knob: 140,
} as const;

/**
 * The title-safe area of the 1920×1080 view (5% margins), in view coordinates (origin at the centre).
 * Every text box stays inside it; the layout check (tests/scenes/layout.test.ts) enforces it.
 */
export const safeArea = {left: -864, top: -486, right: 864, bottom: 486} as const;

/**
 * Where a scene's standing pieces sit, in view coordinates, so that they clear the title-safe area:
 * the title's centre line, the caption band's centre (the `Caption` default), and the left and
 * right edges that left- or right-aligned text starts from.
 */
export const slots = {titleY: -450, captionY: 424, left: safeArea.left, right: safeArea.right} as const;

/** Everything at once, for `import {theme}`. */
export const theme = {colors, fonts, sizes} as const;

/** Set by the render page for `--transparent`; nothing else should write it. */
export const TRANSPARENT_FLAG = 'nnmTransparent';

/**
 * The scene's background: `view.fill(backdrop())`. It is `colors.background`, or null when the
 * render asks for transparency, so one switch drops every scene's background out.
 */
export function backdrop(): string | null {
  return (globalThis as Record<string, unknown>)[TRANSPARENT_FLAG] === true ? null : colors.background;
}
