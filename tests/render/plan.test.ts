import {describe, expect, it} from 'vitest';
import {blocksOf, evenlySpaced, FrameRangeError, framesOf, segmentsOf} from '../../src/render/plan';

describe('frame arithmetic (end-exclusive, as manim)', () => {
  it.each([15, 30, 60])('a whole 6 s scene at %i fps is frames 0 … 6·fps − 1', fps => {
    expect(framesOf(null, fps, 6 * fps)).toEqual([0, 6 * fps]);
  });

  it('--range 0:1 at 15 fps holds 15 frames, not 16', () => {
    const [from, to] = framesOf([0, 1], 15, 90);
    expect(to - from).toBe(15);
  });

  it('an open or overlong end stops at the scene end', () => {
    expect(framesOf([2, Infinity], 15, 90)).toEqual([30, 90]);
    expect(framesOf([2, 100], 15, 90)).toEqual([30, 90]);
  });

  it('a start at or past the end is refused', () => {
    expect(() => framesOf([6, 7], 15, 90)).toThrow(FrameRangeError);
    expect(() => framesOf([9999, 10000], 15, 90)).toThrow(/end/);
  });

  it('a range shorter than a frame is refused', () => {
    expect(() => framesOf([1, 1.01], 15, 90)).toThrow(/no whole frame/);
  });
});

describe('segments and blocks', () => {
  it('cuts a range into fixed segments counted from its start, the last one short', () => {
    expect(segmentsOf(8, 41, 30)).toEqual([
      {index: 0, from: 8, to: 38},
      {index: 1, from: 38, to: 41},
    ]);
  });

  it('blocks are contiguous, in order, and cover every item once', () => {
    const items = Array.from({length: 10}, (_, i) => i);
    for (const parts of [1, 2, 3, 4, 7, 12]) {
      const blocks = blocksOf(items, parts);
      expect(blocks).toHaveLength(parts);
      expect(blocks.flat()).toEqual(items);
      const sizes = blocks.map(b => b.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it('a contact sheet takes the first and last frame and spaces the rest evenly', () => {
    expect(evenlySpaced(0, 90, 4)).toEqual([0, 30, 59, 89]);
    expect(evenlySpaced(0, 3, 10)).toEqual([0, 1, 2]);
  });
});
