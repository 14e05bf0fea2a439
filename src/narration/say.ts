/**
 * `say`: a scene beat that waits for its narration line. The line's text goes to the scene's
 * Caption and its clip starts on the same frame; the beat lasts as long as the longer of the
 * clip (plus a short gap) and the animations run alongside it.
 */
import {all, useScene, waitFor, type ThreadGenerator} from '@motion-canvas/core';
import type {Caption} from '../components/Caption';
import {endCue, recordCue} from './cues';
import type {NarrationLine, VoicedNarration} from './types';

export interface SayOptions {
  /** Seconds the old caption takes to fade out, and the new one to fade in. */
  fadeOut?: number;
  fadeIn?: number;
  /** Silence after a line before the beat may end. */
  gap?: number;
}

export interface Say {
  /**
   * Shows the line `key`, starts its clip, and runs `alongside` meanwhile; ends when both are done.
   *
   * @example yield* say('points', axes.opacity(1, 0.6), table.opacity(1, 0.6))
   */
  (key: string, ...alongside: ThreadGenerator[]): ThreadGenerator;
  /** Fades the caption out; the current line's subtitle ends here. */
  clear(): ThreadGenerator;
  /** The line `key` (its text), for scenes that draw it elsewhere too. */
  line(key: string): NarrationLine;
}

/**
 * The `say` of one scene: its voiced narration (`import n from './<id>.narration?voice'`) and its Caption.
 *
 * @example
 * ```ts
 * const say = narrator(narration, () => caption());
 * yield* say('intro', plot.end(1, 2));
 * ```
 */
export function narrator(narration: VoicedNarration, caption: () => Caption, options: SayOptions = {}): Say {
  const {fadeOut = 0.25, fadeIn = 0.35, gap = 0.3} = options;
  const lines = new Map(narration.lines.map(l => [l.key, l]));
  const line = (key: string) => {
    const found = lines.get(key);
    if (!found) throw new Error(`no narration line "${key}" (known: ${[...lines.keys()].join(', ')})`);
    return found;
  };
  const here = () => {
    const scene = useScene();
    return {scene: scene.name, frame: scene.playback.frame - scene.firstFrame, fps: scene.playback.fps};
  };
  function* clear(): ThreadGenerator {
    const {scene, frame} = here();
    endCue(scene, frame);
    if (caption().opacity() > 0) yield* caption().opacity(0, fadeOut);
  }
  function* say(key: string, ...alongside: ThreadGenerator[]): ThreadGenerator {
    const {zh, en} = line(key);
    const clip = narration.clips[key];
    if (!clip)
      throw new Error(`narration line "${key}" has no clip: is the scene importing its narration with ?voice?`);
    yield* clear();
    caption().zh(zh).en(en);
    const {scene, frame, fps} = here();
    recordCue(scene, {key, zh, en, frame, frames: Math.ceil(clip.seconds * fps), end: -1, clip});
    yield* all(caption().opacity(1, fadeIn), waitFor(clip.seconds + gap), ...alongside);
  }
  return Object.assign(say, {clear, line});
}
