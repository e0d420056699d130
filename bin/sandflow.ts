import { loadConfig } from '../common/config';
import { logger } from '../common/logger';
import { createDataSource, migrate } from '../db/data-source';
import { startTracing } from '../common/tracing';
import { servedLanguages } from '../runtimes/served-languages';
import { formatReadySummary, readySummary } from './ready-summary';
import { startSandflow } from './start-sandflow';

const USAGE = 'usage: sandflow [all|api|worker|migrate]   (default: all = API and a worker in one process)';

async function main(): Promise<void> {
  const role = process.argv[2] ?? 'all';
  const config = loadConfig();
  // SANDFLOW_LANGUAGES is checked against the language recipes here, so a typo stops every role at start.
  servedLanguages(config);
  // Before any client or worker exists: they pick up the Temporal plugin only if tracing is on.
  const tracing = startTracing();
  if (role === 'migrate') {
    const dataSource = createDataSource({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await dataSource.initialize();
    await migrate(dataSource);
    await dataSource.destroy();
    logger.info('migrations applied');
    return;
  }
  if (!['all', 'api', 'worker'].includes(role)) throw new Error(`unknown role "${role}"; ${USAGE}`);
  const sandflow = await startSandflow({ config, logger, api: role !== 'worker', worker: role !== 'api' });
  const summary = await readySummary(sandflow, config);
  // A person at a terminal gets a short readable block; a log collector gets the same as one event.
  if (process.stdout.isTTY) process.stdout.write(formatReadySummary(summary));
  else logger.info(summary, 'sandflow is up');
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    // Running sandboxes get the worker's grace time; past this something is stuck.
    setTimeout(() => {
      logger.error('graceful stop took over 30 s; exiting anyway');
      process.exit(1);
    }, 30_000).unref();
    sandflow
      .stop()
      // Spans still batched would be lost at exit.
      .then(() => tracing?.shutdown())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'stop failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  await sandflow.worker?.done;
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, error instanceof Error ? error.message : String(error));
  process.exit(1);
});
