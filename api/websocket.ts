import type http from 'node:http';
import { CloseCode, type Context } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { CallingClient } from './auth';
import { ConnectionCounter, connectionKey, TOO_MANY_CONNECTIONS_CLOSE_CODE, tooManySubscriptions } from './connection-limits';
import type { ApiServices } from './context';
import { webSocketOriginAllowed } from './cors';
import type { Executor } from './execution';
import { hostAllowed, hostRefusal } from './loopback-host';
import { apiMetrics } from './metrics';

export interface WebSocketOptions {
  /** The one execution path, the same HTTP uses (api/execution/). */
  executor: Executor;
  /** This process's services: the configuration and the logger. */
  services: Pick<ApiServices, 'config' | 'logger'>;
  /** Largest message accepted; larger ones close the connection (1009). */
  maxPayloadBytes: number;
  /** No API clients configured: upgrades must be addressed to a loopback Host (loopback-host.ts). */
  openMode: boolean;
}

/**
 * graphql-ws on the HTTP server's /graphql path, as a transport only: a connection is
 * authenticated once (connection_init), and each operation goes through the executor that
 * HTTP operations go through, so the checks, the codes and the wording are the same.
 */
export function serveWebSocket(httpServer: http.Server, options: WebSocketOptions): { dispose(): void | Promise<void> } {
  const { executor } = options;
  const { config, logger } = options.services;
  const costs = config.apiCosts;
  const connections = new ConnectionCounter(costs.maxConnectionsPerClient);
  /** Each admitted connection's client and the key it is counted under, until it closes. */
  const admitted = new WeakMap<Context, { client: CallingClient; key: string }>();
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: options.maxPayloadBytes,
    verifyClient: (
      { origin, req }: { origin?: string; req: http.IncomingMessage },
      done: (ok: boolean, status?: number, message?: string) => void,
    ) => {
      if (!hostAllowed(req.headers.host, options.openMode)) return done(false, 403, hostRefusal(req.headers.host));
      done(webSocketOriginAllowed(origin || undefined, config.corsOrigins, req.headers.host));
    },
  });

  return useServer<{ authorization?: unknown }>(
    {
      onConnect: (ctx) => {
        const { client, refusal } = executor.authenticate(ctx.connectionParams?.authorization, 'connectionParams');
        if (refusal) {
          // graphql-ws's own refusal is 4403 "Forbidden"; the contract promises UNAUTHENTICATED.
          ctx.extra.socket.close(CloseCode.Unauthorized, `UNAUTHENTICATED: ${refusal.message}`);
          return false;
        }
        const key = connectionKey(options.openMode, client.name, ctx.extra.request.socket.remoteAddress);
        if (!connections.tryOpen(key)) {
          logger.warn(
            { client: client.name, maximum: costs.maxConnectionsPerClient },
            'WebSocket connection over SANDFLOW_MAX_CONNECTIONS_PER_CLIENT refused',
          );
          ctx.extra.socket.close(TOO_MANY_CONNECTIONS_CLOSE_CODE, connections.refusal());
          return false;
        }
        admitted.set(ctx, { client, key });
        apiMetrics.webSocketConnections.inc();
        return true;
      },
      onClose: (ctx) => {
        const connection = admitted.get(ctx);
        if (!connection) return;
        admitted.delete(ctx);
        connections.close(connection.key);
        apiMetrics.webSocketConnections.dec();
      },
      onSubscribe: (ctx, _id, payload) => {
        // graphql-ws has already registered this operation, so the count includes it.
        if (Object.keys(ctx.subscriptions).length > costs.maxSubscriptionsPerConnection)
          return [tooManySubscriptions(costs.maxSubscriptionsPerConnection)];
        // graphql-ws refuses a subscribe before the connection is acknowledged (4401), so onConnect has admitted it.
        const connection = admitted.get(ctx);
        if (!connection) throw new Error('WebSocket subscribe on a connection that onConnect did not admit');
        const prepared = executor.prepare(
          { source: payload.query, operationName: payload.operationName, variables: payload.variables },
          executor.contextFor(connection.client),
        );
        return prepared.errors ? [...prepared.errors] : prepared.args;
      },
      execute: executor.execute,
      subscribe: executor.subscribe,
      onNext: (ctx, _id, _payload, _args, result) => {
        const formatted = executor.formatResult(result, 'websocket');
        // Measured as graphql-ws will send it; one message is one response (a subscription's every update).
        const tooLarge = executor.responseRefusal(Buffer.byteLength(JSON.stringify(formatted)), admitted.get(ctx)?.client.name);
        return tooLarge ? { errors: executor.formatErrors([tooLarge], 'websocket') } : formatted;
      },
      onError: (_ctx, _id, _payload, errors) => executor.formatErrors(errors, 'websocket'),
    },
    wsServer,
  );
}
