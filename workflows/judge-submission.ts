import { ActivityCancellationType, deprecatePatch, proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { JudgeActivities } from '../activities/judge-activity';
import { statusAttributes } from '../common/search-attributes';
import type { SubmissionStatus, Verdict } from '../common/submission';
import { finishFailed } from './finish-failed';
import { endAfterError } from './judging-failures';
import { RETRY } from './retry-policy';

export interface JudgeSubmissionInput {
  submissionId: string;
  language: string;
  /**
   * The judging activity's deadline per attempt, as the API computed it from the submission
   * (common/judging-deadline.ts); used as it is. Without it, an hour.
   */
  judgeTimeoutMs?: number;
  /** Test cases of one submission that run at the same time. */
  parallelRuns?: number;
}

export interface JudgeSubmissionResult {
  status: SubmissionStatus;
  verdict: Verdict | null;
}

/**
 * The patch that once chose this version over two older ones, long gone. Workflows started
 * while it was `patched()` carry its marker and replay only if the workflow still names it;
 * remove this call once none of them is open (docs/changing-the-workflow.md).
 */
const ONE_ACTIVITY_PATCH = 'one-activity-judging';

const DEFAULT_JUDGE_TIMEOUT_MS = 3_600_000;
/** Test cases of one submission that run at the same time, unless the workflow's input says. */
const DEFAULT_PARALLEL_RUNS = 2;
/**
 * Tries of judging: a failing sandbox, or a worker that died (each retry may land on another).
 * With RETRY's backoff, the last one starts about 7 s after the first failed.
 */
export const JUDGE_ATTEMPTS = 4;

/**
 * Judges one submission in one activity on the workflow's own queue: whichever worker takes it
 * reads the submission, compiles, runs every case, and records each result and the outcome.
 * Scheduled on the same queue, the activity comes back to the worker that completes the
 * workflow task (eager activity dispatch), so a submission makes no trip through Temporal's
 * matching after its start. A worker that dies stops heartbeating within 5 s and the activity is
 * retried on another, which starts from the submission in the database and keeps the verdicts
 * the last heartbeat carried. Statuses reach subscribers through the database, not the history.
 */
export async function judgeSubmission(input: JudgeSubmissionInput): Promise<JudgeSubmissionResult> {
  deprecatePatch(ONE_ACTIVITY_PATCH);
  const { submissionId } = input;
  const judging = proxyActivities<JudgeActivities>({
    startToCloseTimeout: input.judgeTimeoutMs ?? DEFAULT_JUDGE_TIMEOUT_MS,
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
