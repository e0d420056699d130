import type http from 'node:http';
import { getOperationAST, getVariableValues, parse, specifiedRules, validate, type DocumentNode } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { ConnectionCounter, connectionKey, TOO_MANY_CONNECTIONS_CLOSE_CODE, tooManySubscriptions } from './connection-limits';
import type { ApiServices } from './context';
import { webSocketOriginAllowed } from './cors';
import { apiError, withCode } from './execution/error-codes';
import { hostAllowed, hostRefusal } from './loopback-host';
import { apiMetrics } from './metrics';
import type { RequestPipeline } from './pipeline';

export interface WebSocketOptions {
  /** The stages every operation goes through, the same HTTP uses (api/pipeline/). */
  pipeline: RequestPipeline;
  /** This process's services: the configuration and the logger. */
  services: Pick<ApiServices, 'config' | 'logger'>;
  /** Largest message accepted; larger ones close the connection (1009). */
  maxPayloadBytes: number;
  /** No API clients configured: upgrades must be addressed to a loopback Host (loopback-host.ts). */
  openMode: boolean;
}

/**
 * graphql-ws on the HTTP server's /graphql path. It runs graphql-js directly, not Apollo: the
 * hooks below do what Apollo's request handling does (parse, validate, pick the operation,
 * coerce variables, with Apollo's codes) and call the shared pipeline at the same points, so
 * authentication, limits, error masking and tagging are the ones HTTP applies.
 */
export function serveWebSocket(httpServer: http.Server, options: WebSocketOptions): { dispose(): void | Promise<void> } {
  const { pipeline } = options;
  const { schema } = pipeline;
  const { config, logger } = options.services;
  const costs = config.apiCosts;
  const connections = new ConnectionCounter(costs.maxConnectionsPerClient);
  /** The key each admitted connection is counted under, until it closes. */
  const counted = new WeakMap<object, string>();
  const rules = [...specifiedRules, ...pipeline.limits.validationRules];
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: options.maxPayloadBytes,
    verifyClient: ({ origin, req }: { origin?: string; req: http.IncomingMessage }, done: (ok: boolean, status?: number, message?: string) => void) => {
      if (!hostAllowed(req.headers.host, options.openMode)) return done(false, 403, hostRefusal(req.headers.host));
      done(webSocketOriginAllowed(origin || undefined, config.corsOrigins, req.headers.host));
    },
  });

  return useServer<{ authorization?: unknown }>(
    {
      onConnect: (ctx) => {
        const { client, refusal } = pipeline.authenticate(ctx.connectionParams?.authorization, 'connectionParams');
        if (refusal) {
          // graphql-ws's own refusal is 4403 "Forbidden"; the contract promises UNAUTHENTICATED.
          ctx.extra.socket.close(CloseCode.Unauthorized, `UNAUTHENTICATED: ${refusal.message}`);
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
          document = parse(payload.query, pipeline.limits.parseOptions);
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
          return [apiError('OPERATION_RESOLUTION_FAILURE', message)];
        }
        const variables = getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {}, { maxErrors: 20 });
        if (variables.errors) return variables.errors.map((error) => withCode(error, 'BAD_USER_INPUT'));
        const refused = pipeline.limits.check({ schema, document, operation, variables: payload.variables ?? undefined });
        if (refused) return [refused];
        const { client, refusal } = pipeline.authenticate(ctx.connectionParams?.authorization, 'connectionParams');
        if (refusal) return [refusal];
        // The raw values: execution coerces them itself, and coercing twice breaks custom scalars.
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables ?? undefined, contextValue: pipeline.contextFor(client) };
      },
      onNext: (_ctx, _id, _payload, _args, result) => {
        const formatted = result.errors ? { ...result, errors: pipeline.formatErrors(result.errors) } : undefined;
        // Measured as graphql-ws will send it; one message is one response (a subscription's every update).
        const tooLarge = pipeline.responseRefusal(Buffer.byteLength(JSON.stringify(formatted ?? result)));
        return tooLarge ? { errors: pipeline.formatErrors([tooLarge]) } : formatted;
      },
      onError: (_ctx, _id, _payload, errors) => pipeline.formatErrors(errors),
    },
    wsServer,
  );
}

