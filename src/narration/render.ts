/** The render CLI's narration hooks: check and make the voices before the pages load, and the mux's extras per video. */
import {readdirSync} from 'node:fs';
import {join} from 'node:path';
import {createHash} from 'node:crypto';
import type {Narrated} from '../render/sinks';
import {langsOf, narrationTrack} from './track';
import type {Cue, NarrationLine, Voice} from './types';
import {importLines, makeClips, narrationFile, voicing, VoiceError} from './voice';

/** What the narration of a render depends on: part of a shard's settings. */
export interface NarrationSettings {
  /** null: --no-audio. */
  voice: Voice | null;
  subs: 'zh' | 'en' | 'both' | 'none';
  cues: Cue[];
}

/** The scenes that have a narration file. */
export function narratedScenes(root: string): string[] {
  return readdirSync(join(root, 'src/scenes'))
    .filter(f => f.endsWith('.narration.ts'))
    .map(f => f.slice(0, -'.narration.ts'.length))
    .sort();
}

/**
 * Makes every narrated scene's clips (the render page loads them all), so a missing espeak-ng or
 * voice fails here in one line, before any browser loads the project. Returns a hash of every
 * clip (of its text, voice, espeak-ng version or recording): what the pages' timings depend on.
 */
export async function prepareVoices(root: string, voice: Voice, ffmpeg: string): Promise<string> {
  const v = voicing(voice, ffmpeg);
  const hash = createHash('sha256').update(voice);
  for (const scene of narratedScenes(root)) {
    const clips = await makeClips(root, scene, await importLines(narrationFile(root, scene)), voice, v);
    for (const [key, c] of clips) hash.update(`${scene}/${key}:${c.hash}\n`);
  }
  return hash.digest('hex');
}

/** What a built page's narration depends on beyond its sources: the clips for `voice`, or silence. */
export async function narrationKey(root: string, voice: Voice | 'none', ffmpeg: string): Promise<string> {
  if (voice === 'none') return 'none';
  try {
    return await prepareVoices(root, voice, ffmpeg);
  } catch (e) {
    // The page then narrates silently, as the plugin does without a voice (the CLI checked first).
    if (e instanceof VoiceError) return 'silent';
    throw e;
  }
}

/**
 * The extras of one MP4 of frames [from, to) of a scene, or undefined for a scene that says nothing:
 * the speech (unless silent), subtitle streams, and `<final>.srt/.vtt` beside it.
 */
export function narrationFor(
  root: string,
  ffmpeg: string,
  scene: string,
  fps: number,
  from: number,
  to: number,
  finalPath: string,
  n: NarrationSettings,
): ((dir: string) => Promise<Narrated>) | undefined {
  if (n.cues.length === 0) return undefined;
  const base = finalPath.replace(/\.mp4$/, '');
  return async dir => {
    const track = await narrationTrack({
      ffmpeg,
      root,
      scene,
      fps,
      cues: n.cues,
      from,
      to,
      voice: n.voice,
      langs: langsOf(n.subs),
      dir,
    });
    const sidecars =
      n.subs === 'none'
        ? []
        : [
            {path: `${base}.srt`, text: track.srt},
            {path: `${base}.vtt`, text: track.vtt},
          ];
    return {audio: track.audio, subtitles: track.subtitles, sidecars};
  };
}
