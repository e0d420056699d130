import { GraphQLError } from 'graphql';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { isDiskFull } from '../../api/disk-space';
import { maskErrors } from '../../api/pipeline/mask-errors';

/** As TypeORM throws a failed query: its own error with the driver's inside. */
function queryFailed(code: string): Error {
  return Object.assign(new Error('QueryFailedError: database or disk is full'), {
    driverError: Object.assign(new Error('database or disk is full'), { code }),
  });
}

describe('isDiskFull', () => {
  it("knows SQLite's SQLITE_FULL, Node's ENOSPC and PostgreSQL's disk_full, also wrapped", () => {
    expect(isDiskFull(queryFailed('SQLITE_FULL'))).toBe(true);
    expect(isDiskFull(Object.assign(new Error('write failed'), { code: 'ENOSPC' }))).toBe(true);
    expect(isDiskFull(new Error('persisting failed', { cause: queryFailed('53100') }))).toBe(true);
  });

  it('is false for other failures', () => {
    expect(isDiskFull(queryFailed('SQLITE_CONSTRAINT'))).toBe(false);
    expect(isDiskFull(Object.assign(new Error('gone'), { code: 'ECONNREFUSED' }))).toBe(false);
    expect(isDiskFull(new Error('SQLITE_FULL in a message only'))).toBe(false);
    expect(isDiskFull(undefined)).toBe(false);
  });
});

describe('maskErrors on a full disk', () => {
  it('answers UNAVAILABLE / DISK_FULL with the wait, not an internal error', () => {
    const error = new GraphQLError('QueryFailedError: database or disk is full', {
      path: ['submit'],
      originalError: queryFailed('SQLITE_FULL'),
    });
    const formatted = maskErrors(pino({ level: 'silent' }))(
      { ...error.toJSON(), extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      error,
    );
    expect(formatted).toEqual({
      message: "submit: refused, the server's disk is full; nothing was stored; retry in 60 s",
      path: ['submit'],
      extensions: { code: 'UNAVAILABLE', reason: 'DISK_FULL', retryAfterSeconds: 60 },
    });
  });
});
