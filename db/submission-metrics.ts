import { recordFinished } from '../common/metrics';
import type { Verdict } from '../common/submission';
import { phaseDurations } from '../common/submission-phases';
import type { SubmissionQueries } from './submission-queries';

/**
 * Feeds the metrics (common/metrics.ts) for a submission that just ended, from its stored
 * events: phase durations need no clock of their own. Called once per submission, by the
 * call that wrote its end (db/submission-lifecycle.ts), so a retried activity never counts twice.
 */
export async function recordSubmissionFinished(
  queries: SubmissionQueries,
  id: string,
  outcome: { status: 'COMPLETED' | 'FAILED' | 'CANCELLED'; verdict: Verdict | null },
): Promise<void> {
  try {
    const [record, events] = await Promise.all([queries.get(id, ['language']), queries.eventsAfter(id, 0)]);
    if (record)
      recordFinished({ language: record.language, status: outcome.status, verdict: outcome.verdict }, phaseDurations(events));
  } catch {
    // The end is written already; a failed read for metrics must not fail (and so retry) the activity that wrote it.
  }
}
