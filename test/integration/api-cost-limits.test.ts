import { createClient, type Client as WsClient } from 'graphql-ws';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunResult } from '../../common/submission';
import { DATABASES } from '../support/deployment';
import { gql, gqlOk, type GraphQLResponse } from '../support/graphql';
import { startTestSandflow, type TestSandflow } from '../support/sandflow';

const ALPHA = 'Bearer alpha-token';
const BETA = 'Bearer beta-token';
const GAMMA = 'Bearer gamma-token';
const SUBMIT = 'mutation($input: SubmitInput!) { submit(input: $input) { id } }';
/** Well over the 64 KiB response maximum these tests configure, well under the request maximum. */
const BIG_OUTPUT = 'x'.repeat(100 * 1024);
const RUN: RunResult = {
  stdout: BIG_OUTPUT,
  stderr: '',
  exitCode: 0,
  signal: null,
  cpuTimeMs: 1,
  wallTimeMs: 2,
  memoryKb: 3,
  truncated: false,
};

type Errors = NonNullable<GraphQLResponse<unknown>['errors']>;
type Outcome = { data?: unknown; errors?: Errors };

const aliases = (n: number, selection: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${selection}`).join(' ')} }`;

/** A lazy client: it connects with its first operation and closes after its last. */
function lazyClient(wsUrl: string, authorization: string): WsClient {
  return createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: { authorization },
    retryAttempts: 0,
    lazy: true,
  });
}

/** One operation to its end: its last result, or its errors. */
function once(ws: WsClient, query: string, variables: Record<string, unknown> = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    let result: Outcome = {};
    ws.subscribe(
      { query, variables },
      {
        next: (value) => (result = value as Outcome),
        error: (error) => resolve(Array.isArray(error) ? { errors: error as Errors } : { errors: [{ message: String(error) }] }),
        complete: () => resolve(result),
      },
    );
  });
}

/**
 * A subscription that stays open: resolves with its first payload (or its refusal) and keeps
 * the way to abandon it. Only abandoned before the server completes it (see the graphql-ws
 * client note in the machine findings).
 */
function live(ws: WsClient, query: string, variables: Record<string, unknown>): Promise<{ first: Outcome; abandon: () => void }> {
  return new Promise((resolve) => {
    let abandon = () => undefined as void;
    abandon = ws.subscribe(
      { query, variables },
      {
        next: (value) => resolve({ first: value as Outcome, abandon }),
        error: (error) =>
          resolve({
            first: Array.isArray(error) ? { errors: error as Errors } : { errors: [{ message: String(error) }] },
            abandon: () => undefined,
          }),
        complete: () => undefined,
      },
    );
  });
}

/** An eager connection: resolves once acknowledged, or with how the server closed it. */
function connect(wsUrl: string, authorization: string): Promise<{ ws: WsClient; closed?: { code: number; reason: string } }> {
  return new Promise((resolve) => {
    const ws: WsClient = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization },
      lazy: false,
      retryAttempts: 0,
      onNonLazyError: () => undefined,
      on: {
        connected: () => resolve({ ws }),
        closed: (event) => {
          const { code, reason } =
            event !== null && typeof event === 'object' && 'code' in event
              ? (event as { code: unknown; reason?: unknown })
              : { code: 0, reason: '' };
          resolve({ ws, closed: { code: Number(code), reason: String(reason) } });
        },
      },
    });
  });
}

