import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import Docker from 'dockerode';
import type { DataSource } from 'typeorm';
import type { Config } from '../common/config';
import type { Logger } from '../common/logger';
import { InProcessChangeFeed, PostgresChangeFeed, POSTGRES_CHANGE_CHANNEL, type ChangeFeed } from '../db/change-feed';
import { openDatabase } from '../db/data-source';
import { ProblemStore } from '../db/problem-store';
import { SubmissionStore } from '../db/submission-store';
import type { BlobStore } from '../storage/blob-store';
import { DirectoryBlobStore } from '../storage/directory-blob-store';
import { temporalTracingPlugins } from '../common/tracing';
import { installTemporalRuntime } from '../worker/temporal-runtime';

export interface Persistence {
  dataSource: DataSource;
  feed: ChangeFeed;
  store: SubmissionStore;
  problems: ProblemStore;
  /** Where problems' test data is stored, by content address. */
  blobs: BlobStore;
  close(): Promise<void>;
}

/**
 * Opens the database (applying pending migrations; every role does, so whichever process
 * starts first finds the schema in place) and the change feed that fits it:
 * LISTEN/NOTIFY across processes on PostgreSQL, in-process on SQLite.
 */
export async function openPersistence(config: Config, logger: Logger): Promise<Persistence> {
  const dataSource = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    timeoutMs: config.databaseTimeoutMs,
  });
  const feed: ChangeFeed = config.databaseUrl
    ? await PostgresChangeFeed.connect(
        config.databaseUrl,
        async (id) => {
          await dataSource.query('SELECT pg_notify($1, $2)', [POSTGRES_CHANGE_CHANNEL, id]);
        },
        logger,
      )
    : new InProcessChangeFeed();
  const store = new SubmissionStore(dataSource, feed);
  const blobs = await DirectoryBlobStore.open(testDataDirectory(config));
  return {
    dataSource,
    feed,
    store,
    problems: new ProblemStore(dataSource),
    blobs,
    async close() {
      await feed.close();
      await dataSource.destroy();
    },
  };
}

/** The embedded test data store: a directory under the data dir. */
export function testDataDirectory(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'testdata');
}

export interface TemporalServices {
  client: Client;
  /** The worker's connection, when this process runs one: its client then starts workflows eagerly. */
  native: NativeConnection | undefined;
  close(): Promise<void>;
}

/**
 * A process with a worker dials one native connection and shares it with its client, so a
 * workflow the API starts can be handed to this worker in the start call's answer (eager
 * workflow start: no matching round trip, no poll). An API-only process connects lazily:
 * nothing is dialled until the first call, so it can start while Temporal is down (accepting
 * submissions for the redispatcher, and answering /readyz with 503) instead of crash-looping.
 */
export async function connectTemporal(config: Config, logger: Logger, withWorker: boolean): Promise<TemporalServices> {
  if (withWorker) installTemporalRuntime(logger);
  const native = withWorker ? await NativeConnection.connect({ address: config.temporal.address }) : undefined;
  const connection = native ?? Connection.lazy({ address: config.temporal.address });
  // With tracing on, starting a workflow carries the caller's trace into it (common/tracing.ts).
  const client = new Client({ connection, namespace: config.temporal.namespace, plugins: temporalTracingPlugins() });
  return { client, native, close: () => connection.close() };
}

/** The Docker engine at DOCKER_HOST, or the local socket. */
export function connectDocker(): Docker {
  return new Docker();
}
