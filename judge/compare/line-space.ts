/**
 * What `/\s/u` matches, in UTF-8: the whitespace sandflow's line comparison has always stripped
 * from the end of a line (activities/judge/compare-output.ts, on decoded text). ASCII tab, line
 * feed, vertical tab, form feed, carriage return and space are one byte; the rest are below.
 */

/**
 * The length of the whitespace character whose first byte is `b0` and next bytes `b1`, `b2`
 * (-1 where there is none), or 0 when it is not whitespace.
 */
export function lineSpaceLength(b0: number, b1: number, b2: number): number {
  if (b0 === 0x20 || (b0 >= 0x09 && b0 <= 0x0d)) return 1;
  if (b0 < 0xc2) return 0;
  if (b0 === 0xc2) return b1 === 0xa0 ? 2 : 0; // U+00A0
  if (b0 === 0xe1) return b1 === 0x9a && b2 === 0x80 ? 3 : 0; // U+1680
  if (b0 === 0xe2) {
    if (b1 === 0x80) return (b2 >= 0x80 && b2 <= 0x8a) || b2 === 0xa8 || b2 === 0xa9 || b2 === 0xaf ? 3 : 0; // U+2000–200A, U+2028, U+2029, U+202F
    return b1 === 0x81 && b2 === 0x9f ? 3 : 0; // U+205F
  }
  if (b0 === 0xe3) return b1 === 0x80 && b2 === 0x80 ? 3 : 0; // U+3000
  if (b0 === 0xef) return b1 === 0xbb && b2 === 0xbf ? 3 : 0; // U+FEFF
  return 0;
}

/** Whether `b0` may start a whitespace character longer than one byte (so needs its next bytes). */
export function mayStartLongSpace(b0: number): boolean {
  return b0 === 0xc2 || b0 === 0xe1 || b0 === 0xe2 || b0 === 0xe3 || b0 === 0xef;
}

/**
 * How many bytes at the end of `bytes` are an unfinished UTF-8 character (its lead byte and
 * fewer continuation bytes than it announces): 0 when `bytes` ends on a character boundary.
 */
export function unfinishedCharLength(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back] ?? 0;
    if ((b & 0xc0) === 0x80) continue;
    if (b < 0xc0) return 0;
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return back < length ? back : 0;
  }
  return 0;
}
