import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Client as WsClient } from 'graphql-ws';
import { Client as PgClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig, type Config } from '../../common/config';
import { apiUrls } from '../support/deployment';
import { wsClient } from '../support/graphql';
import { waitUntil } from '../support/poll';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres';
import { spawnSandflow, type SandflowProcess } from '../support/sandflow-process';

/** SANDFLOW_DB_TIMEOUT_MS of the deployment under test. */
const DB_TIMEOUT_MS = 3000;
/** No request may take longer: a connection attempt and a statement at the timeout each, plus slack. */
const REQUEST_BOUND_MS = 2 * DB_TIMEOUT_MS + 4000;
const BURST = 50;
/** How long PostgreSQL stays down. */
const OUTAGE_MS = 5000;

const SUBMIT = 'mutation($input: SubmitInput!) { submit(input: $input) { id status } }';
const WATCH = 'subscription($id: ID!) { submissionUpdated(id: $id) { status verdict attempt } }';

const GraphQLAnswer = z.object({
  data: z.record(z.string(), z.unknown()).nullable().optional(),
  errors: z
    .array(
      z.object({
        message: z.string(),
        extensions: z.object({ code: z.string().optional(), retryAfterSeconds: z.number().optional() }).optional(),
      }),
    )
    .optional(),
});
const Submitted = z.object({ submit: z.object({ id: z.string(), status: z.string() }) });
const Update = z.object({
  submissionUpdated: z.object({ status: z.string(), verdict: z.string().nullable(), attempt: z.number().int() }),
});
const Finished = z.object({
  submission: z.object({ status: z.string(), verdict: z.string().nullable(), run: z.object({ stdout: z.string() }).nullable() }),
});

interface Watch {
  statuses: string[];
  /** Subscribed again after a refusal (the database was down when it first asked). */
  resubscribed: boolean;
  openedAt: number;
  done: Promise<void>;
  doneAt?: number;
}

/*
 * A real PostgreSQL goes away in the middle of a burst: two API processes and a worker on a
 * private PostgreSQL (the shared one is never stopped), a subscriber for every submission, and
 * the database stopped for 5 s while submissions arrive.
 */
