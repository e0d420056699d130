import path from 'node:path';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { startMetricsServer, type MetricsServer } from '../api/metrics-endpoint';
import { buildApp, type App } from '../api/server';
import { startRedispatcher } from '../api/dispatch';
import type { Config } from '../common/config';
import type { Logger } from '../common/logger';
import { WorkerRegistry } from '../db/worker-registry';
import { BlobCache } from '../storage/blob-cache';
import { cachedTestFiles } from '../storage/cached-test-files';
import { startWorker, type RunningWorker } from '../worker/start-worker';
import { registerRuntimes } from '../worker/register-runtimes';
import { ensureSearchAttributes } from '../worker/search-attributes';
import { connectDocker, connectTemporal, openPersistence, type Persistence } from './services';

export interface StartOptions {
  config: Config;
  logger: Logger;
  /** Serve the GraphQL API in this process. */
  api: boolean;
  /** Run a worker (workflows and sandboxes) in this process. */
  worker: boolean;
  workflowBundle?: WorkflowBundleWithSourceMap;
}

export interface Sandflow {
  app: App | undefined;
  /** The separate /metrics listener, when SANDFLOW_METRICS_PORT asks for one. */
  metrics: MetricsServer | undefined;
  worker: RunningWorker | undefined;
  persistence: Persistence;
  stop(): Promise<void>;
}

/** Composes a sandflow process: database, then the worker and/or the API over it. */
export async function startSandflow(options: StartOptions): Promise<Sandflow> {
  const { config, logger } = options;
  const persistence = await openPersistence(config, logger);
  const temporal = await connectTemporal(config, logger, options.worker);
  const stops: Array<() => Promise<void> | void> = [];
  try {
    let worker: RunningWorker | undefined;
    // Only a worker uses Docker; an API-only process neither dials nor requires it (/readyz).
    const docker = options.worker ? connectDocker() : undefined;
    if (docker) {
      await ensureSearchAttributes(temporal.native ?? temporal.client.connection, config.temporal.namespace);
      const images = await registerRuntimes(docker, persistence.dataSource, logger, config);
      worker = await startWorker({
        config,
        store: persistence.store,
        problems: persistence.problems,
        testFiles: cachedTestFiles(
          await BlobCache.open({
            directory: path.join(config.dataDir, 'testdata-cache'),
            source: persistence.blobs,
            maxBytes: config.testDataCacheBytes,
          }),
        ),
        workers: new WorkerRegistry(persistence.dataSource),
        docker,
        logger,
        images,
        ...(temporal.native ? { connection: temporal.native } : {}),
        ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : {}),
      });
      stops.push(() => worker?.stop());
    }
    let app: App | undefined;
    if (options.api) {
      app = buildApp({
        config,
        logger,
        temporal: temporal.client,
        eagerStart: temporal.native !== undefined,
        docker,
        ...persistence,
      });
      await app.start();
      stops.push(() => app?.stop());
      stops.push(startRedispatcher(temporal.client, config, persistence.store, logger));
    }
    let metrics: MetricsServer | undefined;
    if (config.metricsPort !== 0) {
      metrics = await startMetricsServer(config, config.metricsPort, logger);
      stops.push(() => metrics?.stop());
    }
    const stop = async () => {
      for (const s of stops.reverse()) await s();
      await temporal.close();
      await persistence.close();
    };
    return { app, worker, metrics, persistence, stop };
  } catch (error) {
    for (const s of stops.reverse()) await Promise.resolve(s()).catch(() => undefined);
    await temporal.close().catch(() => undefined);
    await persistence.close().catch(() => undefined);
    throw error;
  }
}
