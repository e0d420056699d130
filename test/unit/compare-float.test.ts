import { describe, expect, it } from 'vitest';
import { FLOAT_TOKEN_MAX_BYTES, parseFloatToken } from '../../judge/compare/float-token';
import type { ComparisonSettings } from '../../judge/compare/settings';
import { parseValidatorFlags } from '../../judge/compare/validator-flags';
import { accepts, differenceOf } from '../support/compare-chunked';

// The Kattis default output validator's semantics, through the flags a package would give it.
const flags = (text: string): ComparisonSettings => parseValidatorFlags(text);
const abs6 = flags('float_absolute_tolerance 1e-6');
const rel = (eps: string): ComparisonSettings => flags(`float_relative_tolerance ${eps}`);
const either6 = flags('float_tolerance 1e-6');

describe('float tolerance: absolute, relative, either', () => {
  it('absolute: |output − answer| ≤ ε, the bound itself included', async () => {
    expect(await accepts(abs6, '1', '1.0000001')).toBe(true);
    expect(await accepts(abs6, '1', '0.9999991')).toBe(true);
    expect(await accepts(abs6, '1', '1.000002')).toBe(false);
    expect(await accepts(flags('float_absolute_tolerance 0.5'), '1', '1.5')).toBe(true);
    expect(await accepts(flags('float_tolerance 0.5'), '1', '1.50001')).toBe(false);
    expect(await accepts(flags('float_absolute_tolerance 0.5'), '1', '1.4')).toBe(true);
    expect(await accepts(flags('float_absolute_tolerance 0.1'), '1', '1.4')).toBe(false);
  });

  it('relative: |output − answer| ≤ ε·|answer|, so an answer of 0 needs exactly 0', async () => {
    expect(await accepts(rel('0.1'), '100', '105')).toBe(true);
    expect(await accepts(rel('0.01'), '100', '105')).toBe(false);
    expect(await accepts(rel('0.01'), '-100', '-100.5')).toBe(true);
    // Relative to the answer, not the output: 10.5 > 0.1·100, though ≤ 0.1·110.5.
    expect(await accepts(rel('0.1'), '100', '110.5')).toBe(false);
    expect(await accepts(rel('0.1'), '100', '89.5')).toBe(false);
    expect(await accepts(rel('0.01'), '0', '1e-300')).toBe(false);
    expect(await accepts(rel('0.01'), '0', '-0.0')).toBe(true);
  });

  it('float_tolerance ε: within either the absolute or the relative tolerance', async () => {
    // Large: 1 off is far beyond 1e-6 absolute but within 1e-6 relative.
    expect(await accepts(either6, '1000000000', '1000000001')).toBe(true);
    expect(await accepts(abs6, '1000000000', '1000000001')).toBe(false);
    // Small: 1e-9 off is beyond 1e-6 relative of 1e-9 but within 1e-6 absolute.
    expect(await accepts(either6, '0.000000001', '0.000000002')).toBe(true);
    expect(await accepts(rel('1e-6'), '0.000000001', '0.000000002')).toBe(false);
    expect(await accepts(either6, '5', '5.1')).toBe(false);
    expect(await accepts(flags('float_absolute_tolerance 1e-6 float_relative_tolerance 1e-3'), '1000', '1000.9')).toBe(true);
  });

  it('accepts any decimal formatting of the number, integers included', async () => {
    expect(await accepts(abs6, '0.0314', '3.14000000e-2')).toBe(true);
    expect(await accepts(abs6, '1', '1.0')).toBe(true);
    expect(await accepts(abs6, '1', '+1.')).toBe(true);
    expect(await accepts(abs6, '0.5', '.5')).toBe(true);
    expect(await accepts(abs6, '-2', '-2E0')).toBe(true);
    expect(await accepts(abs6, '3', '3.0000001')).toBe(true);
  });

  it('compares tokens that are not numbers as strings, case-insensitively unless case_sensitive', async () => {
    expect(await accepts(abs6, 'PI is 3.14', 'pi IS 3.1400001')).toBe(true);
    expect(await accepts(flags('case_sensitive float_tolerance 0.5'), 'PI is 3.14', 'pi is 3.14')).toBe(false);
    expect(await differenceOf(abs6, 'yes', 'no')).toMatchObject({ kind: 'differs', expected: 'yes', actual: 'no' });
  });

  it('without a tolerance, numbers are strings', async () => {
    expect(await accepts(flags(''), '1.0', '1')).toBe(false);
    expect(await accepts(flags(''), '1.0', '1.0')).toBe(true);
  });
});

