import type { GraphQLError } from 'graphql';
import type { SubmitRate } from '../common/api-clients';
import { apiError } from './execution/error-codes';

/**
 * The refusal of a submit over the rate limit. Over HTTP, RATE_LIMITED is also a 429 with
 * Retry-After (execution/http-response.ts); WebSocket clients read retryAfterSeconds.
 */
export function rateLimited(limit: SubmitRate, retryAfterSeconds: number): GraphQLError {
  return apiError(
    'RATE_LIMITED',
    `submit: rate limit reached; allowed are ${limit.perMinute} submissions per minute in bursts of up to ${limit.burst}; retry in ${retryAfterSeconds} s`,
    { retryAfterSeconds },
  );
}
