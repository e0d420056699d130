import { temporal } from '@temporalio/proto';
import type { QueueStats } from '../api/generated/resolvers-types';
import type { WorkerRegistry } from '../db/worker-registry';
import type { ApiContext } from './context';

const { TaskQueueType, TaskQueueKind } = temporal.api.enums.v1;

/** queueStats answers from the database alone rather than hang on an unreachable Temporal. */
const DESCRIBE_DEADLINE_MS = 3000;

export interface QueueStatsSources extends Pick<ApiContext, 'store' | 'temporal' | 'config' | 'logger'> {
  /** The workers table: which worker processes are alive, each with its sandbox slots. */
  workers: Pick<WorkerRegistry, 'live'>;
}

/**
 * queued and running come from the submissions, workers and their sandbox slots from the
 * workers table (each live worker refreshes its row every few seconds), the backlog from
 * Temporal's view of the submission task queue. Both task types are read: workflows wait in
 * the workflow backlog, their activities in the activity one.
 */
export async function queueStats({ store, workers, temporal: client, config, logger }: QueueStatsSources): Promise<QueueStats> {
  const [counts, live] = await Promise.all([store.counts(), workers.live()]);
  let backlog = 0;
  try {
    const responses = await client.withDeadline(Date.now() + DESCRIBE_DEADLINE_MS, () =>
      Promise.all(
        [TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY].map((taskQueueType) =>
          client.workflowService.describeTaskQueue({
            namespace: config.temporal.namespace,
            taskQueue: { name: config.temporal.taskQueue, kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
            taskQueueType,
            reportStats: true,
          }),
        ),
      ),
    );
    for (const response of responses) backlog += Number(response.stats?.approximateBacklogCount ?? 0);
  } catch (error) {
    logger.warn({ err: error }, 'describeTaskQueue failed; reporting no backlog');
  }
  return {
    queued: counts.queued,
    running: counts.running,
    workers: live.length,
    maxConcurrency: live.reduce((sum, worker) => sum + worker.slots, 0),
    totalSubmissions: counts.total,
    backlog,
  };
}
