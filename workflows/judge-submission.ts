import { patched, proxyActivities, proxyLocalActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { HostActivities } from '../activities/host-activities';
import type { SubmissionActivities } from '../activities/submission-activities';
import { statusAttributes } from '../common/search-attributes';
import type { SubmissionStatus, Verdict } from '../common/submission';
import { cleanUpOn, endAfterError, HOST_ATTEMPTS, hostActivityOptions, hostWasLost, notPickedUp, RETRY, SANDBOX_OVERHEAD_MS } from './host-policy';
import { judgeSubmissionV1 } from './judge-submission-v1';

export interface JudgeSubmissionInput {
  submissionId: string;
  language: string;
  /**
   * How long work may wait for the claiming host to pick it up before the workflow checks
   * whether that host is still alive (if not, the submission is redone elsewhere).
   */
  hostPickupTimeoutMs?: number;
  /** Test cases of one submission that run at the same time. */
  parallelRuns?: number;
}

export interface JudgeSubmissionResult {
  status: SubmissionStatus;
  verdict: Verdict | null;
}

/** Workflows started before this patch replay the step-per-activity version. */
export const LEAN_JUDGING_PATCH = 'lean-judging';

const DEFAULT_PARALLEL_RUNS = 2;

/** Bookkeeping on the worker that runs this workflow task: a marker in the history, no round trip. */
const local = proxyLocalActivities<SubmissionActivities>({ startToCloseTimeout: '60s', retry: RETRY });
/** Bookkeeping of the rare paths (a failure, a cancellation, a slow host). */
const bookkeeping = proxyActivities<SubmissionActivities>({ startToCloseTimeout: '60s', retry: RETRY });

/**
 * Judges one submission: claim it on this worker's host (a local activity: the files land
 * where this worker runs), then one host activity compiles, runs every case, records each
 * result and the outcome, and removes the workspace, heartbeating its progress so a retry
 * resumes. The statuses in between reach subscribers through the database, not the history:
 * a one-run submission makes 15 history events.
 */
export async function judgeSubmission(input: JudgeSubmissionInput): Promise<JudgeSubmissionResult> {
  if (!patched(LEAN_JUDGING_PATCH)) return judgeSubmissionV1(input);
  const { submissionId } = input;
  let cleanupQueue: string | undefined;
  try {
    for (let attempt = 1; ; attempt++) {
      const claim = await local.claim(submissionId, { firstAttempt: attempt === 1 });
      cleanupQueue = claim.hostTaskQueue;
      const runs = Math.max(claim.testCount, 1);
      const host = proxyActivities<HostActivities>({
        ...hostActivityOptions(claim.hostTaskQueue, input.hostPickupTimeoutMs),
        // Every run one after the other, at worst: the host's sandbox slots are shared.
        startToCloseTimeout: (claim.compiled ? claim.compileWallTimeMs : 0) + runs * claim.runWallTimeMs + SANDBOX_OVERHEAD_MS,
      });
      try {
        for (;;) {
          try {
            const outcome = await host.judge(submissionId, input.parallelRuns ?? DEFAULT_PARALLEL_RUNS);
            // The activity removed the workspace itself once the outcome was stored.
            cleanupQueue = undefined;
            upsertSearchAttributes(statusAttributes(outcome.status, outcome.verdict));
            return outcome;
          } catch (error) {
            // Nobody picked it up in time: the host is busy (wait on) or gone (the error ends this attempt).
            if (notPickedUp(error) && (await bookkeeping.hostAlive(claim.workerId))) continue;
            throw error;
          }
        }
      } catch (error) {
        if (attempt < HOST_ATTEMPTS && hostWasLost(error)) continue;
        throw error;
      }
    }
  } catch (error) {
    return await endAfterError(submissionId, error, finish);
  } finally {
    await cleanUpOn(submissionId, cleanupQueue);
  }

  async function finish(status: 'FAILED' | 'CANCELLED', verdict: Verdict | null, error: string): Promise<JudgeSubmissionResult> {
    upsertSearchAttributes(statusAttributes(status, verdict));
    await bookkeeping.finish(submissionId, { status, verdict, error });
    return { status, verdict };
  }
}
