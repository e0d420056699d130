import type Docker from 'dockerode';
import type { Logger } from '../common/logger';
import { describeError } from './errors';

export interface RemoveOrphansOptions {
  /**
   * Labels every container considered must carry besides sandflow=1 (e.g. the deployment):
   * containers of other deployments sharing the engine are never looked at, however old.
   */
  scope?: Readonly<Record<string, string>>;
  /** Containers younger than this are left alone: they may be between create and start. */
  olderThanMs: number;
  /** The label naming the worker whose sandbox a container is. */
  ownerLabel: string;
  /**
   * Whether the container's owner (the value of {@link ownerLabel}, and the whole label set for
   * finer checks) still lives; its containers are then kept.
   */
  isOwnerAlive: (owner: string, labels: Readonly<Record<string, string>>) => boolean | Promise<boolean>;
  /** Containers older than this go even when their owner lives: no container is kept that long. */
  keptAtMostMs: number;
  /**
   * Containers without an owner (image version reads, test suites, tools) cannot be asked
   * about, and may run for long: they go only when older than this. Default 10 minutes.
   */
  unattributedOlderThanMs?: number;
  logger?: Logger;
}

const DEFAULT_UNATTRIBUTED_OLDER_THAN_MS = 10 * 60_000;

/**
 * Removes sandbox containers (label sandflow=1) left behind by a crashed worker: old enough
 * and not owned by a live worker. Returns the ids it removed.
 */
export async function removeOrphans(docker: Docker, opts: RemoveOrphansOptions): Promise<string[]> {
  const label = ['sandflow=1', ...Object.entries(opts.scope ?? {}).map(([k, v]) => `${k}=${v}`)];
  const containers = await docker.listContainers({ all: true, filters: JSON.stringify({ label }) });
  const removed: string[] = [];
  const now = Date.now();
  for (const c of containers) {
    const age = now - c.Created * 1000;
    const owner = c.Labels[opts.ownerLabel];
    if (age < (owner ? opts.olderThanMs : (opts.unattributedOlderThanMs ?? DEFAULT_UNATTRIBUTED_OLDER_THAN_MS))) continue;
    if (owner && age <= opts.keptAtMostMs && (await opts.isOwnerAlive(owner, c.Labels))) continue;
    try {
      await docker.getContainer(c.Id).remove({ force: true, v: true });
      removed.push(c.Id);
      opts.logger?.info({ container: c.Id.slice(0, 12), owner }, 'removed orphaned sandbox');
    } catch (err) {
      // Gone already (its own worker removed it meanwhile) is fine; anything else is worth a word.
      if ((err as { statusCode?: number }).statusCode !== 404) {
        opts.logger?.warn({ container: c.Id.slice(0, 12), err: describeError(err) }, 'could not remove orphaned sandbox');
      }
    }
  }
  return removed;
}
