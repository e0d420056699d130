import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { PhaseDurations } from './submission-phases';

/**
 * Every metric of this process, served as Prometheus text by the API's `/metrics` and by the
 * separate metrics listener (SANDFLOW_METRICS_PORT). One registry per process: an `all`
 * process (API and worker) shows both sides on one page.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

/** Seconds, from a hello world's sub-second round trip to the 10-minute submission budget. */
const DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600];

/** Label of a submission that ended without a verdict (CANCELLED). */
export const NO_VERDICT = 'none';

const finishedTotal = new Counter({
  name: 'sandflow_submissions_finished_total',
  help: 'Submissions that reached a terminal status, by language, status and verdict (counted by the process that recorded the end)',
  labelNames: ['language', 'status', 'verdict'] as const,
  registers: [metricsRegistry],
});

/** A submission-duration histogram of this registry, on the shared buckets. */
function durationHistogram<L extends string>(name: string, help: string, labelNames: readonly L[]): Histogram<L> {
  return new Histogram({ name, help, labelNames, buckets: DURATION_BUCKETS, registers: [metricsRegistry] });
}

const endToEnd = durationHistogram(
  'sandflow_submission_duration_seconds',
  'From accepted to terminal status, by language and terminal status',
  ['language', 'status'],
);

const phaseSeconds = durationHistogram(
  'sandflow_submission_phase_duration_seconds',
  'Time a submission spent in one phase: queued (accepted, not started), preparing, compile, run (all cases)',
  ['language', 'phase'],
);

/** Records a submission's end: its outcome and, when its events allow, how long each phase took. */
export function recordFinished(
  submission: { language: string; status: string; verdict: string | null },
  durations: PhaseDurations | undefined,
): void {
  const { language, status } = submission;
  finishedTotal.inc({ language, status, verdict: submission.verdict ?? NO_VERDICT });
  if (!durations) return;
  endToEnd.observe({ language, status }, durations.totalSeconds);
  for (const [phase, seconds] of Object.entries(durations.phases)) phaseSeconds.observe({ language, phase }, seconds);
}
