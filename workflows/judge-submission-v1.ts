import { proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { HostActivities } from '../activities/host-activities';
import type { SubmissionActivities } from '../activities/submission-activities';
import { inPool } from '../common/in-pool';
import { overallVerdict, type SubmissionStatus, type Verdict } from '../common/submission';
import { cleanUpOn, endAfterError, HOST_ATTEMPTS, hostActivityOptions, hostWasLost, notPickedUp, RETRY, SANDBOX_OVERHEAD_MS } from './host-policy';
import type { JudgeSubmissionInput, JudgeSubmissionResult } from './judge-submission';

const bookkeeping = proxyActivities<SubmissionActivities>({ startToCloseTimeout: '60s', retry: RETRY });

/**
 * The first version of judging, one activity per step (39 history events for one run). Kept
 * only to replay workflows started before the lean version (judge-submission-v2.ts, patch
 * 'lean-judging'); delete it once none of those is open.
 */
export async function judgeSubmissionV1(input: JudgeSubmissionInput): Promise<JudgeSubmissionResult> {
  const { submissionId } = input;
  const markStatus = async (status: SubmissionStatus): Promise<void> => {
    upsertSearchAttributes({ SandflowStatus: [status] });
    await bookkeeping.setStatus(submissionId, status);
  };
  upsertSearchAttributes({ SandflowLanguage: [input.language], SandflowStatus: ['QUEUED'] });
  let cleanupQueue: string | undefined;
  try {
    for (let attempt = 1; ; attempt++) {
      const claim = await bookkeeping.claim(submissionId);
      upsertSearchAttributes({ SandflowStatus: ['PREPARING'] });
      cleanupQueue = claim.hostTaskQueue;
      const hostOptions = hostActivityOptions(claim.hostTaskQueue, input.hostPickupTimeoutMs);
      const compileOn = proxyActivities<HostActivities>({ ...hostOptions, startToCloseTimeout: claim.compileWallTimeMs + SANDBOX_OVERHEAD_MS });
      const runOn = proxyActivities<HostActivities>({ ...hostOptions, startToCloseTimeout: claim.runWallTimeMs + SANDBOX_OVERHEAD_MS });
      /**
       * A host activity nobody picked up in time means the host is busy or gone; only the
       * worker registry can tell which. Busy: wait on. Gone: the error ends this attempt.
       */
      const onHost = async <T>(call: () => Promise<T>): Promise<T> => {
        for (;;) {
          try {
            return await call();
          } catch (error) {
            if (notPickedUp(error) && (await bookkeeping.hostAlive(claim.workerId))) continue;
            throw error;
          }
        }
      };
      try {
        if (claim.compiled) {
          await markStatus('COMPILING');
          if (!(await onHost(() => compileOn.compile(submissionId)))) return await finish('COMPLETED', 'COMPILATION_ERROR');
        }
        await markStatus('RUNNING');
        const verdicts =
          claim.testCount === 0
            ? [await onHost(() => runOn.run(submissionId, null))]
            : await inPool(claim.testCount, input.parallelRuns ?? 2, (i) => onHost(() => runOn.run(submissionId, i)));
        return await finish('COMPLETED', overallVerdict(verdicts));
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

  async function finish(status: 'COMPLETED' | 'FAILED' | 'CANCELLED', verdict: Verdict | null, error?: string): Promise<JudgeSubmissionResult> {
    upsertSearchAttributes({ SandflowStatus: [status], ...(verdict ? { SandflowVerdict: [verdict] } : {}) });
    await bookkeeping.finish(submissionId, { status, verdict, error: error ?? null });
    return { status, verdict };
  }
}

