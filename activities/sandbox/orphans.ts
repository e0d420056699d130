import type Docker from 'dockerode';
import type { Logger } from '../../common/logger';
import { describeError } from './errors';

export interface RemoveOrphansOptions {
  /** Containers of submissions younger than this are left alone: they may be between create and start. */
  olderThanMs: number;
  /**
   * Whether the submission a container belongs to (label sandflow.submission) is still being
   * worked on; its containers are then kept. Without it, every old enough container goes.
   */
  isAlive?: (submissionId: string) => boolean | Promise<boolean>;
  /** Containers older than this go even when their submission is alive: no run lasts that long. */
  keptAtMostMs?: number;
  /**
   * Containers without a submission label (image version reads, test suites, tools) cannot be
   * asked about, and may run for long: they go only when older than this. Default 10 minutes.
   */
  unattributedOlderThanMs?: number;
  logger?: Logger;
}

const DEFAULT_UNATTRIBUTED_OLDER_THAN_MS = 10 * 60_000;

/**
 * Removes sandbox containers (label sandflow=1) left behind by a crashed worker: old
 * enough and not belonging to a live submission. Returns the ids it removed.
 */
export async function removeOrphans(docker: Docker, opts: RemoveOrphansOptions): Promise<string[]> {
  const containers = await docker.listContainers({ all: true, filters: JSON.stringify({ label: ['sandflow=1'] }) });
  const removed: string[] = [];
  const now = Date.now();
  for (const c of containers) {
    const age = now - c.Created * 1000;
    const submission = c.Labels['sandflow.submission'];
    const minAge = submission ? opts.olderThanMs : (opts.unattributedOlderThanMs ?? DEFAULT_UNATTRIBUTED_OLDER_THAN_MS);
    if (age < minAge) continue;
    const tooOld = opts.keptAtMostMs !== undefined && age > opts.keptAtMostMs;
    if (submission && !tooOld && opts.isAlive && (await opts.isAlive(submission))) continue;
    try {
      await docker.getContainer(c.Id).remove({ force: true, v: true });
      removed.push(c.Id);
      opts.logger?.info({ container: c.Id.slice(0, 12), submission }, 'removed orphaned sandbox');
    } catch (err) {
      // Gone already (its own run removed it meanwhile) is fine; anything else is worth a word.
      if ((err as { statusCode?: number }).statusCode !== 404) {
        opts.logger?.warn({ container: c.Id.slice(0, 12), err: describeError(err) }, 'could not remove orphaned sandbox');
      }
    }
  }
  return removed;
}
