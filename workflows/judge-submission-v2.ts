import { proxyActivities, proxyLocalActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { HostActivities } from '../activities/host-activities';
import type { SubmissionActivities } from '../activities/submission-activities';
import { statusAttributes } from '../common/search-attributes';
import { finishFailed } from './finish-failed';
import { cleanUpOn, DEFAULT_PARALLEL_RUNS, endAfterError, HOST_ATTEMPTS, hostActivityOptions, hostWasLost, notPickedUp, RETRY, SANDBOX_OVERHEAD_MS } from './host-policy';
import type { JudgeSubmissionInput, JudgeSubmissionResult } from './judge-submission';

/** Bookkeeping on the worker that runs this workflow task: a marker in the history, no round trip. */
const local = proxyLocalActivities<SubmissionActivities>({ startToCloseTimeout: '60s', retry: RETRY });
/** Asking whether a slow host is alive. */
const bookkeeping = proxyActivities<SubmissionActivities>({ startToCloseTimeout: '60s', retry: RETRY });

/**
 * The second version of judging (patch 'lean-judging'): claim on this worker's host in a local
 * activity, then one activity on that host's own queue judges (15 history events for one run).
 * Kept only to replay workflows started before the one-activity version (judge-submission.ts,
 * patch 'one-activity-judging'); delete it once none of those is open.
 */
export async function judgeSubmissionV2(input: JudgeSubmissionInput): Promise<JudgeSubmissionResult> {
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
    return await endAfterError(submissionId, error, finishFailed(submissionId));
  } finally {
    await cleanUpOn(submissionId, cleanupQueue);
  }
}
