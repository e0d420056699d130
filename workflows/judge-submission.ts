import { ActivityCancellationType, patched, proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { JudgeActivities } from '../activities/host-activities';
import { statusAttributes } from '../common/search-attributes';
import type { SubmissionStatus, Verdict } from '../common/submission';
import { DEFAULT_PARALLEL_RUNS, endAfterError, RETRY, SANDBOX_OVERHEAD_MS } from './host-policy';
import { finishFailed } from './finish-failed';
import { judgeSubmissionV1 } from './judge-submission-v1';
import { judgeSubmissionV2 } from './judge-submission-v2';

export interface JudgeSubmissionInput {
  submissionId: string;
  language: string;
  /**
   * The judging activity's deadline per attempt: the compile's and every run's wall limits, one
   * after the other, plus slack (the API computes it from the submission). Without it, an hour.
   */
  judgeTimeoutMs?: number;
  /** Version 2 only: how long work waited for the claiming host before asking whether it lived. */
  hostPickupTimeoutMs?: number;
  /** Test cases of one submission that run at the same time. */
  parallelRuns?: number;
}

export interface JudgeSubmissionResult {
  status: SubmissionStatus;
  verdict: Verdict | null;
}

/** Workflows started before this patch replay the claim-then-judge version (judge-submission-v2.ts). */
export const ONE_ACTIVITY_PATCH = 'one-activity-judging';
/** Workflows started before this patch replay the step-per-activity version (judge-submission-v1.ts). */
export const LEAN_JUDGING_PATCH = 'lean-judging';

const DEFAULT_JUDGE_TIMEOUT_MS = 3_600_000;
/**
 * Tries of judging: a failing sandbox, or a worker that died (each retry may land on another).
 * With RETRY's backoff, the last one starts about 7 s after the first failed.
 */
export const JUDGE_ATTEMPTS = 4;

/**
 * Judges one submission in one activity on the workflow's own queue: whichever worker takes it
 * writes the files, compiles, runs every case, records each result and the outcome, and removes
 * its files. Scheduled on the same queue, the activity comes back to the worker that completes
 * the workflow task (eager activity dispatch), so a submission makes no trip through Temporal's
 * matching after its start. A worker that dies stops heartbeating within 5 s and the activity is
 * retried on another, which starts from the files in the database and keeps the verdicts the
 * last heartbeat carried. Statuses reach subscribers through the database, not the history.
 */
export async function judgeSubmission(input: JudgeSubmissionInput): Promise<JudgeSubmissionResult> {
  if (!patched(ONE_ACTIVITY_PATCH)) {
    return patched(LEAN_JUDGING_PATCH) ? judgeSubmissionV2(input) : judgeSubmissionV1(input);
  }
  const { submissionId } = input;
  const judging = proxyActivities<JudgeActivities>({
    startToCloseTimeout: (input.judgeTimeoutMs ?? DEFAULT_JUDGE_TIMEOUT_MS) + SANDBOX_OVERHEAD_MS,
    // The worker heartbeats about every second while a program runs: a dead one is noticed soon.
    heartbeatTimeout: '5s',
    // CANCELLED is reported only once the activity has killed and removed its container.
    cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
    retry: { ...RETRY, maximumAttempts: JUDGE_ATTEMPTS },
  });
  try {
    const outcome = await judging.claimAndJudge(submissionId, input.parallelRuns ?? DEFAULT_PARALLEL_RUNS);
    upsertSearchAttributes(statusAttributes(outcome.status, outcome.verdict));
    return outcome;
  } catch (error) {
    return await endAfterError(submissionId, error, finishFailed(submissionId));
  }
}
