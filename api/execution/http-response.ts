import { HeaderMap, type GraphQLResponse } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import { errorCodeInfo } from './error-codes';

/** The status of an operation refused before execution (parse, validation, variables, limits). */
const REFUSED_STATUS = 400;

/**
 * The HTTP answer to an operation the executor prepared: 400 when it was refused before
 * execution, otherwise the status the catalogue gives one of its errors' codes (UNAVAILABLE
 * before RATE_LIMITED: waiting for the database is the longer wait), with `Retry-After` from
 * that error's `retryAfterSeconds`, or 200. WebSocket clients read the same from the errors.
 */
export function httpResponse(result: FormattedExecutionResult, refused: boolean): GraphQLResponse {
  const headers = new HeaderMap();
  let status = refused ? REFUSED_STATUS : undefined;
  if (!refused) {
    const ranked = (result.errors ?? [])
      .map((error) => ({
        status: errorCodeInfo(error.extensions?.code)?.httpStatus,
        retryAfter: error.extensions?.retryAfterSeconds,
      }))
      .filter((entry): entry is { status: number; retryAfter: unknown } => entry.status !== undefined)
      .sort((a, b) => b.status - a.status);
    const first = ranked[0];
    if (first) {
      status = first.status;
      if (typeof first.retryAfter === 'number') headers.set('retry-after', String(first.retryAfter));
    }
  }
  return { http: { status, headers }, body: { kind: 'single', singleResult: result } };
}
