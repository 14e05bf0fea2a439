/**
 * Number formatting for readouts that must not jitter: fixed decimals, a fixed-width
 * integer part, and a sign slot that is a space for positive numbers.
 */

/** A true minus sign (U+2212), the width of a digit in monospace fonts. */
export const MINUS = '\u2212';

/**
 * Format v with `digits` decimals, right-aligned in a field wide enough for
 * `intDigits` integer digits plus a sign, so every value in range has the same length.
 * −0.000 shows as 0.000; NaN and ±Infinity show as a dash of the same width.
 *
 * @example formatFixed(3.14159, 2, 2) === '  3.14'; formatFixed(-3.14159, 2, 2) === ' −3.14'
 */
export function formatFixed(v: number, digits: number, intDigits = 1, signed = true): string {
  const width = (signed ? 1 : 0) + intDigits + (digits > 0 ? digits + 1 : 0);
  if (!Number.isFinite(v)) return '—'.padStart(width, ' ');
  let body = Math.abs(v).toFixed(digits);
  const negative = v < 0 && Number(body) !== 0;
  if (negative) body = MINUS + body;
  return body.padStart(width, ' ');
}

/** How a readout writes its number: fixed decimals, always scientific, or scientific only when fixed would hide it. */
export type Notation = 'fixed' | 'scientific' | 'auto';

/**
 * Scientific notation of fixed width: a sign slot, one digit, `digits` decimals and a two-digit
 * exponent, so 7.5e-5 and 1.2e+03 line up.
 *
 * @example formatScientific(7.5e-5, 2) === ' 7.50e−05'
 */
export function formatScientific(v: number, digits: number, signed = true): string {
  const width = (signed ? 1 : 0) + 1 + (digits > 0 ? digits + 1 : 0) + 4;
  if (!Number.isFinite(v)) return '—'.padStart(width, ' ');
  const [mantissa, exponent] = Math.abs(v).toExponential(digits).split('e');
  const e = Number(exponent);
  const sign = v < 0 && Number(mantissa) !== 0 ? MINUS : '';
  const body = `${sign}${mantissa}e${e < 0 ? MINUS : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return body.padStart(width, ' ');
}

/**
 * A readout's text. `auto` is fixed while that shows at least two significant digits and fits
 * `intDigits`, else scientific; both are padded to one width, so switching never jitters.
 */
export function formatNumber(
  v: number,
  digits: number,
  intDigits = 1,
  signed = true,
  notation: Notation = 'fixed',
): string {
  if (notation === 'fixed') return formatFixed(v, digits, intDigits, signed);
  const sci = formatScientific(v, digits, signed);
  if (notation === 'scientific') return sci;
  const fixed = formatFixed(v, digits, intDigits, signed);
  const width = Math.max(fixed.length, sci.length);
  const a = Math.abs(v);
  const fits =
    !Number.isFinite(v) || a === 0 || (a >= 10 ** (1 - digits) && Number(a.toFixed(digits)) < 10 ** intDigits);
  return (fits ? fixed : sci).padStart(width, ' ');
}
