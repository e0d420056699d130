import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { compareOutput } from '../../judge/compare/compare-output';
import { EXCERPT_MAX_CHARS } from '../../judge/compare/excerpt';
import type { ComparisonSettings } from '../../judge/compare/settings';
import { differenceOf } from '../support/compare-chunked';

const modes: ComparisonSettings[] = [
  { mode: 'exact' },
  { mode: 'lines' },
  { mode: 'tokens', caseInsensitive: false, spaceChangeSensitive: false, float: null },
  { mode: 'tokens', caseInsensitive: true, spaceChangeSensitive: true, float: { absolute: 1e-6, relative: null } },
];

describe('excerpts: short, one line, valid text', () => {
  it('stays within EXCERPT_MAX_CHARS around a difference deep in a long line or token', async () => {
    const head = 'x'.repeat(5000);
    for (const settings of modes) {
      const d = await differenceOf(settings, `${head}A${'y'.repeat(5000)}\n`, `${head}B${'y'.repeat(5000)}\n`);
      expect(d.expected.length).toBeLessThanOrEqual(EXCERPT_MAX_CHARS);
      expect(d.actual.length).toBeLessThanOrEqual(EXCERPT_MAX_CHARS);
      // The difference itself is shown, with the cuts marked on both ends.
      expect(d.expected).toMatch(/^…x+Ay+…$/);
      expect(d.actual).toMatch(/^…x+By+…$/);
      expect(d.message).not.toMatch(/\n/);
    }
  });

  it('shows a whole short token or line as it is', async () => {
    expect((await differenceOf(modes[1]!, 'short\n', 'shirt\n')).expected).toBe('short');
  });

  it('never cuts a multi-byte character, and escapes control and invisible characters and bad bytes', async () => {
    const wide = '€'.repeat(400);
    for (const settings of modes) {
      const d = await differenceOf(settings, `${wide}1${wide}`, `${wide}2${wide}`);
      expect(d.expected.length).toBeLessThanOrEqual(EXCERPT_MAX_CHARS);
      expect(d.expected).toMatch(/^…€+1€+…$/u);
    }
    const d = await differenceOf(modes[0]!, Buffer.from('a\x00\x1b[2J\u202eb\u200b\\\n'), Buffer.from([0x61, 0xc3, 0x0a]));
    expect(d.expected).toBe('a\\x00\\x1b[2J\\xe2\\x80\\xaeb\\xe2\\x80\\x8b\\\\\\n');
    expect(d.actual).toBe('a\\xc3\\n');
  });
});

describe('streams', () => {
  it('reads Node streams and stops reading both at the first difference', async () => {
    const big = Buffer.from('7 '.repeat(4 * 1024 * 1024));
    const expected = Readable.from([Buffer.from('1 2 3\n'), big]);
    const actual = Readable.from([Buffer.from('1 2 4\n'), big]);
    const result = await compareOutput(modes[2]!, expected, actual);
    expect(result).toMatchObject({ accepted: false, difference: { token: 3, expected: '3', actual: '4' } });
    expect(expected.destroyed).toBe(true);
    expect(actual.destroyed).toBe(true);
  });

  it('finds a difference at the end of 16 MiB streamed in 64 KiB chunks, on the right line', async () => {
    const line = '123456789 0.5 abc\n';
    const body = line.repeat(Math.ceil((16 * 1024 * 1024) / line.length));
    const lines = body.length / line.length;
    const chunks = (text: string): Buffer[] => {
      const b = Buffer.from(text);
      const out: Buffer[] = [];
      for (let i = 0; i < b.length; i += 65536) out.push(b.subarray(i, i + 65536));
      return out;
    };
    for (const settings of modes) {
      const result = await compareOutput(settings, chunks(body + 'end\n'), chunks(body + 'End\n'));
      if (settings.mode === 'tokens' && settings.caseInsensitive) expect(result.accepted).toBe(true);
      else
        expect(result).toMatchObject({
          accepted: false,
          difference: { line: lines + 1, expected: expect.stringContaining('end') },
        });
    }
  });

  it('refuses chunks that are not bytes, saying so', async () => {
    await expect(compareOutput(modes[0]!, ['text'] as unknown as Uint8Array[], [])).rejects.toThrow(
      'expected answer: chunks must be bytes (Buffer or Uint8Array), got a string (a stream with an encoding set?)',
    );
  });
});
