import * as byteClasses from './byte-classes';
import type { ByteCursor } from './byte-cursor';
import { quoted, whereLines, type ComparisonResult, type Difference } from './difference';
import { EXCERPT_AFTER_BYTES, EXCERPT_BEFORE_BYTES, renderExcerpt } from './excerpt';
import * as floatToken from './float-token';
import type { FloatTolerance, TokensComparison } from './settings';

// Module-local copies: the hot loops then read a constant, not an import binding (which CommonJS output turns into a getter call per byte).
const ASCII_FOLD = byteClasses.ASCII_FOLD;
const ASCII_SPACE = byteClasses.ASCII_SPACE;
const NEWLINE = byteClasses.NEWLINE;
const FLOAT_TOKEN_MAX_BYTES = floatToken.FLOAT_TOKEN_MAX_BYTES;
const parseFloatToken = floatToken.parseFloatToken;

/**
 * Mode `tokens`, with the semantics of the ICPC / Kattis default output validator (problemtools'
 * default_validator.cc; the Problem Package Format's "Default output validator specification"):
 * - tokens are separated by runs of ASCII whitespace; leading and trailing whitespace is ignored,
 *   and any run matches any other, unless `spaceChangeSensitive`: then every whitespace byte,
 *   leading and trailing included, must be the answer's;
 * - with a float tolerance, an answer token that is a number (float-token.ts) needs an output
 *   token that is a number within tolerance (either tolerance suffices); any other answer token,
 *   and every token without a tolerance, compares as bytes (ASCII case folded if
 *   `caseInsensitive`);
 * - the output must have as many tokens as the answer: fewer "ends early", more is "extra output".
 *
 * Tokens are compared in lockstep without being copied; only a number is read whole (it is short).
 */
export async function compareTokens(
  expected: ByteCursor,
  actual: ByteCursor,
  settings: TokensComparison,
): Promise<ComparisonResult> {
  const e: TokenSide = { cursor: expected, line: 1 };
  const a: TokenSide = { cursor: actual, line: 1 };
  const fold = settings.caseInsensitive;
  const tolerance = settings.float;
  const progress = { bytes: 0 };
  let token = 0;
  // Every await below is taken only at a chunk's end or a difference: a token within the chunks
  // costs no promise.
  for (;;) {
    if (settings.spaceChangeSensitive) {
      if (!spaceStepInChunks(e, a)) {
        const differs = await matchSpace(e, a, token);
        if (differs !== null) return { accepted: false, difference: differs };
      }
    } else {
      if (!skipSpaceInChunk(e)) await skipSpace(e);
      if (!skipSpaceInChunk(a)) await skipSpace(a);
    }
    if (expected.eof) {
      return actual.eof ? { accepted: true } : { accepted: false, difference: await extraOutput(e, a, token + 1) };
    }
    if (actual.eof) return { accepted: false, difference: await endsEarly(e, a, token + 1) };
    token++;
    if (tolerance !== null) {
      let numeric = judgeNumberInChunks(e.cursor, a.cursor, tolerance);
      if (numeric === NEED_BYTES) numeric = await judgeNumber(e.cursor, a.cursor, tolerance);
      if (numeric === TOKENS_MATCH) continue;
      if (numeric === TOKENS_DIFFER) return { accepted: false, difference: await numberDiffers(e, a, token, tolerance) };
    }
    progress.bytes = 0;
    let step = stepTokenInChunks(e.cursor, a.cursor, fold, progress);
    if (step === NEED_BYTES) step = await finishToken(e.cursor, a.cursor, fold, progress);
    if (step === TOKENS_DIFFER) return { accepted: false, difference: await tokensDiffer(e, a, token, progress.bytes) };
  }
}

interface TokenSide {
  cursor: ByteCursor;
  /** 1-based line the cursor is on. */
  line: number;
}

