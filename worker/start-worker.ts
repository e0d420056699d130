import fs from 'node:fs/promises';
import path from 'node:path';
import { NativeConnection, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type Docker from 'dockerode';
import { createHostActivities } from '../activities/host-activities';
import { DockerSandbox } from '../activities/sandbox';
import type { ActivityDeps, HostImage } from '../activities/deps';
import { createSubmissionActivities } from '../activities/submission-activities';
import type { Config } from '../common/config';
import type { Logger } from '../common/logger';
import type { SubmissionStore } from '../db/submission-store';
import { HEARTBEAT_EVERY_MS, type WorkerRegistry } from '../db/worker-registry';
import { workerIdentity } from './identity';
import { sandboxLabels, startSweeper } from './sweeper';
import { temporalTracingPlugins } from '../common/tracing';
import { activityMetricsInterceptor, meterSandbox } from './metrics';
import { tracedSandbox } from './traced-sandbox';
import { installTemporalRuntime } from './temporal-runtime';
import { EngineHealth } from './engine-health';
import { engineGatedSlots } from './engine-gated-slots';
import { engineOutageSandbox } from './engine-outage-sandbox';

export interface WorkerOptions {
  config: Config;
  store: SubmissionStore;
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
  /** This worker's own task queue, where work on its workspaces goes. */
  hostTaskQueue: string;
  /** Where this host keeps per-submission workspaces. */
  workspaceRoot: string;
  /** Resolves when both pollers have stopped; rejects if one failed. */
  done: Promise<void>;
  /** Stops polling, lets running activities finish or be cancelled, then closes the connection. */
  stop(): Promise<void>;
}

/** Activities of the shared queue beyond judging: recording failures, asking after hosts. */
const BOOKKEEPING_SLOTS = 8;
/** The SDK's defaults for workflow tasks and local activities (version 2's claim is one). */
const WORKFLOW_TASK_SLOTS = 40;
const LOCAL_ACTIVITY_SLOTS = 100;
/** The host queue runs activities only. */
const activitiesOnly = {
  workflowTaskSlotSupplier: { type: 'fixed-size', numSlots: 1 },
  localActivityTaskSlotSupplier: { type: 'fixed-size', numSlots: 1 },
  nexusTaskSlotSupplier: { type: 'fixed-size', numSlots: 1 },
} as const;

/** The per-host queue name: one per worker id, so a workspace's work reaches its own host. */
export function hostTaskQueueOf(config: Config): string {
  return `${config.temporal.taskQueue}-host-${config.workerId}`;
}

/**
 * Starts one worker process's two pollers: the shared submission queue (workflows, judging and
 * bookkeeping, any worker; judging bounded by this host's slots, so excess work waits in
 * Temporal for whichever worker frees a slot first) and this host's own queue (the steps of
 * older workflow versions, which must run where their claim wrote the files).
 */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const { config, logger } = options;
  const hostTaskQueue = hostTaskQueueOf(config);
  const workspaceRoot = path.join(config.dataDir, 'workspaces');
  await fs.mkdir(workspaceRoot, { recursive: true });
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
  // A judge's bookkeeping (database, Temporal) overlaps another's program, so each queue takes
  // twice the slots, while the host activities' one semaphore keeps the sandboxes at the slots.
  // No activity is polled for while the engine does not answer (engine-gated-slots.ts).
  const judgingSlots = config.sandboxSlots * 2;
  const sharedSlots = engineGatedSlots(judgingSlots + BOOKKEEPING_SLOTS, () => engine.takesWork);
  const hostSlots = engineGatedSlots(judgingSlots, () => engine.takesWork);
  engine.watch({
    lost: () => dockerSandbox.engineLost(),
    back: async (downSince) => void (await dockerSandbox.engineBack(downSince)),
    changed: () => {
      sharedSlots.changed();
      hostSlots.changed();
    },
  });
  const deps: ActivityDeps = { ...options, sandbox, hostTaskQueue, workspaceRoot };
  installTemporalRuntime(logger);
  const connection = options.connection ?? (await NativeConnection.connect({ address: config.temporal.address }));
  const identity = workerIdentity(config.workerId, config.sandboxSlots);
  const workflows = options.workflowBundle
    ? { workflowBundle: options.workflowBundle }
    : { workflowsPath: require.resolve('../workflows') };
  const hostActivities = createHostActivities(deps);
  const judging = {
    // Cancellations arrive with heartbeat responses: send them often so a cancelled
    // submission's container is gone within about a second.
    maxHeartbeatThrottleInterval: '500ms',
    // A stopping worker lets running sandboxes finish; whatever is left is retried elsewhere.
    shutdownGraceTime: '10s',
  } as const;
  const shared = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    identity,
    ...workflows,
    activities: { ...createSubmissionActivities(deps), claimAndJudge: hostActivities.claimAndJudge },
    interceptors: { activity: [activityMetricsInterceptor] },
    plugins: temporalTracingPlugins(),
    // Judging, plus room for the bookkeeping of failed and cancelled submissions: a worker
    // whose slots are taken leaves further submissions to the others.
    tuner: {
      activityTaskSlotSupplier: sharedSlots.supplier,
      workflowTaskSlotSupplier: { type: 'fixed-size', numSlots: WORKFLOW_TASK_SLOTS },
      localActivityTaskSlotSupplier: { type: 'fixed-size', numSlots: LOCAL_ACTIVITY_SLOTS },
      nexusTaskSlotSupplier: { type: 'fixed-size', numSlots: 1 },
    },
    ...judging,
  });
  // The older workflow versions' steps, on this host's own queue.
  const host = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: hostTaskQueue,
    identity,
    activities: hostActivities,
    interceptors: { activity: [activityMetricsInterceptor] },
    plugins: temporalTracingPlugins(),
    tuner: { ...activitiesOnly, activityTaskSlotSupplier: hostSlots.supplier },
    ...judging,
  });
  const done = Promise.all([shared.run(), host.run()]).then(() => undefined);
  engine.start();
  logger.info({ taskQueue: config.temporal.taskQueue, hostTaskQueue, slots: config.sandboxSlots }, 'worker polling');
  const self = { id: config.workerId, taskQueue: hostTaskQueue, slots: config.sandboxSlots, startedAt: new Date() };
  await options.workers.beat(self);
  const beating = setInterval(() => {
    options.workers.beat(self).catch((error: unknown) => logger.warn({ err: error }, 'worker heartbeat failed'));
  }, HEARTBEAT_EVERY_MS);
  const stopSweeper = startSweeper({ docker: options.docker, store: options.store, workers: options.workers, config, logger, workspaceRoot }, config.sweepIntervalMs);
  return {
    hostTaskQueue,
    workspaceRoot,
    done,
    async stop() {
      await stopSweeper();
      await engine.stop();
      for (const w of [shared, host]) if (w.getState() === 'RUNNING') w.shutdown();
      await done.catch((error: unknown) => logger.error({ err: error }, 'worker stopped with an error'));
      await sandbox.close();
      stopMetering();
      clearInterval(beating);
      await options.workers.remove(config.workerId).catch(() => undefined);
      if (!options.connection) await connection.close();
    },
  };
}