describe('float tolerance: what is a number (the package format grammar, finite values)', () => {
  it('rejects an output token that is not a number where the answer has one', async () => {
    const d = await differenceOf(abs6, '1 2.5', '1 2.5x');
    expect(d).toMatchObject({ kind: 'not-a-number', token: 2, expected: '2.5', actual: '2.5x' });
    expect(d.message).toBe('line 1, token 2: expected a number like `2.5`, got `2.5x`');
    for (const notNumber of [
      'inf',
      '-inf',
      'nan',
      'NaN',
      'infinity',
      '1e',
      'e5',
      '.',
      '-',
      '+',
      '1..2',
      '0x10',
      '1e999',
      '',
      '1,5',
    ]) {
      if (notNumber !== '') expect(await accepts(abs6, '1', notNumber), notNumber).toBe(false);
    }
  });

  it('compares an answer of inf, nan or 1e999 as a string, as the Kattis validator does', async () => {
    expect(await differenceOf(flags('float_tolerance 0.5'), 'inf', '0')).toMatchObject({
      kind: 'differs',
      expected: 'inf',
      actual: '0',
    });
    expect(await accepts(either6, 'inf', 'INF')).toBe(true);
    expect(await accepts(either6, 'nan', 'nan')).toBe(true);
    expect(await accepts(either6, '1e999', '1e999')).toBe(true);
    expect(await accepts(either6, '1e999', '1e998')).toBe(false);
    // Hexadecimal is not in the grammar (problemtools' sscanf would read it): a string.
    expect(await accepts(either6, '0x10', '16')).toBe(false);
    expect(await accepts(either6, '0x10', '0X10')).toBe(true);
  });

  it('says how far off a number outside the tolerance is', async () => {
    const d = await differenceOf(either6, '1\n2\n3', '1\n2\n3.5');
    expect(d).toMatchObject({ kind: 'outside-tolerance', token: 3, line: 3, expected: '3', actual: '3.5' });
    expect(d.message).toBe('line 3, token 3: expected `3` within absolute 1e-6 or relative 1e-6, got `3.5` (off by 0.5)');
  });

  it('reads a token longer than FLOAT_TOKEN_MAX_BYTES as a string', async () => {
    const long = '1.' + '0'.repeat(FLOAT_TOKEN_MAX_BYTES);
    expect(await accepts(abs6, long, long)).toBe(true);
    expect(await accepts(abs6, long, '1')).toBe(false);
  });

  it('parses like JavaScript (correctly rounded) on the fast path and the slow one', () => {
    let seed = 7;
    const next = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 4294967296;
    };
    const digits = (n: number): string => Array.from({ length: n }, () => String(Math.floor(next() * 10))).join('');
    for (let i = 0; i < 20000; i++) {
      const sign = ['', '-', '+'][Math.floor(next() * 3)] ?? '';
      const int = digits(Math.floor(next() * 20));
      const frac = next() < 0.7 ? '.' + digits(Math.floor(next() * 20) + (int === '' ? 1 : 0)) : '';
      const exp = next() < 0.3 ? `e${['', '-', '+'][Math.floor(next() * 3)] ?? ''}${digits(1 + Math.floor(next() * 3))}` : '';
      const text = sign + (int === '' && frac === '' ? '0' : int) + frac + exp;
      const bytes = Buffer.from(text);
      const want = Number(text);
      expect(Object.is(parseFloatToken(bytes, 0, bytes.length), Number.isFinite(want) ? want : NaN), text).toBe(true);
    }
  });
});
