import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { startSandflow, type Sandflow } from '../../bin/start-sandflow';
import { loadConfig, type Config } from '../../common/config';
import { logger } from '../../common/logger';
import { tracingWorkflowInterceptorModules } from '../../common/tracing';
import { createPostgresDatabase, dropPostgresDatabase } from './postgres';

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** Bundling the workflow code takes seconds: once per test file. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({
    workflowsPath: path.resolve(__dirname, '../../workflows/index.ts'),
    // Empty unless the test file turned tracing on before its first stack.
    workflowInterceptorModules: tracingWorkflowInterceptorModules(),
    logger: quietBundlerLogger,
  });
  return bundle;
}

const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => logger.warn(message),
  error: (message: string) => logger.error(message),
};

export interface TestSandflowOptions {
  /** Languages to serve (images are built when missing). Default: python and c. */
  languages?: string[];
  /** Run on a fresh database in the provisioned PostgreSQL instead of SQLite. */
  postgres?: boolean;
  api?: boolean;
  worker?: boolean;
  /** Extra environment, as a deployment would set it. */
  env?: Record<string, string>;
  /** Share another instance's data dir, task queue and database (a second process of one deployment). */
  joining?: TestSandflow;
}

export interface TestSandflow extends Sandflow {
  config: Config;
  url: string;
  wsUrl: string;
  stop(): Promise<void>;
}

/**
 * A real sandflow on the provisioned Temporal server and Docker engine, isolated from other
 * tests by its own task queue, data dir and database.
 */
export async function startTestSandflow(options: TestSandflowOptions = {}): Promise<TestSandflow> {
  const joining = options.joining;
  const dataDir = joining?.config.dataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'sandflow-test-')));
  const databaseUrl = joining?.config.databaseUrl ?? (options.postgres ? await createPostgresDatabase() : undefined);
  const config = loadConfig({
    ...process.env,
    PORT: '0',
    SANDFLOW_DATA_DIR: dataDir,
    SANDFLOW_TASK_QUEUE: joining?.config.temporal.taskQueue ?? `sandflow-test-${randomUUID()}`,
    SANDFLOW_WORKER_ID: `test-${randomUUID().slice(0, 8)}`,
    SANDFLOW_LANGUAGES: (options.languages ?? ['python', 'c']).join(','),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...options.env,
  });
  const sandflow = await startSandflow({
    config,
    logger,
    api: options.api ?? true,
    worker: options.worker ?? true,
    workflowBundle: await workflowBundle(),
  });
  return {
    ...sandflow,
    config,
    url: sandflow.app?.url ?? '',
    wsUrl: sandflow.app?.wsUrl ?? '',
    async stop() {
      await sandflow.stop();
      if (!joining) {
        if (databaseUrl) await dropPostgresDatabase(databaseUrl);
        await fs.rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}
