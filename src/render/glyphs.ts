/**
 * Bundled fonts come in unicode-range subsets that the browser fetches only when text needs them;
 * a canvas drawn before its subset arrives shows a fallback font. Before each frame is drawn, the
 * render page asks for every glyph the frame's texts use, so no scene has to register its text.
 */
import {Txt, type Node} from '@motion-canvas/2d';
import {type Scene, endScene, startScene} from '@motion-canvas/core';

const requested = new Map<string, Set<string>>();

const faceOf = (t: Txt) => {
  const family = t.fontFamily();
  return `${t.fontStyle()} ${t.fontWeight()} 32px ${/^["']/.test(family) ? family : `"${family}"`}`;
};

/**
 * Loads the font subsets for every character the texts under `root` draw (each face and glyph once).
 * The tree is read inside `scene`'s context, as drawing does: signals may ask for their scene.
 */
export async function loadGlyphs(scene: Scene, root: Node): Promise<void> {
  const pending: Promise<unknown>[] = [];
  const walk = (node: Node) => {
    if (node instanceof Txt && !(node.parent() instanceof Txt)) {
      const face = faceOf(node);
      const seen = requested.get(face) ?? requested.set(face, new Set()).get(face)!;
      const fresh = [...new Set(node.text())].filter(c => !seen.has(c) && c.trim() !== '');
      if (fresh.length > 0) {
        fresh.forEach(c => seen.add(c));
        pending.push(document.fonts.load(face, fresh.join('')));
      }
    }
    for (const child of node.children()) walk(child);
  };
  startScene(scene);
  try {
    walk(root);
  } finally {
    endScene(scene);
  }
  if (pending.length > 0) await Promise.all(pending);
}
