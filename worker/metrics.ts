import { CancelledFailure } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { Counter, Gauge } from 'prom-client';
import type { Sandbox } from '../sandbox';
import { metricsRegistry } from '../common/metrics';

/** What the sandbox gauges read from one worker of this process. */
interface SandboxGaugeSource {
  slots: number;
  running(): number;
  idle(): number;
  engineUp(): boolean;
}

/** Workers of this process by id (one in production; tests start several). */
const sources = new Map<string, SandboxGaugeSource>();

function perWorkerGauge(name: string, help: string, read: (source: SandboxGaugeSource) => number): void {
  new Gauge({
    name,
    help,
    labelNames: ['worker'] as const,
    registers: [metricsRegistry],
    collect() {
      // Reset first, so a stopped worker's series disappears instead of freezing at its last value.
      this.reset();
      for (const [worker, source] of sources) this.set({ worker }, read(source));
    },
  });
}

perWorkerGauge('sandflow_sandboxes_running', 'Sandbox jobs (compiles and runs) executing now on this worker', (s) => s.running());
perWorkerGauge('sandflow_sandbox_slots', 'Sandboxes this worker runs at once (SANDFLOW_SANDBOX_SLOTS)', (s) => s.slots);
perWorkerGauge('sandflow_sandbox_slots_free', 'Slots not running a sandbox job now', (s) => Math.max(0, s.slots - s.running()));
perWorkerGauge('sandflow_warm_containers_idle', 'Warm containers wiped and waiting for a job (0 in fresh mode)', (s) => s.idle());
perWorkerGauge(
  'sandflow_sandbox_engine_up',
  "1 while this worker's Docker engine answers; 0 while it does not (the worker then takes no sandbox work)",
  (s) => (s.engineUp() ? 1 : 0),
);

/**
 * Wraps the worker's sandbox so the gauges see how many jobs it runs; returns the sandbox
 * activities use and the function that takes this worker off the gauges.
 */
export function meterSandbox(
  inner: Sandbox,
  worker: { id: string; slots: number; idle: () => number; engineUp: () => boolean },
): { sandbox: Sandbox; unregister: () => void } {
  let running = 0;
  const sandbox: Sandbox = {
    async run(spec, opts) {
      running++;
      try {
        return await inner.run(spec, opts);
      } finally {
        running--;
      }
    },
    close: () => inner.close(),
  };
  sources.set(worker.id, { slots: worker.slots, running: () => running, idle: worker.idle, engineUp: worker.engineUp });
  return { sandbox, unregister: () => sources.delete(worker.id) };
}

const retries = new Counter({
  name: 'sandflow_activity_retries_total',
  help: 'Activity attempts after the first (Temporal retrying after a failure or a lost worker), by activity',
  labelNames: ['activity'] as const,
  registers: [metricsRegistry],
});

const failures = new Counter({
  name: 'sandflow_activity_failures_total',
  help: 'Activity attempts that failed (infrastructure: Docker, the database, a lost container); cancellations are not counted',
  labelNames: ['activity'] as const,
  registers: [metricsRegistry],
});

/** Counts retries and failed attempts of every activity this worker runs. */
export const activityMetricsInterceptor: ActivityInterceptorsFactory = (ctx) => ({
  inbound: {
    async execute(input, next) {
      const activity = ctx.info.activityType;
      if (ctx.info.attempt > 1) retries.inc({ activity });
      try {
        return await next(input);
      } catch (error) {
        if (!(error instanceof CancelledFailure)) failures.inc({ activity });
        throw error;
      }
    },
  },
});
