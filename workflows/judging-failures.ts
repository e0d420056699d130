import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  isCancellation,
  log,
  TimeoutFailure,
} from '@temporalio/workflow';
import { failureReason } from '../common/failure-reason';
import type { Verdict } from '../common/submission';

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
