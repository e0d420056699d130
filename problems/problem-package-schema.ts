import { z } from 'zod';
import type { PackageFile, PackageProgram, ProblemPackage, TestCase, TestGroup } from './problem-model';

/*
 * The stored shape of a problem version (problem_versions.definition): the model read from its
 * package, checked again whenever a row is read, so a row edited by hand or written by another
 * version fails where it is read instead of travelling on as a wrong type.
 */

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

const packageFile: z.ZodType<PackageFile> = z.object({ path: z.string(), sha256, size: z.number().int().min(0) });

const program: z.ZodType<PackageProgram> = z.object({ name: z.string(), files: z.array(packageFile) });

const testCase: z.ZodType<TestCase> = z.object({
  name: z.string(),
  input: packageFile,
  answer: packageFile,
  interaction: packageFile.optional(),
  points: z.number().nullable(),
});

const testGroup: z.ZodType<TestGroup> = z.lazy(() =>
  z.object({
    name: z.string(),
    cases: z.array(testCase),
    groups: z.array(testGroup),
    stopOnFirstFailure: z.boolean(),
    aggregation: z.enum(['all-or-nothing', 'sum', 'min']),
    maxScore: z.number().nullable(),
    requirePass: z.array(z.string()),
    outputValidatorFlags: z.array(z.string()),
  }),
);

export const problemPackageSchema: z.ZodType<ProblemPackage> = z.object({
  formatVersion: z.enum(['legacy', '2023-07-draft']),
  name: z.record(z.string(), z.string()),
  uuid: z.string().nullable(),
  type: z.enum(['pass-fail', 'scoring']),
  interactive: z.boolean(),
  limits: z.object({
    timeLimitMs: z.number(),
    timeLimitSource: z.enum(['problem.yaml', '.timelimit', 'option']),
    timeMultipliers: z.object({ acToTimeLimit: z.number(), timeLimitToTle: z.number() }),
    memoryMb: z.number().optional(),
    outputMb: z.number().optional(),
    validationTimeS: z.number().optional(),
    validationMemoryMb: z.number().optional(),
  }),
  outputValidation: z.object({
    kind: z.enum(['default', 'custom']),
    flags: z.array(z.string()),
    programs: z.array(program),
  }),
  sample: testGroup,
  secret: testGroup,
  sampleInteractions: z.array(packageFile),
  submissions: z.array(z.object({ name: z.string(), files: z.array(packageFile), category: z.string() })),
});
