import type { Config } from '../common/config';
import type { Logger } from '../common/logger';
import type { SubmissionStore } from '../db/submission-store';
import type { WorkerRegistry } from '../db/worker-registry';
import type { Sandbox } from './sandbox';

/** A language's built image on this worker host. */
export interface RuntimeImage {
  image: string;
  version: string;
}

/** What activities need from the worker process; passed in so tests can build their own. */
export interface ActivityDeps {
  store: SubmissionStore;
  workers: WorkerRegistry;
  /** Where programs run; the container engine sits behind it. */
  sandbox: Sandbox;
  config: Config;
  logger: Logger;
  /** Language id → its image on this host. */
  images: ReadonlyMap<string, RuntimeImage>;
  /** This worker's own task queue: work on a prepared workspace is routed here. */
  hostTaskQueue: string;
  /** Root of this host's per-submission workspaces. */
  workspaceRoot: string;
}
