import { activityInfo } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { SandboxAbortedError, SandboxInfrastructureError } from './errors';
import type { RunSandboxOptions, Sandbox } from './types';
import { FailureType } from '../common/failure-types';
import type { Logger } from '../common/logger';
import type { EngineHealth } from './engine-health';

/** Room left before the attempt's deadline, so the attempt ends as a retryable failure, not a timeout. */
const DEADLINE_MARGIN_MS = 5000;
const HEARTBEAT_EVERY_MS = 1000;

/**
 * The sandbox as activities see it, riding out Docker engine outages: a job that cannot start,
 * or whose container died with the engine (it never reported, so nothing of it was stored), waits
 * heartbeating for the engine and runs again once it answers. Past the outage budget it fails
 * with a non-retryable EngineUnavailable; near its attempt's deadline it fails retryably, so
 * Temporal hands the work back to the submission queue (which this worker does not poll while
 * its engine is down, so another worker may take it) instead of timing it out.
 */
export function engineOutageSandbox(inner: Sandbox, health: EngineHealth, logger: Logger): Sandbox {
  async function waitForEngine(opts: RunSandboxOptions): Promise<void> {
    if (health.up) return;
    const since = health.downSince ?? Date.now();
    if (health.budgetSpent || Date.now() - since >= health.budgetMs) throw engineUnavailable(since, health.budgetMs);
    const attemptDeadline = attemptDeadlineMs();
    const budgetDeadline = since + health.budgetMs;
    const deadline = Math.min(budgetDeadline, attemptDeadline ?? Infinity);
    const beat = setInterval(() => opts.onProgress?.(), HEARTBEAT_EVERY_MS);
    try {
      if (await health.waitUntilUp(deadline, opts.signal)) return;
    } finally {
      clearInterval(beat);
    }
    if (opts.signal?.aborted) throw new SandboxAbortedError();
    if (deadline >= budgetDeadline || health.budgetSpent) throw engineUnavailable(since, health.budgetMs);
    throw ApplicationFailure.retryable(
      'the sandbox engine is still down; this attempt hands the work back to the queue',
      FailureType.EngineUnavailable,
    );
  }

  return {
    async run(spec, opts = {}) {
      for (;;) {
        await waitForEngine(opts);
        try {
          return await inner.run(spec, opts);
        } catch (error) {
          // Only a failure the engine's silence explains is waited out; any other goes to Temporal's retry policy.
          if (!(error instanceof SandboxInfrastructureError) || (await health.check())) throw error;
          (opts.logger ?? logger).warn(
            { err: error.message },
            'sandbox engine stopped answering during a job: it runs again once the engine is back',
          );
        }
      }
    },
    close: () => inner.close(),
  };
}

function engineUnavailable(since: number, budgetMs: number): ApplicationFailure {
  return ApplicationFailure.nonRetryable(
    `the sandbox engine has not answered for ${Math.round((Date.now() - since) / 1000)} s, past the outage budget of ${budgetMs / 1000} s`,
    FailureType.EngineUnavailable,
  );
}

/** When the current activity attempt must end, minus a margin; undefined outside an activity or without a deadline. */
function attemptDeadlineMs(): number | undefined {
  let info;
  try {
    info = activityInfo();
  } catch {
    return undefined;
  }
  if (!info.startToCloseTimeoutMs) return undefined;
  return info.currentAttemptScheduledTimestampMs + info.startToCloseTimeoutMs - DEADLINE_MARGIN_MS;
}
