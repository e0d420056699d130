import { timingSafeEqual } from 'node:crypto';
import { LOCAL_CLIENT_NAME, sha256Hex, type ApiClient } from '../common/api-clients';
import type { Config } from '../common/config';

/** Who is calling, as the resolvers see it: the name owns submissions, the rate bounds submits, an operator sees every problem. */
export type CallingClient = Pick<ApiClient, 'name' | 'submitRate'> & { operator: boolean };

/** The open mode's only client: everyone on loopback is one tenant. */
export function localClient(config: Pick<Config, 'submitRateLimit'>): CallingClient {
  return { name: LOCAL_CLIENT_NAME, submitRate: config.submitRateLimit, operator: false };
}

/**
 * Finds the client an `Authorization` value belongs to. Without configured clients (open,
 * loopback-only deployment) everyone is the local client; otherwise undefined means the
 * caller must be rejected.
 */
export function authenticate(
  config: Pick<Config, 'clients' | 'submitRateLimit'>,
  authorization: string | undefined,
): CallingClient | undefined {
  if (config.clients.length === 0) return localClient(config);
  const found = configuredClient(config, authorization);
  return found && { name: found.name, submitRate: found.submitRate, operator: found.operator === true };
}

/** The configured client whose token the `Authorization` value carries, or undefined. */
export function configuredClient(config: Pick<Config, 'clients'>, authorization: string | undefined): ApiClient | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  const given = match?.[1];
  if (!given) return undefined;
  const digest = Buffer.from(sha256Hex(given), 'hex');
  // Every client is compared, in constant time each, so the answer's timing says nothing about which hashes exist.
  let found: ApiClient | undefined;
  for (const client of config.clients) {
    if (timingSafeEqual(Buffer.from(client.tokenSha256, 'hex'), digest) && !found) found = client;
  }
  return found;
}

const LOOPBACK = /^(127(?:\.\d{1,3}){3}|::1|localhost)$/;

/** An API without clients would let anyone run code: it may only listen on loopback. */
export function assertSafeToListen(config: Pick<Config, 'clients' | 'host'>): void {
  if (config.clients.length === 0 && !LOOPBACK.test(config.host)) {
    throw new Error(
      `HOST=${config.host}: without API clients (SANDFLOW_CLIENTS, SANDFLOW_CLIENTS_FILE or SANDFLOW_API_TOKENS) the API listens only on loopback (127.0.0.1, ::1 or localhost)`,
    );
  }
}
