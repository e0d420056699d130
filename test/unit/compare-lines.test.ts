import { describe, expect, it } from 'vitest';
import { outputMatches } from '../../activities/judge/compare-output';
import { compareOutput } from '../../judge/compare/compare-output';
import type { ComparisonSettings } from '../../judge/compare/settings';
import { accepts, compareChunked, differenceOf } from '../support/compare-chunked';

const lines: ComparisonSettings = { mode: 'lines' };

describe('lines: trailing whitespace per line and trailing blank lines are ignored', () => {
  it('accepts what the judge has always accepted', async () => {
    expect(await accepts(lines, '1 2\n3', '1 2  \n3\t\n\n\n')).toBe(true);
    expect(await accepts(lines, 'a\nb\n', 'a\r\nb\r\n')).toBe(true);
    expect(await accepts(lines, 'a\r\nb\r\n', 'a\nb')).toBe(true);
    expect(await accepts(lines, '', '')).toBe(true);
    expect(await accepts(lines, '', '\n \n\t\r\n')).toBe(true);
    expect(await accepts(lines, '\n\n', '')).toBe(true);
    expect(await accepts(lines, 'x\n', 'x')).toBe(true);
    expect(await accepts(lines, 'x', 'x\n\n')).toBe(true);
  });

  it('strips what /\\s/u strips, multi-byte whitespace too', async () => {
    expect(await accepts(lines, 'x\n', 'x\u00a0\u3000\ufeff\u2028\n')).toBe(true);
    expect(await accepts(lines, 'x\u2000\n', 'x\u2001\n')).toBe(true);
    // U+200B and U+180E are not whitespace to /\s/u: they count.
    expect(await accepts(lines, 'x\n', 'x\u200b\n')).toBe(false);
    expect(await accepts(lines, 'x\n', 'x\u180e\n')).toBe(false);
  });

  it('still sees leading whitespace, inner whitespace, inner blank lines and different lines', async () => {
    expect(await accepts(lines, '1\n', ' 1\n')).toBe(false);
    expect(await accepts(lines, '1 2\n', '1  2\n')).toBe(false);
    expect(await accepts(lines, '1\n2\n', '1\n\n2\n')).toBe(false);
    expect(await accepts(lines, '1\n', '1\n2\n')).toBe(false);
    expect(await accepts(lines, '0', '')).toBe(false);
    expect(await accepts(lines, 'a\rb\n', 'a b\n')).toBe(false);
  });
});

describe('lines: where it differs', () => {
  it('names the first differing line and shows both lines without their trailing blanks', async () => {
    const d = await differenceOf(lines, '1\n2\n3\n4\n5\n6\n3\n', '1\n2\n3\n4\n5\n6\n4  \r\n');
    expect(d).toMatchObject({ kind: 'differs', line: 7, expectedLine: 7, column: 1, expected: '3', actual: '4' });
    expect(d.message).toBe('line 7: expected `3`, got `4`');
  });

  it('shows the common start of the line before the difference', async () => {
    const d = await differenceOf(lines, 'total 12\n', 'total 13\n');
    expect(d).toMatchObject({ line: 1, column: 8, expected: 'total 12', actual: 'total 13' });
  });

  it('says when the output ends early, at the next line with content', async () => {
    const d = await differenceOf(lines, '1\n\n3\n', '1\n');
    expect(d).toMatchObject({ kind: 'output-ends-early', line: 3, expected: '3', actual: '' });
    expect(d.message).toBe('output ends early at line 3: expected `3`');
  });

  it('says when there is extra output after the answer', async () => {
    const d = await differenceOf(lines, '1\n', '1\n\n  \nmore\n');
    expect(d).toMatchObject({ kind: 'extra-output', line: 4, expected: '', actual: 'more' });
    expect(d.message).toBe('extra output after the answer at line 4: `more`');
  });

  it('reports a line cut short as a different line, not as the output ending', async () => {
    expect(await differenceOf(lines, '12\n', '1')).toMatchObject({ kind: 'differs', line: 1, expected: '12', actual: '1' });
  });

  it('judges a multi-byte character whole when the sides part inside it', async () => {
    // U+2000 and U+00E9 share their first byte with nothing here; U+2000 vs U+2003 part at the third byte.
    const d = await differenceOf(lines, 'a\u2000b\n', 'a\u2003b\n');
    expect(d).toMatchObject({ kind: 'differs', column: 2, expected: 'a\\xe2\\x80\\x80b', actual: 'a\\xe2\\x80\\x83b' });
  });
});

