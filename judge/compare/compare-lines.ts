import * as byteClasses from './byte-classes';
import type { ByteCursor } from './byte-cursor';
import { quoted, type ComparisonResult } from './difference';
import { EXCERPT_AFTER_BYTES, EXCERPT_BEFORE_BYTES, renderExcerpt } from './excerpt';
import * as lineSpace from './line-space';

// Module-local copies: the hot loops then read a constant, not an import binding (which CommonJS output turns into a getter call per byte).
const NEWLINE = byteClasses.NEWLINE;
const lineSpaceLength = lineSpace.lineSpaceLength;
const mayStartLongSpace = lineSpace.mayStartLongSpace;
const unfinishedCharLength = lineSpace.unfinishedCharLength;

/**
 * Mode `lines`: the output's lines, each without its trailing whitespace, and without the blank
 * lines at the end, are the answer's. On the same text this is exactly what
 * activities/judge/compare-output.ts decides, but on bytes, streamed: whitespace is what `/\s/u`
 * matches, and bytes that are not UTF-8 are compared as they are instead of all becoming U+FFFD.
 *
 * Both sides are walked in lockstep; where they part, the line still matches if what remains of it
 * is whitespace on both sides.
 */
export async function compareLines(expected: ByteCursor, actual: ByteCursor): Promise<ComparisonResult> {
  const e: LineSide = { cursor: expected, line: 1, lineStart: 0 };
  const a: LineSide = { cursor: actual, line: 1, lineStart: 0 };
  for (;;) {
    if (expected.pos === expected.end && !expected.eof) await expected.fill();
    if (actual.pos === actual.end && !actual.eof) await actual.fill();
    const n = Math.min(expected.end - expected.pos, actual.end - actual.pos);
    if (n === 0 && expected.eof && actual.eof) return { accepted: true };
    if (n > 0 && stepInChunks(e, a, n)) continue;
    const settled = await settleDivergence(e, a);
    if (settled !== null) return settled;
  }
}

interface LineSide {
  cursor: ByteCursor;
  /** 1-based line the cursor is on. */
  line: number;
  /** Stream offset where that line starts. */
  lineStart: number;
}

/**
 * Walks both sides over the next `n` bytes, which both have in their current chunks. True when
 * the walk can go on; false at a divergence that needs the slow path.
 */
function stepInChunks(e: LineSide, a: LineSide, n: number): boolean {
  const ec = e.cursor;
  const ac = a.cursor;
  const eb = ec.buf;
  const ab = ac.buf;
  const ep = ec.pos;
  const ap = ac.pos;
  let k = 0;
  let x = 0;
  while (k < n) {
    x = eb[ep + k] ?? 0;
    if (x !== ab[ap + k]) break;
    k++;
    if (x === NEWLINE) {
      e.line++;
      a.line++;
      e.lineStart = ec.offset + k;
      a.lineStart = ac.offset + k;
    }
  }
  ec.advance(k);
  ac.advance(k);
  if (k === n) return true;
  // The common case of a divergence, "\r\n" against "\n" or trailing blanks, settled here.
  const y = ab[ap + k] ?? 0;
  if (isContinuationByte(x) || isContinuationByte(y)) return false;
  const eNewline = blankToNewlineInChunk(eb, ec.pos, ec.end);
  const aNewline = blankToNewlineInChunk(ab, ac.pos, ac.end);
  if (eNewline < 0 || aNewline < 0) return false;
  ec.advance(eNewline + 1 - ec.pos);
  ac.advance(aNewline + 1 - ac.pos);
  e.line++;
  a.line++;
  e.lineStart = ec.offset;
  a.lineStart = ac.offset;
  return true;
}

function isContinuationByte(b: number): boolean {
  return (b & 0xc0) === 0x80;
}

/** The index of the '\n' ending `buf[from..end)` if only whitespace comes before it; else -1. */
function blankToNewlineInChunk(buf: Uint8Array, from: number, end: number): number {
  let i = from;
  while (i < end) {
    const b = buf[i] ?? 0;
    if (b === NEWLINE) return i;
    if (mayStartLongSpace(b) && i + 2 >= end) return -1;
    const length = lineSpaceLength(b, buf[i + 1] ?? -1, buf[i + 2] ?? -1);
    if (length === 0) return -1;
    i += length;
  }
  return -1;
}

/**
 * Where the sides part (or one ended): null when the line matches after all and the walk goes
 * on, else the result.
 */
