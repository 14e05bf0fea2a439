/** The render CLI's narration hooks: check and make the voices before the pages load, and the mux's extras per video. */
import {readdirSync} from 'node:fs';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import type {Narrated} from '../render/sinks';
import {langsOf, narrationTrack} from './track';
import type {Cue, NarrationLine, Voice} from './types';
import {makeClips, voicing} from './voice';

/** What the narration of a render depends on: part of a shard's settings. */
export interface NarrationSettings {
  /** null: --no-audio. */
  voice: Voice | null;
  subs: 'zh' | 'en' | 'both' | 'none';
  cues: Cue[];
}

/** The scenes that have a narration file. */
export function narratedScenes(root: string): string[] {
  return readdirSync(join(root, 'src/scenes')).filter(f => f.endsWith('.narration.ts')).map(f => f.slice(0, -'.narration.ts'.length)).sort();
}

/**
 * Makes every narrated scene's clips (the render page loads them all), so a missing espeak-ng or
 * voice fails here in one line, before any browser loads the project.
 */
export async function prepareVoices(root: string, voice: Voice, ffmpeg: string): Promise<void> {
  const v = voicing(voice, ffmpeg);
  for (const scene of narratedScenes(root)) {
    const file = join(root, 'src/scenes', `${scene}.narration.ts`);
    const lines = ((await import(pathToFileURL(file).href)) as {default: NarrationLine[]}).default;
    await makeClips(root, scene, lines, voice, v);
  }
}

/**
 * The extras of one MP4 of frames [from, to) of a scene, or undefined for a scene that says nothing:
 * the speech (unless silent), subtitle streams, and `<final>.srt/.vtt` beside it.
 */
export function narrationFor(root: string, ffmpeg: string, scene: string, fps: number, from: number, to: number, finalPath: string, n: NarrationSettings):
  ((dir: string) => Promise<Narrated>) | undefined {
  if (n.cues.length === 0) return undefined;
  const base = finalPath.replace(/\.mp4$/, '');
  return async dir => {
    const track = await narrationTrack({ffmpeg, root, scene, fps, cues: n.cues, from, to, voice: n.voice, langs: langsOf(n.subs), dir});
    const sidecars = n.subs === 'none' ? [] : [{path: `${base}.srt`, text: track.srt}, {path: `${base}.vtt`, text: track.vtt}];
    return {audio: track.audio, subtitles: track.subtitles, sidecars};
  };
}
