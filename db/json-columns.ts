import { z } from 'zod';
import { runResultShape } from '../common/api-shapes';
import type { Limits } from '../common/limits';
import type { GroupResult } from '../common/group-result';
import { VERDICTS, type RunResult, type SubmittedFile, type TestCase } from '../common/submission';

/*
 * The shapes of the JSON kept in text columns. Rows are read back through these, so a row
 * written by another version, or edited by hand, fails loudly where it is read instead of
 * travelling on as a wrong type.
 */

export const limitsColumn: z.ZodType<Limits> = z.object({
  cpuTimeMs: z.number(),
  wallTimeMs: z.number(),
  memoryMb: z.number(),
  processes: z.number(),
  outputKb: z.number(),
});

export const runResultColumn: z.ZodType<RunResult> = runResultShape;

export const filesColumn: z.ZodType<SubmittedFile[]> = z.array(z.object({ path: z.string(), content: z.string() }));

export const testCasesColumn: z.ZodType<TestCase[]> = z.array(
  z.object({ stdin: z.string().nullable(), expectedOutput: z.string().nullable() }),
);

export const stringsColumn: z.ZodType<string[]> = z.array(z.string());

export const groupResultsColumn: z.ZodType<GroupResult[]> = z.array(
  z.object({
    name: z.string(),
    verdict: z.enum(VERDICTS).nullable(),
    score: z.number().nullable(),
    maxScore: z.number().nullable(),
    cases: z.number(),
    passed: z.number(),
    failed: z.number(),
    skipped: z.number(),
  }),
);
