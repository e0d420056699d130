import {
  ActivityCancellationType,
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  isCancellation,
  log,
  proxyActivities,
  TimeoutFailure,
  type ActivityOptions,
} from '@temporalio/workflow';
import type { HostActivities } from '../activities/host-activities';
import { failureReason } from '../common/failure-reason';
import { FailureType } from '../common/failure-types';
import type { Verdict } from '../common/submission';

/* What both versions of the judging workflow share: retry policy, host options, failure reading. */

/** The one retry policy for infrastructure failures; program outcomes are results, never retried. */
export const RETRY: ActivityOptions['retry'] = {
  initialInterval: '1s',
  backoffCoefficient: 2,
  maximumInterval: '20s',
  maximumAttempts: 6,
};

/** Test cases of one submission that run at the same time, unless the workflow's input says. */
export const DEFAULT_PARALLEL_RUNS = 2;

/** Tries of the whole submission on different hosts when a host disappears (version 2). */
export const HOST_ATTEMPTS = 3;
/** Slack over a sandbox's own wall limit: container creation, image start-up, removal. */
export const SANDBOX_OVERHEAD_MS = 60_000;

/**
 * Options of every activity on a claimed host's own queue: a short heartbeat so a dead host is
 * noticed quickly (the worker heartbeats about every second), and CANCELLED reported only once
 * the activity has killed and removed its container.
 */
export function hostActivityOptions(taskQueue: string, hostPickupTimeoutMs: number | undefined): ActivityOptions {
  return {
    taskQueue,
    scheduleToStartTimeout: hostPickupTimeoutMs ?? 15_000,
    heartbeatTimeout: '5s',
    cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
    retry: { ...RETRY, maximumAttempts: 3 },
  };
}

/**
 * How judging that threw ends: CANCELLED (recorded, then the cancellation rethrown) or
 * FAILED / INTERNAL_ERROR with a plain reason (the detail goes to the log).
 */
export async function endAfterError<R>(
  submissionId: string,
  error: unknown,
  finish: (status: 'FAILED' | 'CANCELLED', verdict: Verdict | null, error: string) => Promise<R>,
): Promise<R> {
  if (isCancellation(error)) {
    await CancellationScope.nonCancellable(() => finish('CANCELLED', null, 'cancelled by request'));
    throw error;
  }
  return finish('FAILED', 'INTERNAL_ERROR', describe(submissionId, error));
}

/** Removes the workspace from the host that has one, even when the workflow is being cancelled. */
export async function cleanUpOn(submissionId: string, taskQueue: string | undefined): Promise<void> {
  if (taskQueue) await CancellationScope.nonCancellable(() => cleanUp(submissionId, taskQueue));
}

/** Removes the workspace; a host that is gone leaves it to that host's sweeper. */
export async function cleanUp(submissionId: string, taskQueue: string): Promise<void> {
  const host = proxyActivities<HostActivities>({
    taskQueue,
    scheduleToStartTimeout: '30s',
    startToCloseTimeout: '30s',
    retry: { maximumAttempts: 2 },
  });
  await host.cleanup(submissionId).catch(() => undefined);
}

export function notPickedUp(error: unknown): boolean {
  return error instanceof ActivityFailure && error.cause instanceof TimeoutFailure && error.cause.timeoutType === 'SCHEDULE_TO_START';
}

/** A timed-out host activity (nobody picked it up, or it stopped heartbeating) or a vanished workspace. */
export function hostWasLost(error: unknown): boolean {
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
export function describe(submissionId: string, error: unknown): string {
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

