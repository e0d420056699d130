import type { Client } from '@temporalio/client';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { POLLER_FRESH_MS, queueStats } from '../../api/queue-stats';
import { loadConfig } from '../../common/config';
import type { SubmissionStore } from '../../db/submission-store';
import { workerIdentity } from '../../worker/identity';

const config = loadConfig({ SANDFLOW_TASK_QUEUE: 'q' });
const logger = pino({ level: 'silent' });
const store = { counts: async () => ({ queued: 4, running: 2, total: 10 }) } as unknown as SubmissionStore;

interface FakePoller {
  identity: string;
  ageMs: number;
}

/** A Temporal client whose DescribeTaskQueue answers per task type (1 = workflow, 2 = activity). */
function temporal(byType: Record<number, { pollers: FakePoller[]; backlog?: number }> | Error): Client {
  const describeTaskQueue = async (request: { taskQueueType: number; taskQueue: { name: string } }) => {
    if (byType instanceof Error) throw byType;
    expect(request.taskQueue.name).toBe('q');
    const answer = byType[request.taskQueueType] ?? { pollers: [] };
    return {
      pollers: answer.pollers.map((p) => ({ identity: p.identity, lastAccessTime: { seconds: Math.floor((Date.now() - p.ageMs) / 1000) } })),
      stats: { approximateBacklogCount: answer.backlog ?? 0 },
    };
  };
  return { workflowService: { describeTaskQueue }, withDeadline: <R>(_deadline: number, fn: () => Promise<R>) => fn() } as unknown as Client;
}

describe('queueStats', () => {
  it('takes queued, running and the total from the database', async () => {
    const stats = await queueStats({ store, config, logger, temporal: temporal({}) });
    expect(stats).toMatchObject({ queued: 4, running: 2, totalSubmissions: 10, workers: 0, maxConcurrency: 0, backlog: 0 });
  });

  it('counts each worker once across both task types and adds up their sandbox slots', async () => {
    const a = workerIdentity('host-a', 4);
    const b = workerIdentity('host-b', 2);
    const stats = await queueStats({
      store,
      config,
      logger,
      temporal: temporal({ 1: { pollers: [{ identity: a, ageMs: 1000 }, { identity: b, ageMs: 5000 }], backlog: 3 }, 2: { pollers: [{ identity: a, ageMs: 100 }], backlog: 2 } }),
    });
    expect(stats).toMatchObject({ workers: 2, maxConcurrency: 6, backlog: 5 });
  });

  it('ignores pollers Temporal still lists but that stopped polling', async () => {
    const stale = workerIdentity('gone', 8);
    const live = workerIdentity('live', 1);
    const stats = await queueStats({
      store,
      config,
      logger,
      temporal: temporal({ 1: { pollers: [{ identity: stale, ageMs: POLLER_FRESH_MS + 5000 }, { identity: live, ageMs: 0 }] } }),
    });
    expect(stats).toMatchObject({ workers: 1, maxConcurrency: 1 });
  });

  it('still answers from the database when Temporal does not', async () => {
    const stats = await queueStats({ store, config, logger, temporal: temporal(new Error('14 UNAVAILABLE')) });
    expect(stats).toEqual({ queued: 4, running: 2, totalSubmissions: 10, workers: 0, maxConcurrency: 0, backlog: 0 });
  });
});
