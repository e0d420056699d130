import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { assertSafeToListen } from './auth';
import type { ApiContext, ApiServices } from './context';
import { corsHeaders } from './cors';
import { hostAllowed, hostRefusal } from './loopback-host';
import { exposeQueueStats } from './metrics';
import { serveMetrics } from './metrics-endpoint';
import { createExecutor } from './execution';
import { executorPlugin } from './execution/apollo-plugin';
import type { ErrorCode } from './execution/error-codes';
import { playgroundHandler } from './playground-serve';
import { isProblemUpload, serveProblemUpload } from './problem-upload';
import { readiness } from './readiness';
import { resolvers } from './resolvers';
import { serveWebSocket } from './websocket';

export const SCHEMA_PATH = path.join(__dirname, '..', 'schema', 'schema.graphql');

export interface App {
  /** The HTTP URL of the GraphQL endpoint; known after start(). */
  readonly url: string;
  /** The WebSocket URL of the same endpoint. */
  readonly wsUrl: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A request refused before GraphQL sees it; the body is still a GraphQL error response. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * The GraphQL API on one HTTP server: POST/GET /graphql (Apollo), WebSocket /graphql
 * (graphql-ws), GET /healthz, GET /readyz and GET /metrics (Prometheus). Nothing listens until start().
 */
export function buildApp(services: ApiServices): App {
  const { config, logger } = services;
  const executor = createExecutor(services, { typeDefs: fs.readFileSync(SCHEMA_PATH, 'utf8'), resolvers });
  const maxBodyBytes = config.maxInput.requestKb * 1024;
  const probes = readiness(services);
  const openMode = config.clients.length === 0;
  // Off: / and /playground/* fall through to the 404 below, and nothing is ever built.
  const servePlayground = config.playground ? playgroundHandler(logger) : () => Promise.resolve(false);

  const httpServer = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const known = error instanceof HttpError ? error : undefined;
      if (!known) logger.error({ err: error }, 'request failed');
      if (!res.headersSent) res.writeHead(known?.status ?? 500, { 'content-type': 'application/json', ...known?.headers });
      const message = known?.message ?? 'internal server error';
      const code: ErrorCode = known?.code ?? 'INTERNAL_SERVER_ERROR';
      res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
    });
  });

  const wsHandle = serveWebSocket(httpServer, { executor, services, maxPayloadBytes: maxBodyBytes, openMode });

  // Apollo only transports here: it parses and validates with the executor's options and rules,
  // answers malformed HTTP requests itself, and hands every operation to the executor (api/execution/).
  const apollo = new ApolloServer<ApiContext>({
    schema: executor.schema,
    formatError: executor.formatError,
    includeStacktraceInErrorResponses: !config.production,
    // bin/sandflow.ts owns SIGINT/SIGTERM and stops everything in order.
    stopOnTerminationSignals: false,
    // Not Apollo's own switch: the executor's validation rules refuse introspection in production.
    introspection: true,
    validationRules: [...executor.limits.validationRules],
    parseOptions: executor.limits.parseOptions,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      executorPlugin(executor),
      { serverWillStart: async () => ({ drainServer: async () => wsHandle.dispose() }) },
    ],
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host, openMode)) throw new HttpError(403, 'FORBIDDEN', hostRefusal(req.headers.host));
    const url = new URL(req.url ?? '/', 'http://localhost');
    const preflight = req.method === 'OPTIONS';
    for (const [name, value] of Object.entries(corsHeaders(req.headers.origin, config.corsOrigins, preflight)))
      res.setHeader(name, value);
    if (preflight) {
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === '/healthz') return json(res, 200, { status: 'ok' });
    if (url.pathname === '/readyz') {
      const report = await probes.check();
      return json(res, report.ready ? 200 : 503, report);
    }
    if (url.pathname === '/metrics') return serveMetrics(config, req, res);
    if (await servePlayground(url.pathname, req, res)) return;
    if (isProblemUpload(url.pathname)) {
      const { client, refusal } = executor.authenticate(req.headers.authorization, 'header');
      if (refusal) throw new HttpError(401, 'UNAUTHENTICATED', refusal.message, { 'www-authenticate': 'Bearer' });
      return serveProblemUpload(services, client, req, url, res);
    }
    if (url.pathname !== '/graphql') return json(res, 404, { error: 'not found; the API is at /graphql' });
    // Before the body is read: an unauthenticated client must not make us buffer megabytes.
    const { client, refusal } = executor.authenticate(req.headers.authorization, 'header');
    if (refusal) throw new HttpError(401, 'UNAUTHENTICATED', refusal.message, { 'www-authenticate': 'Bearer' });
    const body = req.method === 'POST' ? await readJson(req, maxBodyBytes) : undefined;
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const context = executor.contextFor(client);
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => context,
    });
    // Apollo streams only incremental results, and the executor answers every operation whole.
    if (response.body.kind !== 'complete') throw new Error('GraphQL response: expected one complete body, got a stream');
    // Measured here, on what would go out: Apollo's own refusals are capped too. A refusal
    // written for clients, without a stack trace: the stack would only name this line.
    const tooLarge = executor.responseRefusal(Buffer.byteLength(response.body.string), client.name);
    if (tooLarge) return json(res, 400, { errors: [tooLarge.toJSON()] });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    res.end(response.body.string);
  }

  let url = '';
  let wsUrl = '';
  let started = false;
  let hideQueueStats: (() => void) | undefined;
  return {
    get url() {
      return url;
    },
    get wsUrl() {
      return wsUrl;
    },
    async start() {
      assertSafeToListen(config);
      await apollo.start();
      started = true;
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => resolve());
      });
      const { port } = httpServer.address() as AddressInfo;
      const host = config.host.includes(':') ? `[${config.host}]` : config.host;
      url = `http://${host}:${port}/graphql`;
      wsUrl = `ws://${host}:${port}/graphql`;
      hideQueueStats = exposeQueueStats(executor.queueStats);
      logger.info({ url, wsUrl }, 'GraphQL API listening');
    },
    async stop() {
      // Apollo refuses stop() before a successful start(), e.g. after assertSafeToListen threw.
      if (started) await apollo.stop();
      hideQueueStats?.();
      await probes.close();
    },
  };
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * Reads a JSON body of at most `maxBytes`. An oversized body is refused without being kept;
 * the stream is left flowing rather than destroyed, so the client still reads the 413.
 */
function readJson(req: http.IncomingMessage, maxBytes: number): Promise<unknown> {
  const tooLarge = () => new HttpError(413, 'BAD_USER_INPUT', `request body: must be at most ${maxBytes / 1024} KiB`);
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > maxBytes) {
        refused = true;
        chunks.length = 0;
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      if (refused) return;
      if (size === 0) return resolve(undefined);
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
      } catch {
        reject(new HttpError(400, 'BAD_USER_INPUT', 'request body: must be JSON'));
      }
    });
  });
}