describe('lines: bytes that are not UTF-8', () => {
  it('compares them as bytes without failing (where decoding made every bad byte U+FFFD)', async () => {
    const d = await differenceOf(lines, Buffer.from([0x31, 0xff, 0x0a]), Buffer.from([0x31, 0xfe, 0x0a]));
    expect(d).toMatchObject({ line: 1, column: 2, expected: '1\\xff', actual: '1\\xfe' });
    expect(await accepts(lines, Buffer.from([0xc3, 0x28, 0x0a]), Buffer.from([0xc3, 0x28, 0x20, 0x0d, 0x0a]))).toBe(true);
  });
});

/** A small deterministic generator, so a failure reproduces. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Whitespace /\s/u has and has not, line ends, text, and characters that share leading bytes with whitespace.
const ALPHABET = [
  'a',
  'b',
  '1',
  ' ',
  ' ',
  '\t',
  '\n',
  '\n',
  '\n',
  '\r',
  '\v',
  '\f',
  '\u00a0',
  '\u00a9',
  '\u1680',
  '\u180e',
  '\u2000',
  '\u2001',
  '\u200a',
  '\u200b',
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u2060',
  '\u3000',
  '\u3001',
  '\ufeff',
  '\ufeff',
  '\u0085',
  'é',
  '😀',
];

function randomText(next: () => number, maxLength: number): string {
  let s = '';
  const length = Math.floor(next() * maxLength);
  for (let i = 0; i < length; i++) s += ALPHABET[Math.floor(next() * ALPHABET.length)] ?? '';
  return s;
}

/** A variant that today's comparison often still accepts: trailing blanks and blank lines changed, sometimes a character. */
function variant(next: () => number, text: string): string {
  const blanks = [' ', '\t', '\r', '\u3000', '\u00a0', '\ufeff', ''];
  const pick = (): string => blanks[Math.floor(next() * blanks.length)] ?? '';
  let out = text
    .split('\n')
    .map((line) => (next() < 0.5 ? line.replace(/\s+$/u, '') + pick() + pick() : line))
    .join('\n');
  if (next() < 0.4) out += '\n'.repeat(Math.floor(next() * 3)) + pick();
  if (next() < 0.2 && out.length > 0) {
    const at = Math.floor(next() * out.length);
    out = out.slice(0, at) + (ALPHABET[Math.floor(next() * ALPHABET.length)] ?? '') + out.slice(at + 1);
  }
  return out;
}

describe('lines: the same judgement as activities/judge/compare-output.ts', () => {
  it('agrees with outputMatches on thousands of random texts, cut into random chunks', async () => {
    const next = prng(20);
    let agreedAccepted = 0;
    let agreedRejected = 0;
    for (let i = 0; i < 4000; i++) {
      const expected = randomText(next, 14);
      const actual = next() < 0.8 ? variant(next, expected) : randomText(next, 14);
      const chunks = (bytes: Buffer): Buffer[] => {
        const out: Buffer[] = [];
        for (let at = 0; at < bytes.length;) {
          const size = 1 + Math.floor(next() * 4);
          out.push(bytes.subarray(at, at + size));
          at += size;
        }
        return out;
      };
      const ours = await compareOutput(lines, chunks(Buffer.from(expected)), chunks(Buffer.from(actual)));
      const theirs = outputMatches(actual, expected);
      expect(ours.accepted, JSON.stringify({ expected, actual })).toBe(theirs);
      if (theirs) agreedAccepted++;
      else agreedRejected++;
    }
    // The sample must exercise both answers, or agreement would prove little.
    expect(agreedAccepted).toBeGreaterThan(1000);
    expect(agreedRejected).toBeGreaterThan(1000);
  });

  it('agrees on the cases the judge tests name', async () => {
    const cases: Array<[string, string]> = [
      ['1 2  \n3\t\n\n\n', '1 2\n3'],
      ['a\r\nb\r\n', 'a\nb\n'],
      [' 1\n', '1\n'],
      ['1\n\n2\n', '1\n2\n'],
      ['1\n2\n', '1\n'],
      ['', '0'],
    ];
    for (const [actual, expected] of cases) {
      expect((await compareChunked(lines, expected, actual)).accepted).toBe(outputMatches(actual, expected));
    }
  });
});