describe('a database outage during a burst', () => {
  let pg: PrivatePostgres;
  let dataDir: string;
  let config: Config;
  const processes: SandflowProcess[] = [];
  const clients: WsClient[] = [];
  let slowestMs = 0;

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sandflow-dbout-'));
    const env = {
      SANDFLOW_DATA_DIR: dataDir,
      DATABASE_URL: pg.url,
      SANDFLOW_TASK_QUEUE: `sandflow-test-${randomUUID()}`,
      SANDFLOW_LANGUAGES: 'python',
      SANDFLOW_DB_TIMEOUT_MS: String(DB_TIMEOUT_MS),
      SANDFLOW_SUBMIT_BURST: '1000',
      SANDFLOW_SUBMIT_RATE_PER_MINUTE: '6000',
    };
    config = loadConfig({ ...process.env, ...env });
    // The worker first: it migrates alone, and builds nothing (the python image is provisioned).
    const worker = spawnSandflow('worker', config, { ...env, SANDFLOW_WORKER_ID: `dbout-${randomUUID().slice(0, 8)}` });
    processes.push(worker);
    await worker.waitForLog(/worker polling/);
    processes.push(spawnSandflow('api', config, { ...env, PORT: '0' }), spawnSandflow('api', config, { ...env, PORT: '0' }));
  }, 120_000);

  afterAll(async () => {
    for (const client of clients) await client.dispose();
    for (const p of processes.reverse()) await p.stop().catch(() => undefined);
    await pg?.destroy();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  /** One HTTP request, aborted (failing the test) past REQUEST_BOUND_MS. */
  async function post(url: string, query: string, variables: Record<string, unknown>) {
    const started = Date.now();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(REQUEST_BOUND_MS),
    });
    const body = GraphQLAnswer.parse(await response.json());
    slowestMs = Math.max(slowestMs, Date.now() - started);
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body,
      code: body.errors?.[0]?.extensions?.code,
    };
  }

  /** One operation over graphql-ws: its errors, or its data. */
  function overWebSocket(client: WsClient, query: string, variables: Record<string, unknown>) {
    return new Promise<z.infer<typeof GraphQLAnswer>>((resolve, reject) => {
      let answer: z.infer<typeof GraphQLAnswer> = {};
      client.subscribe(
        { query, variables },
        {
          next: (value) => {
            answer = GraphQLAnswer.parse(value);
          },
          error: (error) =>
            Array.isArray(error) ? resolve(GraphQLAnswer.parse({ errors: error })) : reject(new Error(JSON.stringify(error))),
          complete: () => resolve(answer),
        },
      );
    });
  }

  /** As a careful client does: the same idempotency key again after each UNAVAILABLE, waiting Retry-After. */
  async function submitUntilAccepted(url: string, key: string, refusals: { count: number }): Promise<string> {
    for (;;) {
      const answer = await post(url, SUBMIT, { input: { language: 'python', source: 'print("hi")', idempotencyKey: key } });
      if (answer.body.data?.submit) return Submitted.parse(answer.body.data).submit.id;
      if (answer.code !== 'UNAVAILABLE') throw new Error(`submit ${key}: ${JSON.stringify(answer.body)}`);
      refusals.count++;
      await new Promise((resolve) => setTimeout(resolve, Number(answer.retryAfter) * 1000));
    }
  }

  /** Follows a submission to its end; subscribes again only when the subscribe itself was refused as UNAVAILABLE. */
  function watch(client: WsClient, id: string): Watch {
    const state: Watch = { statuses: [], resubscribed: false, openedAt: Date.now(), done: Promise.resolve() };
    const once = () =>
      new Promise<boolean>((resolve, reject) => {
        let refused = false;
        client.subscribe(
          { query: WATCH, variables: { id } },
          {
            next: (value) => {
              const answer = GraphQLAnswer.parse(value);
              if (answer.errors?.length) {
                if (answer.errors[0]?.extensions?.code === 'UNAVAILABLE' && state.statuses.length === 0) refused = true;
                else reject(new Error(`subscription ${id}: ${JSON.stringify(answer.errors)}`));
                return;
              }
              const { status, attempt } = Update.parse(answer.data).submissionUpdated;
              state.statuses.push(`${status}#${attempt}`);
            },
            error: (error) => reject(new Error(`subscription ${id}: ${JSON.stringify(error)}`)),
            complete: () => resolve(refused),
          },
        );
      });
    state.done = (async () => {
      while (await once()) {
        state.resubscribed = true;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      state.doneAt = Date.now();
    })();
    return state;
  }

  it('judges all 50, every subscriber sees every transition, and a request during the outage gets UNAVAILABLE with Retry-After', async () => {
    const urls = await Promise.all(processes.slice(1).map((api) => apiUrls(api)));
    for (const { wsUrl } of urls) clients.push(wsClient(wsUrl));
    const refusals = { count: 0 };
    const watches = new Map<string, Watch>();
    let accepted = 0;
    const burst = Promise.all(
      Array.from({ length: BURST }, async (_, i) => {
        // Spread over about three seconds, so the outage falls in the middle of the burst.
        await new Promise((resolve) => setTimeout(resolve, i * 60));
        const api = i % 2;
        const id = await submitUntilAccepted(urls[api]?.url ?? '', `burst-${i}`, refusals);
        accepted++;
        watches.set(id, watch(clients[api] as WsClient, id));
        return id;
      }),
    );

    await waitUntil(async () => accepted >= 15, 60_000, 'a third of the burst to be accepted');
    const stoppedAt = Date.now();
    await pg.stop();
    // While it is down: a clear refusal on both transports, not a hang and not an internal error.
    const overHttp = await post(urls[0]?.url ?? '', SUBMIT, { input: { language: 'python', source: 'print(1)' } });
    expect(overHttp).toMatchObject({ status: 503, retryAfter: '5', code: 'UNAVAILABLE' });
    const overWs = await overWebSocket(clients[1] as WsClient, SUBMIT, { input: { language: 'python', source: 'print(1)' } });
    expect(overWs.errors?.[0]?.extensions).toEqual({ code: 'UNAVAILABLE', retryAfterSeconds: 5 });
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS - (Date.now() - stoppedAt)));
    await pg.start();
    const startedAt = Date.now();

    const ids = await burst;
    expect(new Set(ids).size).toBe(BURST);
    expect(refusals.count).toBeGreaterThan(0);
    await Promise.all([...watches.values()].map((w) => w.done));

    // Every submission judged once, as submitted.
    for (const id of ids) {
      const answer = await post(urls[0]?.url ?? '', 'query($id: ID!) { submission(id: $id) { status verdict run { stdout } } }', {
        id,
      });
      expect(Finished.parse(answer.body.data).submission).toEqual({
        status: 'COMPLETED',
        verdict: 'ACCEPTED',
        run: { stdout: 'hi\n' },
      });
    }

    // Every subscriber saw its submission's status log from where it joined, transition by transition, outage or not.
    const db = new PgClient({ connectionString: pg.url });
    await db.connect();
    const { rows } = await db.query<{ submission_id: string; status: string; attempt: number }>(
      'SELECT submission_id, status, attempt FROM submission_events ORDER BY id',
    );
    await db.end();
    // Status and attempt: a judging attempt retried during the outage is a row of its own (RUNNING
    // of attempt 1, then RUNNING of attempt 2), and subscribers are told of it as an update of its own.
    const logs = new Map<string, string[]>();
    for (const row of rows) {
      const log = logs.get(row.submission_id) ?? [];
      const event = `${row.status}#${row.attempt}`;
      if (log.at(-1) !== event) log.push(event);
      logs.set(row.submission_id, log);
    }
    let acrossTheOutage = 0;
    for (const [id, w] of watches) {
      const log = logs.get(id) ?? [];
      expect(log.at(-1)).toMatch(/^COMPLETED#\d+$/);
      // From the state it subscribed at (its snapshot) on, every transition and nothing else.
      expect(w.statuses.length).toBeGreaterThan(0);
      expect(w.statuses, `subscriber of ${id}`).toEqual(log.slice(log.indexOf(w.statuses[0] ?? '')));
      if (!w.resubscribed && w.openedAt < stoppedAt && (w.doneAt ?? 0) > startedAt) acrossTheOutage++;
    }
    // The point of the test: subscriptions that were open while the database was down, and resumed.
    expect(acrossTheOutage).toBeGreaterThan(0);
    for (const p of processes) expect(p.child.exitCode, p.output().slice(-2000)).toBeNull();
    console.info(
      `db-outage: ${BURST} judged; ${refusals.count} submits refused UNAVAILABLE and retried; ${acrossTheOutage} subscriptions open across the outage; ` +
        `${[...watches.values()].filter((w) => w.resubscribed).length} resubscribed; slowest request ${slowestMs} ms (bound ${REQUEST_BOUND_MS} ms)`,
    );
  }, 150_000);
});
