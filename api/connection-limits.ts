import type { GraphQLError } from 'graphql';
import { apiError } from './execution/error-codes';

/** graphql-ws close code for a connection refused because its client holds too many (4429, like HTTP 429). */
export const TOO_MANY_CONNECTIONS_CLOSE_CODE = 4429;

/**
 * Counts the open WebSocket connections of each client, so that one client cannot hold
 * hundreds of sockets (each with its subscriptions polling the database). Per API process.
 */
export class ConnectionCounter {
  private readonly open = new Map<string, number>();

  /** @param maxPerClient most connections one client may hold at once (SANDFLOW_MAX_CONNECTIONS_PER_CLIENT). */
  constructor(private readonly maxPerClient: number) {}

  /** Counts a new connection of `client`; false (and nothing counted) when it already holds the maximum. */
  tryOpen(client: string): boolean {
    const held = this.open.get(client) ?? 0;
    if (held >= this.maxPerClient) return false;
    this.open.set(client, held + 1);
    return true;
  }

  /** Forgets one connection that tryOpen admitted. */
  close(client: string): void {
    const held = (this.open.get(client) ?? 0) - 1;
    if (held > 0) this.open.set(client, held);
    else this.open.delete(client);
  }

  /** The close reason a refused connection gets (WebSocket close reasons must stay under 123 bytes). */
  refusal(): string {
    return `too many connections for this client (at most ${this.maxPerClient})`;
  }
}

/**
 * Whom a connection is counted against: the API client its token names, or its remote
 * address in the open, tokenless mode (where every caller is the same local client).
 */
export function connectionKey(tokenless: boolean, clientName: string, remoteAddress: string | undefined): string {
  return tokenless ? `address:${remoteAddress ?? 'unknown'}` : `client:${clientName}`;
}

/** The refusal of a subscribe beyond the per-connection maximum; the connection itself stays open. */
export function tooManySubscriptions(maximum: number): GraphQLError {
  return apiError(
    'TOO_MANY_SUBSCRIPTIONS',
    `subscriptions: at most ${maximum} operations may be active on one connection (SANDFLOW_MAX_SUBSCRIPTIONS_PER_CONNECTION); complete one first or open another connection`,
    { maximum },
  );
}
