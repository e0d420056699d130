import type { Client } from '@temporalio/client';
import type Docker from 'dockerode';
import type { DataSource } from 'typeorm';
import type { Config } from '../common/config';
import type { Logger } from '../common/logger';
import type { ChangeFeed } from '../db/change-feed';
import type { ProblemStore } from '../db/problem-store';
import type { SubmissionStore } from '../db/submission-store';
import type { BlobStore } from '../storage/blob-store';
import type { SubmitRateLimiter } from '../db/submit-rate-limiter';
import type { CallingClient } from './auth';
import type { QueueStats } from './generated/resolvers-types';

/** Long-lived services the resolvers use; one set per API process. */
export interface ApiServices {
  config: Config;
  dataSource: DataSource;
  store: SubmissionStore;
  problems: ProblemStore;
  /** Problems' test data, by content address. */
  blobs: BlobStore;
  feed: ChangeFeed;
  temporal: Client;
  /**
   * `temporal` shares its connection with this process's worker: a submission's first workflow
   * task is handed straight to that worker (eager workflow start).
   */
  eagerStart?: boolean;
  logger: Logger;
  /**
   * Only for /readyz, and only in a process that also runs a worker: that worker needs the
   * engine, an API-only process does not (it becomes ready without a Docker socket).
   */
  docker?: Docker;
}

/** Per-request context: the services plus who is asking. */
export interface ApiContext extends ApiServices {
  /** The API client the request authenticated as (the local client in the open mode): it owns what it submits. */
  client: CallingClient;
  /** Per-client `submit` buckets in the database, shared by both transports and every replica. */
  submitLimiter: SubmitRateLimiter;
  /** This process's queueStats, cached briefly and shared by every caller (queue-stats-cache.ts). */
  queueStats: () => Promise<QueueStats>;
}
