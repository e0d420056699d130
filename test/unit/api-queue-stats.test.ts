import type { Client } from '@temporalio/client';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { queueStats } from '../../api/queue-stats';
import { loadConfig } from '../../common/config';
import type { SubmissionStore } from '../../db/submission-store';
import type { WorkerRecord } from '../../db/worker-entity';
import { workerIdentity } from '../../worker/identity';

const config = loadConfig({ SANDFLOW_TASK_QUEUE: 'q' });
const logger = pino({ level: 'silent' });
const store = { counts: async () => ({ queued: 4, running: 2, total: 10 }) } as unknown as SubmissionStore;

/** The workers table's live rows. */
function workers(...slots: number[]) {
  const rows: WorkerRecord[] = slots.map((n, i) => ({
    id: `host-${i}`,
    taskQueue: `q-host-host-${i}`,
    slots: n,
    startedAt: new Date(),
    lastSeenAt: new Date(),
  }));
  return { live: async () => rows };
}

/** A Temporal client whose DescribeTaskQueue answers per task type (1 = workflow, 2 = activity). */
function temporal(byType: Record<number, { pollers?: string[]; backlog?: number }> | Error): Client {
  const describeTaskQueue = async (request: { taskQueueType: number; taskQueue: { name: string } }) => {
    if (byType instanceof Error) throw byType;
    expect(request.taskQueue.name).toBe('q');
    const answer = byType[request.taskQueueType] ?? {};
    return {
      pollers: (answer.pollers ?? []).map((identity) => ({
        identity,
        lastAccessTime: { seconds: Math.floor(Date.now() / 1000) },
      })),
      stats: { approximateBacklogCount: answer.backlog ?? 0 },
    };
  };
  return {
    workflowService: { describeTaskQueue },
    withDeadline: <R>(_deadline: number, fn: () => Promise<R>) => fn(),
  } as unknown as Client;
}

describe('queueStats', () => {
  it('takes queued, running and the total from the database', async () => {
    const stats = await queueStats({ store, workers: workers(), config, logger, temporal: temporal({}) });
    expect(stats).toEqual({ queued: 4, running: 2, totalSubmissions: 10, workers: 0, maxConcurrency: 0, backlog: 0 });
  });

  it('counts the live workers of the workers table and adds up their sandbox slots, whatever Temporal lists as pollers', async () => {
    // Identities that claim other slot counts: capacity comes from the table, not from them.
    const pollers = [workerIdentity('host-0', 99), workerIdentity('gone', 8)];
    const stats = await queueStats({
      store,
      workers: workers(4, 2),
      config,
      logger,
      temporal: temporal({ 1: { pollers, backlog: 3 }, 2: { pollers, backlog: 2 } }),
    });
    expect(stats).toMatchObject({ workers: 2, maxConcurrency: 6, backlog: 5 });
  });

  it('still answers from the database when Temporal does not, with no backlog', async () => {
    const stats = await queueStats({
      store,
      workers: workers(3),
      config,
      logger,
      temporal: temporal(new Error('14 UNAVAILABLE')),
    });
    expect(stats).toEqual({ queued: 4, running: 2, totalSubmissions: 10, workers: 1, maxConcurrency: 3, backlog: 0 });
  });
});
