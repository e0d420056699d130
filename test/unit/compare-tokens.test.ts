import { describe, expect, it } from 'vitest';
import type { ComparisonSettings } from '../../judge/compare/settings';
import { accepts, differenceOf } from '../support/compare-chunked';

const tokens: ComparisonSettings = { mode: 'tokens', caseInsensitive: false, spaceChangeSensitive: false, float: null };
const anyCase: ComparisonSettings = { mode: 'tokens', caseInsensitive: true, spaceChangeSensitive: false, float: null };
const spaces: ComparisonSettings = { mode: 'tokens', caseInsensitive: false, spaceChangeSensitive: true, float: null };

describe('tokens: any run of whitespace equals any other', () => {
  it('accepts the same tokens however they are spaced, leading and trailing whitespace included', async () => {
    expect(await accepts(tokens, '1 2\n3\n', '  1\n\n2\t\t3')).toBe(true);
    expect(await accepts(tokens, '1 2', '1\r\n2\r\n')).toBe(true);
    expect(await accepts(tokens, 'a\vb\fc', 'a b c')).toBe(true);
    expect(await accepts(tokens, '', '')).toBe(true);
    expect(await accepts(tokens, '', ' \n\t')).toBe(true);
    expect(await accepts(tokens, 'x\n', 'x')).toBe(true);
  });

  it('does not split tokens at non-ASCII whitespace (as the Kattis validator does not)', async () => {
    expect(await accepts(tokens, 'a b', 'a\u00a0b')).toBe(false);
  });

  it('is case-sensitive unless asked, and folds only ASCII letters', async () => {
    expect(await accepts(tokens, 'Yes', 'yes')).toBe(false);
    expect(await accepts(anyCase, 'Yes NO', 'yES no')).toBe(true);
    expect(await accepts(anyCase, 'É', 'é')).toBe(false);
    expect(await accepts(anyCase, '[', '{')).toBe(false);
  });

  it('tells a token from a longer one sharing its start', async () => {
    expect(await accepts(tokens, '12 3', '123')).toBe(false);
    expect(await accepts(tokens, '123', '12 3')).toBe(false);
    expect(await accepts(tokens, '12', '123')).toBe(false);
    expect(await accepts(tokens, '123', '12')).toBe(false);
  });

  it('names the token, both lines and shows both tokens', async () => {
    const d = await differenceOf(tokens, '1 2\n3 4\n', '1\n2\n3\n5\n');
    expect(d).toMatchObject({ kind: 'differs', token: 4, line: 4, expectedLine: 2, expected: '4', actual: '5' });
    expect(d.message).toBe('line 4 (answer line 2), token 4: expected `4`, got `5`');
    const same = await differenceOf(tokens, 'name alice', 'name alicia');
    expect(same.message).toBe('line 1, token 2: expected `alice`, got `alicia`');
  });

  it('says when the output ends early, or is empty', async () => {
    const d = await differenceOf(tokens, '1 2 3 4 5 6 7 8 9 10 11 12', '1 2 3 4 5 6 7 8 9 10 11\n');
    expect(d).toMatchObject({ kind: 'output-ends-early', token: 12, line: 2, expectedLine: 1, expected: '12', actual: '' });
    expect(d.message).toBe('output ends early at token 12 (answer line 1): expected `12`');
    const empty = await differenceOf(tokens, '\n\n7', '');
    expect(empty.message).toBe('the output is empty (answer line 3): expected `7`');
    expect(await differenceOf(tokens, '7', '  \n')).toMatchObject({ kind: 'output-ends-early', token: 1, line: 2 });
  });

  it('says when there is extra output after the answer', async () => {
    const d = await differenceOf(tokens, '1 2\n', '1 2\n\n3\n');
    expect(d).toMatchObject({ kind: 'extra-output', token: 3, line: 3, expected: '', actual: '3' });
    expect(d.message).toBe('extra output after the answer at token 3 (line 3): `3`');
  });

  it('compares bytes that are not UTF-8 as bytes', async () => {
    expect(await accepts(tokens, Buffer.from([0xff, 0x20, 0x80]), Buffer.from([0xff, 0x0a, 0x80, 0x0a]))).toBe(true);
    expect(await differenceOf(tokens, Buffer.from([0xff]), Buffer.from([0xfe]))).toMatchObject({
      expected: '\\xff',
      actual: '\\xfe',
    });
  });
});

describe("tokens with spaceChangeSensitive: whitespace must be the answer's bytes", () => {
  it('accepts the very same whitespace', async () => {
    expect(await accepts(spaces, 'hello\n world\n', 'hello\n world\n')).toBe(true);
    expect(await accepts(spaces, '', '')).toBe(true);
  });

  it('rejects a change in amount or kind of whitespace', async () => {
    const d = await differenceOf(spaces, '1 2\n', '1  2\n');
    expect(d).toMatchObject({ kind: 'whitespace-differs', token: 2, line: 1 });
    expect(d.message).toBe('line 1, after token 1: whitespace differs: expected `1 2\\n`, got `1  2\\n`');
    expect(await differenceOf(spaces, '1 2', '1\t2')).toMatchObject({ kind: 'whitespace-differs' });
    expect(await differenceOf(spaces, 'hello\n world\n', 'hello\nworld\n')).toMatchObject({
      kind: 'whitespace-differs',
      line: 2,
    });
    expect(await differenceOf(spaces, 'hello\nworld\n', 'hello\n world\n')).toMatchObject({
      kind: 'whitespace-differs',
      line: 2,
    });
    expect(await differenceOf(spaces, 'x', ' x')).toMatchObject({ kind: 'whitespace-differs', token: 1 });
  });

  it('counts trailing whitespace: a missing or extra final newline fails', async () => {
    const early = await differenceOf(spaces, '1\n', '1');
    expect(early).toMatchObject({ kind: 'output-ends-early', token: 2, expected: '1\\n', actual: '1' });
    expect(early.message).toBe('output ends early after token 1 (line 1): expected `1\\n`');
    expect(await differenceOf(spaces, '1', '1\n')).toMatchObject({ kind: 'extra-output', expected: '1', actual: '1\\n' });
    expect(await accepts(tokens, '1\n', '1')).toBe(true);
  });

  it('still compares the tokens', async () => {
    expect(await differenceOf(spaces, '1 2\n', '1 3\n')).toMatchObject({ kind: 'differs', token: 2, expected: '2', actual: '3' });
  });
});
