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