async function settleDivergence(e: LineSide, a: LineSide): Promise<ComparisonResult | null> {
  const column = e.cursor.offset - e.lineStart;
  // Parting inside a multi-byte character: judge that character whole, from its first byte.
  const unfinished = column > 0 ? unfinishedCharLength(e.cursor.lookBehind(Math.min(3, column))) : 0;
  const prefix = e.cursor.lookBehind(unfinished);
  const eRest = await restOfLine(e.cursor, prefix);
  const aRest = await restOfLine(a.cursor, prefix);
  if (eRest.blank && aRest.blank) {
    const eMore = await nextLine(e, eRest);
    const aMore = await nextLine(a, aRest);
    if (eMore && aMore) return null;
    if (eMore) return endsEarly(e);
    if (aMore) return extraOutput(a);
    return { accepted: true };
  }
  if (column === 0 && !(await hasMore(a.cursor))) return endsEarly(e);
  if (column === 0 && !(await hasMore(e.cursor))) return extraOutput(a);
  const expected = await lineExcerpt(e, column, prefix);
  const got = await lineExcerpt(a, column, prefix);
  return {
    accepted: false,
    difference: {
      kind: 'differs',
      message: `line ${e.line}: expected ${quoted(expected)}, got ${quoted(got)}`,
      line: a.line,
      expectedLine: e.line,
      column: column - unfinished + 1,
      expected,
      actual: got,
    },
  };
}

interface RestOfLine {
  /** Whether only whitespace is left of the line. */
  blank: boolean;
  /** Bytes from the cursor to the line's end, its '\n' included (when blank). */
  length: number;
  endedBy: 'newline' | 'eof';
}

/** Looks (without consuming) at `prefix` and then the cursor's bytes up to the end of the line. */
async function restOfLine(cursor: ByteCursor, prefix: Uint8Array): Promise<RestOfLine> {
  const k = prefix.length;
  const at = (i: number): number => (i < k ? (prefix[i] ?? -1) : cursor.byteAt(i - k));
  let i = 0;
  for (;;) {
    const b0 = at(i);
    if (b0 === -2 || (mayStartLongSpace(b0) && (at(i + 1) === -2 || at(i + 2) === -2))) {
      await cursor.ensure(i - k + 3);
      continue;
    }
    if (b0 === -1) return { blank: true, length: i - k, endedBy: 'eof' };
    if (b0 === NEWLINE) return { blank: true, length: i - k + 1, endedBy: 'newline' };
    const length = lineSpaceLength(b0, at(i + 1), at(i + 2));
    if (length === 0) return { blank: false, length: 0, endedBy: 'eof' };
    i += length;
  }
}

/** Consumes the (blank) rest of the line; whether another line follows. */
async function nextLine(side: LineSide, rest: RestOfLine): Promise<boolean> {
  side.cursor.advance(rest.length);
  if (rest.endedBy === 'eof') return false;
  side.line++;
  side.lineStart = side.cursor.offset;
  return hasMore(side.cursor);
}

async function hasMore(cursor: ByteCursor): Promise<boolean> {
  await cursor.ensure(1);
  return cursor.byteAt(0) >= 0;
}

/** Skips the blank lines the side may still have, to its next line with content: false if none. */
async function skipBlankLines(side: LineSide): Promise<boolean> {
  for (;;) {
    const rest = await restOfLine(side.cursor, new Uint8Array(0));
    if (!rest.blank) return true;
    if (!(await nextLine(side, rest))) return false;
  }
}

/** The output has no more lines: fine if the answer has only blank ones left. */
async function endsEarly(e: LineSide): Promise<ComparisonResult> {
  if (!(await skipBlankLines(e))) return { accepted: true };
  const expected = await lineExcerpt(e, 0, new Uint8Array(0));
  return {
    accepted: false,
    difference: {
      kind: 'output-ends-early',
      message: `output ends early at line ${e.line}: expected ${quoted(expected)}`,
      line: e.line,
      expectedLine: e.line,
      column: 1,
      expected,
      actual: '',
    },
  };
}

/** The answer has no more lines: fine if the output has only blank ones left. */
async function extraOutput(a: LineSide): Promise<ComparisonResult> {
  if (!(await skipBlankLines(a))) return { accepted: true };
  const got = await lineExcerpt(a, 0, new Uint8Array(0));
  return {
    accepted: false,
    difference: {
      kind: 'extra-output',
      message: `extra output after the answer at line ${a.line}: ${quoted(got)}`,
      line: a.line,
      expectedLine: a.line,
      column: 1,
      expected: '',
      actual: got,
    },
  };
}

/**
 * The side's line around the cursor: `column` bytes of it are behind the cursor, the last of
 * them `prefix` (shown with what follows it). Trailing whitespace is left out, as it is ignored.
 */
async function lineExcerpt(side: LineSide, column: number, prefix: Uint8Array): Promise<string> {
  const shown = Math.min(column, EXCERPT_BEFORE_BYTES);
  const behind = side.cursor.lookBehind(shown);
  const before = behind.subarray(0, behind.length - prefix.length);
  const rest = await side.cursor.peekUntil(EXCERPT_AFTER_BYTES, (b) => b === NEWLINE);
  let after: Uint8Array = new Uint8Array(prefix.length + rest.bytes.length);
  after.set(prefix, 0);
  after.set(rest.bytes, prefix.length);
  if (!rest.cut) after = trimTrailingAsciiSpace(after);
  return renderExcerpt(before, column > shown, after, rest.cut);
}

function trimTrailingAsciiSpace(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && lineSpaceLength(bytes[end - 1] ?? 0, -1, -1) === 1) end--;
  return bytes.subarray(0, end);
}
