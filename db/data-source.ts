import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { migrations } from '../migrations';
import { ProblemEntity } from './problem-entity';
import { ProblemVersionEntity } from './problem-version-entity';
import { RuntimeEntity } from './runtime-entity';
import { SubmissionEntity } from './submission-entity';
import { SubmissionEventEntity } from './submission-event-entity';
import { SubmitRateBucketEntity } from './submit-rate-bucket-entity';
import { TestResultEntity } from './test-result-entity';
import { WorkerEntity } from './worker-entity';

export interface DatabaseOptions {
  /** A `postgres://` URL; when absent an SQLite file in dataDir is used. */
  databaseUrl?: string | undefined;
  /** Where the SQLite file lives. */
  dataDir: string;
  /**
   * Longest a connection attempt or a statement may take (SANDFLOW_DB_TIMEOUT_MS), so that a
   * database that went away fails requests quickly instead of holding them: PostgreSQL's pool
   * connection timeout, statement_timeout and the client-side query timeout; SQLite's busy_timeout.
   */
  timeoutMs?: number | undefined;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** Builds (but does not connect) the data source. Schema changes only ever come from migrations. */
export function createDataSource(options: DatabaseOptions): DataSource {
  const common = {
    entities: [
      SubmissionEntity,
      SubmissionEventEntity,
      TestResultEntity,
      RuntimeEntity,
      WorkerEntity,
      SubmitRateBucketEntity,
      ProblemEntity,
      ProblemVersionEntity,
    ],
    migrations,
    synchronize: false,
    logging: false,
  };
  if (options.databaseUrl) {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return new DataSource({
      type: 'postgres',
      url: options.databaseUrl,
      ...common,
      // query_timeout also covers a server that stopped answering on an open socket, which statement_timeout (server side) cannot.
      extra: { max: 20, connectionTimeoutMillis: timeoutMs, statement_timeout: timeoutMs, query_timeout: timeoutMs + 1000 },
    });
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  return new DataSource({
    type: 'better-sqlite3',
    database: path.join(options.dataDir, 'sandflow.sqlite'),
    ...common,
    // WAL lets the API read while a worker in another process writes.
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma(`busy_timeout = ${Math.floor(options.timeoutMs ?? DEFAULT_TIMEOUT_MS)}`);
    },
  });
}

/** Any fixed number shared by every sandflow process: the PostgreSQL advisory lock key for migrations. */
const MIGRATION_LOCK_KEY = 7_263_001;

/** Applies pending migrations; on PostgreSQL under an advisory lock so replicas starting together do not race. */
export async function migrate(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'postgres') {
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } catch (error) {
      // Another process sharing the SQLite file migrated at the same moment; fine if it finished.
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (await dataSource.showMigrations()) throw error;
    }
    return;
  }
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}

/** Connects and applies pending migrations. */
export async function openDatabase(options: DatabaseOptions): Promise<DataSource> {
  const dataSource = createDataSource(options);
  await dataSource.initialize();
  await migrate(dataSource);
  return dataSource;
}
