/**
 * Frame arithmetic of a render, in one place. Frames are end-exclusive, as in manim: a D-second scene
 * at F fps has round(D·F) frames, and `--range A:B` holds frames round(A·F) … round(B·F) − 1.
 */
import type {Segment} from './protocol';

/** Seconds of video per segment: each is encoded from a keyframe by a fresh encoder. */
export const SEGMENT_SECONDS = 2;

export class FrameRangeError extends Error {
  override name = 'FrameRangeError';
}

export function toFrame(seconds: number, fps: number): number {
  return Math.round(seconds * fps);
}

/** The frames [from, to) of `range` within a scene of `total` frames; throws past the end. */
export function framesOf(range: [number, number] | null, fps: number, total: number): [number, number] {
  if (!range) return [0, total];
  const from = toFrame(range[0], fps);
  const to = Number.isFinite(range[1]) ? Math.min(total, toFrame(range[1], fps)) : total;
  if (from >= total) throw new FrameRangeError(`starts at or after the end`);
  if (to <= from) throw new FrameRangeError(`holds no whole frame at ${fps} fps`);
  return [from, to];
}

/** Cuts [from, to) into segments of `length` frames, numbered from the start of the range. */
export function segmentsOf(from: number, to: number, length: number): Segment[] {
  const segments: Segment[] = [];
  for (let start = from, index = 0; start < to; start += length, index++) {
    segments.push({index, from: start, to: Math.min(to, start + length)});
  }
  return segments;
}

/** Splits segments into `parts` contiguous blocks of near-equal size (some may be empty). */
export function blocksOf<T>(items: T[], parts: number): T[][] {
  const blocks: T[][] = [];
  for (let k = 0; k < parts; k++) {
    blocks.push(items.slice(Math.floor((k * items.length) / parts), Math.floor(((k + 1) * items.length) / parts)));
  }
  return blocks;
}

/** K evenly spaced frames of [from, to), first and last included. */
export function evenlySpaced(from: number, to: number, count: number): number[] {
  const last = to - 1;
  if (count <= 1 || last === from) return [from];
  const n = Math.min(count, last - from + 1);
  return Array.from({length: n}, (_, i) => from + Math.round((i * (last - from)) / (n - 1)));
}
