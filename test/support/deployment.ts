import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { loadConfig, type Config } from '../../common/config';
import { createPostgresDatabase, dropPostgresDatabase } from './postgres';
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

const listening = z.object({ url: z.string(), wsUrl: z.string() });

/** The URLs an API process logs once it listens (pino JSON: {"msg":"GraphQL API listening","url",…}). */
export async function apiUrls(api: SandflowProcess): Promise<{ url: string; wsUrl: string }> {
  const line = await api.waitForLog(/GraphQL API listening/);
  const urls = listening.safeParse(JSON.parse(line));
  if (!urls.success) throw new Error(`no url/wsUrl in ${line}`);
  return urls.data;
}
