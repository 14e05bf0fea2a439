/** The narration of one scene, shared by the scene (captions, timing), the Vite plugin (speech) and the CLI (audio, subtitles). */

/** One spoken line: its key (the beat that waits for it), the Chinese text and its English gloss. */
export interface NarrationLine {
  key: string;
  zh: string;
  en: string;
}

/** A line's clip as the Vite plugin made it: its length, and where the editor can fetch it (null when silent). */
export interface Clip {
  seconds: number;
  url: string | null;
}

/** What `<scene>.narration?voice` exports: the lines, each line's clip, and which voice spoke them. */
export interface VoicedNarration {
  lines: NarrationLine[];
  clips: Record<string, Clip>;
  /** 'zh' or 'en'; 'none' when rendering silently (--no-audio): clips are then timed for reading. */
  voice: Voice | 'none';
}

export type Voice = 'zh' | 'en';
export const VOICES: readonly Voice[] = ['zh', 'en'];

/** One line as the scene hit it: frames relative to the scene's first frame. */
export interface Cue {
  key: string;
  zh: string;
  en: string;
  /** The frame the caption's text changes and the clip starts. */
  frame: number;
  /** The clip's length in frames (rounded up). */
  frames: number;
  /** The frame the caption starts to leave (the next line, or the scene's end). */
  end: number;
}

/** Checks a narration: keys unique and safe as file names, text present. Returns it unchanged. */
export function defineNarration(lines: NarrationLine[]): NarrationLine[] {
  const seen = new Set<string>();
  for (const l of lines) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(l.key))
      throw new Error(`narration key "${l.key}" must be lower-case letters, digits and dashes`);
    if (seen.has(l.key)) throw new Error(`narration key "${l.key}" appears twice`);
    if (!l.zh.trim() || !l.en.trim()) throw new Error(`narration line "${l.key}" needs both zh and en text`);
    seen.add(l.key);
  }
  return lines;
}

/** Reading time for a silent render (--no-audio): about 5 Chinese characters a second, at least 1.5 s. */
export function readingSeconds(line: NarrationLine): number {
  return Math.max(1.5, 0.2 * [...line.zh].length);
}
