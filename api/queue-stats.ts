import { temporal } from '@temporalio/proto';
import type { QueueStats } from '../api/generated/resolvers-types';
import { slotsFromIdentity } from '../worker/identity';
import type { ApiContext } from './context';

/**
 * queued and running come from the database; workers, their sandbox slots and the backlog
 * from Temporal's view of the submission task queue (each worker's identity carries its slots).
 */
export async function queueStats({ store, temporal: client, config, logger }: ApiContext): Promise<QueueStats> {
  const counts = await store.counts();
  let workers = 0;
  let maxConcurrency = 0;
  let backlog = 0;
  try {
    const response = await client.workflowService.describeTaskQueue({
      namespace: config.temporal.namespace,
      taskQueue: { name: config.temporal.taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
      taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
      reportStats: true,
    });
    const identities = new Set((response.pollers ?? []).map((p) => p.identity ?? '').filter(Boolean));
    workers = identities.size;
    for (const identity of identities) maxConcurrency += slotsFromIdentity(identity);
    backlog = Number(response.stats?.approximateBacklogCount ?? 0);
  } catch (error) {
    logger.warn({ err: error }, 'describeTaskQueue failed; reporting no workers');
  }
  return { queued: counts.queued, running: counts.running, workers, maxConcurrency, totalSubmissions: counts.total, backlog };
}
