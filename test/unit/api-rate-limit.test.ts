import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { rateLimited, RateLimiter, rateLimitKey } from '../../api/rate-limit';

function limiter(perMinute: number, burst: number) {
  let now = 1_000_000;
  const clock = { advance: (ms: number) => (now += ms) };
  return { limiter: new RateLimiter({ perMinute, burst, now: () => now }), clock };
}

describe('RateLimiter (token bucket)', () => {
  it('allows a burst, then refuses with the wait until the next token', () => {
    const { limiter: l } = limiter(60, 3);
    expect([l.take('a'), l.take('a'), l.take('a')].every((d) => d.allowed)).toBe(true);
    expect(l.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('refills at the sustained rate, never above the burst', () => {
    const { limiter: l, clock } = limiter(6, 2);
    l.take('a');
    l.take('a');
    expect(l.take('a')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    clock.advance(4_000);
    expect(l.take('a')).toEqual({ allowed: false, retryAfterSeconds: 6 });
    clock.advance(6_000);
    expect(l.take('a').allowed).toBe(true);
    clock.advance(3_600_000);
    expect([l.take('a'), l.take('a'), l.take('a')].map((d) => d.allowed)).toEqual([true, true, false]);
  });

  it('keeps one bucket per key', () => {
    const { limiter: l } = limiter(60, 1);
    expect(l.take('a').allowed).toBe(true);
    expect(l.take('a').allowed).toBe(false);
    expect(l.take('b').allowed).toBe(true);
  });

  it('forgets keys whose buckets have refilled, so memory stays bounded', () => {
    const { limiter: l, clock } = limiter(60, 2);
    for (let i = 0; i < 1000; i++) l.take(`address-${i}`);
    expect(l.size).toBe(1000);
    clock.advance(61_000);
    l.take('someone');
    expect(l.size).toBe(1);
  });
});

describe('rateLimitKey', () => {
  it('charges the token when there is one, else the client address', () => {
    expect(rateLimitKey('secret', '10.0.0.1')).toBe('token:secret');
    expect(rateLimitKey(null, '10.0.0.1')).toBe('address:10.0.0.1');
    expect(rateLimitKey(null, undefined)).toBe('address:unknown');
  });
});

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
