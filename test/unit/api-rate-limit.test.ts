import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { rateLimited } from '../../api/rate-limit';

describe('rateLimited', () => {
  it('is RATE_LIMITED naming submit, the allowance and the wait, with a 429 and Retry-After for HTTP', () => {
    const error = rateLimited({ perMinute: 60, burst: 30 }, 7);
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.message).toBe('submit: rate limit reached; allowed are 60 submissions per minute in bursts of up to 30; retry in 7 s');
    expect(error.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 7, http: { status: 429 } });
    const http = error.extensions.http as { headers: Map<string, string> };
    expect(http.headers.get('retry-after')).toBe('7');
  });
});
