import http from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { createClient, type Client as WsClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildApp, type App } from '../../api/server';
import type { Config } from '../../common/config';
import { logger } from '../../common/logger';
import { DATABASES } from '../support/deployment';
import { gql, gqlOk, type GraphQLResponse } from '../support/graphql';
import { startTestSandflow, type TestSandflow } from '../support/sandflow';
import { waitForTerminal } from '../support/submissions';

const ALPHA = { authorization: 'Bearer alpha-token' };
const BETA = { authorization: 'Bearer beta-token' };
const APP_ORIGIN = 'https://app.example.com';
const SUBMIT = 'mutation($input: SubmitInput!) { submit(input: $input) { id status } }';
/** submissions > edges > node > testResults > result > stdout: 6 deep, one more than allowed here. */
const TOO_DEEP = '{ submissions { edges { node { testResults { result { stdout } } } } } }';
const TOO_MANY_FIELDS = `{ ${Array.from({ length: 31 }, (_, i) => `q${i}: queueStats { queued }`).join(' ')} }`;
/** Over 20000 tokens in about 20 KiB: each "[]" is two. */
const TOO_MANY_TOKENS = `{ submissions(after: [${'[]'.repeat(10_001)}]) { pageInfo { hasNextPage } } }`;

type Errors = NonNullable<GraphQLResponse<unknown>['errors']>;

function client(
  wsUrl: string,
  connectionParams: Record<string, unknown> = { authorization: ALPHA.authorization },
  origin?: string,
): WsClient {
  class OriginWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, origin ? { origin } : {});
    }
  }
  return createClient({ url: wsUrl, webSocketImpl: OriginWebSocket, connectionParams, retryAttempts: 0, lazy: true });
}

/** One operation over graphql-ws: its results, or its errors, or how the connection closed. */
function overWebSocket(
  ws: WsClient,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ data?: unknown; errors?: Errors; closed?: { code: number; reason: string } }> {
  return new Promise((resolve) => {
    let result: { data?: unknown; errors?: Errors } = {};
    ws.subscribe(
      { query, variables },
      {
        next: (value) => (result = value as typeof result),
        error: (error) => {
          if (Array.isArray(error)) resolve({ errors: error as Errors });
          else if (error && typeof error === 'object' && 'code' in error)
            resolve({ closed: { code: Number(error.code), reason: String((error as { reason?: unknown }).reason) } });
          else resolve({ errors: [{ message: String(error) }] });
        },
        complete: () => resolve(result),
      },
    );
  });
}

/** A POST whose body is streamed without Content-Length, so only the byte count can stop it. */
function chunkedPost(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on('error', reject);
    for (let i = 0; i < body.length; i += 4096) request.write(body.slice(i, i + 4096));
    request.end();
  });
}

/** A GraphQL POST addressed to `host` (the Host header) instead of the URL's own host name. */
function postWithHost(
  url: string,
  host: string,
  query: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers, host } },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify({ query }));
  });
}

/** A WebSocket upgrade addressed to `host`: 101 when it opens, else the refusal's status and body. */
function upgradeWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'graphql-transport-ws', { headers: { host } });
    socket.on('open', () => {
      socket.close();
      resolve({ status: 101, body: '' });
    });
    socket.on('unexpected-response', (request, response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => {
        request.destroy();
        resolve({ status: response.statusCode ?? 0, body: text });
      });
    });
    socket.on('error', reject);
  });
}

