import {describe, expect, it} from 'vitest';
import {MINUS, formatFixed, formatNumber, formatScientific} from '../../src/components/readoutFormat';
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

describe('scientific and adaptive notation', () => {
  it('writes small and large values with a fixed-width mantissa and exponent', () => {
    expect(formatScientific(7.5e-5, 2)).toBe(` 7.50e${MINUS}05`);
    expect(formatScientific(-1234, 1)).toBe(`${MINUS}1.2e+03`);
    expect(formatScientific(9.999, 2)).toBe(' 1.00e+01'); // rounding carries into the exponent
    const widths = new Set([1e-9, 3.2e-5, 0.5, 7, 88, 1.5e12, -4e-3].map(v => formatScientific(v, 2).length));
    expect([...widths]).toEqual([9]);
  });

  it('auto stays fixed while fixed shows the value, else goes scientific, at one width', () => {
    expect(formatNumber(7.5e-5, 3, 1, true, 'auto').trim()).toBe(`7.500e${MINUS}05`);
    expect(formatNumber(0.25, 3, 1, true, 'auto').trim()).toBe('0.250');
    expect(formatNumber(0, 3, 1, true, 'auto').trim()).toBe('0.000');
    expect(formatNumber(12345, 2, 2, true, 'auto').trim()).toBe('1.23e+04');
    const widths = new Set([7.5e-5, 0.25, 0, 3, -0.0001, 12345].map(v => formatNumber(v, 3, 1, true, 'auto').length));
    expect(widths.size).toBe(1);
  });

  it('fixed notation is unchanged and hides tiny values (which is why auto exists)', () => {
    expect(formatNumber(7.5e-5, 3)).toBe(formatFixed(7.5e-5, 3));
    expect(formatNumber(7.5e-5, 3).trim()).toBe('0.000');
  });
});
