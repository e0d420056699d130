import { Counter, Gauge } from 'prom-client';
import { metricsRegistry } from '../common/metrics';
import type { QueueStats } from './generated/resolvers-types';

/** The API side's metrics; the finished/duration ones live in common/metrics.ts (the store records them). */
export const apiMetrics = {
  accepted: new Counter({
    name: 'sandflow_submissions_accepted_total',
    help: 'Submissions accepted (stored and dispatched), by language; repeated idempotency keys are not counted',
    labelNames: ['language'] as const,
    registers: [metricsRegistry],
  }),
  rateLimited: new Counter({
    name: 'sandflow_submit_rate_limited_total',
    help: 'submit calls refused with RATE_LIMITED, by API client',
    labelNames: ['client'] as const,
    registers: [metricsRegistry],
  }),
  webSocketConnections: new Gauge({
    name: 'sandflow_websocket_connections',
    help: 'graphql-ws connections admitted and open on this API process',
    registers: [metricsRegistry],
  }),
  subscriptions: new Gauge({
    name: 'sandflow_subscriptions_open',
    help: 'submissionUpdated subscriptions streaming on this API process',
    registers: [metricsRegistry],
  }),
};

/** The queueStats of the API apps in this process (one in production); each removes itself on stop. */
const queueSources = new Set<() => Promise<QueueStats>>();

const QUEUE_GAUGES: ReadonlyArray<{ field: 'backlog' | 'queued' | 'running' | 'workers'; help: string }> = [
  { field: 'backlog', help: "Tasks waiting in Temporal's submission task queue (approximate)" },
  { field: 'queued', help: 'Submissions accepted and not yet started' },
  { field: 'running', help: 'Submissions preparing, compiling or running' },
  { field: 'workers', help: 'Worker processes polling the submission task queue' },
];

for (const { field, help } of QUEUE_GAUGES) {
  new Gauge({
    name: `sandflow_queue_${field}`,
    help: `${help}; from queueStats, cached for SANDFLOW_QUEUE_STATS_CACHE_MS`,
    registers: [metricsRegistry],
    async collect() {
      const source = queueSources.values().next().value;
      // A scrape must answer even while Temporal or the database does not: the gauge keeps its last value.
      const stats = source && (await source().catch(() => undefined));
      if (stats) this.set(stats[field]);
    },
  });
}

/** Lets `/metrics` report this app's (cached) queueStats; returns the function that stops it. */
export function exposeQueueStats(source: () => Promise<QueueStats>): () => void {
  queueSources.add(source);
  return () => queueSources.delete(source);
}
