import type { SubmissionOutcome } from '../db/submission-store';
import type { ActivityDeps } from './deps';

/** Bookkeeping on the workflow's queue: how judging that did not end on its own is recorded. */
export function createSubmissionActivities(deps: Pick<ActivityDeps, 'store' | 'logger'>) {
  const { store, logger } = deps;
  return {
    /** Writes the terminal state once and tells subscribers. */
    async finish(submissionId: string, outcome: SubmissionOutcome): Promise<void> {
      await store.finish(submissionId, outcome);
      logger.info({ submissionId, status: outcome.status, verdict: outcome.verdict }, 'finished');
    },
  };
}

export type SubmissionActivities = ReturnType<typeof createSubmissionActivities>;
