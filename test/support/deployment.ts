import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { loadConfig, type Config } from '../../common/config';
import type { SandflowProcess } from './sandflow-process';

/** The two databases sandflow supports; API suites run once on each. */
export const DATABASES = ['sqlite', 'postgres'] as const;
export type DatabaseKind = (typeof DATABASES)[number];

export interface Deployment {
  kind: DatabaseKind;
  /** What every process of the deployment shares: data dir, database, task queue, languages. */
  config: Config;
  /** Removes the data dir and drops the database. */
  dispose(): Promise<void>;
}

/**
 * An empty deployment: a fresh data dir, task queue and (for PostgreSQL) database, nothing
 * migrated and nothing running. For suites that start sandflow as separate processes or run
 * the migrate command themselves; startTestSandflow covers the in-process case.
 */
export async function createDeployment(kind: DatabaseKind, env: Record<string, string> = {}): Promise<Deployment> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sandflow-deploy-'));
  const databaseUrl = kind === 'postgres' ? await createPostgresDatabase() : undefined;
  const config = loadConfig({
    ...process.env,
    SANDFLOW_DATA_DIR: dataDir,
    SANDFLOW_TASK_QUEUE: `sandflow-test-${randomUUID()}`,
    SANDFLOW_LANGUAGES: 'python',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...env,
  });
  return {
    kind,
    config,
    async dispose() {
      if (databaseUrl) await dropPostgresDatabase(databaseUrl);
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The URLs an API process logs once it listens (pino JSON: {"msg":"GraphQL API listening","url",…}). */
export async function apiUrls(api: SandflowProcess): Promise<{ url: string; wsUrl: string }> {
  const line = await api.waitForLog(/GraphQL API listening/);
  const { url, wsUrl } = JSON.parse(line) as { url?: unknown; wsUrl?: unknown };
  if (typeof url !== 'string' || typeof wsUrl !== 'string') throw new Error(`no url/wsUrl in ${line}`);
  return { url, wsUrl };
}

function postgresAdminUrl(): string {
  const url = process.env.SANDFLOW_TEST_POSTGRES_URL;
  if (!url) throw new Error('SANDFLOW_TEST_POSTGRES_URL is not set: run the tests through scripts/test.sh, which starts PostgreSQL');
  return url;
}

async function withAdmin(work: (admin: PgClient) => Promise<unknown>): Promise<void> {
  const admin = new PgClient({ connectionString: postgresAdminUrl() });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}

async function createPostgresDatabase(): Promise<string> {
  const name = `sandflow_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(postgresAdminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropPostgresDatabase(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
