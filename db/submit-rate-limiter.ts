import type { DataSource } from 'typeorm';
import type { SubmitRate } from '../common/api-clients';
import { SubmitRateBucketEntity } from './submit-rate-bucket-entity';

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Per-client submit token buckets kept in the database, so all API replicas spend from one
 * budget. Spending is a single conditional UPDATE: PostgreSQL locks the row and re-checks the
 * condition against the newest version, so concurrent submits on any replica cannot both take
 * the last token; SQLite serializes writers. The same statements serve both databases.
 */
export class SubmitRateLimiter {
  constructor(
    private readonly dataSource: DataSource,
    /** The clock, in epoch milliseconds; tests may pass their own. */
    private readonly now: () => number = Date.now,
  ) {}

  /** Spends one of `clientName`'s tokens if it has one. */
  async take(clientName: string, rate: SubmitRate): Promise<RateLimitDecision> {
    const now = Math.floor(this.now());
    const repo = this.dataSource.getRepository(SubmitRateBucketEntity);
    // A client's first submit ever finds a full bucket.
    await repo.createQueryBuilder().insert().values({ clientName, tokens: rate.burst, updatedAtMs: now }).orIgnore().execute();
    const params = { clientName, now, perMs: rate.perMinute / 60_000, burst: rate.burst };
    const spent = await repo
      .createQueryBuilder()
      .update()
      .set({ tokens: () => `${REFILLED} - 1`, updatedAtMs: () => LATER })
      .where('client_name = :clientName')
      .andWhere(`${REFILLED} >= 1`)
      .setParameters(params)
      .execute();
    if (spent.affected) return { allowed: true };
    // Only the wait is derived from a second read; the decision itself was atomic.
    const bucket = await repo.findOneBy({ clientName });
    const tokens = bucket ? refilled(bucket.tokens, now - bucket.updatedAtMs, rate) : 0;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / (rate.perMinute / 60_000) / 1000)) };
  }
}

/**
 * Replicas' clocks differ a little: time never runs backwards for a bucket (a replica behind
 * the last writer adds nothing), so skew can delay a refill but never mint tokens.
 */
const ELAPSED = 'CASE WHEN CAST(:now AS bigint) > updated_at THEN CAST(:now AS bigint) - updated_at ELSE 0 END';
const LATER = 'CASE WHEN CAST(:now AS bigint) > updated_at THEN CAST(:now AS bigint) ELSE updated_at END';
/** Tokens after refilling at perMs for the elapsed time, capped at the burst (which may have been lowered since). */
const UNCAPPED = `tokens + (${ELAPSED}) * CAST(:perMs AS double precision)`;
const REFILLED = `(CASE WHEN ${UNCAPPED} > CAST(:burst AS double precision) THEN CAST(:burst AS double precision) ELSE ${UNCAPPED} END)`;

/** REFILLED, in JavaScript, for the retry hint. */
function refilled(tokens: number, elapsedMs: number, rate: SubmitRate): number {
  return Math.min(rate.burst, tokens + Math.max(0, elapsedMs) * (rate.perMinute / 60_000));
}
