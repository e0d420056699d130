import * as byteClasses from './byte-classes';
import type { ByteCursor } from './byte-cursor';
import { quoted, type ComparisonResult } from './difference';
import { EXCERPT_AFTER_BYTES, EXCERPT_BEFORE_BYTES, renderExcerpt } from './excerpt';

// Module-local copies: the hot loops then read a constant, not an import binding (which CommonJS output turns into a getter call per byte).
const NEWLINE = byteClasses.NEWLINE;

/** Mode `exact`: the output must be the answer's bytes, every one. */
export async function compareExact(expected: ByteCursor, actual: ByteCursor): Promise<ComparisonResult> {
  // Both sides are the same bytes up to the difference, so one line count serves both.
  let line = 1;
  let lineStart = 0;
  for (;;) {
    if (expected.pos === expected.end && !expected.eof) await expected.fill();
    if (actual.pos === actual.end && !actual.eof) await actual.fill();
    const n = Math.min(expected.end - expected.pos, actual.end - actual.pos);
    if (n === 0) {
      if (expected.eof && actual.eof) return { accepted: true };
      break;
    }
    const e = asBuffer(expected.buf);
    const a = asBuffer(actual.buf);
    const ep = expected.pos;
    const ap = actual.pos;
    let same = n;
    if (e.compare(a, ap, ap + n, ep, ep + n) !== 0) {
      same = 0;
      while (e[ep + same] === a[ap + same]) same++;
    }
    for (let k = ep; k < ep + same; k++) {
      if (e[k] === NEWLINE) {
        line++;
        lineStart = expected.offset + (k - ep) + 1;
      }
    }
    expected.advance(same);
    actual.advance(same);
    if (same < n) break;
  }

  const columnBytes = expected.offset - lineStart;
  const shown = Math.min(columnBytes, EXCERPT_BEFORE_BYTES);
  const cut = columnBytes > shown;
  const isNewline = (b: number): boolean => b === NEWLINE;
  const expectedRest = await expected.peekUntil(EXCERPT_AFTER_BYTES, isNewline, true);
  const actualRest = await actual.peekUntil(EXCERPT_AFTER_BYTES, isNewline, true);
  const expectedExcerpt = renderExcerpt(expected.lookBehind(shown), cut, expectedRest.bytes, expectedRest.cut);
  const actualExcerpt = renderExcerpt(actual.lookBehind(shown), cut, actualRest.bytes, actualRest.cut);
  const where = `line ${line}, column ${columnBytes + 1}`;
  const position = { line, expectedLine: line, column: columnBytes + 1, expected: expectedExcerpt, actual: actualExcerpt };
  if (actual.eof) {
    return {
      accepted: false,
      difference: {
        kind: 'output-ends-early',
        message: `output ends early at ${where}: expected ${quoted(expectedExcerpt)}`,
        ...position,
      },
    };
  }
  if (expected.eof) {
    return {
      accepted: false,
      difference: {
        kind: 'extra-output',
        message: `extra output after the answer at ${where}: ${quoted(actualExcerpt)}`,
        ...position,
      },
    };
  }
  return {
    accepted: false,
    difference: {
      kind: 'differs',
      message: `${where}: expected ${quoted(expectedExcerpt)}, got ${quoted(actualExcerpt)}`,
      ...position,
    },
  };
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
