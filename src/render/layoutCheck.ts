/**
 * The layout check's rules, as a pure function over text boxes: no text outside the title-safe
 * area, no two texts overlapping, no text too small to read at 480p. The render page measures the
 * boxes (src/render/layoutProbe.ts); this decides what is wrong with them. Shared by both sides.
 */

import {safeArea} from '../components/theme';

/** One text-like node (Txt or Latex) on screen, in 1920×1080 design pixels (origin top left). */
export interface TextBox {
  /** Motion Canvas's node key, unique within the scene. */
  key: string;
  /** The node's kind and its ancestors' kinds, outermost first, e.g. "Rect/Readout/Txt". */
  path: string;
  kind: 'Txt' | 'Latex';
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Product of the node's and its ancestors' opacities. */
  opacity: number;
  /** Font size × world scale, in design pixels. */
  fontPx: number;
  /** Keys of the node's ancestors, so a text is never compared with its own ancestor or descendant. */
  ancestors: string[];
  /** The reason given to `layoutExempt` on the node or an ancestor; null when it is checked. */
  exempt: string | null;
}

/** One number on screen (a Readout's or Knob's value): its text's box, what it draws and the value behind it. */
export interface NumberBox {
  /** The owning Readout's or Knob's key. */
  key: string;
  /** 'Txt': a plain text that is a number alone (its value is the parsed text). */
  kind: 'Readout' | 'Knob' | 'Txt';
  /** The owner's label ("loss =", "w₁"); empty for a plain Txt. */
  label: string;
  /** The number the node holds (its `value()`), or the plain text's number. */
  value: number | null;
  /** Decimals it is shown with. */
  digits: number;
  /** The string the value's Txt draws, padding included. */
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  opacity: number;
  fontPx: number;
  path: string;
  /** The text's fill colour (sRGB, 0–255), or null when it is a gradient or pattern. */
  ink: [number, number, number] | null;
}

/** Everything the page saw at one frame. */
export interface LayoutSample {
  frame: number;
  time: number;
  texts: TextBox[];
  /** Number nodes on screen (the truth check); absent from pages that predate it. */
  numbers?: NumberBox[];
  /** Nodes the scene has made and still holds but that are not in its tree: a count that grows leaks. */
  detached?: number;
}

export interface LayoutRules {
  /** The title-safe area: [left, top, right, bottom] in design pixels. */
  safe: [number, number, number, number];
  /** Smallest font size allowed, in design pixels (1080p). */
  minFontPx: number;
  /** Two boxes overlap when they intersect by more than this many pixels along both axes. */
  overlapTolerance: number;
  /** Texts fainter than this are not on screen. */
  minOpacity: number;
}

/** 5% margins at 1080p: x in [96, 1824], y in [54, 1026]; text at least 24 px. */
export const DEFAULT_RULES: LayoutRules = {
  safe: [960 + safeArea.left, 540 + safeArea.top, 960 + safeArea.right, 540 + safeArea.bottom],
  minFontPx: 24,
  overlapTolerance: 2,
  minOpacity: 0.05,
};

export type Violation =
  | {rule: 'margin'; time: number; frame: number; node: TextBox; edges: string[]}
  | {rule: 'small'; time: number; frame: number; node: TextBox}
  | {rule: 'overlap'; time: number; frame: number; node: TextBox; other: TextBox; width: number; height: number};

/** Texts that count: visible, sized, non-empty. Exempt ones are counted apart. */
export function visibleTexts(texts: TextBox[], rules: LayoutRules = DEFAULT_RULES): TextBox[] {
  return texts.filter(t => t.opacity >= rules.minOpacity && t.width > 0 && t.height > 0 && t.text.trim() !== '');
}

const EPS = 0.5;

