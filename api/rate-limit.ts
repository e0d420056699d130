import { HeaderMap } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import type { SubmitRate } from '../common/api-clients';
import { apiError } from './execution/error-codes';

/**
 * The refusal of a submit over the rate limit. Over HTTP it is also a 429 with Retry-After
 * (Apollo reads extensions.http); retryAfterSeconds carries the same to WebSocket clients.
 */
export function rateLimited(limit: SubmitRate, retryAfterSeconds: number): GraphQLError {
  return apiError(
    'RATE_LIMITED',
    `submit: rate limit reached; allowed are ${limit.perMinute} submissions per minute in bursts of up to ${limit.burst}; retry in ${retryAfterSeconds} s`,
    { retryAfterSeconds, http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) } },
  );
}
