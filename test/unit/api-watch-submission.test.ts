import { describe, expect, it } from 'vitest';
import { watchSubmission } from '../../api/watch-submission';
import type { SubmissionStatus } from '../../common/submission';
import { InProcessChangeFeed } from '../../db/change-feed';
import type { SubmissionRecord } from '../../db/submission-entity';
import type { SubmissionEventRecord } from '../../db/submission-event-entity';
import type { SubmissionStore } from '../../db/submission-store';

const ID = '6f1c0c1e-0000-4000-8000-000000000001';

/** The two store reads watchSubmission makes, over an in-memory event log it can be raced against. */
class FakeStore {
  readonly events: SubmissionEventRecord[] = [];
  record: SubmissionRecord;
  /** Runs inside get(), between the snapshot's two reads. */
  duringGet: (() => void) | undefined;

  constructor() {
    this.record = {
      id: ID,
      status: 'QUEUED',
      attempt: 1,
      verdict: null,
      queuedAt: new Date(0),
      completedAt: null,
      error: null,
      executionTimeMs: null,
    } as SubmissionRecord;
    this.append('QUEUED');
  }

  append(status: SubmissionStatus, attempt = this.record.attempt): void {
    this.events.push({ id: this.events.length + 1, submissionId: ID, status, attempt, at: new Date() });
    this.record = {
      ...this.record,
      status,
      attempt,
      ...(status === 'COMPLETED' ? { verdict: 'ACCEPTED', completedAt: new Date() } : {}),
    };
  }

  /** Reads that fail as a database going away does (PostgreSQL shutting down), before answering again. */
  failingReads = 0;

  async eventsAfter(_id: string, afterId: number): Promise<SubmissionEventRecord[]> {
    if (this.failingReads > 0) {
      this.failingReads--;
      throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    }
    return this.events.filter((e) => e.id > afterId);
  }

  async get(): Promise<SubmissionRecord> {
    const hook = this.duringGet;
    this.duringGet = undefined;
    hook?.();
    return this.record;
  }
}

async function statuses(
  updates: AsyncGenerator<SubmissionRecord>,
  after: (seen: number) => void = () => undefined,
): Promise<string[]> {
  const seen: string[] = [];
  for await (const update of updates) {
    seen.push(update.status);
    after(seen.length);
  }
  return seen;
}

describe('watchSubmission', () => {
  it('does not lose a transition that lands between the snapshot and the live stream, even unannounced', async () => {
    const store = new FakeStore();
    const feed = new InProcessChangeFeed();
    // PREPARING is written while the snapshot is being read, and its notification is lost.
    store.duringGet = () => store.append('PREPARING');
    const seen = await statuses(watchSubmission(store as unknown as SubmissionStore, feed, ID, { pollMs: 20 }), (n) => {
      if (n === 2) {
        store.append('RUNNING');
        store.append('COMPLETED');
        void feed.publish(ID);
      }
    });
    expect(seen).toEqual(['QUEUED', 'PREPARING', 'RUNNING', 'COMPLETED']);
  });

  it('delivers every one of several transitions announced by a single notification, in order', async () => {
    const store = new FakeStore();
    const feed = new InProcessChangeFeed();
    const watching = statuses(watchSubmission(store as unknown as SubmissionStore, feed, ID, { pollMs: 60_000 }), (n) => {
      if (n !== 1) return;
      for (const status of ['PREPARING', 'COMPILING', 'RUNNING', 'COMPLETED'] as const) store.append(status);
      void feed.publish(ID);
    });
    expect(await watching).toEqual(['QUEUED', 'PREPARING', 'COMPILING', 'RUNNING', 'COMPLETED']);
  });

  it('delivers a new attempt at the status reached as its own update, each update with its own attempt', async () => {
    const store = new FakeStore();
    const feed = new InProcessChangeFeed();
    const updates: SubmissionRecord[] = [];
    for await (const update of watchSubmission(store as unknown as SubmissionStore, feed, ID, { pollMs: 60_000 })) {
      updates.push(update);
      if (updates.length !== 1) continue;
      // The worker is lost while running; the retried claim records attempt 2 where the status stands.
      store.append('PREPARING');
      store.append('RUNNING');
      store.append('RUNNING', 2);
      store.append('COMPLETED');
      void feed.publish(ID);
    }
    expect(updates.map((u) => [u.status, u.attempt])).toEqual([
      ['QUEUED', 1],
      ['PREPARING', 1],
      ['RUNNING', 1],
      ['RUNNING', 2],
      ['COMPLETED', 2],
    ]);
  });

  it('shows a non-terminal state without the fields that belong to the end, and the terminal state in full', async () => {
    const store = new FakeStore();
    store.duringGet = () => store.append('COMPLETED');
    const updates: SubmissionRecord[] = [];
    for await (const update of watchSubmission(store as unknown as SubmissionStore, new InProcessChangeFeed(), ID, {
      pollMs: 10,
    }))
      updates.push(update);
    expect(updates.map((u) => [u.status, u.verdict])).toEqual([
      ['QUEUED', null],
      ['COMPLETED', 'ACCEPTED'],
    ]);
  });

  it('gives a late subscriber the terminal state alone, and stops listening when the consumer leaves', async () => {
    const store = new FakeStore();
    store.append('COMPLETED');
    const feed = new InProcessChangeFeed();
    expect(await statuses(watchSubmission(store as unknown as SubmissionStore, feed, ID))).toEqual(['COMPLETED']);

    const open = new FakeStore();
    let subscribed = 0;
    const counting = {
      publish: (id: string) => feed.publish(id),
      subscribe: (id: string, listener: () => void) => {
        subscribed++;
        const off = feed.subscribe(id, listener);
        return () => {
          subscribed--;
          off();
        };
      },
      close: () => feed.close(),
    };
    const updates = watchSubmission(open as unknown as SubmissionStore, counting, ID, { pollMs: 10 });
    expect((await updates.next()).value?.status).toBe('QUEUED');
    expect(subscribed).toBe(1);
    await updates.return(undefined);
    expect(subscribed).toBe(0);
  });

  it('waits out a database outage instead of ending, then delivers every transition made meanwhile', async () => {
    const store = new FakeStore();
    const feed = new InProcessChangeFeed();
    const seen = await statuses(watchSubmission(store as unknown as SubmissionStore, feed, ID, { pollMs: 5 }), (n) => {
      if (n !== 1) return;
      // The database goes away for a few polls, and the work goes on meanwhile.
      store.failingReads = 5;
      for (const status of ['PREPARING', 'RUNNING', 'COMPLETED'] as const) store.append(status);
    });
    expect(store.failingReads).toBe(0);
    expect(seen).toEqual(['QUEUED', 'PREPARING', 'RUNNING', 'COMPLETED']);
  });

  it('still ends on an error that is not an outage', async () => {
    const store = new FakeStore();
    const updates = watchSubmission(store as unknown as SubmissionStore, new InProcessChangeFeed(), ID, { pollMs: 5 });
    expect((await updates.next()).value?.status).toBe('QUEUED');
    store.eventsAfter = () => Promise.reject(new TypeError('a bug'));
    await expect(updates.next()).rejects.toThrow('a bug');
  });
});
