import type http from 'node:http';
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { authenticate } from './auth';
import { ConnectionCounter, connectionKey, TOO_MANY_CONNECTIONS_CLOSE_CODE, tooManySubscriptions } from './connection-limits';
import type { ApiContext, ApiServices } from './context';
import { webSocketOriginAllowed } from './cors';
import { hostAllowed, hostRefusal } from './loopback-host';
import type { QueueStats } from './generated/resolvers-types';
import { apiMetrics } from './metrics';
import { costError, queryCost, queryCostOptions } from './query-cost';
import { MAX_QUERY_TOKENS } from './query-limits';
import { responseTooLarge } from './response-size';
import type { SubmitRateLimiter } from '../db/submit-rate-limiter';

export interface WebSocketOptions {
  /** The executable schema HTTP serves too. */
  schema: GraphQLSchema;
  /** This process's services; each operation gets them plus who is asking as its context. */
  services: ApiServices;
  /** Rules beyond graphql-js's own, the same ones HTTP requests are validated with. */
  validationRules: readonly ValidationRule[];
  /** Shared with HTTP, so a client cannot double its rate by switching transports. */
  submitLimiter: SubmitRateLimiter;
  /** The HTTP transport's error formatter, so both hide and log internal errors alike. */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  /** Largest message accepted; larger ones close the connection (1009). */
  maxPayloadBytes: number;
  /** No API clients configured: upgrades must be addressed to a loopback Host (loopback-host.ts). */
  openMode: boolean;
  /** The process's shared, cached queueStats, the same HTTP resolvers use. */
  queueStats: () => Promise<QueueStats>;
}

/**
 * graphql-ws on the HTTP server's /graphql path. It runs graphql-js directly, not Apollo, so
 * everything Apollo does for HTTP is repeated here: authentication, the query limits, codes
 * on parse/validation/variable errors, and hiding internal errors.
 */
export function serveWebSocket(httpServer: http.Server, options: WebSocketOptions): { dispose(): void | Promise<void> } {
  const { schema, services, submitLimiter } = options;
  const { config, logger } = services;
  const costs = config.apiCosts;
  const costOptions = queryCostOptions(config);
  const connections = new ConnectionCounter(costs.maxConnectionsPerClient);
  /** The key each admitted connection is counted under, until it closes. */
  const counted = new WeakMap<object, string>();
  const rules = [...specifiedRules, ...options.validationRules];
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: options.maxPayloadBytes,
    verifyClient: ({ origin, req }: { origin?: string; req: http.IncomingMessage }, done: (ok: boolean, status?: number, message?: string) => void) => {
      if (!hostAllowed(req.headers.host, options.openMode)) return done(false, 403, hostRefusal(req.headers.host));
      done(webSocketOriginAllowed(origin || undefined, config.corsOrigins, req.headers.host));
    },
  });

  const format = (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((error) => {
      // Apollo reads http (status, Retry-After) off errors; a socket has no use for it.
      const { http: _http, ...extensions } = error.extensions;
      return options.formatError({ ...error.toJSON(), extensions }, error);
    });

  return useServer<{ authorization?: unknown }>(
    {
      onConnect: (ctx) => {
        const client = authenticate(config, stringOrUndefined(ctx.connectionParams?.authorization));
        if (client === undefined) {
          // graphql-ws's own refusal is 4403 "Forbidden"; the contract promises UNAUTHENTICATED.
          ctx.extra.socket.close(CloseCode.Unauthorized, 'UNAUTHENTICATED: connectionParams.authorization must be "Bearer <token>"');
          return false;
        }
        const key = connectionKey(options.openMode, client.name, ctx.extra.request.socket.remoteAddress);
        if (!connections.tryOpen(key)) {
          logger.warn({ client: client.name, maximum: costs.maxConnectionsPerClient }, 'WebSocket connection over SANDFLOW_MAX_CONNECTIONS_PER_CLIENT refused');
          ctx.extra.socket.close(TOO_MANY_CONNECTIONS_CLOSE_CODE, connections.refusal());
          return false;
        }
        counted.set(ctx, key);
        apiMetrics.webSocketConnections.inc();
        return true;
      },
      onClose: (ctx) => {
        const key = counted.get(ctx);
        if (key === undefined) return;
        counted.delete(ctx);
        connections.close(key);
        apiMetrics.webSocketConnections.dec();
      },
      onSubscribe: (ctx, _id, payload) => {
        // graphql-ws has already registered this operation, so the count includes it.
        if (Object.keys(ctx.subscriptions).length > costs.maxSubscriptionsPerConnection) return [tooManySubscriptions(costs.maxSubscriptionsPerConnection)];
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxLexicalTokens: MAX_QUERY_TOKENS });
        } catch (error) {
          return [withCode(error, 'GRAPHQL_PARSE_FAILED')];
        }
        const invalid = validate(schema, document, rules);
        if (invalid.length > 0) return invalid.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED'));
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) {
          // Apollo's words for HTTP, so both transports answer alike (test/integration/api-transports.test.ts).
          const message = payload.operationName
            ? `Unknown operation named "${payload.operationName}".`
            : 'Must provide operation name if query contains multiple operations.';
          return [new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } })];
        }
        const variables = getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {}, { maxErrors: 20 });
        if (variables.errors) return variables.errors.map((error) => withCode(error, 'BAD_USER_INPUT'));
        const tooCostly = costError(queryCost(schema, document, operation, payload.variables ?? undefined, costOptions), costOptions.maximum);
        if (tooCostly) return [tooCostly];
        const client = authenticate(config, stringOrUndefined(ctx.connectionParams?.authorization));
        if (client === undefined) return [new GraphQLError('a valid API token is required', { extensions: { code: 'UNAUTHENTICATED' } })];
        const contextValue: ApiContext = {
          ...services,
          client,
          submitLimiter,
          queueStats: options.queueStats,
        };
        // The raw values: execution coerces them itself, and coercing twice breaks custom scalars.
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables ?? undefined, contextValue };
      },
      onNext: (_ctx, _id, _payload, _args, result) => {
        const formatted = result.errors ? { ...result, errors: format(result.errors) } : undefined;
        // Measured as graphql-ws will send it; one message is one response (a subscription's every update).
        const bytes = Buffer.byteLength(JSON.stringify(formatted ?? result));
        if (bytes <= costs.maxResponseBytes) return formatted;
        logger.warn({ bytes, maxBytes: costs.maxResponseBytes }, 'WebSocket message over SANDFLOW_MAX_RESPONSE_KB refused');
        return { errors: format([responseTooLarge(bytes, costs.maxResponseBytes)]) };
      },
      onError: (_ctx, _id, _payload, errors) => format(errors),
    },
    wsServer,
  );
}

/** The error as a client error of `code`, unless one of our own rules already gave it one. */
function withCode(error: unknown, code: string): GraphQLError {
  if (!(error instanceof GraphQLError)) return new GraphQLError('invalid request', { extensions: { code } });
  if (typeof error.extensions.code === 'string') return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    originalError: error,
    extensions: { ...error.extensions, code },
  });
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
