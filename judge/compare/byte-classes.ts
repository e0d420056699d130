/**
 * Byte tables the comparators' hot loops index instead of branching on each byte's value.
 */

/** ASCII whitespace as C's isspace() sees it in the C locale, which the Kattis validator uses. */
export const ASCII_SPACE: Uint8Array = table((b) => b === 0x20 || (b >= 0x09 && b <= 0x0d));

/** Each byte with ASCII upper case mapped to lower case; every other byte maps to itself. */
export const ASCII_FOLD: Uint8Array = (() => {
  const fold = new Uint8Array(256);
  for (let b = 0; b < 256; b++) fold[b] = b >= 0x41 && b <= 0x5a ? b + 0x20 : b;
  return fold;
})();

export const NEWLINE = 0x0a;

function table(member: (byte: number) => boolean): Uint8Array {
  const t = new Uint8Array(256);
  for (let b = 0; b < 256; b++) t[b] = member(b) ? 1 : 0;
  return t;
}
