import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../common/config';
import type { Logger } from '../common/logger';
import { metricsRegistry } from '../common/metrics';
import { assertSafeToListen, configuredClient } from './auth';
import type { ErrorCode } from './execution/error-codes';

/** Whether a request may read `/metrics`, and if not the status and message to refuse it with. */
export type MetricsAccess = { allowed: true } | { allowed: false; status: 401 | 403; code: ErrorCode; message: string };

/**
 * Metrics tell an outsider what runs and how much: with API clients configured only an
 * operator client (`"operator": true` in SANDFLOW_CLIENTS) may read them. Without clients
 * the deployment is loopback-only and open, and so are its metrics.
 */
export function metricsAccess(config: Pick<Config, 'clients'>, authorization: string | undefined): MetricsAccess {
  if (config.clients.length === 0) return { allowed: true };
  const client = configuredClient(config, authorization);
  if (!client)
    return {
      allowed: false,
      status: 401,
      code: 'UNAUTHENTICATED',
      message: 'authorization: /metrics needs "Authorization: Bearer <token>" of an operator client',
    };
  if (!client.operator)
    return {
      allowed: false,
      status: 403,
      code: 'FORBIDDEN',
      message: `authorization: client "${client.name}" is not an operator; /metrics needs a client with "operator": true in SANDFLOW_CLIENTS`,
    };
  return { allowed: true };
}

/** Answers GET /metrics: the Prometheus text exposition, or a refusal as JSON. */
export async function serveMetrics(
  config: Pick<Config, 'clients'>,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const access = metricsAccess(config, req.headers.authorization);
  if (!access.allowed) {
    res.writeHead(access.status, {
      'content-type': 'application/json',
      ...(access.status === 401 ? { 'www-authenticate': 'Bearer' } : {}),
    });
    res.end(JSON.stringify({ errors: [{ message: access.message, extensions: { code: access.code } }] }));
    return;
  }
  const body = await metricsRegistry.metrics();
  res.writeHead(200, { 'content-type': metricsRegistry.contentType });
  res.end(body);
}

/** A listener of its own for `/metrics`, for processes without the API (workers); see SANDFLOW_METRICS_PORT. */
export interface MetricsServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** Serves `/metrics` on HOST:`port` under the same access rule as the API's. */
export async function startMetricsServer(
  config: Pick<Config, 'clients' | 'host'>,
  port: number,
  logger: Logger,
): Promise<MetricsServer> {
  // Same rule as the API: without clients, nothing but loopback may listen.
  assertSafeToListen(config);
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== '/metrics') {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: 'not found; metrics are at /metrics' }));
      return;
    }
    serveMetrics(config, req, res).catch((error: unknown) => {
      logger.error({ err: error }, 'metrics request failed');
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, config.host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${bound}/metrics`;
  logger.info({ url }, 'metrics listening');
  return {
    url,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
