/** When to try a webhook again: exponential backoff with full jitter, as data a workflow can replay. */
export interface RetryPolicy {
  /** Attempts in all, the first included (1..20). */
  maxAttempts: number;
  /** Delay before the second attempt, before jitter, in milliseconds. */
  initialDelayMs: number;
  /** Growth of the delay per attempt (>= 1). */
  multiplier: number;
  /** Cap on any one delay, in milliseconds. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, initialDelayMs: 5_000, multiplier: 3, maxDelayMs: 3_600_000 };

/**
 * The delays, in milliseconds, before attempts 2..maxAttempts. Jitter comes from `random` (values in
 * [0, 1), one per delay) so a workflow passes its deterministic random and replays get the same
 * schedule. Each delay lies in [base/2, base], which spreads receivers' retries yet keeps the backoff.
 */
export function retryDelays(policy: RetryPolicy, random: () => number): number[] {
  const { maxAttempts, initialDelayMs, multiplier, maxDelayMs } = policy;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 20)
    throw new Error(`maxAttempts must be an integer in 1..20, got ${maxAttempts}`);
  if (!(initialDelayMs >= 0)) throw new Error(`initialDelayMs must be >= 0, got ${initialDelayMs}`);
  if (!(multiplier >= 1)) throw new Error(`multiplier must be >= 1, got ${multiplier}`);
  if (!(maxDelayMs >= initialDelayMs))
    throw new Error(`maxDelayMs must be >= initialDelayMs (${initialDelayMs}), got ${maxDelayMs}`);
  const delays: number[] = [];
  for (let attempt = 1; attempt < maxAttempts; attempt++) {
    const base = Math.min(maxDelayMs, initialDelayMs * multiplier ** (attempt - 1));
    const r = random();
    if (!(r >= 0 && r < 1)) throw new Error(`random() must return a value in [0, 1), got ${r}`);
    delays.push(Math.round(base / 2 + (base / 2) * r));
  }
  return delays;
}
