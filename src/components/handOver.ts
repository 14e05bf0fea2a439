import {Node} from '@motion-canvas/2d';
import {all, type ThreadGenerator} from '@motion-canvas/core';

/** Something that fades: a node (its opacity) or an opacity-like signal, as in `probeShown(1, 0.4)`. */
export type Fader = Node | ((value: number, seconds: number) => ThreadGenerator);

const fade = (f: Fader, to: number, seconds: number) => (f instanceof Node ? f.opacity(to, seconds) : f(to, seconds));

/**
 * Fades `out` away, then `into` up, in `seconds` in all. Two panels that share a place never show
 * at once, so their texts never overlap mid-fade (the layout check samples fades too).
 *
 * @example yield* handOver(0.6, [table], [formula, knobRow]);
 */
export function* handOver(seconds: number, out: Fader[], into: Fader[]): ThreadGenerator {
  yield* all(...out.map(f => fade(f, 0, seconds / 2)));
  yield* all(...into.map(f => fade(f, 1, seconds / 2)));
}
