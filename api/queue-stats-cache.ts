import type { QueueStats } from './generated/resolvers-types';

export interface QueueStatsCacheOptions {
  /** How long one answer is reused by every caller; 0 reuses only an answer still being computed. */
  ttlMs: number;
  /** The clock; injectable so tests need not wait. */
  now?: () => number;
}

/**
 * One queueStats answer shared by every caller of this API process for `ttlMs`. Each fresh
 * answer costs database counts and two Temporal RPCs, so without sharing, a client asking
 * for it in a loop (or as 140 aliases of one request) turns into a flood on Temporal.
 * Concurrent callers share the computation in flight as well; a failed computation is not
 * kept, so the next caller tries again.
 */
export function cachedQueueStats(load: () => Promise<QueueStats>, options: QueueStatsCacheOptions): () => Promise<QueueStats> {
  const now = options.now ?? Date.now;
  // settledAt is undefined while the answer is being computed.
  let current: { answer: Promise<QueueStats>; settledAt: number | undefined } | undefined;
  return () => {
    if (current && (current.settledAt === undefined || now() - current.settledAt < options.ttlMs)) return current.answer;
    const entry: { answer: Promise<QueueStats>; settledAt: number | undefined } = { answer: load(), settledAt: undefined };
    current = entry;
    entry.answer.then(
      () => {
        entry.settledAt = now();
      },
      () => {
        if (current === entry) current = undefined;
      },
    );
    return entry.answer;
  };
}
