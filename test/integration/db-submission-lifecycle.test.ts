import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchSubmission } from '../../api/watch-submission';
import { openPersistence, type Persistence } from '../../bin/services';
import { logger } from '../../common/logger';
import type { SubmissionRequest } from '../../common/submission';
import { createDeployment, DATABASES, type Deployment } from '../support/deployment';

const REQUEST: SubmissionRequest = {
  language: 'python',
  source: 'print(1)\n',
  stdin: null,
  files: [],
  testCases: [],
  limits: { cpuTimeMs: 1000, wallTimeMs: 2000, memoryMb: 128, processes: 16, outputKb: 64 },
  compilerOptions: [],
  args: [],
  idempotencyKey: null,
  problemId: null,
  problemVersion: null,
  problemCases: null,
};

const RESULT = {
  stdout: '1\n',
  stderr: '',
  exitCode: 0,
  signal: null,
  cpuTimeMs: 5,
  wallTimeMs: 20,
  memoryKb: 1000,
  truncated: false,
};

/*
 * The submission lifecycle (db/submission-lifecycle.ts) on a real database, both kinds, with
 * the deployment's own change feed (LISTEN/NOTIFY on PostgreSQL): what a subscriber sees of a
 * judging whose worker was lost mid-run, and the stored attempt number.
 */