describe.each(DATABASES)('auth and abuse limits on %s', (kind) => {
  let api: TestSandflow;
  const sockets: WsClient[] = [];
  const ws = (...args: Parameters<typeof client>) => {
    const socket = client(...args);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    api = await startTestSandflow({
      postgres: kind === 'postgres',
      languages: ['python'],
      env: {
        SANDFLOW_API_TOKENS: 'alpha-token,beta-token',
        SANDFLOW_SUBMIT_RATE_PER_MINUTE: '1',
        SANDFLOW_SUBMIT_BURST: '2',
        SANDFLOW_CORS_ORIGINS: APP_ORIGIN,
        SANDFLOW_MAX_QUERY_DEPTH: '5',
        SANDFLOW_MAX_QUERY_FIELDS: '60',
        SANDFLOW_MAX_SOURCE_KB: '8',
        SANDFLOW_MAX_TEST_CASES: '3',
        SANDFLOW_MAX_REQUEST_KB: '32',
      },
    });
  });

  afterAll(async () => {
    for (const socket of sockets) await socket.dispose();
    await api?.stop();
  });

  it('HTTP: refuses requests without a configured token as UNAUTHENTICATED (401), before reading the body', async () => {
    const refused: Array<Record<string, string>> = [{}, { authorization: 'Bearer wrong' }, { authorization: 'alpha-token' }];
    for (const headers of refused) {
      const response = await gql(api.url, '{ languages { id } }', {}, headers);
      expect(response.status).toBe(401);
      expect(response.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/^authorization: a valid API token is required/),
        extensions: { code: 'UNAUTHENTICATED' },
      });
    }
    const huge = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(100 * 1024),
    });
    expect(huge.status).toBe(401);
    expect(huge.headers.get('www-authenticate')).toBe('Bearer');
    expect((await gql(api.url, '{ languages { id } }', {}, BETA)).status).toBe(200);
  });

  it('WebSocket: closes a connection without a valid connectionParams.authorization (4401 UNAUTHENTICATED)', async () => {
    for (const params of [{}, { authorization: 'Bearer wrong' }, { authorization: 42 }]) {
      const outcome = await overWebSocket(ws(api.wsUrl, params), '{ languages { id } }');
      expect(outcome.closed?.code).toBe(4401);
      expect(outcome.closed?.reason).toMatch(/^UNAUTHENTICATED/);
    }
    expect(await overWebSocket(ws(api.wsUrl), '{ languages { id } }')).toEqual({ data: { languages: [{ id: 'python' }] } });
    const missing = await overWebSocket(
      ws(api.wsUrl),
      'subscription { submissionUpdated(id: "00000000-0000-0000-0000-000000000000") { status } }',
    );
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('rate-limits submit per token: RATE_LIMITED with retryAfterSeconds (HTTP 429 + Retry-After; the same over WebSocket)', async () => {
    const input = { language: 'python', source: 'print(1)\n' };
    const accepted = [];
    for (let i = 0; i < 2; i++) accepted.push(await gql<{ submit: { id: string } }>(api.url, SUBMIT, { input }, BETA));
    expect(accepted.map((r) => r.errors)).toEqual([undefined, undefined]);

    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...BETA },
      body: JSON.stringify({ query: SUBMIT, variables: { input } }),
    });
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await response.json()) as GraphQLResponse<unknown>;
    expect(body.errors?.[0]).toEqual({
      message: `submit: rate limit reached; allowed are 1 submissions per minute in bursts of up to 2; retry in ${retryAfter} s`,
      path: ['submit'],
      locations: expect.any(Array),
      // NODE_ENV=test: Apollo's stack trace stays, as in development (the production switch test).
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter, stacktrace: expect.any(Array) },
    });

    // One limiter for both transports, keyed by the token.
    const overWs = await overWebSocket(ws(api.wsUrl, { authorization: BETA.authorization }), SUBMIT, { input });
    expect(overWs.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    // Another token has its own bucket; input errors are refused before they cost a token.
    expect((await gql(api.url, SUBMIT, { input: { language: 'python', source: '' } }, ALPHA)).errors?.[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect((await gql(api.url, SUBMIT, { input }, ALPHA)).errors).toBeUndefined();
    for (const r of accepted) await waitForTerminal(api.url, r.data?.submit.id ?? '', 60_000, BETA);
  });

  it('refuses oversized input as BAD_USER_INPUT naming the field and the maximum', async () => {
    const tooBig = await gql(api.url, SUBMIT, { input: { language: 'python', source: 'x'.repeat(8 * 1024 + 1) } }, ALPHA);
    expect(tooBig.errors?.[0]).toMatchObject({
      message: 'source: must be at most 8 KiB (8192 bytes); got 8193 bytes',
      extensions: { code: 'BAD_USER_INPUT', field: 'source' },
    });
    const cases = await gql(
      api.url,
      SUBMIT,
      { input: { language: 'python', source: 'print(1)', testCases: [{}, {}, {}, {}] } },
      ALPHA,
    );
    expect(cases.errors?.[0]).toMatchObject({
      message: 'testCases: at most 3 test cases are allowed (got 4)',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const limits = await gql(
      api.url,
      SUBMIT,
      { input: { language: 'python', source: 'print(1)', limits: { memoryMb: 1_000_000 } } },
      ALPHA,
    );
    expect(limits.errors?.[0]?.message).toMatch(/^limits\.memoryMb: must be between 16 and \d+ \(got 1000000\)$/);
    const overflow = await gql(
      api.url,
      SUBMIT,
      { input: { language: 'python', source: 'print(1)', limits: { cpuTimeMs: 3_000_000_000 } } },
      ALPHA,
    );
    expect(overflow.errors?.[0]).toMatchObject({
      message: expect.stringContaining('input.limits.cpuTimeMs'),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('refuses a request body over the maximum with 413, whether announced or streamed', async () => {
    const body = JSON.stringify({ query: SUBMIT, variables: { input: { language: 'python', source: 'x'.repeat(40 * 1024) } } });
    const announced = await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json', ...ALPHA }, body });
    expect(announced.status).toBe(413);
    expect(await announced.json()).toEqual({
      errors: [{ message: 'request body: must be at most 32 KiB', extensions: { code: 'BAD_USER_INPUT' } }],
    });
    const streamed = await chunkedPost(api.url, body, ALPHA);
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body)).toMatchObject({ errors: [{ message: 'request body: must be at most 32 KiB' }] });
    // A WebSocket message over the maximum ends the connection (1009: message too big).
    const outcome = await overWebSocket(ws(api.wsUrl), SUBMIT, { input: { language: 'python', source: 'x'.repeat(40 * 1024) } });
    expect(outcome.closed?.code).toBe(1009);
  });

  it('refuses operations over the depth, field and token limits, over HTTP and WebSocket alike', async () => {
    const expected: Array<[string, RegExp]> = [
      [TOO_DEEP, /^query: fields may be nested at most 5 deep \(this operation nests 6\)$/],
      [TOO_MANY_FIELDS, /^query: at most 60 field selections are allowed per operation/],
      [TOO_MANY_TOKENS, /^query: at most 20000 tokens are allowed per document$/],
    ];
    const socket = ws(api.wsUrl);
    for (const [query, message] of expected) {
      const overHttp = await gql(api.url, query, {}, ALPHA);
      expect(overHttp.status).toBe(400);
      expect(overHttp.errors).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(message),
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
        }),
      ]);
      const overWs = await overWebSocket(socket, query);
      expect(overWs.errors).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(message),
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
        }),
      ]);
    }
    // Just inside the limits passes.
    expect(
      (await gql(api.url, '{ submissions { edges { node { testResults { verdict } } } } }', {}, ALPHA)).errors,
    ).toBeUndefined();
    // Ordinary client mistakes keep their codes on WebSocket too, instead of being masked as internal errors.
    expect((await overWebSocket(socket, '{ languages { nope } }')).errors?.[0]?.extensions?.code).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
    expect((await overWebSocket(socket, '{ languages {')).errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect((await overWebSocket(socket, 'query($id: ID!) { submission(id: $id) { id } }')).errors?.[0]).toMatchObject({
      message: expect.stringContaining('$id'),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('answers CORS preflights for allowlisted origins only, and admits their WebSocket upgrades only', async () => {
    const preflight = (origin: string) =>
      fetch(api.url, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
    const allowed = await preflight(APP_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(allowed.headers.get('access-control-allow-methods')).toMatch(/POST/);
    const other = await preflight('https://evil.example.com');
    expect(other.status).toBe(204);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();

    const post = await fetch(api.url, {
      method: 'POST',
      headers: { origin: APP_ORIGIN, 'content-type': 'application/json', ...ALPHA },
      body: '{"query":"{ languages { id } }"}',
    });
    expect(post.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(post.headers.get('vary')).toMatch(/Origin/);

    expect(await overWebSocket(ws(api.wsUrl, undefined, APP_ORIGIN), '{ languages { id } }')).toEqual({
      data: { languages: [{ id: 'python' }] },
    });
    const refused = await overWebSocket(ws(api.wsUrl, undefined, 'https://evil.example.com'), '{ languages { id } }');
    expect(refused.data).toBeUndefined();
    expect(refused.closed?.code ?? 0).not.toBe(1000);
  });

  it('without tokens, refuses to listen on anything but loopback', async () => {
    const connection = Connection.lazy({ address: api.config.temporal.address });
    const open = buildApp({
      ...api.persistence,
      config: { ...api.config, clients: [], host: '0.0.0.0', port: 0 },
      logger,
      temporal: new Client({ connection }),
    });
    try {
      await expect(open.start()).rejects.toThrow(
        'HOST=0.0.0.0: without API clients (SANDFLOW_CLIENTS, SANDFLOW_CLIENTS_FILE or SANDFLOW_API_TOKENS) the API listens only on loopback (127.0.0.1, ::1 or localhost)',
      );
      expect(open.url).toBe('');
    } finally {
      await open.stop();
      await connection.close();
    }
  });

  /** One more API process over this deployment's database, configured differently; stopped after `use`. */
  async function withApi(changes: Partial<Config>, use: (app: App) => Promise<void>): Promise<void> {
    const connection = Connection.lazy({ address: api.config.temporal.address });
    const app = buildApp({
      ...api.persistence,
      config: { ...api.config, port: 0, ...changes },
      logger,
      temporal: new Client({ connection }),
    });
    try {
      await app.start();
      await use(app);
    } finally {
      await app.stop();
      await connection.close();
    }
  }

  it('refuses a compiler option outside the language allowlist (gcc -specs=) as BAD_USER_INPUT', async () => {
    await withApi({ languages: ['c'] }, async (app) => {
      const specs = { path: 'x', content: '*link:\n+ %:system(id)\n' };
      const input = {
        language: 'c',
        source: 'int main(void) { return 0; }\n',
        files: [specs],
        compilerOptions: ['-O2', '-specs=x'],
      };
      const refused = await gql(app.url, SUBMIT, { input }, ALPHA);
      expect(refused.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/^compilerOptions\[1\]: "-specs=x" is not allowed for c; allowed for c: -O0\.\.-O3/),
        extensions: { code: 'BAD_USER_INPUT', field: 'compilerOptions[1]' },
      });
      expect(refused.data?.submit ?? null).toBeNull();
    });
  });

  it('without API clients, answers only requests addressed to a loopback Host (DNS rebinding), over HTTP and WebSocket', async () => {
    await withApi({ clients: [], host: '127.0.0.1' }, async (app) => {
      const port = new URL(app.url).port;
      for (const host of [
        'evil.example',
        `evil.example:${port}`,
        `localhost.evil.example:${port}`,
        `127.0.0.1.nip.io:${port}`,
        `0.0.0.0:${port}`,
      ]) {
        const refused = await postWithHost(app.url, host, '{ languages { id } }');
        expect(refused.status, host).toBe(403);
        expect(JSON.parse(refused.body)).toEqual({
          errors: [
            {
              message: expect.stringMatching(
                /^host: ".*" is not a loopback name; without API clients .* answers only requests to localhost, 127\.x\.y\.z or \[::1\]/,
              ),
              extensions: { code: 'FORBIDDEN' },
            },
          ],
        });
        const upgrade = await upgradeWithHost(app.wsUrl, host);
        expect(upgrade.status, host).toBe(403);
        expect(upgrade.body).toMatch(/is not a loopback name/);
      }
      for (const host of [`localhost:${port}`, `LOCALHOST:${port}`, `127.0.0.1:${port}`, '127.3.2.1', `[::1]:${port}`]) {
        const served = await postWithHost(app.url, host, '{ languages { id } }');
        expect(served.status, host).toBe(200);
        expect((await upgradeWithHost(app.wsUrl, host)).status, host).toBe(101);
      }
    });
    // With clients the token is what counts, whatever name the API is reached by.
    const withToken = await postWithHost(api.url, 'sandflow.example.com', '{ languages { id } }', ALPHA);
    expect(withToken.status).toBe(200);
    expect((await upgradeWithHost(api.wsUrl, 'sandflow.example.com')).status).toBe(101);
  });

  it('production switch: no introspection and no stack traces in production, both in development and test', async () => {
    const introspect = '{ __schema { queryType { name } } }';
    const invalid = '{ languages { nope } }';
    await withApi({ production: true }, async (app) => {
      const refused = await gql(app.url, introspect, {}, ALPHA);
      expect(refused.data).toBeUndefined();
      expect(refused.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/introspection/i),
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      });
      const error = (await gql(app.url, invalid, {}, ALPHA)).errors?.[0];
      expect(error?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(JSON.stringify(error)).not.toMatch(/stacktrace|\.ts:\d+|node_modules/);
    });
    // This suite runs with NODE_ENV=test: a developer gets both.
    expect(
      (await gqlOk<{ __schema: { queryType: { name: string } } }>(api.url, introspect, {}, ALPHA)).__schema.queryType.name,
    ).toBe('Query');
    const verbose = (await gql(api.url, invalid, {}, ALPHA)).errors?.[0];
    expect(verbose?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', stacktrace: expect.any(Array) });
  });
});
