import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { SubmitRate } from '../common/api-clients';

/**
 * The refusal of a submit over the rate limit. Over HTTP it is also a 429 with Retry-After
 * (Apollo reads extensions.http); retryAfterSeconds carries the same to WebSocket clients.
 */
export function rateLimited(limit: SubmitRate, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(
    `submit: rate limit reached; allowed are ${limit.perMinute} submissions per minute in bursts of up to ${limit.burst}; retry in ${retryAfterSeconds} s`,
    {
      extensions: {
        code: 'RATE_LIMITED',
        retryAfterSeconds,
        http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
      },
    },
  );
}