describe.each(DATABASES)('submission lifecycle on %s', (kind) => {
  let deployment: Deployment;
  let persistence: Persistence;

  beforeAll(async () => {
    deployment = await createDeployment(kind);
    persistence = await openPersistence(deployment.config, logger);
  });

  afterAll(async () => {
    await persistence?.close();
    await deployment?.dispose();
  });

  /**
   * A subscriber: `shown` is everything it is shown, as status#attempt, until the end;
   * `subscribed` resolves once it has its first update (so later moves are live ones).
   */
  function subscribe(id: string): { subscribed: Promise<void>; shown: Promise<string[]> } {
    let first: () => void = () => undefined;
    const subscribed = new Promise<void>((resolve) => (first = resolve));
    const shown = (async () => {
      const seen: string[] = [];
      for await (const update of watchSubmission(persistence.store, persistence.feed, id, { pollMs: 200 })) {
        seen.push(`${update.status}#${update.attempt}`);
        first();
      }
      return seen;
    })();
    return { subscribed, shown };
  }

  it('records a retried claim as attempt 2 at the status reached: a subscriber never sees PREPARING after RUNNING', async () => {
    const { store } = persistence;
    const { id } = (await store.create(REQUEST, 'local')).record;
    const subscriber = subscribe(id);
    await subscriber.subscribed;
    expect(await store.transition(id, 'PREPARING', { workerId: 'w1', languageVersion: '3.12' })).toBe(true);
    expect(await store.transition(id, 'COMPILING')).toBe(true);
    expect(await store.transition(id, 'RUNNING')).toBe(true);
    // The worker is lost; the judging activity runs again on another, from its claim.
    expect(await store.transition(id, 'PREPARING', { workerId: 'w2', languageVersion: '3.13' })).toBe(true);
    expect(await store.transition(id, 'COMPILING')).toBe(false);
    expect(await store.transition(id, 'RUNNING')).toBe(false);
    await store.saveRun(id, RESULT);
    expect(await store.finish(id, { status: 'COMPLETED', verdict: 'ACCEPTED' })).toBe(true);
    // A second end (a retried finish, a late cancel) leaves the first in place.
    expect(await store.finish(id, { status: 'CANCELLED', verdict: null, error: 'late' })).toBe(false);
    expect(await store.transition(id, 'PREPARING')).toBe(false);

    expect(await subscriber.shown).toEqual(['QUEUED#1', 'PREPARING#1', 'COMPILING#1', 'RUNNING#1', 'RUNNING#2', 'COMPLETED#2']);
    expect((await store.eventsAfter(id, 0)).map((e) => `${e.status}#${e.attempt}`)).toEqual([
      'QUEUED#1',
      'PREPARING#1',
      'COMPILING#1',
      'RUNNING#1',
      'RUNNING#2',
      'COMPLETED#2',
    ]);
    expect(await store.get(id)).toMatchObject({
      status: 'COMPLETED',
      verdict: 'ACCEPTED',
      attempt: 2,
      workflowRun: 1,
      languageVersion: '3.13',
      executionTimeMs: 20,
      workerId: null,
    });
    // A late subscriber gets the end alone, with the attempt that reached it.
    expect(await subscribe(id).shown).toEqual(['COMPLETED#2']);
  });

  it('refuses a move the table does not have, naming both statuses, and an end outside finish', async () => {
    const { store } = persistence;
    const { id } = (await store.create(REQUEST, 'local')).record;
    await expect(store.transition(id, 'RUNNING')).rejects.toThrow(
      `submission ${id}: status QUEUED cannot move to RUNNING (allowed: PREPARING, FAILED, CANCELLED)`,
    );
    await expect(store.transition(id, 'COMPLETED')).rejects.toThrow('only finish writes an end');
    await expect(store.finish(id, { status: 'COMPLETED', verdict: 'ACCEPTED' })).rejects.toThrow(
      'status QUEUED cannot end COMPLETED',
    );
    expect(await store.get(id)).toMatchObject({ status: 'QUEUED', attempt: 1 });
    expect(await store.eventsAfter(id, 0)).toHaveLength(1);
  });

  it('counts every one of concurrent claims: one claims, each other one is a new attempt', async () => {
    const { store } = persistence;
    const { id } = (await store.create(REQUEST, 'local')).record;
    const claims = await Promise.all(
      Array.from({ length: 5 }, (_, i) => store.transition(id, 'PREPARING', { workerId: `w${i}` })),
    );
    expect(claims).toEqual([true, true, true, true, true]);
    expect(await store.get(id)).toMatchObject({ status: 'PREPARING', attempt: 5 });
    expect((await store.eventsAfter(id, 0)).map((e) => `${e.status}#${e.attempt}`)).toEqual([
      'QUEUED#1',
      'PREPARING#1',
      'PREPARING#2',
      'PREPARING#3',
      'PREPARING#4',
      'PREPARING#5',
    ]);
  });

  it('reopens a FAILED (INTERNAL_ERROR) submission as the next attempt and workflow run, once', async () => {
    const { store } = persistence;
    const { id } = (await store.create(REQUEST, 'local')).record;
    await store.transition(id, 'PREPARING');
    await store.transition(id, 'PREPARING');
    await store.finish(id, { status: 'FAILED', verdict: 'INTERNAL_ERROR', error: 'no image' });
    expect(await store.reopen(id, 'someone-else')).toBeNull();
    const [first, second] = await Promise.all([store.reopen(id, 'local'), store.reopen(id, 'local')]);
    const reopened = first ?? second;
    expect([first, second].filter((r) => r !== null)).toHaveLength(1);
    expect(reopened).toMatchObject({
      status: 'QUEUED',
      attempt: 3,
      workflowRun: 2,
      verdict: null,
      error: null,
      dispatchedAt: null,
    });
    const subscriber = subscribe(id);
    await subscriber.subscribed;
    await store.transition(id, 'PREPARING');
    await store.transition(id, 'RUNNING');
    await store.finish(id, { status: 'COMPLETED', verdict: 'ACCEPTED' });
    expect(await subscriber.shown).toEqual(['QUEUED#3', 'PREPARING#3', 'RUNNING#3', 'COMPLETED#3']);
    expect((await store.eventsAfter(id, 0)).map((e) => `${e.status}#${e.attempt}`)).toEqual([
      'QUEUED#1',
      'PREPARING#1',
      'PREPARING#2',
      'FAILED#2',
      'QUEUED#3',
      'PREPARING#3',
      'RUNNING#3',
      'COMPLETED#3',
    ]);
  });
});
