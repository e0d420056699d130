import { timingSafeEqual } from 'node:crypto';
import type { Config } from '../common/config';

/**
 * Checks an `Authorization` value against the configured API tokens. Returns the token when
 * it is valid, null when no tokens are configured (open, loopback-only deployment), and
 * undefined when the caller must be rejected.
 */
export function authenticate(config: Pick<Config, 'apiTokens'>, authorization: string | undefined): string | null | undefined {
  if (config.apiTokens.length === 0) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  const given = match?.[1];
  if (!given) return undefined;
  return config.apiTokens.find((token) => safeEqual(token, given));
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const LOOPBACK = /^(127(?:\.\d{1,3}){3}|::1|localhost)$/;

/** An API without tokens would let anyone run code: it may only listen on loopback. */
export function assertSafeToListen(config: Pick<Config, 'apiTokens' | 'host'>): void {
  if (config.apiTokens.length === 0 && !LOOPBACK.test(config.host)) {
    throw new Error(`HOST=${config.host}: without SANDFLOW_API_TOKENS the API listens only on loopback (127.0.0.1, ::1 or localhost)`);
  }
}
