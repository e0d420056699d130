import { randomUUID } from 'node:crypto';
import type Docker from 'dockerode';
import { COMPILE_LIMITS } from '../common/compile-limits';
import { removeOrphans } from '../sandbox';
import type { Config } from '../common/config';
import type { Logger } from '../common/logger';
import type { WorkerRegistry } from '../db/worker-registry';

export interface SweeperOptions {
  docker: Docker;
  workers: Pick<WorkerRegistry, 'isAlive'>;
  config: Config;
  logger: Logger;
  /**
   * Containers younger than this are left alone: they may be between create and start.
   * Default 5 s; tests pass 0 rather than wait.
   */
  minContainerAgeMs?: number;
  /**
   * How far past the largest run a live worker's container may grow old before it counts as
   * forgotten and goes anyway. Default 7 minutes (a warm container's 5-minute age limit, plus slack).
   */
  maxContainerAgeGraceMs?: number;
}

/** The label naming the worker whose sandbox a container is; the sweeper asks whether that worker lives. */
export const WORKER_LABEL = 'sandflow.worker';
/**
 * The label naming the worker process that made a container: a worker restarted under the
 * same id (to resume in place) still sweeps what its previous process left.
 */
export const INSTANCE_LABEL = 'sandflow.instance';
/** This process's instance, for {@link INSTANCE_LABEL}. */
export const processInstance = randomUUID();
/**
 * The label naming the deployment (its shared task queue) a container belongs to: two
 * deployments on one Docker host each know only their own workers, so each sweeps only its own.
 */
export const DEPLOYMENT_LABEL = 'sandflow.deployment';

/** This deployment's name for {@link DEPLOYMENT_LABEL}: every process of it shares the task queue. */
export function deploymentOf(config: Config): string {
  return config.temporal.taskQueue;
}

/** The labels of every sandbox container this worker process makes, for the sweepers to read. */
export function sandboxLabels(config: Config): Record<string, string> {
  return { [WORKER_LABEL]: config.workerId, [INSTANCE_LABEL]: processInstance, [DEPLOYMENT_LABEL]: deploymentOf(config) };
}

const DEFAULT_MIN_CONTAINER_AGE_MS = 5000;
/** No sandbox may legitimately live longer than a warm container's age limit plus the largest run. */
const DEFAULT_MAX_CONTAINER_AGE_GRACE_MS = 5 * 60_000 + 120_000;

/**
 * One sweep: removes sandbox containers whose worker process is gone (found by label), so a
 * crashed worker leaves no orphans for long. Live workers' containers are kept unless
 * impossibly old. Only this deployment's containers are looked at: another deployment's are
 * its own sweeper's, whatever their age. Returns how many containers went.
 */
export async function sweepOnce(options: SweeperOptions): Promise<number> {
  const { docker, workers, config, logger } = options;
  const containers = await removeOrphans(docker, {
    // Another deployment's workers are not in our registry: its containers are its own to sweep.
    scope: { [DEPLOYMENT_LABEL]: deploymentOf(config) },
    olderThanMs: options.minContainerAgeMs ?? DEFAULT_MIN_CONTAINER_AGE_MS,
    ownerLabel: WORKER_LABEL,
    isOwnerAlive: (worker, labels) =>
      worker === config.workerId ? labels[INSTANCE_LABEL] === processInstance : workers.isAlive(worker),
    keptAtMostMs:
      Math.max(config.maxLimits.wallTimeMs, COMPILE_LIMITS.wallTimeMs) +
      (options.maxContainerAgeGraceMs ?? DEFAULT_MAX_CONTAINER_AGE_GRACE_MS),
    logger,
  });
  if (containers.length) logger.info({ containers: containers.length }, 'swept orphans');
  return containers.length;
}

/** Sweeps at start and then every `everyMs`; returns the function that stops it. */
export function startSweeper(options: SweeperOptions, everyMs = 30_000): () => Promise<void> {
  let current: Promise<unknown> = sweepOnce(options).catch((error: unknown) =>
    options.logger.warn({ err: error }, 'sweep failed'),
  );
  const timer = setInterval(() => {
    current = current
      .then(() => sweepOnce(options))
      .catch((error: unknown) => options.logger.warn({ err: error }, 'sweep failed'));
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await current;
  };
}
