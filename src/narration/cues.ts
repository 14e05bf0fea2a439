/**
 * The lines each scene hit, as `say` records them while the scene runs (frames from the scene's
 * start). The render page reports them with the scene's info; the editor plays clips from them.
 */
import type {Clip, Cue} from './types';

export interface HitCue extends Cue {
  clip: Clip;
}

const byScene = new Map<string, Map<string, HitCue>>();

function of(scene: string): Map<string, HitCue> {
  let cues = byScene.get(scene);
  if (!cues) byScene.set(scene, (cues = new Map()));
  return cues;
}

/** A line starts: the same key at the same frame on every run of the scene. */
export function recordCue(scene: string, cue: HitCue): void {
  const cues = of(scene);
  const before = cues.get(cue.key);
  if (before && before.frame !== cue.frame && before.end >= 0 && before.end <= cue.frame) {
    throw new Error(
      `narration line "${cue.key}" is said twice in "${scene}" (frames ${before.frame} and ${cue.frame})`,
    );
  }
  cues.set(cue.key, cue);
}

/** The caption of the line showing at `frame` starts to leave. */
export function endCue(scene: string, frame: number): void {
  for (const cue of of(scene).values()) if (cue.frame < frame && (cue.end < 0 || cue.end > frame)) cue.end = frame;
}

/** The scene's cues in time order; a line still showing at the end lasts until `frames`. */
export function cuesOf(scene: string, frames: number): HitCue[] {
  return [...of(scene).values()]
    .filter(c => c.frame < frames)
    .map(c => ({...c, end: c.end < 0 ? frames : Math.min(c.end, frames)}))
    .sort((a, b) => a.frame - b.frame);
}
