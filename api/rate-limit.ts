import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';

export interface RateLimitOptions {
  /** Tokens added per minute: the sustained rate. */
  perMinute: number;
  /** Bucket size: how many may be spent at once after a quiet spell. */
  burst: number;
  /** The clock, in milliseconds; tests pass their own. */
  now?: () => number;
}

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * A token bucket per key, in memory. Each API process keeps its own, so N replicas allow N
 * times the rate in total; that is accepted in exchange for needing no shared store.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private readonly now: () => number;
  private lastSweep: number;

  constructor(private readonly options: RateLimitOptions) {
    this.perMs = options.perMinute / 60_000;
    this.now = options.now ?? Date.now;
    this.lastSweep = this.now();
  }

  /** Spends one token of `key` if it has one. */
  take(key: string): RateLimitDecision {
    const now = this.now();
    this.sweep(now);
    const bucket = this.refilled(this.buckets.get(key), now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.buckets.set(key, bucket);
      return { allowed: true };
    }
    this.buckets.set(key, bucket);
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
  }

  private refilled(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return { tokens: this.options.burst, updatedAt: now };
    const tokens = Math.min(this.options.burst, bucket.tokens + (now - bucket.updatedAt) * this.perMs);
    return { tokens, updatedAt: now };
  }

  /**
   * A bucket that has refilled completely is the same as none: dropping those keeps memory
   * bounded by the clients active within one refill period, however many addresses call.
   */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) {
      if (this.refilled(bucket, now).tokens >= this.options.burst) this.buckets.delete(key);
    }
  }

  /** Keys currently tracked, for tests of the sweep. */
  get size(): number {
    return this.buckets.size;
  }
}

/** Whom a request is charged to: its API token, or its address when the API is open. */
export function rateLimitKey(token: string | null, remoteAddress: string | undefined): string {
  return token !== null ? `token:${token}` : `address:${remoteAddress ?? 'unknown'}`;
}

/**
 * The refusal of a submit over the rate limit. Over HTTP it is also a 429 with Retry-After
 * (Apollo reads extensions.http); retryAfterSeconds carries the same to WebSocket clients.
 */
export function rateLimited(limit: Pick<RateLimitOptions, 'perMinute' | 'burst'>, retryAfterSeconds: number): GraphQLError {
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
