import type { DataSource, EntityManager } from 'typeorm';

/** The tail of each SQLite data source's queue of transactions. */
const queues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * Runs `work` in a transaction. On SQLite one at a time per data source: its single connection
 * cannot open a transaction while another is open ("cannot start a transaction within a
 * transaction"), so concurrent writers of one process (parallel submissions on one worker)
 * wait their turn instead of failing. PostgreSQL's pool gives each its own connection.
 */
export function writeTransaction<T>(dataSource: DataSource, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  if (dataSource.options.type === 'postgres') return dataSource.transaction(work);
  const run = (queues.get(dataSource) ?? Promise.resolve()).then(() => dataSource.transaction(work));
  // The next waits for this one to settle, whichever way it ends.
  queues.set(
    dataSource,
    run.catch(() => undefined),
  );
  return run;
}
