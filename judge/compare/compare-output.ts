import { ByteCursor, type ByteSource } from './byte-cursor';
import { compareExact } from './compare-exact';
import { compareLines } from './compare-lines';
import { compareTokens } from './compare-tokens';
import type { ComparisonResult } from './difference';
import type { ComparisonSettings } from './settings';

/**
 * Compares a program's output with the expected answer, both read as streams of byte chunks:
 * neither is held whole, and reading stops at the first difference (a stream is then released).
 */
export async function compareOutput(
  settings: ComparisonSettings,
  expected: ByteSource,
  actual: ByteSource,
): Promise<ComparisonResult> {
  const expectedCursor = new ByteCursor(expected, 'expected answer');
  const actualCursor = new ByteCursor(actual, 'program output');
  try {
    switch (settings.mode) {
      case 'exact':
        return await compareExact(expectedCursor, actualCursor);
      case 'lines':
        return await compareLines(expectedCursor, actualCursor);
      case 'tokens':
        return await compareTokens(expectedCursor, actualCursor, settings);
    }
  } finally {
    await Promise.all([expectedCursor.release(), actualCursor.release()]);
  }
}
