import fs from 'node:fs/promises';
import type { GraphQLError } from 'graphql';
import type { Config } from '../common/config';
import { apiError } from './execution/error-codes';

/** How long a client is told to wait when the disk is full: freeing space takes an operator or a sweep. */
export const DISK_FULL_RETRY_AFTER_SECONDS = 60;

/**
 * What a client is told, whichever way the full disk was noticed; `field` is the operation's
 * root field. Over HTTP, UNAVAILABLE is a 503 with Retry-After (execution/http-response.ts).
 */
export function diskFull(field = 'submit'): GraphQLError {
  return apiError(
    'UNAVAILABLE',
    `${field}: refused, the server's disk is full; nothing was stored; retry in ${DISK_FULL_RETRY_AFTER_SECONDS} s`,
    {
      reason: 'DISK_FULL',
      retryAfterSeconds: DISK_FULL_RETRY_AFTER_SECONDS,
    },
  );
}

/**
 * Refuses a submission before anything of it is written when the disk holding the SQLite
 * database has less than `minFreeDiskBytes` free:
 * a write that fails half-way is worse than a clear "retry later". With PostgreSQL the database's
 * disk is not this host's; its "disk full" error is mapped by {@link isDiskFull} instead.
 */
export async function refuseWhenDiskFull(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'minFreeDiskBytes'>): Promise<void> {
  if (config.databaseUrl !== undefined || config.minFreeDiskBytes === 0) return;
  const stats = await fs.statfs(config.dataDir);
  // bavail: what an unprivileged writer may still use (root's reserved blocks excluded).
  if (stats.bavail * stats.bsize < config.minFreeDiskBytes) throw diskFull();
}

/** SQLite's "database or disk is full", Node's ENOSPC and PostgreSQL's disk_full (SQLSTATE 53100). */
const DISK_FULL_CODES = new Set(['SQLITE_FULL', 'ENOSPC', '53100']);

/** Whether `error` (or what it wraps: TypeORM's driverError, a cause) says a disk is full. */
export function isDiskFull(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  if ('code' in error && typeof error.code === 'string' && DISK_FULL_CODES.has(error.code)) return true;
  const inner = ['driverError' in error ? error.driverError : undefined, 'cause' in error ? error.cause : undefined];
  return inner.some((e) => e !== undefined && e !== error && isDiskFull(e, depth + 1));
}
