import type { Client } from '@temporalio/client';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { QueueStats } from '../../api/generated/resolvers-types';
import { queueStats } from '../../api/queue-stats';
import { cachedQueueStats } from '../../api/queue-stats-cache';
import { loadConfig } from '../../common/config';
import type { SubmissionStore } from '../../db/submission-store';

const config = loadConfig({ SANDFLOW_TASK_QUEUE: 'q' });
const logger = pino({ level: 'silent' });
const store = { counts: async () => ({ queued: 1, running: 0, total: 1 }) } as unknown as SubmissionStore;
const workers = { live: async () => [] };

/** A Temporal client that counts DescribeTaskQueue RPCs and can be told to fail. */
function countingTemporal(): { client: Client; calls: () => number; fail: (on: boolean) => void } {
  let calls = 0;
  let failing = false;
  const describeTaskQueue = async () => {
    calls += 1;
    if (failing) throw new Error('14 UNAVAILABLE');
    return { pollers: [], stats: { approximateBacklogCount: 7 } };
  };
  const client = {
    workflowService: { describeTaskQueue },
    withDeadline: <R>(_deadline: number, fn: () => Promise<R>) => fn(),
  } as unknown as Client;
  return { client, calls: () => calls, fail: (on) => (failing = on) };
}

describe('cachedQueueStats', () => {
  it('answers 140 concurrent callers with one round of Temporal RPCs (two: workflow and activity queue)', async () => {
    const temporal = countingTemporal();
    const shared = cachedQueueStats(() => queueStats({ store, workers, config, logger, temporal: temporal.client }), {
      ttlMs: 1000,
    });
    const answers = await Promise.all(Array.from({ length: 140 }, () => shared()));
    expect(temporal.calls()).toBe(2);
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toMatchObject({ queued: 1, backlog: 14 });
  });

  it('reuses an answer for ttlMs after it arrived, then asks again', async () => {
    let clock = 1_000_000;
    let loads = 0;
    const load = async (): Promise<QueueStats> => ({
      queued: ++loads,
      running: 0,
      workers: 0,
      maxConcurrency: 0,
      totalSubmissions: 0,
      backlog: 0,
    });
    const shared = cachedQueueStats(load, { ttlMs: 1500, now: () => clock });
    expect((await shared()).queued).toBe(1);
    clock += 1499;
    expect((await shared()).queued).toBe(1);
    clock += 1;
    expect((await shared()).queued).toBe(2);
    expect(loads).toBe(2);
  });

  it('does not keep a failure: the next caller tries again', async () => {
    let attempt = 0;
    const shared = cachedQueueStats(
      async () => {
        attempt += 1;
        if (attempt === 1) throw new Error('database down');
        return { queued: 0, running: 0, workers: 0, maxConcurrency: 0, totalSubmissions: 0, backlog: 0 };
      },
      { ttlMs: 60_000, now: () => 0 },
    );
    await expect(shared()).rejects.toThrow('database down');
    await expect(shared()).resolves.toMatchObject({ queued: 0 });
    expect(attempt).toBe(2);
  });
});
