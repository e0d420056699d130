import type { Client } from '@temporalio/client';
import type Docker from 'dockerode';
import type { DataSource } from 'typeorm';
import type { Config } from '../common/config';
import type { Logger } from '../common/logger';
import type { ChangeFeed } from '../db/change-feed';
import type { SubmissionStore } from '../db/submission-store';
import type { RateLimiter } from './rate-limit';

/** Long-lived services the resolvers use; one set per API process. */
export interface ApiServices {
  config: Config;
  dataSource: DataSource;
  store: SubmissionStore;
  feed: ChangeFeed;
  temporal: Client;
  logger: Logger;
  /** Only for /readyz: the engine the workers on this host use. */
  docker?: Docker;
}

/** Per-request context: the services plus who is asking. */
export interface ApiContext extends ApiServices {
  /** The API token the request authenticated with; null when no tokens are configured. */
  token: string | null;
  /** This process's `submit` rate limiter, shared by both transports. */
  submitLimiter: RateLimiter;
  /** Whom `submit` is charged to: the token, or the client address without tokens. */
  rateLimitKey: string;
}
