import type { DataSource } from 'typeorm';
import type { RunResult, SubmissionRequest, SubmissionStatus, TestResult } from '../common/submission';
import type { ChangeFeed } from './change-feed';
import type { SubmissionRecord } from './submission-entity';
import type { SubmissionEventRecord } from './submission-event-entity';
import { SubmissionLifecycle, type ClaimPatch, type SubmissionOutcome } from './submission-lifecycle';
import { SubmissionQueries, type ListFilter, type Page, type SubmissionColumn } from './submission-queries';
import { SubmissionResults } from './submission-results';
import { RedispatchQueries } from './redispatch-queries';

export type { ClaimPatch, ListFilter, Page, SubmissionColumn, SubmissionOutcome };

/**
 * Everything the API, the activities and the background jobs do with submissions, in one
 * handle; each method hands over to the module whose one job it is:
 * - db/submission-lifecycle.ts: status, attempt, status log and change feed (the only writer of those);
 * - db/submission-results.ts: compile, run and test-case results;
 * - db/submission-queries.ts: reads, listing and pagination, counts;
 * - db/redispatch-queries.ts: the redispatcher's.
 */
export class SubmissionStore {
  private readonly lifecycle: SubmissionLifecycle;
  private readonly queries: SubmissionQueries;
  private readonly results: SubmissionResults;
  private readonly redispatch: RedispatchQueries;

  constructor(
    private readonly dataSource: DataSource,
    feed: ChangeFeed,
  ) {
    this.queries = new SubmissionQueries(dataSource);
    this.results = new SubmissionResults(dataSource);
    this.lifecycle = new SubmissionLifecycle(dataSource, feed, this.queries, this.results);
    this.redispatch = new RedispatchQueries(dataSource);
  }

  /** See SubmissionLifecycle.create. */
  create(request: SubmissionRequest, clientName: string): Promise<{ record: SubmissionRecord; created: boolean }> {
    return this.lifecycle.create(request, clientName);
  }

  /** See SubmissionLifecycle.move: an open status by the transition table; a retried claim is a new attempt. */
  transition(id: string, status: SubmissionStatus, patch: ClaimPatch = {}): Promise<boolean> {
    return this.lifecycle.move(id, status, patch);
  }

  /** See SubmissionLifecycle.finish: the end, written once. */
  finish(id: string, outcome: SubmissionOutcome): Promise<boolean> {
    return this.lifecycle.finish(id, outcome);
  }

  /** See SubmissionLifecycle.reopen: retrySubmission's new attempt. */
  reopen(id: string, clientName: string): Promise<SubmissionRecord | null> {
    return this.lifecycle.reopen(id, clientName);
  }

  /** Any client's submission: for the workers and internal bookkeeping, never for answering a client. */
  get(id: string, columns?: readonly SubmissionColumn[]): Promise<SubmissionRecord | null> {
    return this.queries.get(id, columns);
  }

  /** The submission if `clientName` owns it; null otherwise, exactly as for an id that does not exist. */
  getOwned(id: string, clientName: string, columns?: readonly SubmissionColumn[]): Promise<SubmissionRecord | null> {
    return this.queries.getOwned(id, clientName, columns);
  }

  /** Status events of a submission after event `afterId`, oldest first. */
  eventsAfter(submissionId: string, afterId: number): Promise<SubmissionEventRecord[]> {
    return this.queries.eventsAfter(submissionId, afterId);
  }

  /** Newest first, keyset-paginated. */
  list(filter: ListFilter): Promise<Page> {
    return this.queries.list(filter);
  }

  /** Counts for queueStats. */
  counts(): Promise<{ queued: number; running: number; total: number }> {
    return this.queries.counts();
  }

  saveCompile(id: string, result: RunResult): Promise<void> {
    return this.results.saveCompile(id, result);
  }

  saveRun(id: string, result: RunResult): Promise<void> {
    return this.results.saveRun(id, result);
  }

  saveTestResult(submissionId: string, testResult: TestResult): Promise<void> {
    return this.results.saveTestResult(submissionId, testResult);
  }

  testResults(submissionId: string, options?: { withResults?: boolean }): Promise<TestResult[]> {
    return this.results.testResults(submissionId, options);
  }

  undispatched(olderThanMs: number, limit?: number): Promise<SubmissionRecord[]> {
    return this.redispatch.undispatched(olderThanMs, limit);
  }

  markDispatched(id: string): Promise<void> {
    return this.redispatch.markDispatched(id);
  }
}
