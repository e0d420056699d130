import { NativeConnection, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type Docker from 'dockerode';
import { DockerSandbox } from '../sandbox';
import type { ActivityDeps, HostImage } from '../activities/deps';
import { createJudgeActivities } from '../activities/judge-activity';
import { createSubmissionActivities } from '../activities/submission-activities';
import type { Config } from '../common/config';
import type { Logger } from '../common/logger';
import type { ProblemStore } from '../db/problem-store';
import type { SubmissionStore } from '../db/submission-store';
import type { TestFiles } from '../storage/cached-test-files';
import { HEARTBEAT_EVERY_MS, type WorkerRegistry } from '../db/worker-registry';
import { workerIdentity } from './identity';
import { sandboxLabels, startSweeper } from './sweeper';
import { temporalTracingPlugins } from '../common/tracing';
import { activityMetricsInterceptor, meterSandbox } from './metrics';
import { tracedSandbox } from '../sandbox/traced-sandbox';
import { installTemporalRuntime } from './temporal-runtime';
import { EngineHealth } from '../sandbox/engine-health';
import { engineGatedSlots } from './engine-gated-slots';
import { engineOutageSandbox } from '../sandbox/engine-outage-sandbox';

export interface WorkerOptions {
  config: Config;
  store: SubmissionStore;
  problems: ProblemStore;
  /** Problems' test files, through this worker's cache. */
  testFiles: TestFiles;
  workers: WorkerRegistry;
  docker: Docker;
  logger: Logger;
  /** Language id → image built on this host (see registerRuntimes). */
  images: ReadonlyMap<string, HostImage>;
  /** A prebuilt workflow bundle; tests share one instead of bundling per worker. */
  workflowBundle?: WorkflowBundleWithSourceMap;
  /**
   * The process's Temporal connection, when its API shares it (eager workflow start needs the
   * starter and the worker on one connection); closed by its owner, not by the worker.
   */
  connection?: NativeConnection;
}

export interface RunningWorker {
  /** Resolves when the poller has stopped; rejects if it failed. */
  done: Promise<void>;
  /** Stops polling, lets running activities finish or be cancelled, then closes the connection. */
  stop(): Promise<void>;
}

/** Activities of the queue beyond judging: recording failed and cancelled submissions. */
const BOOKKEEPING_SLOTS = 8;
/** The SDK's default for workflow tasks; the workflow runs no local activities. */
const WORKFLOW_TASK_SLOTS = 40;

/**
 * Starts one worker process's poller of the submission queue: workflows, judging and
 * bookkeeping, any worker; judging is bounded by this host's slots, so excess work waits in
 * Temporal for whichever worker frees a slot first.
 */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const { config, logger } = options;
  const dockerSandbox = new DockerSandbox(options.docker, {
    mode: config.sandboxMode,
    maxIdle: config.sandboxSlots,
    labels: sandboxLabels(config),
    logger,
  });
  const engine = new EngineHealth(options.docker, { budgetMs: config.engineOutageBudgetMs, logger });
  const { sandbox: metered, unregister: stopMetering } = meterSandbox(tracedSandbox(dockerSandbox), {
    id: config.workerId,
    slots: config.sandboxSlots,
    idle: () => dockerSandbox.idleCount(),
    engineUp: () => engine.up,
  });
  // Outermost, so a job waiting for the engine counts as neither running nor traced.
  const sandbox = engineOutageSandbox(metered, engine, logger);
  // A judge's bookkeeping (database, Temporal) overlaps another's program, so the queue takes
  // twice the slots, while the judging activity's semaphore keeps the sandboxes at the slots.
  // No activity is polled for while the engine does not answer (engine-gated-slots.ts).
  const activitySlots = engineGatedSlots(config.sandboxSlots * 2 + BOOKKEEPING_SLOTS, () => engine.takesWork);
  engine.watch({
    lost: () => dockerSandbox.engineLost(),
    back: async (downSince) => void (await dockerSandbox.engineBack(downSince)),
    changed: () => activitySlots.changed(),
  });
  const deps: ActivityDeps = { ...options, sandbox };
  installTemporalRuntime(logger);
  const connection = options.connection ?? (await NativeConnection.connect({ address: config.temporal.address }));
  const identity = workerIdentity(config.workerId, config.sandboxSlots);
  const workflows = options.workflowBundle
    ? { workflowBundle: options.workflowBundle }
    : { workflowsPath: require.resolve('../workflows') };
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    identity,
    ...workflows,
    activities: { ...createSubmissionActivities(deps), ...createJudgeActivities(deps) },
    interceptors: { activity: [activityMetricsInterceptor] },
    plugins: temporalTracingPlugins(),
    // Judging, plus room for the bookkeeping of failed and cancelled submissions: a worker
    // whose slots are taken leaves further submissions to the others.
    tuner: {
      activityTaskSlotSupplier: activitySlots.supplier,
      workflowTaskSlotSupplier: { type: 'fixed-size', numSlots: WORKFLOW_TASK_SLOTS },
      localActivityTaskSlotSupplier: { type: 'fixed-size', numSlots: 1 },
      nexusTaskSlotSupplier: { type: 'fixed-size', numSlots: 1 },
    },
    // Cancellations arrive with heartbeat responses: send them often so a cancelled
    // submission's container is gone within about a second.
    maxHeartbeatThrottleInterval: '500ms',
    // A stopping worker lets running sandboxes finish; whatever is left is retried elsewhere.
    shutdownGraceTime: '10s',
  });
  const done = worker.run();
  engine.start();
  logger.info({ taskQueue: config.temporal.taskQueue, slots: config.sandboxSlots }, 'worker polling');
  const self = { id: config.workerId, taskQueue: config.temporal.taskQueue, slots: config.sandboxSlots, startedAt: new Date() };
  await options.workers.beat(self);
  const beating = setInterval(() => {
    options.workers.beat(self).catch((error: unknown) => logger.warn({ err: error }, 'worker heartbeat failed'));
  }, HEARTBEAT_EVERY_MS);
  const stopSweeper = startSweeper({ docker: options.docker, workers: options.workers, config, logger }, config.sweepIntervalMs);
  return {
    done,
    async stop() {
      await stopSweeper();
      await engine.stop();
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done.catch((error: unknown) => logger.error({ err: error }, 'worker stopped with an error'));
      await sandbox.close();
      stopMetering();
      clearInterval(beating);
      await options.workers.remove(config.workerId).catch(() => undefined);
      if (!options.connection) await connection.close();
    },
  };
}
