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
import type { ApiContext, ApiServices } from './context';
import { webSocketOriginAllowed } from './cors';
import { hostAllowed, hostRefusal } from './loopback-host';
import { MAX_QUERY_TOKENS } from './query-limits';
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
}

/**
 * graphql-ws on the HTTP server's /graphql path. It runs graphql-js directly, not Apollo, so
 * everything Apollo does for HTTP is repeated here: authentication, the query limits, codes
 * on parse/validation/variable errors, and hiding internal errors.
 */
export function serveWebSocket(httpServer: http.Server, options: WebSocketOptions): { dispose(): void | Promise<void> } {
  const { schema, services, submitLimiter } = options;
  const { config } = services;
  const rules = [...specifiedRules, ...options.validationRules];
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: options.maxPayloadBytes,
    verifyClient: ({ origin, req }: { origin?: string; req: http.IncomingMessage }, done: (ok: boolean, status?: number, message?: string) => void) => {
      if (!hostAllowed(req.headers.host, options.openMode)) return done(false, 403, hostRefusal(req.headers.host));
      done(webSocketOriginAllowed(origin || undefined, config.corsOrigins));
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
        if (authenticate(config, stringOrUndefined(ctx.connectionParams?.authorization)) !== undefined) return true;
        // graphql-ws's own refusal is 4403 "Forbidden"; the contract promises UNAUTHENTICATED.
        ctx.extra.socket.close(CloseCode.Unauthorized, 'UNAUTHENTICATED: connectionParams.authorization must be "Bearer <token>"');
        return false;
      },
      onSubscribe: (ctx, _id, payload) => {
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: MAX_QUERY_TOKENS });
        } catch (error) {
          return [withCode(error, 'GRAPHQL_PARSE_FAILED')];
        }
        const invalid = validate(schema, document, rules);
        if (invalid.length > 0) return invalid.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED'));
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) {
          return [new GraphQLError('operationName: names no operation of the document (or the document has several and none was named)', { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } })];
        }
        const variables = getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {}, { maxErrors: 20 });
        if (variables.errors) return variables.errors.map((error) => withCode(error, 'BAD_USER_INPUT'));
        const client = authenticate(config, stringOrUndefined(ctx.connectionParams?.authorization));
        if (client === undefined) return [new GraphQLError('a valid API token is required', { extensions: { code: 'UNAUTHENTICATED' } })];
        const contextValue: ApiContext = {
          ...services,
          client,
          submitLimiter,
        };
        // The raw values: execution coerces them itself, and coercing twice breaks custom scalars.
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables ?? undefined, contextValue };
      },
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: format(result.errors) } : undefined),
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
