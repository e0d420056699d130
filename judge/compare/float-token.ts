/**
 * Reads a token as a floating-point number the way the Problem Package Format defines one
 * ("General requirements"): `[+-]? (digits? "." digits | digits "." | digits) ([eE] [+-]? digits)?`,
 * in decimal, nothing else in the token. Like problemtools' default validator, a token whose value
 * is not finite (`inf`, `nan`, or `1e999` which overflows) is not a number: it compares as a string.
 */

/** Longer tokens are not read as numbers (the format asks for at least 30 digits each side of the point). */
export const FLOAT_TOKEN_MAX_BYTES = 4096;

/** Exactly representable powers of ten: m × 10^k is then one correctly rounded operation. */
const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** Up to this many significant digits the significand is an exact integer in a double. */
const EXACT_DIGITS = 15;

/** The token `bytes[start..end)` as a finite number, or NaN when it is not one. */
export function parseFloatToken(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  let negative = false;
  const first = bytes[i];
  if (first === 0x2b || first === 0x2d) {
    negative = first === 0x2d;
    i++;
  }
  let significand = 0;
  let significant = 0;
  let intDigits = 0;
  for (; i < end; i++, intDigits++) {
    const d = (bytes[i] ?? 0) - 0x30;
    if (d < 0 || d > 9) break;
    if (significant > 0 || d !== 0) {
      significand = significand * 10 + d;
      significant++;
    }
  }
  let fracDigits = 0;
  if (i < end && bytes[i] === 0x2e) {
    for (i++; i < end; i++, fracDigits++) {
      const d = (bytes[i] ?? 0) - 0x30;
      if (d < 0 || d > 9) break;
      if (significant > 0 || d !== 0) {
        significand = significand * 10 + d;
        significant++;
      }
    }
    // "." alone, or with digits on neither side, is not a number.
    if (intDigits === 0 && fracDigits === 0) return NaN;
  } else if (intDigits === 0) {
    return NaN;
  }
  let exponent = 0;
  if (i < end && (bytes[i] === 0x65 || bytes[i] === 0x45)) {
    i++;
    let expNegative = false;
    if (bytes[i] === 0x2b || bytes[i] === 0x2d) {
      expNegative = bytes[i] === 0x2d;
      i++;
    }
    const digitsFrom = i;
    for (; i < end; i++) {
      const d = (bytes[i] ?? 0) - 0x30;
      if (d < 0 || d > 9) break;
      // Past 10^6 the value is 0 or infinite either way; keep the sum small and exact.
      if (exponent < 1e6) exponent = exponent * 10 + d;
    }
    if (i === digitsFrom) return NaN;
    if (expNegative) exponent = -exponent;
  }
  if (i !== end) return NaN;

  if (significant === 0) return negative ? -0 : 0;
  const scale = exponent - fracDigits;
  if (significant <= EXACT_DIGITS && scale >= -22 && scale <= 22) {
    const magnitude =
      scale >= 0 ? significand * (EXACT_POWERS_OF_TEN[scale] ?? NaN) : significand / (EXACT_POWERS_OF_TEN[-scale] ?? NaN);
    return negative ? -magnitude : magnitude;
  }
  // The grammar matched, so the text is one JavaScript's own correctly rounded parser reads alike.
  const value = Number(Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1'));
  return Number.isFinite(value) ? value : NaN;
}
