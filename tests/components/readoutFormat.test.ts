import {describe, expect, it} from 'vitest';
import {MINUS, formatFixed} from '../../src/components/readoutFormat';
import {knobAngle} from '../../src/components/knobMath';

describe('readout formatting', () => {
  it('every value in range has the same width, so a readout never jitters', () => {
    const widths = new Set<number>();
    for (let v = -9.99; v < 9.99; v += 0.137) widths.add(formatFixed(v, 3, 1).length);
    expect([...widths]).toEqual([6]);
    expect(formatFixed(-12.5, 2, 2)).toBe(`${MINUS}12.50`);
    expect(formatFixed(3.14159, 2, 2)).toBe('  3.14');
  });

  it('decimal points stay in the same column', () => {
    const col = (s: string) => s.indexOf('.');
    expect(col(formatFixed(-0.5, 2, 2))).toBe(col(formatFixed(42, 2, 2)));
  });

  it('negative zero shows without a sign, non-finite values as a dash of equal width', () => {
    expect(formatFixed(-0.0001, 3)).toBe(' 0.000');
    expect(formatFixed(NaN, 3).length).toBe(6);
    expect(formatFixed(Infinity, 3).trim()).toBe('—');
  });

  it('unsigned format drops the sign slot', () => {
    expect(formatFixed(7, 1, 2, false)).toBe(' 7.0');
    expect(formatFixed(12, 0, 3, false)).toBe(' 12');
  });
});

describe('knob dial', () => {
  it('min, middle and max point down-left, up and down-right', () => {
    expect(knobAngle(-1, -1, 1)).toBe(135);
    expect(knobAngle(0, -1, 1)).toBe(270);
    expect(knobAngle(1, -1, 1)).toBe(405);
    expect(knobAngle(5, -1, 1)).toBe(405);
  });
});
