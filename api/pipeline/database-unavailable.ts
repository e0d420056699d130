import type { GraphQLError } from 'graphql';
import { apiError } from '../execution/error-codes';

/**
 * Seconds a client is told to wait after UNAVAILABLE: about what a PostgreSQL restart or
 * fail-over, or an SQLite writer holding the lock, takes.
 */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * SQLSTATEs of a database that is going away, starting up, full of connections or too slow
 * (statement_timeout cancels as 57014): class 08 (connection exception) is matched by prefix.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '57014']);
/** Socket errors of a server that is not there (Node's system error codes). */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** node-postgres reports a lost or timed-out connection with a message only. */
const PG_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Client was closed)/;

/**
 * Whether `error` (or what it wraps) says the database cannot answer right now, as opposed to a
 * bug or bad data: a lost, refused or timed-out connection, a server shutting down or starting,
 * a query over its time limit, or SQLite still locked after its busy timeout.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  if (code !== undefined) {
    if (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code) || SOCKET_CODES.has(code)) return true;
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return true;
  }
  if (error instanceof Error && PG_MESSAGES.test(error.message)) return true;
  // TypeORM keeps the driver's error; connecting to a name with several addresses fails with an AggregateError.
  const inner = [
    'driverError' in error ? error.driverError : undefined,
    'cause' in error ? error.cause : undefined,
    ...('errors' in error && Array.isArray(error.errors) ? error.errors : []),
  ];
  return inner.some((e) => e !== undefined && e !== error && isDatabaseUnavailable(e, depth + 1));
}

/**
 * The answer to an operation the database could not serve: a client error (retry later), not
 * an internal one. `retryAfterSeconds` travels to WebSocket clients; HTTP adds `Retry-After`
 * (execution/http-response.ts).
 */
export function databaseUnavailable(retryAfterSeconds = DATABASE_RETRY_AFTER_SECONDS): GraphQLError {
  return apiError('UNAVAILABLE', `database: temporarily unavailable; retry in ${retryAfterSeconds} s`, { retryAfterSeconds });
}
