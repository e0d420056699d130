/**
 * Short, printable excerpts of either side around a difference. Output is untrusted bytes in any
 * encoding: valid UTF-8 shows as text, anything else and control characters as escapes, so an
 * excerpt is always one line of valid text of bounded length.
 */

/** The most characters (UTF-16 code units) an excerpt has, its "…" marks included. */
export const EXCERPT_MAX_CHARS = 100;
/** How much of the excerpt the bytes before the difference may take. */
const BEFORE_MAX_CHARS = 30;
/** Bytes to read on either side of a difference: enough to fill an excerpt even with escapes. */
export const EXCERPT_BEFORE_BYTES = 96;
export const EXCERPT_AFTER_BYTES = 300;

const ELLIPSIS = '…';

/**
 * Renders `before` (bytes just before the difference) and `after` (from the difference on).
 * `beforeCut` / `afterCut` say that the unit (line or token) goes on past those bytes.
 */
export function renderExcerpt(before: Uint8Array, beforeCut: boolean, after: Uint8Array, afterCut: boolean): string {
  const beforeUnits = printableUnits(skipContinuationBytes(before, beforeCut));
  const afterUnits = printableUnits(after);

  let head = '';
  let i = beforeUnits.length;
  while (i > 0 && head.length + (beforeUnits[i - 1] ?? '').length <= BEFORE_MAX_CHARS - 1) head = (beforeUnits[--i] ?? '') + head;
  if (i > 0 || beforeCut) head = ELLIPSIS + head;

  let tail = '';
  const room = EXCERPT_MAX_CHARS - head.length - 1;
  let j = 0;
  while (j < afterUnits.length && tail.length + (afterUnits[j] ?? '').length <= room) tail += afterUnits[j++] ?? '';
  if (j < afterUnits.length || afterCut) tail += ELLIPSIS;
  return head + tail;
}

/** A cut-off start may fall inside a UTF-8 character: start at the next character instead. */
function skipContinuationBytes(bytes: Uint8Array, cut: boolean): Uint8Array {
  if (!cut) return bytes;
  let i = 0;
  while (i < bytes.length && i < 3 && ((bytes[i] ?? 0) & 0xc0) === 0x80) i++;
  return bytes.subarray(i);
}

/** Each character of valid UTF-8 as itself, each other byte and control character as an escape. */
function printableUnits(bytes: Uint8Array): string[] {
  const units: string[] = [];
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      units.push(asciiUnit(b));
      i++;
      continue;
    }
    const cp = decodeUtf8At(bytes, i);
    if (cp === null) {
      units.push(hexEscape(b));
      i++;
      continue;
    }
    units.push(String.fromCodePoint(cp.codePoint));
    i += cp.length;
  }
  return units;
}

function asciiUnit(b: number): string {
  switch (b) {
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x5c:
      return '\\\\';
    default:
      return b < 0x20 || b === 0x7f ? hexEscape(b) : String.fromCharCode(b);
  }
}

function hexEscape(b: number): string {
  return `\\x${b.toString(16).padStart(2, '0')}`;
}

/**
 * The code point of a well-formed UTF-8 sequence at `i` (no overlong forms, surrogates or values
 * past U+10FFFF, as TextDecoder has it), or null. C1 controls and other invisible code points
 * stay escaped so an excerpt cannot hide or reorder text.
 */
function decodeUtf8At(bytes: Uint8Array, i: number): { codePoint: number; length: number } | null {
  const b0 = bytes[i] ?? 0;
  let length: number;
  let cp: number;
  let min: number;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    length = 2;
    cp = b0 & 0x1f;
    min = 0x80;
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    length = 3;
    cp = b0 & 0x0f;
    min = 0x800;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    length = 4;
    cp = b0 & 0x07;
    min = 0x10000;
  } else {
    return null;
  }
  if (i + length > bytes.length) return null;
  for (let k = 1; k < length; k++) {
    const b = bytes[i + k] ?? 0;
    if ((b & 0xc0) !== 0x80) return null;
    cp = (cp << 6) | (b & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
  if (cp <= 0xa0 || isInvisible(cp)) return null;
  return { codePoint: cp, length };
}

/**
 * Unusual spaces and the format and direction controls: shown as bytes, since as text they would
 * look like a plain space, like nothing, or make the excerpt read in another order.
 */
function isInvisible(cp: number): boolean {
  return (
    cp === 0x00ad ||
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200f) ||
    (cp >= 0x2028 && cp <= 0x202f) ||
    (cp >= 0x205f && cp <= 0x206f) ||
    cp === 0x3000 ||
    cp === 0xfeff
  );
}
