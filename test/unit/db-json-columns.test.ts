import { describe, expect, it } from 'vitest';
import { json, jsonNullable } from '../../db/column-transformers';
import { limitsColumn, runResultColumn } from '../../db/json-columns';

describe('JSON columns', () => {
  const limits = json(limitsColumn.nullable(), null);
  const run = jsonNullable(runResultColumn);

  it('reads back what it wrote, and NULL as the fallback', () => {
    const value = { cpuTimeMs: 1000, wallTimeMs: 2000, memoryMb: 256, processes: 32, outputKb: 64 };
    expect(limits.from(limits.to(value))).toEqual(value);
    expect(limits.from(null)).toBeNull();
    expect(run.from(null)).toBeNull();
  });

  it('refuses a stored value of the wrong shape instead of passing it on as the declared type', () => {
    expect(() => limits.from(JSON.stringify({ cpuTimeMs: '1000' }))).toThrow(/cpuTimeMs|wallTimeMs/);
    expect(() => run.from(JSON.stringify({ stdout: 1 }))).toThrow(/stdout/);
  });
});
