import {
  ActivityCancellationType,
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  isCancellation,
  log,
  proxyActivities,
  TimeoutFailure,
  upsertSearchAttributes,
  type ActivityOptions,
} from '@temporalio/workflow';
import type { HostActivities } from '../activities/host-activities';
import type { SubmissionActivities } from '../activities/submission-activities';
import { failureReason } from '../common/failure-reason';
import { FailureType } from '../common/failure-types';
import { overallVerdict, type SubmissionStatus, type Verdict } from '../common/submission';

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

/** The one retry policy for infrastructure failures; program outcomes are results, never retried. */
const RETRY: ActivityOptions['retry'] = {
  initialInterval: '1s',
  backoffCoefficient: 2,
  maximumInterval: '20s',
  maximumAttempts: 6,
};

/** Tries of the whole submission on different hosts when a host disappears. */
const HOST_ATTEMPTS = 3;
/** Slack over a sandbox's own wall limit: container creation, image start-up, removal. */
const SANDBOX_OVERHEAD_MS = 60_000;

const bookkeeping = proxyActivities<SubmissionActivities>({ startToCloseTimeout: '60s', retry: RETRY });

/** Judges one submission: claim a host, compile there once, run every case there, record the outcome. */
export async function judgeSubmission(input: JudgeSubmissionInput): Promise<JudgeSubmissionResult> {
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
      const hostOptions: ActivityOptions = {
        taskQueue: claim.hostTaskQueue,
        scheduleToStartTimeout: input.hostPickupTimeoutMs ?? 15_000,
        // Short, so a dead host is noticed quickly; the worker heartbeats about every second.
        heartbeatTimeout: '5s',
        // Report CANCELLED only once the activity has killed and removed its container.
        cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
        retry: { ...RETRY, maximumAttempts: 3 },
      };
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
    if (isCancellation(error)) {
      await CancellationScope.nonCancellable(() => finish('CANCELLED', null, 'cancelled by request'));
      throw error;
    }
    return await finish('FAILED', 'INTERNAL_ERROR', describe(submissionId, error));
  } finally {
    const queue = cleanupQueue;
    if (queue) await CancellationScope.nonCancellable(() => cleanUp(submissionId, queue));
  }

  async function finish(status: 'COMPLETED' | 'FAILED' | 'CANCELLED', verdict: Verdict | null, error?: string): Promise<JudgeSubmissionResult> {
    upsertSearchAttributes({ SandflowStatus: [status], ...(verdict ? { SandflowVerdict: [verdict] } : {}) });
    await bookkeeping.finish(submissionId, { status, verdict, error: error ?? null });
    return { status, verdict };
  }
}

/** Removes the workspace; a host that is gone leaves it to that host's sweeper. */
async function cleanUp(submissionId: string, taskQueue: string): Promise<void> {
  const host = proxyActivities<HostActivities>({
    taskQueue,
    scheduleToStartTimeout: '30s',
    startToCloseTimeout: '30s',
    retry: { maximumAttempts: 2 },
  });
  await host.cleanup(submissionId).catch(() => undefined);
}

function notPickedUp(error: unknown): boolean {
  return error instanceof ActivityFailure && error.cause instanceof TimeoutFailure && error.cause.timeoutType === 'SCHEDULE_TO_START';
}

/** A timed-out host activity (nobody picked it up, or it stopped heartbeating) or a vanished workspace. */
function hostWasLost(error: unknown): boolean {
  if (!(error instanceof ActivityFailure)) return false;
  const cause = error.cause;
  if (cause instanceof TimeoutFailure) return true;
  return cause instanceof ApplicationFailure && cause.type === FailureType.WorkspaceLost;
}

/**
 * The client's `error` for a failed submission: a plain reason (common/failure-reason.ts).
 * The raw message may hold host paths or system errors, so only the log gets it, with the
 * submission id; the worker's Temporal runtime forwards workflow logs to pino.
 */
function describe(submissionId: string, error: unknown): string {
  const activity = error instanceof ActivityFailure ? error : undefined;
  let current: unknown = error;
  while (current instanceof ActivityFailure && current.cause) current = current.cause;
  const detail = current instanceof Error ? current.message : String(current);
  const facts = {
    activityType: activity?.activityType,
    timeoutType: current instanceof TimeoutFailure ? current.timeoutType : undefined,
    failureType: current instanceof ApplicationFailure ? (current.type ?? undefined) : undefined,
  };
  const reason = failureReason(facts);
  log.error('submission failed: infrastructure error', { submissionId, ...facts, detail, reason });
  return reason;
}

/** Runs tasks 0..count-1 with at most `width` at once; results in task order. */
async function inPool<T>(count: number, width: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const lanes = Array.from({ length: Math.min(width, count) }, async () => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  });
  await Promise.all(lanes);
  return results;
}
