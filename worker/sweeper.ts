import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type Docker from 'dockerode';
import { COMPILE_LIMITS } from '../activities/compile-limits';
import { removeOrphans } from '../activities/sandbox';
import type { Config } from '../common/config';
import type { Logger } from '../common/logger';
import type { SubmissionStore } from '../db/submission-store';
import type { WorkerRegistry } from '../db/worker-registry';

export interface SweeperOptions {
  docker: Docker;
  store: SubmissionStore;
  workers: Pick<WorkerRegistry, 'isAlive'>;
  config: Config;
  logger: Logger;
  workspaceRoot: string;
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

/** No sandbox may legitimately live longer than a warm container's age limit plus the largest run. */
const MAX_CONTAINER_AGE_GRACE_MS = 5 * 60_000 + 120_000;

/**
 * One sweep: removes sandbox containers whose worker process is gone (found by label) and
 * workspaces whose submission has ended or no longer exists (found by directory name), so a
 * crashed worker leaves no orphans for long. Live workers' containers are kept unless
 * impossibly old.
 */
export async function sweepOnce({ docker, store, workers, config, logger, workspaceRoot }: SweeperOptions): Promise<{ containers: number; workspaces: number }> {
  // Directory names are read before the open ids: a workspace claimed in between is then
  // among the open ids rather than mistaken for an orphan.
  const entries = await fs.readdir(workspaceRoot).catch(() => [] as string[]);
  const open = await store.openIds();
  const containers = await removeOrphans(docker, {
    olderThanMs: 5000,
    ownerLabel: WORKER_LABEL,
    isOwnerAlive: (worker, labels) =>
      worker === config.workerId ? labels[INSTANCE_LABEL] === processInstance : workers.isAlive(worker),
    keptAtMostMs: Math.max(config.maxLimits.wallTimeMs, COMPILE_LIMITS.wallTimeMs) + MAX_CONTAINER_AGE_GRACE_MS,
    logger,
  });
  let workspaces = 0;
  for (const entry of entries) {
    if (open.has(entry)) continue;
    await fs.rm(path.join(workspaceRoot, entry), { recursive: true, force: true });
    workspaces++;
  }
  if (containers.length || workspaces) logger.info({ containers: containers.length, workspaces }, 'swept orphans');
  return { containers: containers.length, workspaces };
}

/** Sweeps at start and then every `everyMs`; returns the function that stops it. */
export function startSweeper(options: SweeperOptions, everyMs = 30_000): () => Promise<void> {
  let current: Promise<unknown> = sweepOnce(options).catch((error: unknown) => options.logger.warn({ err: error }, 'sweep failed'));
  const timer = setInterval(() => {
    current = current.then(() => sweepOnce(options)).catch((error: unknown) => options.logger.warn({ err: error }, 'sweep failed'));
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await current;
  };
}