const TOKENS_MATCH = 1;
const TOKENS_DIFFER = 0;
const NEED_BYTES = -1;
/** The answer's token is not a number: it compares as bytes. */
const NOT_A_NUMBER = 2;

/** Skips whitespace in the current chunk; true when it stopped at a token's byte there. */
function skipSpaceInChunk(side: TokenSide): boolean {
  const c = side.cursor;
  const buf = c.buf;
  const end = c.end;
  let p = c.pos;
  let lines = 0;
  while (p < end) {
    const b = buf[p] ?? 0;
    if (ASCII_SPACE[b] === 0) break;
    if (b === NEWLINE) lines++;
    p++;
  }
  c.pos = p;
  side.line += lines;
  return p < end;
}

/** Skips whitespace across chunks, to a token's first byte or the end of the stream. */
async function skipSpace(side: TokenSide): Promise<void> {
  while (await side.cursor.fill()) if (skipSpaceInChunk(side)) return;
}

/**
 * Compares the two tokens at the cursors over the bytes both current chunks hold, counting the
 * equal bytes into `progress`. Stops at the first difference, at the tokens' common end, or at a
 * chunk's end (NEED_BYTES).
 */
function stepTokenInChunks(e: ByteCursor, a: ByteCursor, fold: boolean, progress: { bytes: number }): number {
  const eb = e.buf;
  const ab = a.buf;
  const ep = e.pos;
  const ap = a.pos;
  const n = Math.min(e.end - ep, a.end - ap);
  let k = 0;
  let result = NEED_BYTES;
  if (fold) {
    while (k < n) {
      const x = eb[ep + k] ?? 0;
      const y = ab[ap + k] ?? 0;
      if (x === y || ASCII_FOLD[x] === ASCII_FOLD[y]) {
        if (ASCII_SPACE[x] === 1) {
          result = TOKENS_MATCH;
          break;
        }
        k++;
        continue;
      }
      result = ASCII_SPACE[x] === 1 && ASCII_SPACE[y] === 1 ? TOKENS_MATCH : TOKENS_DIFFER;
      break;
    }
  } else {
    while (k < n) {
      const x = eb[ep + k] ?? 0;
      const y = ab[ap + k] ?? 0;
      if (x === y) {
        if (ASCII_SPACE[x] === 1) {
          result = TOKENS_MATCH;
          break;
        }
        k++;
        continue;
      }
      result = ASCII_SPACE[x] === 1 && ASCII_SPACE[y] === 1 ? TOKENS_MATCH : TOKENS_DIFFER;
      break;
    }
  }
  e.pos = ep + k;
  a.pos = ap + k;
  progress.bytes += k;
  return result;
}

/** stepTokenInChunks across chunk ends, where the end of a stream also ends its token. */
async function finishToken(e: ByteCursor, a: ByteCursor, fold: boolean, progress: { bytes: number }): Promise<number> {
  for (;;) {
    if (e.pos === e.end && !e.eof) await e.fill();
    if (a.pos === a.end && !a.eof) await a.fill();
    const eEnded = e.eof || ASCII_SPACE[e.buf[e.pos] ?? 0] === 1;
    const aEnded = a.eof || ASCII_SPACE[a.buf[a.pos] ?? 0] === 1;
    if (eEnded || aEnded) return eEnded && aEnded ? TOKENS_MATCH : TOKENS_DIFFER;
    const step = stepTokenInChunks(e, a, fold, progress);
    if (step !== NEED_BYTES) return step;
  }
}

/** A token of at most `max` bytes at the cursor, unconsumed: where its bytes are. */
interface PeekedToken {
  bytes: Uint8Array;
  start: number;
  end: number;
}

/** The token at the cursor if it ends within the current chunk: its end, -1 if longer than `max`, -2 if it reaches the chunk's end. */
function tokenEndInChunk(cursor: ByteCursor, max: number): number {
  const buf = cursor.buf;
  const end = cursor.end;
  const limit = Math.min(end, cursor.pos + max + 1);
  let p = cursor.pos;
  while (p < limit && ASCII_SPACE[buf[p] ?? 0] === 0) p++;
  if (p - cursor.pos > max) return -1;
  return p < end ? p : -2;
}