/** Collects the SQL TypeORM sends, with its parameters. */
class QueryLog implements TypeOrmLogger {
  readonly queries: Array<{ sql: string; parameters: unknown[] }> = [];
  logQuery(sql: string, parameters?: unknown[]) {
    this.queries.push({ sql, parameters: parameters ?? [] });
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
  /** The queries of `work` that mention `mark` in their SQL or parameters. */
  async during(work: () => Promise<unknown>, mark: string): Promise<string[]> {
    const start = this.queries.length;
    await work();
    return this.queries
      .slice(start)
      .filter((q) => q.sql.includes(mark) || q.parameters.some((p) => p === mark))
      .map((q) => q.sql);
  }
}

describe.each(DATABASES)('API cost limits on %s', (kind) => {
  let api: TestSandflow;
  let id = '';
  const sockets: WsClient[] = [];
  const ws = (authorization = ALPHA) => {
    const socket = lazyClient(api.wsUrl, authorization);
    sockets.push(socket);
    return socket;
  };
  const http = (query: string, variables: Record<string, unknown> = {}, authorization = ALPHA) =>
    gql(api.url, query, variables, { authorization });

  beforeAll(async () => {
    // No worker: the submission stays QUEUED, so subscriptions to it stay open.
    api = await startTestSandflow({
      postgres: kind === 'postgres',
      worker: false,
      languages: ['python'],
      env: {
        SANDFLOW_API_TOKENS: 'alpha-token,beta-token,gamma-token',
        SANDFLOW_MAX_RESPONSE_KB: '64',
        SANDFLOW_MAX_SUBSCRIPTIONS_PER_CONNECTION: '3',
        SANDFLOW_MAX_CONNECTIONS_PER_CLIENT: '2',
      },
    });
    id = (
      await gqlOk<{ submit: { id: string } }>(
        api.url,
        SUBMIT,
        { input: { language: 'python', source: 'print(1)\n' } },
        { authorization: ALPHA },
      )
    ).submit.id;
    // As a run that printed 100 KiB would have left it.
    await api.persistence.store.saveRun(id, RUN);
    await api.persistence.store.saveTestResult(id, { index: 0, verdict: 'ACCEPTED', result: RUN, name: null, score: null });
  });

  afterAll(async () => {
    for (const socket of sockets) await socket.dispose();
    await api?.stop();
  });

  it('refuses 60 aliases of submission { run { stdout } } and 140 queueStats before running them (QUERY_TOO_COSTLY), over HTTP and WebSocket', async () => {
    const amplified = aliases(60, `submission(id: "${id}") { run { stdout } }`);
    const overHttp = await http(amplified);
    expect(overHttp.status).toBe(400);
    expect(overHttp.data).toBeUndefined();
    expect(overHttp.errors).toEqual([
      {
        message:
          'query: costs 6660, more than the maximum of 5000 per operation; ask for fewer aliases, smaller pages (first), fewer testResults or fewer large fields (stdout, stderr, queueStats)',
        // Outside production, stack traces ride along (NODE_ENV switch).
        extensions: expect.objectContaining({ code: 'QUERY_TOO_COSTLY', field: 'query', cost: 6660, maximum: 5000 }),
      },
    ]);
    const socket = ws();
    expect((await once(socket, amplified)).errors).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'QUERY_TOO_COSTLY', field: 'query', cost: 6660, maximum: 5000 }),
      }),
    ]);

    const stats = aliases(140, 'queueStats { queued }');
    expect((await http(stats)).errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', maximum: 5000 });
    expect((await once(socket, stats)).errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', maximum: 5000 });
    // A few are fine.
    expect((await http(aliases(3, 'queueStats { queued }'))).errors).toBeUndefined();
  });

  it('refuses a response over SANDFLOW_MAX_RESPONSE_KB with RESPONSE_TOO_LARGE instead of the payload, over HTTP and WebSocket', async () => {
    const query = 'query($id: ID!) { submission(id: $id) { status run { stdout } } }';
    const overHttp = await http(query, { id });
    expect(overHttp.status).toBe(400);
    expect(overHttp.data).toBeUndefined();
    expect(overHttp.errors).toHaveLength(1);
    expect(overHttp.errors?.[0]?.message).toMatch(
      /^response: would be 10\d KiB, more than the maximum of 64 KiB per response \(SANDFLOW_MAX_RESPONSE_KB\)/,
    );
    expect(overHttp.errors?.[0]?.extensions).toEqual({ code: 'RESPONSE_TOO_LARGE', maximumKb: 64 });

    const socket = ws();
    const overWs = await once(socket, query, { id });
    expect(overWs.data).toBeUndefined();
    expect(overWs.errors?.[0]?.extensions).toEqual({ code: 'RESPONSE_TOO_LARGE', maximumKb: 64 });
    // Every message of a subscription is held to the same maximum.
    const subscription = await live(socket, 'subscription($id: ID!) { submissionUpdated(id: $id) { status run { stdout } } }', {
      id,
    });
    subscription.abandon();
    expect(subscription.first.errors?.[0]?.extensions).toEqual({ code: 'RESPONSE_TOO_LARGE', maximumKb: 64 });

    // Without the large field the same submission is served.
    const small = await http('query($id: ID!) { submission(id: $id) { status run { exitCode wallTimeMs } } }', { id });
    expect(small).toMatchObject({ status: 200, data: { submission: { status: 'QUEUED', run: { exitCode: 0, wallTimeMs: 2 } } } });
  });

  it('loads only the columns a query selects: a status poll reads no source, stdin or output', async () => {
    const log = new QueryLog();
    api.persistence.dataSource.setOptions({ logger: log, logging: ['query'] });
    try {
      const statusOnly = await log.during(() => http('query($id: ID!) { submission(id: $id) { status } }', { id }), id);
      expect(statusOnly.length).toBeGreaterThan(0);
      for (const sql of statusOnly) expect(sql).not.toMatch(/run_result|compile_result|"source"|"stdin"|test_cases|"files"/);

      // The check can see a loaded column: the same read asked for the run does load it.
      const withRun = await log.during(() => http('query($id: ID!) { submission(id: $id) { run { exitCode } } }', { id }), id);
      expect(withRun.join('\n')).toMatch(/run_result/);

      const page = await log.during(() => http('{ submissions(first: 5) { edges { node { id status } } } }'), 'client_name');
      expect(page.length).toBeGreaterThan(0);
      for (const sql of page) expect(sql).not.toMatch(/run_result|compile_result|"source"|"stdin"/);

      const verdicts = await log.during(
        () => http('query($id: ID!) { submission(id: $id) { testResults { verdict } } }', { id }),
        id,
      );
      const testResultReads = verdicts.filter((sql) => sql.includes('test_results'));
      expect(testResultReads.length).toBeGreaterThan(0);
      for (const sql of testResultReads) expect(sql).not.toMatch(/"result"/);
    } finally {
      api.persistence.dataSource.setOptions({ logging: false });
    }
  });

  it('refuses a subscribe beyond SANDFLOW_MAX_SUBSCRIPTIONS_PER_CONNECTION (TOO_MANY_SUBSCRIPTIONS) and keeps the connection', async () => {
    const socket = ws();
    const watch = 'subscription($id: ID!) { submissionUpdated(id: $id) { status } }';
    const held = [];
    for (let i = 0; i < 3; i++) held.push(await live(socket, watch, { id }));
    for (const subscription of held) expect(subscription.first).toEqual({ data: { submissionUpdated: { status: 'QUEUED' } } });

    const extra = await live(socket, watch, { id });
    expect(extra.first.errors).toEqual([
      {
        message:
          'subscriptions: at most 3 operations may be active on one connection (SANDFLOW_MAX_SUBSCRIPTIONS_PER_CONNECTION); complete one first or open another connection',
        extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', maximum: 3 },
      },
    ]);
    // Abandoning one frees its place on the same connection.
    held.pop()?.abandon();
    const again = await live(socket, watch, { id });
    expect(again.first).toEqual({ data: { submissionUpdated: { status: 'QUEUED' } } });
    again.abandon();
    for (const subscription of held) subscription.abandon();
  });

  it('closes a connection beyond SANDFLOW_MAX_CONNECTIONS_PER_CLIENT with 4429, per client, and frees the place on close', async () => {
    const first = await connect(api.wsUrl, GAMMA);
    const second = await connect(api.wsUrl, GAMMA);
    sockets.push(first.ws, second.ws);
    expect([first.closed, second.closed]).toEqual([undefined, undefined]);

    const third = await connect(api.wsUrl, GAMMA);
    sockets.push(third.ws);
    expect(third.closed).toEqual({ code: 4429, reason: 'too many connections for this client (at most 2)' });

    // Another client has its own count.
    const other = await connect(api.wsUrl, BETA);
    sockets.push(other.ws);
    expect(other.closed).toBeUndefined();

    // Once one of the client's connections ends, it may open another (the server learns of
    // the close asynchronously, hence a few tries).
    await first.ws.dispose();
    let replacement = await connect(api.wsUrl, GAMMA);
    for (let attempt = 0; replacement.closed && attempt < 20; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      replacement = await connect(api.wsUrl, GAMMA);
    }
    sockets.push(replacement.ws);
    expect(replacement.closed).toBeUndefined();
  });
});
