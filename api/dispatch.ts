import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import type { Config } from '../common/config';
import { startAttributes } from '../common/search-attributes';
import type { Logger } from '../common/logger';
import type { SubmissionRecord } from '../db/submission-entity';
import type { SubmissionStore } from '../db/submission-store';
import type { judgeSubmission } from '../workflows';

/** The Temporal workflow id of a submission: what operators search for in the Web UI. */
export function workflowIdOf(submissionId: string): string {
  return `submission-${submissionId}`;
}

/**
 * Starts the submission's workflow. Starting twice is harmless: the id is derived from the
 * submission and duplicates are rejected, so a retried request never judges twice.
 */
export async function dispatch(client: Client, config: Config, record: SubmissionRecord): Promise<void> {
  try {
    await client.workflow.start<typeof judgeSubmission>('judgeSubmission', {
      taskQueue: config.temporal.taskQueue,
      workflowId: workflowIdOf(record.id),
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      args: [{ submissionId: record.id, language: record.language, hostPickupTimeoutMs: config.hostPickupTimeoutMs }],
      memo: { language: record.language },
      typedSearchAttributes: startAttributes(record.language),
    });
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return;
    throw error;
  }
}

/**
 * Re-dispatches submissions still QUEUED after a while: if Temporal was unreachable when one
 * was accepted, it was stored anyway and is started here once Temporal answers again.
 * Returns the function that stops it.
 */
export function startRedispatcher(client: Client, config: Config, store: SubmissionStore, logger: Logger, everyMs = 5000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void (async () => {
      for (const record of await store.staleQueued(everyMs)) {
        await dispatch(client, config, record);
      }
    })()
      .catch((error: unknown) => logger.warn({ err: error }, 'redispatch failed; will retry'))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
