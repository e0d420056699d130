import { z } from 'zod';
import { runResultShape } from '../common/api-shapes';
import { SUBMISSION_STATUSES, VERDICTS } from '../common/submission';
import type { Endpoint } from './endpoint';
import { request } from './api';
import { CliError, EXIT } from './exit-codes';

const RunResult = runResultShape;
export type RunResult = z.infer<typeof RunResult>;

export const Submission = z.object({
  id: z.string(),
  language: z.string(),
  status: z.enum(SUBMISSION_STATUSES),
  verdict: z.enum(VERDICTS).nullable(),
  error: z.string().nullable(),
  queuedAt: z.string(),
  completedAt: z.string().nullable(),
  totalTimeMs: z.number().nullable(),
  compile: RunResult.nullable(),
  run: RunResult.nullable(),
  testResults: z.array(z.object({ index: z.number().int(), verdict: z.enum(VERDICTS), result: RunResult })),
});
export type Submission = z.infer<typeof Submission>;

const RESULT_FIELDS = 'stdout stderr exitCode signal cpuTimeMs wallTimeMs memoryKb truncated';

/** Every field the CLI shows; its query cost stays well under the default maximum even with 100 cases. */
export const SUBMISSION_FIELDS = `id language status verdict error queuedAt completedAt totalTimeMs
  compile { ${RESULT_FIELDS} } run { ${RESULT_FIELDS} } testResults { index verdict result { ${RESULT_FIELDS} } }`;

/** The submission with every field the CLI shows; a missing (or another client's) id is an API error. */
export async function fetchSubmission(endpoint: Endpoint, id: string): Promise<Submission> {
  const data = await request(
    endpoint,
    `query($id: ID!) { submission(id: $id) { ${SUBMISSION_FIELDS} } }`,
    { id },
    z.object({ submission: Submission.nullable() }),
  );
  if (!data.submission) throw new CliError(`submission ${id} does not exist (or belongs to another API client)`, EXIT.API);
  return data.submission;
}
