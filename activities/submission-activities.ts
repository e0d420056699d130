import { ApplicationFailure } from '@temporalio/activity';
import { FailureType } from '../common/failure-types';
import type { SubmissionStatus } from '../common/submission';
import type { SubmissionOutcome } from '../db/submission-store';
import { compileLimitsOf } from './compile-limits';
import type { ActivityDeps } from './deps';
import { runtimeOf } from './runtime-of';
import { Workspace } from './workspace';

/** What the workflow needs to schedule a claimed submission's sandbox work. */
export interface Claim {
  /** The claiming host's task queue; every later step of this attempt goes there. */
  hostTaskQueue: string;
  /** The claiming worker, to ask whether it is still alive when its queue is slow. */
  workerId: string;
  compiled: boolean;
  /** Number of test cases; 0 means one run with the submission's stdin. */
  testCount: number;
  compileWallTimeMs: number;
  runWallTimeMs: number;
}

/**
 * Activities on the shared submission queue: bookkeeping any worker can do, and the claim
 * that binds a submission's files to one host.
 */
export function createSubmissionActivities(deps: ActivityDeps) {
  const { store, logger } = deps;
  return {
    /** Persists a status move and tells subscribers; a no-op once the submission ended. */
    async setStatus(submissionId: string, status: SubmissionStatus): Promise<void> {
      await store.transition(submissionId, status);
      logger.debug({ submissionId, status }, 'status');
    },

    /** Writes the submission's workspace on this host and returns where the rest of its work must run. */
    async claim(submissionId: string, options: { firstAttempt?: boolean } = {}): Promise<Claim> {
      const record = await store.get(submissionId);
      if (!record) throw ApplicationFailure.nonRetryable(`submission ${submissionId} does not exist`, FailureType.SubmissionMissing);
      const { language, version } = runtimeOf(deps, record.language);
      // Only a redo (a host was lost) can find results of an earlier attempt to clear.
      if (!options.firstAttempt) await store.clearResults(submissionId);
      const plan = await Workspace.of(deps.workspaceRoot, submissionId).write(record, language.sourceFile);
      // The claiming host's image is the one that judges it: a redo on another host records that host's.
      await store.transition(submissionId, 'PREPARING', { workerId: deps.config.workerId, languageVersion: version });
      logger.info({ submissionId, worker: deps.config.workerId }, 'claimed');
      return {
        hostTaskQueue: deps.hostTaskQueue,
        workerId: deps.config.workerId,
        compiled: language.compile !== undefined,
        testCount: plan.testCount,
        compileWallTimeMs: compileLimitsOf(language).wallTimeMs,
        runWallTimeMs: record.limits.wallTimeMs,
      };
    },

    /** Whether a worker still reports itself alive: a slow queue then means busy, not gone. */
    hostAlive(workerId: string): Promise<boolean> {
      return deps.workers.isAlive(workerId);
    },

    /** Writes the terminal state once and tells subscribers. */
    async finish(submissionId: string, outcome: SubmissionOutcome): Promise<void> {
      await store.finish(submissionId, outcome);
      logger.info({ submissionId, status: outcome.status, verdict: outcome.verdict }, 'finished');
    },
  };
}

export type SubmissionActivities = ReturnType<typeof createSubmissionActivities>;