/** The token at the cursor (null if longer than `max`), read ahead as far as it goes. */
async function peekToken(cursor: ByteCursor, max: number): Promise<PeekedToken | null> {
  const inChunk = tokenEndInChunk(cursor, max);
  if (inChunk >= 0) return { bytes: cursor.buf, start: cursor.pos, end: inChunk };
  if (inChunk === -1) return null;
  const read = await cursor.peekUntil(max + 1, (b) => ASCII_SPACE[b] === 1);
  return read.bytes.length > max ? null : { bytes: read.bytes, start: 0, end: read.bytes.length };
}

/**
 * The numeric judgement of the answer's number (`expectedLength` bytes at `e`) and the output's
 * token (`got`, null when too long to be a number), consuming both when they match. Positions,
 * not token objects, so the hot path allocates nothing.
 */
function judgeNumberTokens(
  e: ByteCursor,
  expectedLength: number,
  expectedValue: number,
  a: ByteCursor,
  gotBytes: Uint8Array | null,
  gotStart: number,
  gotEnd: number,
  tolerance: FloatTolerance,
): number {
  if (gotBytes === null || !withinTolerance(expectedValue, parseFloatToken(gotBytes, gotStart, gotEnd), tolerance)) {
    return TOKENS_DIFFER;
  }
  e.advance(expectedLength);
  a.advance(gotEnd - gotStart);
  return TOKENS_MATCH;
}

/** Either tolerance suffices; NaN (an output token that is not a number) is within none. */
function withinTolerance(expected: number, actual: number, tolerance: FloatTolerance): boolean {
  const error = Math.abs(actual - expected);
  return (
    (tolerance.absolute !== null && error <= tolerance.absolute) ||
    (tolerance.relative !== null && error <= tolerance.relative * Math.abs(expected))
  );
}

/** judgeNumber for two tokens that end in the current chunks; NEED_BYTES if either does not. */
function judgeNumberInChunks(e: ByteCursor, a: ByteCursor, tolerance: FloatTolerance): number {
  const wantEnd = tokenEndInChunk(e, FLOAT_TOKEN_MAX_BYTES);
  if (wantEnd === -2) return NEED_BYTES;
  if (wantEnd === -1) return NOT_A_NUMBER;
  const expectedValue = parseFloatToken(e.buf, e.pos, wantEnd);
  if (Number.isNaN(expectedValue)) return NOT_A_NUMBER;
  const gotEnd = tokenEndInChunk(a, FLOAT_TOKEN_MAX_BYTES);
  if (gotEnd === -2) return NEED_BYTES;
  return judgeNumberTokens(e, wantEnd - e.pos, expectedValue, a, gotEnd === -1 ? null : a.buf, a.pos, gotEnd, tolerance);
}

/**
 * When the answer's token is a number, judges the pair numerically: TOKENS_MATCH (both consumed),
 * TOKENS_DIFFER, or NOT_A_NUMBER (nothing consumed) when the answer's token is not a number.
 */
async function judgeNumber(e: ByteCursor, a: ByteCursor, tolerance: FloatTolerance): Promise<number> {
  const want = await peekToken(e, FLOAT_TOKEN_MAX_BYTES);
  if (want === null) return NOT_A_NUMBER;
  const expectedValue = parseFloatToken(want.bytes, want.start, want.end);
  if (Number.isNaN(expectedValue)) return NOT_A_NUMBER;
  const got = await peekToken(a, FLOAT_TOKEN_MAX_BYTES);
  return judgeNumberTokens(
    e,
    want.end - want.start,
    expectedValue,
    a,
    got?.bytes ?? null,
    got?.start ?? 0,
    got?.end ?? 0,
    tolerance,
  );
}

