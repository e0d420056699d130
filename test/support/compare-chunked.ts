import { expect } from 'vitest';
import { compareOutput } from '../../judge/compare/compare-output';
import type { ComparisonResult } from '../../judge/compare/difference';
import type { ComparisonSettings } from '../../judge/compare/settings';

/** One side of a comparison in a test: text (as UTF-8) or raw bytes. */
export type TestSide = string | Uint8Array;

export function bytesOf(side: TestSide): Uint8Array {
  return typeof side === 'string' ? Buffer.from(side, 'utf8') : side;
}

/** `bytes` cut at `cuts` (offsets), with an empty chunk at every cut, as an async stream. */
async function* chunked(bytes: Uint8Array, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  let from = 0;
  for (const cut of cuts) {
    yield bytes.subarray(from, cut);
    yield new Uint8Array(0);
    from = cut;
  }
  yield bytes.subarray(from);
}

function everyByte(length: number): number[] {
  return Array.from({ length: Math.max(0, length - 1) }, (_, i) => i + 1);
}

/**
 * Compares `actual` with `expected` cut into chunks every way that can matter (whole, one byte
 * per chunk, every single cut of either side, and for short sides every pair of cuts) and
 * expects the same result each time, which it returns. So every test is also a test of chunk
 * boundaries falling inside tokens, lines, "\r\n" and UTF-8 characters.
 */
export async function compareChunked(
  settings: ComparisonSettings,
  expected: TestSide,
  actual: TestSide,
): Promise<ComparisonResult> {
  const e = bytesOf(expected);
  const a = bytesOf(actual);
  const whole = await compareOutput(settings, e, a);
  const variants: Array<[number[], number[]]> = [
    [[], []],
    [everyByte(e.length), everyByte(a.length)],
  ];
  for (let i = 0; i <= e.length; i++) variants.push([[i], []]);
  for (let j = 0; j <= a.length; j++) variants.push([[], [j]]);
  if (e.length <= 24 && a.length <= 24) {
    for (let i = 0; i <= e.length; i++) for (let j = 0; j <= a.length; j++) variants.push([[i], [j]]);
  }
  for (const [ec, ac] of variants) {
    const result = await compareOutput(settings, chunked(e, ec), chunked(a, ac));
    expect(result, `chunks cut at expected ${JSON.stringify(ec)} / actual ${JSON.stringify(ac)}`).toEqual(whole);
  }
  return whole;
}

/** The difference of a comparison expected to fail. */
export async function differenceOf(settings: ComparisonSettings, expected: TestSide, actual: TestSide) {
  const result = await compareChunked(settings, expected, actual);
  if (result.accepted) throw new Error(`expected a difference, got accepted (${JSON.stringify([expected, actual])})`);
  return result.difference;
}

export async function accepts(settings: ComparisonSettings, expected: TestSide, actual: TestSide): Promise<boolean> {
  return (await compareChunked(settings, expected, actual)).accepted;
}
