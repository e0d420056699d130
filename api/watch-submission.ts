import type { Logger } from '../common/logger';
import { isTerminal, type SubmissionStatus } from '../common/submission';
import type { ChangeFeed } from '../db/change-feed';
import type { SubmissionRecord } from '../db/submission-entity';
import type { SubmissionEventRecord } from '../db/submission-event-entity';
import type { SubmissionColumn, SubmissionStore } from '../db/submission-store';
import { isDatabaseUnavailable } from './pipeline/database-unavailable';
import { submissionNotFound } from './submission-not-found';

export interface WatchOptions {
  /**
   * Re-reads the event log this often even without a notification, so an update whose
   * notification was lost (another process on SQLite, a reconnecting LISTEN) still arrives.
   */
  pollMs?: number;
  /** Columns to read on each update (all when omitted): what the subscriber selected. */
  columns?: readonly SubmissionColumn[] | undefined;
  /** Where an outage of the database (the subscription waits it out) is logged. */
  logger?: Logger;
}

/**
 * The current state of a submission, then one state per event of its log (a status
 * transition, or a new judging attempt at the status reached: the same status, attempt one
 * more), in order, ending after the terminal one. Replays the submission's event log from the
 * snapshot on, so nothing between the snapshot and the live stream is missed and no transition
 * is skipped however quickly the next one follows. Statuses never go back: the log has no such
 * move (db/submission-transitions.ts).
 */
export async function* watchSubmission(
  store: SubmissionStore,
  feed: ChangeFeed,
  submissionId: string,
  options: WatchOptions = {},
): AsyncGenerator<SubmissionRecord> {
  const pollMs = options.pollMs ?? 1000;
  let notified = false;
  let wake: (() => void) | undefined;
  const unsubscribe = feed.subscribe(submissionId, () => {
    notified = true;
    wake?.();
  });
  const pause = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, pollMs);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  let outage = false;
  /**
   * Reads until the database answers: an outage (restart, fail-over, lock) pauses the
   * subscription rather than ending it, and the event log replays what happened meanwhile.
   */
  const read = async <T>(query: () => Promise<T>): Promise<T> => {
    for (;;) {
      try {
        const result = await query();
        if (outage) options.logger?.info({ submissionId }, 'database back; subscription resumes');
        outage = false;
        return result;
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
        if (!outage) options.logger?.warn({ submissionId, err: error }, 'database unavailable; subscription waits for it');
        outage = true;
        await pause();
      }
    }
  };
  try {
    const history = await read(() => store.eventsAfter(submissionId, 0));
    const record = await read(() => store.get(submissionId, options.columns));
    const last = history.at(-1);
    if (!record || !last) {
      throw submissionNotFound(submissionId);
    }
    let lastEventId = last.id;
    let lastStatus: SubmissionStatus = last.status;
    let lastAttempt = last.attempt;
    if (isTerminal(last.status)) {
      yield (await read(() => store.get(submissionId, options.columns))) ?? record;
      return;
    }
    yield asOf(record, last);
    for (;;) {
      if (!notified) await pause();
      notified = false;
      wake = undefined;
      const events = await read(() => store.eventsAfter(submissionId, lastEventId));
      if (events.length === 0) continue;
      // Read after the events, so it is at least as new as the last of them.
      const current = await read(() => store.get(submissionId, options.columns));
      if (!current) return;
      for (const event of events) {
        lastEventId = event.id;
        if (isTerminal(event.status)) {
          yield current;
          return;
        }
        if (event.status === lastStatus && event.attempt === lastAttempt) continue;
        lastStatus = event.status;
        lastAttempt = event.attempt;
        yield asOf(current, event);
      }
    }
  } finally {
    unsubscribe();
  }
}

/** The record as it stood at a non-terminal event: later fields that belong to the end are hidden. */
function asOf(record: SubmissionRecord, event: Pick<SubmissionEventRecord, 'status' | 'attempt'>): SubmissionRecord {
  return {
    ...record,
    status: event.status,
    attempt: event.attempt,
    verdict: null,
    completedAt: null,
    error: null,
    executionTimeMs: null,
  };
}
