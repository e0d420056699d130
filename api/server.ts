import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { ApiContext, ApiServices } from './context';
import { formatError } from './format-error';
import { checkReadiness } from './readiness';
import { resolvers } from './resolvers';
import { authenticate, assertSafeToListen } from './auth';

export const SCHEMA_PATH = path.join(__dirname, '..', 'schema', 'schema.graphql');

export interface App {
  /** The HTTP URL of the GraphQL endpoint; known after start(). */
  readonly url: string;
  /** The WebSocket URL of the same endpoint. */
  readonly wsUrl: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The GraphQL API on one HTTP server: POST/GET /graphql (Apollo), WebSocket /graphql
 * (graphql-ws), GET /healthz and GET /readyz. Nothing listens until start().
 */
export function buildApp(services: ApiServices): App {
  const { config, logger } = services;
  const schema = makeExecutableSchema({ typeDefs: fs.readFileSync(SCHEMA_PATH, 'utf8'), resolvers });
  const maxBodyBytes = config.maxInput.requestKb * 1024;

  const httpServer = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (status === 500) logger.error({ err: error }, 'request failed');
      const message = error instanceof HttpError ? error.message : 'internal server error';
      if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message, extensions: { code: status === 413 ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR' } }] }));
    });
  });

  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: maxBodyBytes });
  const wsHandle = useServer<{ authorization?: string }>(
    {
      schema,
      onConnect: (ctx) => authenticate(config, ctx.connectionParams?.authorization) !== undefined,
      context: (ctx): ApiContext => ({ ...services, token: authenticate(config, ctx.connectionParams?.authorization) ?? null }),
    },
    wsServer,
  );

  const apollo = new ApolloServer<ApiContext>({
    schema,
    formatError: formatError(logger),
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { serverWillStart: async () => ({ drainServer: async () => wsHandle.dispose() }) },
    ],
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz') return json(res, 200, { status: 'ok' });
    if (url.pathname === '/readyz') {
      const report = await checkReadiness(services);
      return json(res, report.ready ? 200 : 503, report);
    }
    if (url.pathname !== '/graphql') return json(res, 404, { error: 'not found; the API is at /graphql' });
    const body = req.method === 'POST' ? await readJson(req, maxBodyBytes) : undefined;
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const token = authenticate(config, req.headers.authorization);
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => {
        if (token === undefined) throw unauthenticated();
        return { ...services, token };
      },
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  let url = '';
  let wsUrl = '';
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
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => resolve());
      });
      const { port } = httpServer.address() as AddressInfo;
      const host = config.host.includes(':') ? `[${config.host}]` : config.host;
      url = `http://${host}:${port}/graphql`;
      wsUrl = `ws://${host}:${port}/graphql`;
      logger.info({ url, wsUrl }, 'GraphQL API listening');
    },
    async stop() {
      await apollo.stop();
    },
  };
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readJson(req: http.IncomingMessage, maxBytes: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new HttpError(413, `request body: must be at most ${maxBytes / 1024} KiB`);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'request body: must be JSON');
  }
}

function unauthenticated(): GraphQLError {
  return new GraphQLError('a valid API token is required: send "Authorization: Bearer <token>"', {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
  });
}
