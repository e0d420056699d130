import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import type { Config } from '../common/config';
import { judgingDeadlineMs } from '../common/judging-deadline';
import { startAttributes } from '../common/search-attributes';
import type { Logger } from '../common/logger';
import type { SubmissionRecord } from '../db/submission-entity';
import type { SubmissionStore } from '../db/submission-store';
import { languageById } from '../runtimes/languages';
import type { judgeSubmission } from '../workflows';

/** The Temporal workflow id of a submission (its first judging attempt): what operators search for in the Web UI. */
export function workflowIdOf(submissionId: string): string {
  return `submission-${submissionId}`;
}

/**
 * The workflow id of the submission's workflow run `run` (SubmissionRecord.workflowRun, 1 = the
 * first). A retried submission (retrySubmission) gets a new id per run, so every run's history
 * stays, and starting one run twice is still refused.
 */
export function workflowIdOfRun(submissionId: string, run: number): string {
  return run <= 1 ? workflowIdOf(submissionId) : `${workflowIdOf(submissionId)}-retry-${run - 1}`;
}

/** The deadline of one judging attempt at `record` (common/judging-deadline.ts), which the workflow uses as it is. */
export function judgeTimeoutOf(record: SubmissionRecord, config: Pick<Config, 'engineOutageBudgetMs'>): number {
  return judgingDeadlineMs({
    language: languageById(record.language) ?? {},
    testCount: record.problemCases ?? record.testCases.length,
    runWallTimeMs: record.limits.wallTimeMs,
    engineOutageBudgetMs: config.engineOutageBudgetMs,
  });
}

/**
 * Starts the submission's workflow and records that it is started. Starting twice is
 * harmless: the id is derived from the submission and duplicates are rejected, so a retried
 * request never judges twice. The run is the record's workflowRun. `eager` asks Temporal to hand the first workflow task to this
 * process's own worker in its answer (only when the client shares that worker's connection;
 * Temporal falls back to the queue when the worker has no free slot).
 */
export async function dispatch(
  client: Client,
  config: Config,
  store: SubmissionStore,
  record: SubmissionRecord,
  eager = false,
): Promise<void> {
  try {
    await client.workflow.start<typeof judgeSubmission>('judgeSubmission', {
      taskQueue: config.temporal.taskQueue,
      workflowId: workflowIdOfRun(record.id, record.workflowRun),
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      args: [{ submissionId: record.id, language: record.language, judgeTimeoutMs: judgeTimeoutOf(record, config) }],
      memo: { language: record.language },
      typedSearchAttributes: startAttributes(record.language),
      requestEagerStart: eager,
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  await store.markDispatched(record.id);
}

/**
 * One pass of the redispatcher: starts the submissions never started that waited over
 * `olderThanMs` (at most `limit`). Returns how many it started.
 */
export async function redispatchOnce(
  client: Client,
  config: Config,
  store: SubmissionStore,
  olderThanMs: number,
  limit?: number,
): Promise<number> {
  const records = await store.undispatched(olderThanMs, limit);
  for (const record of records) await dispatch(client, config, store, record);
  return records.length;
}

/**
 * Starts submissions whose start failed: if Temporal was unreachable when one was accepted,
 * it was stored anyway (never dispatched) and is started here once Temporal answers again.
 * Rows already started are not touched, so N replicas do not restart a backlog N times.
 * Returns the function that stops it.
 */
export function startRedispatcher(
  client: Client,
  config: Config,
  store: SubmissionStore,
  logger: Logger,
  everyMs = 5000,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    redispatchOnce(client, config, store, everyMs)
      .catch((error: unknown) => logger.warn({ err: error }, 'redispatch failed; will retry'))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
