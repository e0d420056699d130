import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../api/server';
import type { SubmissionStore } from '../../db/submission-store';
import { WorkerEntity } from '../../db/worker-entity';
import { WORKER_STALE_AFTER_MS } from '../../db/worker-registry';
import { capturingLogger } from '../support/capturing-logger';
import { DATABASES } from '../support/deployment';
import { gql, gqlOk, wsClient } from '../support/graphql';
import { startTestSandflow, type TestSandflow } from '../support/sandflow';
import { getSubmission, submit, waitForTerminal, type SubmissionView } from '../support/submissions';
import { pollUntil } from '../support/poll';
import { freePort } from '../support/temporal-server';

const HELLO_C = '#include <stdio.h>\nint main(void) { puts("hi"); return 0; }\n';

interface Page {
  submissions: {
    edges: Array<{ cursor: string; node: { id: string; language: string; status: string } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const PAGE = `query($first: Int, $after: String, $status: SubmissionStatus, $language: ID) {
  submissions(first: $first, after: $after, status: $status, language: $language) {
    edges { cursor node { id language status } } pageInfo { hasNextPage endCursor } } }`;

interface Stats {
  queued: number;
  running: number;
  workers: number;
  maxConcurrency: number;
  totalSubmissions: number;
  backlog: number;
}

const STATS = '{ queueStats { queued running workers maxConcurrency totalSubmissions backlog } }';

describe.each(DATABASES)('queries on %s', (kind) => {
  let api: TestSandflow;
  const others: Array<{ stop(): Promise<void> }> = [];
  /** Oldest first: p0, c1, p2, c3, p4. */
  const accepted: SubmissionView[] = [];

  const page = async (variables: Record<string, unknown>) => (await gqlOk<Page>(api.url, PAGE, variables)).submissions;
  const ids = (p: Page['submissions']) => p.edges.map((e) => e.node.id);
  const stats = async () => (await gqlOk<{ queueStats: Stats }>(api.url, STATS)).queueStats;

  beforeAll(async () => {
    // No worker yet: submissions stay QUEUED until the queueStats test starts one.
    // queueStats uncached: these tests read it right after the state changes (api-cost-limits and the unit tests cover the cache).
    api = await startTestSandflow({
      postgres: kind === 'postgres',
      worker: false,
      languages: ['python', 'c'],
      env: { SANDFLOW_QUEUE_STATS_CACHE_MS: '0' },
    });
    for (let i = 0; i < 5; i++) {
      const input = i % 2 === 0 ? { language: 'python', source: `print(${i})\n` } : { language: 'c', source: HELLO_C };
      accepted.push(await submit(api.url, input));
      // Distinct queuedAt milliseconds, so "newest first" has one right answer.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  });

  afterAll(async () => {
    for (const other of others.reverse()) await other.stop();
    await api?.stop();
  });

  it('submissions: newest first, in cursor pages', async () => {
    const newestFirst = accepted.map((s) => s.id).reverse();
    const first = await page({ first: 2 });
    expect(ids(first)).toEqual(newestFirst.slice(0, 2));
    expect(first.pageInfo).toEqual({ hasNextPage: true, endCursor: first.edges[1]?.cursor });
    const second = await page({ first: 2, after: first.pageInfo.endCursor });
    expect(ids(second)).toEqual(newestFirst.slice(2, 4));
    const last = await page({ first: 2, after: second.pageInfo.endCursor });
    expect(ids(last)).toEqual(newestFirst.slice(4));
    expect(last.pageInfo).toEqual({ hasNextPage: false, endCursor: last.edges[0]?.cursor });
    // Any edge's cursor continues after that edge.
    expect(ids(await page({ first: 10, after: first.edges[0]?.cursor }))).toEqual(newestFirst.slice(1));
    expect(ids(await page({}))).toEqual(newestFirst);
  });

  it('submissions: filters by language and status, through pages', async () => {
    const [p0, c1, p2, c3, p4] = accepted.map((s) => s.id);
    expect(ids(await page({ language: 'c' }))).toEqual([c3, c1]);
    const python = await page({ language: 'python', first: 2 });
    expect(ids(python)).toEqual([p4, p2]);
    expect(ids(await page({ language: 'python', first: 2, after: python.pageInfo.endCursor }))).toEqual([p0]);
    expect(ids(await page({ status: 'QUEUED', language: 'c' }))).toEqual([c3, c1]);
    expect(await page({ status: 'COMPLETED' })).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
    expect(ids(await page({ language: 'cobol' }))).toEqual([]);
  });

  it('submissions: rejects a page size outside 1..100 and a cursor it did not issue', async () => {
    for (const first of [0, -1, 101]) {
      const response = await gql(api.url, PAGE, { first });
      expect(response.errors?.[0]).toMatchObject({
        message: `first: must be between 1 and 100 (got ${first})`,
        extensions: { code: 'BAD_USER_INPUT', field: 'first' },
      });
    }
    const response = await gql(api.url, PAGE, { after: 'not-a-cursor' });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(response.errors?.[0]?.message).toMatch(
      /^after: must be an endCursor or edge cursor returned by an earlier submissions query/,
    );
  });

  it('queueStats: queued from the database and the backlog from Temporal while no worker polls', async () => {
    // A worker that crashed: its row stays in the workers table but is stale, so it is neither a worker nor capacity.
    const lastSeenAt = new Date(Date.now() - WORKER_STALE_AFTER_MS - 1000);
    await api.persistence.dataSource
      .getRepository(WorkerEntity)
      .save({ id: 'crashed', taskQueue: 'sandflow-submissions-host-crashed', slots: 8, startedAt: lastSeenAt, lastSeenAt });
    const before = await pollUntil(stats, (s) => s.backlog >= 5, 30_000, 'Temporal to report the backlog');
    expect(before).toEqual({ queued: 5, running: 0, workers: 0, maxConcurrency: 0, totalSubmissions: 5, backlog: 5 });
  });

  it('queueStats: a live worker and its sandbox slots (from the workers table), and running while a program runs', async () => {
    others.push(
      await startTestSandflow({ joining: api, api: false, languages: ['python', 'c'], env: { SANDFLOW_SANDBOX_SLOTS: '3' } }),
    );
    await pollUntil(stats, (s) => s.workers === 1, 30_000, 'the worker to poll');
    for (const s of accepted) expect((await waitForTerminal(api.url, s.id)).status).toBe('COMPLETED');
    expect(await stats()).toMatchObject({ queued: 0, running: 0, workers: 1, maxConcurrency: 3, totalSubmissions: 5 });

    const sleeper = await submit(api.url, {
      language: 'python',
      source: 'import time\ntime.sleep(20)\n',
      limits: { wallTimeMs: 30_000 },
    });
    await pollUntil(
      async () => (await getSubmission(api.url, sleeper.id))?.status,
      (status) => status === 'RUNNING',
      30_000,
      'the program to run',
    );
    expect(await stats()).toMatchObject({ queued: 0, running: 1, totalSubmissions: 6 });
    const cancelled = await gqlOk<{ cancelSubmission: { status: string } }>(
      api.url,
      'mutation($id: ID!) { cancelSubmission(id: $id) { status } }',
      { id: sleeper.id },
    );
    expect(cancelled.cancelSubmission.status).toBe('CANCELLED');
    expect(await stats()).toMatchObject({ queued: 0, running: 0, totalSubmissions: 6 });
  });

  it('submissions: filters by status once they have run', async () => {
    const completed = await page({ status: 'COMPLETED' });
    expect(ids(completed)).toEqual(accepted.map((s) => s.id).reverse());
    expect(completed.edges.every((e) => e.node.status === 'COMPLETED')).toBe(true);
    const cancelled = await page({ status: 'CANCELLED' });
    expect(cancelled.edges.map((e) => e.node.status)).toEqual(['CANCELLED']);
    expect(ids(await page({ status: 'QUEUED' }))).toEqual([]);
    expect(ids(await page({ status: 'CANCELLED', language: 'c' }))).toEqual([]);
  });

  it('GET /healthz answers while the process is up; GET /readyz of an API-only process reports database and Temporal, not Docker', async () => {
    const base = api.url.replace(/\/graphql$/, '');
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, database: { ok: true }, temporal: { ok: true } });
  });

  it('GET /readyz: an API-only process becomes ready without a Docker engine (it never uses one)', async () => {
    const previous = process.env.DOCKER_HOST;
    // Where a worker runs, this engine would be dialled and fail; the API role has no use for it.
    process.env.DOCKER_HOST = 'unix:///nonexistent/docker.sock';
    let noDocker: TestSandflow;
    try {
      noDocker = await startTestSandflow({ joining: api, worker: false, languages: ['python', 'c'] });
    } finally {
      if (previous === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = previous;
    }
    others.push(noDocker);
    const ready = await fetch(`${noDocker.url.replace(/\/graphql$/, '')}/readyz`);
    expect(await ready.json()).toEqual({ ready: true, database: { ok: true }, temporal: { ok: true } });
    expect(ready.status).toBe(200);
  });

  it('GET /readyz is 503, naming Temporal, for an API whose Temporal is unreachable (it still starts)', async () => {
    const closed = `127.0.0.1:${await freePort()}`;
    const orphan = await startTestSandflow({
      joining: api,
      worker: false,
      languages: ['python', 'c'],
      env: { TEMPORAL_ADDRESS: closed },
    });
    others.push(orphan);
    const base = orphan.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    const report = (await ready.json()) as Record<string, { ok: boolean; error?: string }> & { ready: boolean };
    expect(report).toMatchObject({ ready: false, database: { ok: true }, temporal: { ok: false } });
    expect(report.temporal?.error).toMatch(/unreachable|no answer/);
    // Addresses and driver messages stay in the log.
    expect(JSON.stringify(report)).not.toContain(closed);
    // The database still answers through it.
    expect(ids((await gqlOk<Page>(orphan.url, PAGE, { first: 1 })).submissions)).toHaveLength(1);
  });

  it('answers no CORS headers and no preflight permissions without SANDFLOW_CORS_ORIGINS', async () => {
    const preflight = await fetch(api.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect([...preflight.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
    const post = await fetch(api.url, {
      method: 'POST',
      headers: { origin: 'https://app.example.com', 'content-type': 'application/json' },
      body: '{"query":"{ languages { id } }"}',
    });
    expect(post.status).toBe(200);
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });

  describe('an internal error in a resolver', () => {
    let app: App;
    let connection: Connection;
    const { logger, lines: logged } = capturingLogger();
    const secretPath = '/srv/sandflow/data/private/test_results.db';

    beforeAll(async () => {
      // The real store, except that reading test results fails the way a broken disk would.
      const store: SubmissionStore = Object.assign(Object.create(api.persistence.store) as SubmissionStore, {
        testResults: async () => {
          throw new Error(`SQLITE_IOERR: disk I/O error reading ${secretPath}`);
        },
      });
      connection = Connection.lazy({ address: api.config.temporal.address });
      app = buildApp({
        ...api.persistence,
        store,
        config: { ...api.config, port: 0 },
        logger,
        temporal: new Client({ connection, namespace: api.config.temporal.namespace }),
      });
      await app.start();
    });

    afterAll(async () => {
      await app?.stop();
      await connection?.close();
    });

    it('reaches HTTP clients as "internal server error" only, and the log with the submission id', async () => {
      const id = accepted[0]?.id ?? '';
      const response = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'query($id: ID!) { submission(id: $id) { id testResults { index } } }',
          variables: { id },
        }),
      });
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({
        data: { submission: null },
        errors: [
          {
            message: 'internal server error',
            path: ['submission', 'testResults'],
            extensions: { code: 'INTERNAL_SERVER_ERROR' },
          },
        ],
      });
      expect(text).not.toMatch(/srv|SQLITE|stack|\bat /);
      const entry = logged.find((l) => l.msg === 'internal error in a GraphQL operation');
      expect(entry).toMatchObject({ submissionId: id, path: ['submission', 'testResults'] });
      expect(JSON.stringify(entry?.err)).toContain(secretPath);
    });

    it('reaches WebSocket clients the same way', async () => {
      const id = accepted[1]?.id ?? '';
      const client = wsClient(app.wsUrl);
      try {
        const payloads: unknown[] = [];
        await new Promise<void>((resolve, reject) => {
          client.subscribe(
            { query: 'subscription($id: ID!) { submissionUpdated(id: $id) { id testResults { index } } }', variables: { id } },
            {
              next: (value) => payloads.push(value),
              error: reject,
              complete: resolve,
            },
          );
        });
        expect(payloads).toEqual([
          {
            data: null,
            errors: [
              {
                message: 'internal server error',
                path: ['submissionUpdated', 'testResults'],
                extensions: { code: 'INTERNAL_SERVER_ERROR' },
              },
            ],
          },
        ]);
      } finally {
        await client.dispose();
      }
      expect(logged.some((l) => l.submissionId === id && JSON.stringify(l.err).includes(secretPath))).toBe(true);
    });
  });
});
