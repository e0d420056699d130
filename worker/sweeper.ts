import fs from 'node:fs/promises';
import path from 'node:path';
import type Docker from 'dockerode';
import { COMPILE_LIMITS } from '../activities/compile-limits';
import { removeOrphans } from '../activities/sandbox';
import type { Config } from '../common/config';
import type { Logger } from '../common/logger';
import type { SubmissionStore } from '../db/submission-store';

export interface SweeperOptions {
  docker: Docker;
  store: SubmissionStore;
  config: Config;
  logger: Logger;
  workspaceRoot: string;
}

/** No sandbox may legitimately live longer than the largest wall limit plus start-up and removal. */
const MAX_CONTAINER_AGE_GRACE_MS = 120_000;

/**
 * One sweep: removes sandbox containers and workspaces whose submission has ended or no
 * longer exists (found by label and by directory name), so a crashed worker leaves no
 * orphans for long. Live submissions' containers are kept unless impossibly old.
 */
export async function sweepOnce({ docker, store, config, logger, workspaceRoot }: SweeperOptions): Promise<{ containers: number; workspaces: number }> {
  // Directory names are read before the open ids: a workspace claimed in between is then
  // among the open ids rather than mistaken for an orphan.
  const entries = await fs.readdir(workspaceRoot).catch(() => [] as string[]);
  const open = await store.openIds();
  const containers = await removeOrphans(docker, {
    olderThanMs: 5000,
    isAlive: (submissionId) => open.has(submissionId),
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
