import { Client, Connection } from '@temporalio/client';
import Docker from 'dockerode';
import type { DataSource } from 'typeorm';
import type { Config } from '../common/config';
import type { Logger } from '../common/logger';
import { InProcessChangeFeed, PostgresChangeFeed, POSTGRES_CHANGE_CHANNEL, type ChangeFeed } from '../db/change-feed';
import { openDatabase } from '../db/data-source';
import { SubmissionStore } from '../db/submission-store';
import { temporalTracingPlugins } from '../common/tracing';

export interface Persistence {
  dataSource: DataSource;
  feed: ChangeFeed;
  store: SubmissionStore;
  close(): Promise<void>;
}

/**
 * Opens the database (applying pending migrations; every role does, so whichever process
 * starts first finds the schema in place) and the change feed that fits it:
 * LISTEN/NOTIFY across processes on PostgreSQL, in-process on SQLite.
 */
export async function openPersistence(config: Config, logger: Logger): Promise<Persistence> {
  const dataSource = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
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
  return {
    dataSource,
    feed,
    store,
    async close() {
      await feed.close();
      await dataSource.destroy();
    },
  };
}

/**
 * Lazy: nothing is dialled until the first call, so an API can start while Temporal is down
 * (accepting submissions for the redispatcher, and answering /readyz with 503) instead of
 * crash-looping. A worker still fails at start, on its first call.
 */
export async function connectTemporal(config: Config): Promise<{ client: Client; connection: Connection; close(): Promise<void> }> {
  const connection = Connection.lazy({ address: config.temporal.address });
  // With tracing on, starting a workflow carries the caller's trace into it (common/tracing.ts).
  const client = new Client({ connection, namespace: config.temporal.namespace, plugins: temporalTracingPlugins() });
  return { client, connection, close: () => connection.close() };
}

/** The Docker engine at DOCKER_HOST, or the local socket. */
export function connectDocker(): Docker {
  return new Docker();
}
