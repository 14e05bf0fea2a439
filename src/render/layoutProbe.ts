/**
 * The render page's side of the layout check: walks a scene's view and measures every text-like
 * node (Txt and Latex, wherever they sit: inside Readout, Caption, Axes…) in design pixels.
 */
import {Latex, Layout, Txt, type Node, type View2D} from '@motion-canvas/2d';
import {Color, Vector2} from '@motion-canvas/core';
import {Knob} from '../components/Knob';
import {Readout} from '../components/Readout';
import {layoutExemption} from '../components/layoutExempt';
import type {NumberBox, TextBox} from './layoutCheck';

const kindOf = (node: Node): TextBox['kind'] | null => {
  if (node instanceof Latex) return 'Latex';
  // Rich text nests Txt in Txt: the outermost one holds the whole line.
  if (node instanceof Txt && !(node.parent() instanceof Txt)) return 'Txt';
  return null;
};

const textOf = (node: Layout, kind: TextBox['kind']): string => {
  if (kind === 'Txt') return (node as Txt).text();
  const tex = (node as Latex).tex();
  return Array.isArray(tex) ? tex.join('') : tex;
};

/** A class's name as written: the bundler renames classes that shadow a DOM global (Node → Node2). */
const nameOf = (node: Node): string => {
  const name = node.constructor.name;
  const plain = name.replace(/\d+$/, '');
  return plain !== name && plain in globalThis ? plain : name;
};

function measure(view: View2D, node: Layout, kind: TextBox['kind']): TextBox {
  // Node space to the view's own space (origin at the centre, design pixels), then to top-left origin.
  const matrix = view.worldToLocal().multiply(node.localToWorld());
  const size = node.size();
  const half = view.size().scale(0.5);
  const corners = [
    [-1, -1],
    [1, -1],
    [1, 1],
    [-1, 1],
  ].map(([sx, sy]) => new Vector2((sx * size.x) / 2, (sy * size.y) / 2).transformAsPoint(matrix).add(half));
  const xs = corners.map(c => c.x);
  const ys = corners.map(c => c.y);
  const scale = Math.min(Math.hypot(matrix.a, matrix.b), Math.hypot(matrix.c, matrix.d));
  const ancestors: string[] = [];
  const kinds: string[] = [];
  for (let p = node.parent(); p && p !== view; p = p.parent()) {
    ancestors.push(p.key);
    kinds.unshift(nameOf(p));
  }
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return {
    key: node.key,
    path: [...kinds.slice(-3), kind].join('/'),
    kind,
    text: textOf(node, kind),
    x,
    y,
    width: Math.max(...xs) - x,
    height: Math.max(...ys) - y,
    opacity: node.absoluteOpacity(),
    fontPx: node.fontSize() * scale,
    ancestors,
    exempt: layoutExemption(node),
  };
}

/** Every Txt and Latex under the view, measured as the frame the scene is at would draw them. */
export function probeTexts(view: View2D): TextBox[] {
  const out: TextBox[] = [];
  const walk = (node: Node) => {
    // Nothing under a fully transparent node is drawn.
    if (node.opacity() <= 0) return;
    const kind = kindOf(node);
    if (kind) out.push(measure(view, node as Layout, kind));
    // A Txt's children are its leaves (or nested Txt, part of its line); a Latex has none that matter.
    if (kind) return;
    for (const child of node.children()) walk(child);
  };
  walk(view);
  return out;
}

const NUMBER = /^\s*[−–-]?\d+(\.\d+)?\s*$/;
const MINUS_SIGNS = /[−–]/g;
const decimals = (text: string) => (text.trim().split('.')[1] ?? '').length;

/**
 * Every number node under the view (a Readout's value, a Knob's value): where its text is drawn, the
 * string it draws and the number behind it. The truth check reads these boxes back from the video.
 */
export function probeNumbers(view: View2D): NumberBox[] {
  const out: NumberBox[] = [];
  const add = (
    owner: Node,
    kind: NumberBox['kind'],
    label: string,
    value: number | null,
    digits: number,
    txt: Node | undefined,
  ) => {
    if (!(txt instanceof Txt)) return;
    const box = measure(view, txt, 'Txt');
    const fill = txt.fill();
    out.push({
      key: owner.key,
      kind,
      label,
      value,
      digits,
      text: box.text,
      x: box.x,
      y: box.y,
      width: box.width,
      height: box.height,
      opacity: box.opacity,
      fontPx: box.fontPx,
      path: box.path,
      ink: fill instanceof Color ? (fill.rgb() as [number, number, number]) : null,
    });
  };
  const walk = (node: Node) => {
    if (node.opacity() <= 0) return;
    if (node instanceof Readout) {
      add(node, 'Readout', node.label(), node.value(), node.digits(), node.children()[1]);
      return;
    }
    if (node instanceof Knob) {
      add(node, 'Knob', node.label(), node.value(), node.digits(), node.children()[1]);
      return;
    }
    // Any other text that is a number alone (a table cell, a graph node's value, a tick label).
    if (node instanceof Txt && !(node.parent() instanceof Txt)) {
      const text = node.text();
      if (NUMBER.test(text)) add(node, 'Txt', '', Number(text.trim().replace(MINUS_SIGNS, '-')), decimals(text), node);
      return;
    }
    for (const child of node.children()) walk(child);
  };
  walk(view);
  return out;
}