/** The difference of a number token judged TOKENS_DIFFER. */
async function numberDiffers(e: TokenSide, a: TokenSide, token: number, tolerance: FloatTolerance): Promise<Difference> {
  const want = await peekToken(e.cursor, FLOAT_TOKEN_MAX_BYTES);
  const got = await peekToken(a.cursor, FLOAT_TOKEN_MAX_BYTES);
  const expected = await tokenExcerpt(e.cursor, 0);
  const actual = await tokenExcerpt(a.cursor, 0);
  const expectedValue = want === null ? NaN : parseFloatToken(want.bytes, want.start, want.end);
  const actualValue = got === null ? NaN : parseFloatToken(got.bytes, got.start, got.end);
  const where = `${whereLines(a.line, e.line)}, token ${token}`;
  const at = { line: a.line, expectedLine: e.line, token, expected, actual };
  if (Number.isNaN(actualValue)) {
    return {
      kind: 'not-a-number',
      message: `${where}: expected a number like ${quoted(expected)}, got ${quoted(actual)}`,
      ...at,
    };
  }
  const error = Math.abs(actualValue - expectedValue);
  return {
    kind: 'outside-tolerance',
    message: `${where}: expected ${quoted(expected)} within ${toleranceText(tolerance)}, got ${quoted(actual)} (off by ${shortNumber(error)})`,
    ...at,
  };
}

function toleranceText(tolerance: FloatTolerance): string {
  const parts: string[] = [];
  if (tolerance.absolute !== null) parts.push(`absolute ${shortNumber(tolerance.absolute)}`);
  if (tolerance.relative !== null) parts.push(`relative ${shortNumber(tolerance.relative)}`);
  return parts.join(' or ');
}

/** Three significant digits, in exponent form when small or large: `0.25`, `1e-6`, `1.5e+9`. */
function shortNumber(x: number): string {
  const rounded = Number(x.toPrecision(3));
  const magnitude = Math.abs(rounded);
  return magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e6) ? rounded.toExponential() : String(rounded);
}

/**
 * matchSpace over the current chunks: true when both sides had the same whitespace and are now at
 * a token's first byte; false when that needs matchSpace itself.
 */
function spaceStepInChunks(e: TokenSide, a: TokenSide): boolean {
  const ec = e.cursor;
  const ac = a.cursor;
  const eb = ec.buf;
  const ab = ac.buf;
  const n = Math.min(ec.end - ec.pos, ac.end - ac.pos);
  let k = 0;
  let settled = false;
  while (k < n) {
    const b = eb[ec.pos + k] ?? 0;
    if (b !== ab[ac.pos + k]) break;
    if (ASCII_SPACE[b] === 0) {
      settled = true;
      break;
    }
    if (b === NEWLINE) {
      e.line++;
      a.line++;
    }
    k++;
  }
  ec.pos += k;
  ac.pos += k;
  return settled;
}

/**
 * Space-change-sensitive mode: the whitespace at both cursors must be the same bytes. Null when
 * it is (both cursors then at a token or the end), else the difference.
 */
