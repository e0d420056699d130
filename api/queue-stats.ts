import { temporal } from '@temporalio/proto';
import type { QueueStats } from '../api/generated/resolvers-types';
import { slotsFromIdentity } from '../worker/identity';
import type { ApiContext } from './context';

const { TaskQueueType, TaskQueueKind } = temporal.api.enums.v1;

/**
 * Temporal lists a poller for minutes after it stopped. A live worker re-polls at least
 * once a minute (the server's long-poll expiry), so anything quieter than this is gone.
 */
export const POLLER_FRESH_MS = 90_000;

/** queueStats answers from the database alone rather than hang on an unreachable Temporal. */
const DESCRIBE_DEADLINE_MS = 3000;

/**
 * queued and running come from the database; workers, their sandbox slots and the backlog
 * from Temporal's view of the submission task queue (each worker's identity carries its slots).
 * Both task types are read: a worker busy on all its activity slots stops polling for
 * activities but still polls for workflow tasks, and workflows wait in the workflow backlog.
 */
export async function queueStats({ store, temporal: client, config, logger }: Pick<ApiContext, 'store' | 'temporal' | 'config' | 'logger'>): Promise<QueueStats> {
  const counts = await store.counts();
  const slotsByIdentity = new Map<string, number>();
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
    const freshSince = Date.now() - POLLER_FRESH_MS;
    for (const response of responses) {
      backlog += Number(response.stats?.approximateBacklogCount ?? 0);
      for (const poller of response.pollers ?? []) {
        const seenAt = Number(poller.lastAccessTime?.seconds ?? 0) * 1000;
        if (poller.identity && seenAt >= freshSince) slotsByIdentity.set(poller.identity, slotsFromIdentity(poller.identity));
      }
    }
  } catch (error) {
    logger.warn({ err: error }, 'describeTaskQueue failed; reporting no workers');
  }
  let maxConcurrency = 0;
  for (const slots of slotsByIdentity.values()) maxConcurrency += slots;
  return {
    queued: counts.queued,
    running: counts.running,
    workers: slotsByIdentity.size,
    maxConcurrency,
    totalSubmissions: counts.total,
    backlog,
  };
}
