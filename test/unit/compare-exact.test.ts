import { describe, expect, it } from 'vitest';
import type { ComparisonSettings } from '../../judge/compare/settings';
import { accepts, differenceOf } from '../support/compare-chunked';

const exact: ComparisonSettings = { mode: 'exact' };

describe('exact: byte for byte', () => {
  it('accepts the same bytes, and nothing else', async () => {
    expect(await accepts(exact, 'a b\n1 2\n', 'a b\n1 2\n')).toBe(true);
    expect(await accepts(exact, '', '')).toBe(true);
    expect(await accepts(exact, Buffer.from([0xff, 0x00, 0xfe]), Buffer.from([0xff, 0x00, 0xfe]))).toBe(true);
    expect(await accepts(exact, 'a\n', 'a \n')).toBe(false);
    expect(await accepts(exact, 'a\n', 'a\r\n')).toBe(false);
    expect(await accepts(exact, 'A', 'a')).toBe(false);
    expect(await accepts(exact, Buffer.from([0xff]), Buffer.from([0xfe]))).toBe(false);
  });

  it('counts a missing or extra final newline', async () => {
    const early = await differenceOf(exact, '1\n2\n', '1\n2');
    expect(early).toMatchObject({ kind: 'output-ends-early', line: 2, column: 2, expected: '2\\n', actual: '2' });
    expect(early.message).toBe('output ends early at line 2, column 2: expected `2\\n`');
    const extra = await differenceOf(exact, '1', '1\n');
    expect(extra).toMatchObject({ kind: 'extra-output', line: 1, column: 2, expected: '1', actual: '1\\n' });
    expect(extra.message).toBe('extra output after the answer at line 1, column 2: `1\\n`');
  });

  it('names the line and column of the first differing byte', async () => {
    const d = await differenceOf(exact, 'x\ny\nabc def\n', 'x\ny\nabc dEf\n');
    expect(d).toMatchObject({
      kind: 'differs',
      line: 3,
      expectedLine: 3,
      column: 6,
      expected: 'abc def\\n',
      actual: 'abc dEf\\n',
    });
    expect(d.message).toBe('line 3, column 6: expected `abc def\\n`, got `abc dEf\\n`');
    expect(await differenceOf(exact, 'a\r\n', 'a\n')).toMatchObject({ line: 1, column: 2, expected: 'a\\r\\n', actual: 'a\\n' });
  });

  it('shows bytes that are not UTF-8 as escapes', async () => {
    const d = await differenceOf(exact, Buffer.from([0x61, 0xff, 0x0a]), Buffer.from([0x61, 0xc3, 0xa9, 0x0a]));
    expect(d).toMatchObject({ column: 2, expected: 'a\\xff\\n', actual: 'aé\\n' });
  });

  it('says an empty output ends early', async () => {
    expect(await differenceOf(exact, 'x', '')).toMatchObject({
      kind: 'output-ends-early',
      line: 1,
      column: 1,
      expected: 'x',
      actual: '',
    });
  });
});
