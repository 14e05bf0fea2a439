/**
 * A scene's narration as files: the subtitles (.srt, .vtt) and the speech mixed into one WAV, cut to
 * the rendered frames [from, to). Every time comes from a cue's frame, so it is exact to the frame.
 */
import {writeFile} from 'node:fs/promises';
import type {Cue, Voice} from './types';
import {runTool} from '../render/tools';
import {makeClip, SAMPLE_RATE, voicing} from './voice';

export type Lang = 'zh' | 'en';
export const langsOf = (subs: 'zh' | 'en' | 'both' | 'none'): Lang[] =>
  subs === 'both' ? ['zh', 'en'] : subs === 'none' ? [] : [subs];
/** ISO 639-2 codes for the MP4's subtitle streams. */
export const ISO_639_2: Record<Lang, string> = {zh: 'chi', en: 'eng'};

/** What the final mux adds to the video: a speech track and subtitle streams (SRT files, one per language). */
export interface MuxExtras {
  audio: string | null;
  subtitles: {file: string; lang: Lang}[];
}

/** The cues that show within frames [from, to), shifted so `from` is frame 0 and clipped to the range. */
export function cuesIn(cues: Cue[], from: number, to: number): Cue[] {
  return cues
    .filter(c => c.end > from && c.frame < to)
    .map(c => ({
      ...c,
      frame: Math.max(c.frame, from) - from,
      frames: c.frame + c.frames - Math.max(c.frame, from),
      end: Math.min(c.end, to) - from,
    }));
}

/** Frame `f` at `fps` as H:MM:SS plus milliseconds, the nearest millisecond. */
export function stamp(f: number, fps: number, sep: ',' | '.'): string {
  const ms = Math.round((f * 1000) / fps);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}${sep}${pad(ms % 1000, 3)}`;
}

const text = (c: Cue, langs: Lang[]) => langs.map(l => c[l]).join('\n');

/** SubRip: one numbered cue per line, shown from its frame until its caption leaves. */
export function srt(cues: Cue[], fps: number, langs: Lang[]): string {
  return cues
    .map((c, i) => `${i + 1}\n${stamp(c.frame, fps, ',')} --> ${stamp(c.end, fps, ',')}\n${text(c, langs)}\n`)
    .join('\n');
}

/** WebVTT, the same cues. */
export function vtt(cues: Cue[], fps: number, langs: Lang[]): string {
  return `WEBVTT\n\n${cues.map(c => `${c.key}\n${stamp(c.frame, fps, '.')} --> ${stamp(c.end, fps, '.')}\n${text(c, langs)}\n`).join('\n')}`;
}

export interface MixJob {
  ffmpeg: string;
  root: string;
  scene: string;
  voice: Voice;
  fps: number;
  /** Cues already cut to the range (cuesIn), and the range's length in frames. */
  cues: Cue[];
  frames: number;
  /** Frames of each cue's clip cut off at the range's start: original cue frame minus `from`, when negative. */
  skipped: Map<string, number>;
  out: string;
}

/**
 * Mixes the clips at their cues' frames into a mono 48 kHz WAV exactly `frames / fps` long. The
 * clips are normalised when made and never overlap, so the mix needs no gain of its own.
 */
export async function mixSpeech(j: MixJob): Promise<void> {
  const total = Math.round((j.frames * SAMPLE_RATE) / j.fps);
  const v = voicing(j.voice, j.ffmpeg);
  const inputs: string[] = [];
  const chains: string[] = [];
  for (const c of j.cues) {
    const clip = await makeClip(j.root, j.scene, c, j.voice, v);
    const i = inputs.length / 2;
    inputs.push('-i', clip.file);
    const skip = ((j.skipped.get(c.key) ?? 0) * SAMPLE_RATE) / j.fps;
    const delay = Math.round((c.frame * SAMPLE_RATE) / j.fps);
    chains.push(
      `[${i}:a]atrim=start_sample=${Math.round(skip)},asetpts=PTS-STARTPTS,adelay=delays=${delay}S:all=1[c${i}]`,
    );
  }
  const n = chains.length;
  const graph =
    n === 0
      ? `anullsrc=r=${SAMPLE_RATE}:cl=mono,atrim=end_sample=${total}[out]`
      : `${chains.join(';')};${Array.from({length: n}, (_, i) => `[c${i}]`).join('')}${n > 1 ? `amix=inputs=${n}:normalize=0:dropout_transition=0,` : ''}apad=whole_len=${total},atrim=end_sample=${total}[out]`;
  await runTool(
    j.ffmpeg,
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-nostdin',
      '-y',
      ...inputs,
      '-filter_complex',
      graph,
      '-map',
      '[out]',
      '-ar',
      String(SAMPLE_RATE),
      '-ac',
      '1',
      '-c:a',
      'pcm_s16le',
      '-fflags',
      '+bitexact',
      '-f',
      'wav',
      j.out,
    ],
    [j.out],
  );
}

export interface TrackJob {
  ffmpeg: string;
  root: string;
  scene: string;
  fps: number;
  /** The scene's cues and the frames rendered. */
  cues: Cue[];
  from: number;
  to: number;
  /** null: silent (--no-audio). */
  voice: Voice | null;
  langs: Lang[];
  /** Folder for the mix and the per-language SRTs (removed by the caller). */
  dir: string;
}

/** The mux's extras for one render of a narrated scene; also returns the subtitle files' text. */
export async function narrationTrack(j: TrackJob): Promise<MuxExtras & {srt: string; vtt: string}> {
  const cues = cuesIn(j.cues, j.from, j.to);
  const skipped = new Map(j.cues.filter(c => c.frame < j.from).map(c => [c.key, j.from - c.frame]));
  let audio: string | null = null;
  if (j.voice) {
    audio = `${j.dir}/speech.wav`;
    await mixSpeech({
      ffmpeg: j.ffmpeg,
      root: j.root,
      scene: j.scene,
      voice: j.voice,
      fps: j.fps,
      cues: cues.filter(c => c.frames > 0),
      frames: j.to - j.from,
      skipped,
      out: audio,
    });
  }
  const subtitles = [];
  for (const lang of cues.length ? j.langs : []) {
    const file = `${j.dir}/${lang}.srt`;
    await writeFile(file, srt(cues, j.fps, [lang]));
    subtitles.push({file, lang});
  }
  return {audio, subtitles, srt: srt(cues, j.fps, j.langs), vtt: vtt(cues, j.fps, j.langs)};
}
