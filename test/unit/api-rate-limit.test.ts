import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { httpResponse } from '../../api/execution/http-response';
import { rateLimited } from '../../api/rate-limit';

describe('rateLimited', () => {
  it('is RATE_LIMITED naming submit, the allowance and the wait, with a 429 and Retry-After for HTTP', () => {
    const error = rateLimited({ perMinute: 60, burst: 30 }, 7);
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.message).toBe(
      'submit: rate limit reached; allowed are 60 submissions per minute in bursts of up to 30; retry in 7 s',
    );
    expect(error.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 7 });
    const http = httpResponse({ data: { submit: null }, errors: [{ ...error.toJSON(), path: ['submit'] }] }, false).http;
    expect(http.status).toBe(429);
    expect(http.headers.get('retry-after')).toBe('7');
  });
});
