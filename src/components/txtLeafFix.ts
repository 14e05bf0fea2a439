/**
 * A fix for Motion Canvas 3.17.2: a `Txt` whose text is a signal (`<Txt text={() => …} />`) parses
 * each new string into a new `TxtLeaf` and only detaches the old one. The old leaf stays registered
 * in its scene, and its computed properties stay subscribed to signals that live on, so it is never
 * collected: a changing number leaked a leaf a frame (~2 MB a frame in perceptron-apple, until
 * Chromium ran out of memory). Here a Txt that made its leaf from a string gives the next string to
 * the same leaf instead.
 */
import {Txt, type Node} from '@motion-canvas/2d';

interface Parsing {
  realChildren: Node[];
  parseChildren(children: unknown): Node[];
}

interface Leaf extends Node {
  text(value: string): unknown;
}

const FIXED = Symbol.for('nn-motion.txtLeafFix');
const proto = Txt.prototype as unknown as Parsing & {[FIXED]?: true};

if (!proto[FIXED]) {
  proto[FIXED] = true;
  /** Leaves a Txt made from a string: nothing outside it holds them. */
  const madeFromText = new WeakSet<Node>();
  const parse = proto.parseChildren;
  proto.parseChildren = function (this: Parsing, children: unknown) {
    const [only, ...rest] = this.realChildren ?? [];
    if (typeof children === 'string' && only && rest.length === 0 && madeFromText.has(only)) {
      (only as Leaf).text(children);
      return [only];
    }
    const given = new Set(Array.isArray(children) ? children : [children]);
    const parsed = parse.call(this, children);
    // What it did not get as a node it made from a string: a TxtLeaf.
    for (const node of parsed) if (!given.has(node)) madeFromText.add(node);
    return parsed;
  };
}
