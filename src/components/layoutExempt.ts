import type {Node} from '@motion-canvas/2d';

const REASON = Symbol.for('nn-motion.layoutExempt');
type Marked = Node & {[REASON]?: string};

/**
 * Opts one node (and the texts inside it) out of the layout check, with the reason why. Use it only
 * for an intentional case (a label that must sit on a gear's edge, a deliberate overlap in a
 * transition); the check prints every reason it skipped, so each one stays visible.
 *
 * @example
 * ```tsx
 * view.add(layoutExempt(<Txt text="…" /> as Txt, 'the label rides the tooth tip and crosses its neighbour for a moment'));
 * ```
 */
export function layoutExempt<T extends Node>(node: T, reason: string): T {
  if (reason.trim() === '') throw new Error('layoutExempt needs a reason');
  (node as Marked)[REASON] = reason;
  return node;
}

/** The reason given to `layoutExempt` on this node or its nearest exempt ancestor; null when none. */
export function layoutExemption(node: Node): string | null {
  for (let n: Node | null = node; n; n = n.parent()) {
    const reason = (n as Marked)[REASON];
    if (reason !== undefined) return reason;
  }
  return null;
}
