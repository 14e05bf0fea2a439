import {describe, expect, it} from 'vitest';
import type {LayoutSample, NumberBox} from '../../src/render/layoutCheck';
import {normaliseNumber} from '../helpers/ocr';
import {chooseFrames, parseShown, roundedAsShown} from '../helpers/truth';

const num = (key: string, extra: Partial<NumberBox> = {}): NumberBox => ({
  key,
  kind: 'Readout',
  label: `${key} =`,
  value: 0,
  digits: 3,
  text: ' 0.000',
  x: 100,
  y: 100,
  width: 80,
  height: 40,
  opacity: 1,
  fontPx: 36,
  path: 'Readout/Txt',
  ink: [255, 255, 255],
  ...extra,
});
const sample = (frame: number, numbers: NumberBox[]): LayoutSample => ({frame, time: frame / 2, texts: [], numbers});

describe('truth check rules', () => {
  it('chooses at least three frames, and one where each number is fully shown', () => {
    const samples = [
      sample(0, []),
      sample(1, [num('a')]),
      sample(2, [num('a')]),
      sample(3, [num('a'), num('b', {opacity: 0.5})]),
      sample(4, [num('a'), num('b')]),
      sample(5, [num('b')]),
      sample(6, []),
    ];
    const frames = chooseFrames(samples, 3);
    expect(frames.length).toBeGreaterThanOrEqual(3);
    expect(frames).not.toContain(0);
    expect(frames).not.toContain(6);
    expect(frames.some(f => f >= 1 && f <= 4)).toBe(true);
    expect(frames.some(f => f === 4 || f === 5)).toBe(true);
    expect(chooseFrames([sample(0, []), sample(1, [num('a', {opacity: 0.2})])], 3)).toEqual([]);
  });

  it('rounds the engine value as the drawn string shows it, fixed or scientific', () => {
    expect(roundedAsShown(0.12349, ' 0.123')).toBe(0.123);
    expect(roundedAsShown(-1.2355, '\u22121.24')).toBe(-1.24);
    expect(roundedAsShown(41.7, ' 42')).toBe(42);
    expect(roundedAsShown(7.4999e-5, ' 7.50e\u221205')).toBe(7.5e-5);
    expect(parseShown(' \u22120.451')).toBe(-0.451);
    expect(parseShown(' 7.50e\u221205')).toBe(7.5e-5);
    // One unit in the last digit is a different reading.
    expect(parseShown(' 0.376')).not.toBe(roundedAsShown(0.375, ' 0.376'));
  });

  it('reads every dash as one minus and ignores padding', () => {
    expect(normaliseNumber('  \u22120.125')).toBe('-0.125');
    expect(normaliseNumber('-0.125')).toBe('-0.125');
    expect(normaliseNumber(' 1.0e\u221205 ')).toBe('1.0e-05');
  });
});
