import { z } from 'zod';
import { parseYamlFile } from './yaml-file';

const argsValue = z.union([z.string(), z.array(z.string())]);

/**
 * `testdata.yaml` of a test data group. Packages of both versions use the legacy keys (problemtools'
 * own 2023-07-draft example does), so both sets are known; any other key is an error.
 */
const testdataSchema = z.strictObject({
  // legacy
  on_reject: z.enum(['break', 'continue']).optional(),
  grading: z.enum(['default', 'custom']).optional(),
  grader_flags: z.string().optional(),
  input_validator_flags: z.unknown().optional(),
  output_validator_flags: z.string().optional(),
  accept_score: z.number().optional(),
  reject_score: z.number().optional(),
  range: z
    .string()
    .regex(
      /^\s*[-+]?(inf|\d+(\.\d*)?([eE][-+]?\d+)?)\s+[-+]?(inf|\d+(\.\d*)?([eE][-+]?\d+)?)\s*$/,
      'must be two numbers (inf allowed), e.g. "0 100"',
    )
    .optional(),
  // 2023-07-draft
  scoring: z
    .strictObject({
      score: z.union([z.number().int().nonnegative(), z.literal('unbounded')]).optional(),
      aggregation: z.enum(['pass-fail', 'sum', 'min']).optional(),
      require_pass: z.union([z.string(), z.array(z.string())]).optional(),
      'require-pass': z.union([z.string(), z.array(z.string())]).optional(),
    })
    .optional(),
  input_validator_args: z.unknown().optional(),
  output_validator_args: argsValue.optional(),
  full_feedback: z.boolean().optional(),
  static_validation: z.unknown().optional(),
});

export type TestdataYaml = z.infer<typeof testdataSchema>;

export function parseTestdataYaml(file: string, text: string): TestdataYaml {
  return parseYamlFile(file, text, testdataSchema);
}
