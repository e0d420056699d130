import type { RunResult } from '../../common/submission';
import { gqlOk, SUBMISSION_FIELDS } from './graphql';

export type RunResultView = RunResult;

export interface SubmissionView {
  id: string;
  language: string;
  status: string;
  verdict: string | null;
  error: string | null;
  queuedAt: string;
  startedAt: string | null;
  completedAt: string | null;
  executionTimeMs: number | null;
  totalTimeMs: number | null;
  limits: Record<string, number>;
  compile: RunResultView | null;
  run: RunResultView | null;
  testResults: Array<{ index: number; verdict: string; result: RunResultView }>;
}

const TERMINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

export async function submit(
  url: string,
  input: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<SubmissionView> {
  const data = await gqlOk<{ submit: SubmissionView }>(
    url,
    `mutation($input: SubmitInput!) { submit(input: $input) { ${SUBMISSION_FIELDS} } }`,
    { input },
    headers,
  );
  return data.submit;
}

export async function getSubmission(
  url: string,
  id: string,
  headers: Record<string, string> = {},
): Promise<SubmissionView | null> {
  const data = await gqlOk<{ submission: SubmissionView | null }>(
    url,
    `query($id: ID!) { submission(id: $id) { ${SUBMISSION_FIELDS} } }`,
    { id },
    headers,
  );
  return data.submission;
}

/** Polls the API until the submission reaches a terminal status. */
export async function waitForTerminal(
  url: string,
  id: string,
  timeoutMs = 120_000,
  headers: Record<string, string> = {},
): Promise<SubmissionView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const submission = await getSubmission(url, id, headers);
    if (submission && TERMINAL.has(submission.status)) return submission;
    if (Date.now() > deadline) throw new Error(`submission ${id} still ${submission?.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function submitAndWait(url: string, input: Record<string, unknown>, timeoutMs?: number): Promise<SubmissionView> {
  const { id } = await submit(url, input);
  return waitForTerminal(url, id, timeoutMs);
}