/** Every rule broken in every sample, in time order. */
export function findViolations(samples: LayoutSample[], rules: LayoutRules = DEFAULT_RULES): Violation[] {
  const out: Violation[] = [];
  const [left, top, right, bottom] = rules.safe;
  for (const {time, frame, texts} of samples) {
    const shown = visibleTexts(texts, rules).filter(t => t.exempt === null);
    for (const t of shown) {
      const edges: string[] = [];
      if (t.x < left - EPS) edges.push(`left by ${(left - t.x).toFixed(0)} px`);
      if (t.y < top - EPS) edges.push(`top by ${(top - t.y).toFixed(0)} px`);
      if (t.x + t.width > right + EPS) edges.push(`right by ${(t.x + t.width - right).toFixed(0)} px`);
      if (t.y + t.height > bottom + EPS) edges.push(`bottom by ${(t.y + t.height - bottom).toFixed(0)} px`);
      if (edges.length) out.push({rule: 'margin', time, frame, node: t, edges});
      if (t.fontPx < rules.minFontPx - 1e-6) out.push({rule: 'small', time, frame, node: t});
    }
    for (let i = 0; i < shown.length; i++) {
      for (let j = i + 1; j < shown.length; j++) {
        const a = shown[i];
        const b = shown[j];
        if (a.ancestors.includes(b.key) || b.ancestors.includes(a.key)) continue;
        const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
        const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
        if (width > rules.overlapTolerance && height > rules.overlapTolerance) {
          out.push({rule: 'overlap', time, frame, node: a, other: b, width, height});
        }
      }
    }
  }
  return out;
}

const quote = (t: TextBox) => `${t.path} "${t.text.length > 60 ? t.text.slice(0, 57) + '…' : t.text}"`;
const box = (t: TextBox) =>
  `[${t.x.toFixed(0)}, ${t.y.toFixed(0)}, ${(t.x + t.width).toFixed(0)}, ${(t.y + t.height).toFixed(0)}]`;

/** One line per violation: scene, time, the node(s) and their texts. */
export function describeViolation(scene: string, v: Violation): string {
  const at = `${scene} @ ${v.time.toFixed(2)} s`;
  switch (v.rule) {
    case 'margin':
      return `${at}: ${quote(v.node)} ${box(v.node)} leaves the title-safe area (${v.edges.join(', ')})`;
    case 'small':
      return `${at}: ${quote(v.node)} is ${v.node.fontPx.toFixed(1)} px, under the minimum`;
    case 'overlap':
      return `${at}: ${quote(v.node)} ${box(v.node)} overlaps ${quote(v.other)} ${box(v.other)} by ${v.width.toFixed(0)}×${v.height.toFixed(0)} px`;
  }
}

/**
 * The same problem seen at many sampled times is one problem: violations grouped by rule and nodes,
 * each with the first and last time it was seen and how many samples showed it.
 */
export function groupViolations(violations: Violation[]): {first: Violation; last: number; count: number}[] {
  const groups = new Map<string, {first: Violation; last: number; count: number}>();
  for (const v of violations) {
    const id = `${v.rule}:${v.node.key}:${v.rule === 'overlap' ? v.other.key : ''}`;
    const g = groups.get(id);
    if (g) {
      g.last = v.time;
      g.count++;
    } else groups.set(id, {first: v, last: v.time, count: 1});
  }
  return [...groups.values()];
}

/** Exempt texts that were on screen, grouped by reason: what the check skipped, and why. */
export function exemptions(samples: LayoutSample[], rules: LayoutRules = DEFAULT_RULES): Map<string, number> {
  const reasons = new Map<string, Set<string>>();
  for (const s of samples) {
    for (const t of visibleTexts(s.texts, rules)) {
      if (t.exempt === null) continue;
      if (!reasons.has(t.exempt)) reasons.set(t.exempt, new Set());
      reasons.get(t.exempt)!.add(t.key);
    }
  }
  return new Map([...reasons].map(([reason, keys]) => [reason, keys.size]));
}

/**
 * The times to look at: every `every` seconds from 0, plus extra times (slide starts, beat ends),
 * as frame indices inside the scene, ascending and unique.
 */
export function sampleFrames(frames: number, fps: number, every: number, extra: number[] = []): number[] {
  const set = new Set<number>();
  for (let t = 0; Math.round(t * fps) < frames; t += every) set.add(Math.round(t * fps));
  for (const f of extra) if (f >= 0 && f < frames) set.add(f);
  set.add(frames - 1);
  return [...set].sort((a, b) => a - b);
}