async function matchSpace(e: TokenSide, a: TokenSide, tokensSoFar: number): Promise<Difference | null> {
  const ec = e.cursor;
  const ac = a.cursor;
  for (;;) {
    if (ec.pos === ec.end && !ec.eof) await ec.fill();
    if (ac.pos === ac.end && !ac.eof) await ac.fill();
    const x = ec.eof ? -1 : (ec.buf[ec.pos] ?? 0);
    const y = ac.eof ? -1 : (ac.buf[ac.pos] ?? 0);
    const xSpace = x >= 0 && ASCII_SPACE[x] === 1;
    const ySpace = y >= 0 && ASCII_SPACE[y] === 1;
    if (!xSpace && !ySpace) return null;
    if (x !== y) break;
    // The same whitespace byte on both sides: walk the rest of this run in the chunks.
    const eb = ec.buf;
    const ab = ac.buf;
    const n = Math.min(ec.end - ec.pos, ac.end - ac.pos);
    let k = 0;
    while (k < n) {
      const b = eb[ec.pos + k] ?? 0;
      if (b !== ab[ac.pos + k] || ASCII_SPACE[b] === 0) break;
      if (b === NEWLINE) {
        e.line++;
        a.line++;
      }
      k++;
    }
    ec.pos += k;
    ac.pos += k;
  }
  const after = tokensSoFar === 0 ? 'before the first token' : `after token ${tokensSoFar}`;
  const expected = await spaceExcerpt(ec);
  const actual = await spaceExcerpt(ac);
  const at = { line: a.line, expectedLine: e.line, token: tokensSoFar + 1, expected, actual };
  if (ac.eof) {
    return {
      kind: 'output-ends-early',
      message: `output ends early ${after} (${whereLines(a.line, e.line)}): expected ${quoted(expected)}`,
      ...at,
    };
  }
  if (ec.eof) {
    return {
      kind: 'extra-output',
      message: `extra output after the answer ${after} (${whereLines(a.line, e.line)}): ${quoted(actual)}`,
      ...at,
    };
  }
  return {
    kind: 'whitespace-differs',
    message: `${whereLines(a.line, e.line)}, ${after}: whitespace differs: expected ${quoted(expected)}, got ${quoted(actual)}`,
    ...at,
  };
}

/** From the last few bytes of the current line to the rest of it. */
async function spaceExcerpt(cursor: ByteCursor): Promise<string> {
  const behind = cursor.lookBehind(20);
  const lineStart = behind.lastIndexOf(NEWLINE) + 1;
  const rest = await cursor.peekUntil(EXCERPT_AFTER_BYTES, (b) => b === NEWLINE, true);
  const clipped = lineStart === 0 && behind.length === 20;
  return renderExcerpt(behind.subarray(lineStart), clipped, rest.bytes, rest.cut);
}

/** The token at the cursor, `into` bytes of which are behind it. */
async function tokenExcerpt(cursor: ByteCursor, into: number): Promise<string> {
  const shown = Math.min(into, EXCERPT_BEFORE_BYTES);
  const rest = await cursor.peekUntil(EXCERPT_AFTER_BYTES, (b) => ASCII_SPACE[b] === 1);
  return renderExcerpt(cursor.lookBehind(shown), into > shown, rest.bytes, rest.cut);
}

async function tokensDiffer(e: TokenSide, a: TokenSide, token: number, into: number): Promise<Difference> {
  const expected = await tokenExcerpt(e.cursor, into);
  const actual = await tokenExcerpt(a.cursor, into);
  return {
    kind: 'differs',
    message: `${whereLines(a.line, e.line)}, token ${token}: expected ${quoted(expected)}, got ${quoted(actual)}`,
    line: a.line,
    expectedLine: e.line,
    token,
    expected,
    actual,
  };
}

async function endsEarly(e: TokenSide, a: TokenSide, token: number): Promise<Difference> {
  const expected = await tokenExcerpt(e.cursor, 0);
  const what = a.cursor.offset === 0 ? 'the output is empty' : `output ends early at token ${token}`;
  return {
    kind: 'output-ends-early',
    message: `${what} (answer line ${e.line}): expected ${quoted(expected)}`,
    line: a.line,
    expectedLine: e.line,
    token,
    expected,
    actual: '',
  };
}

async function extraOutput(e: TokenSide, a: TokenSide, token: number): Promise<Difference> {
  const actual = await tokenExcerpt(a.cursor, 0);
  return {
    kind: 'extra-output',
    message: `extra output after the answer at token ${token} (line ${a.line}): ${quoted(actual)}`,
    line: a.line,
    expectedLine: e.line,
    token,
    expected: '',
    actual,
  };
}
