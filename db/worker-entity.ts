import { EntitySchema } from 'typeorm';
import { epochMs } from './column-transformers';

/**
 * A live worker process, refreshed every few seconds. Sweepers ask it whether the worker whose
 * label a sandbox container carries is still alive.
 */
export interface WorkerRecord {
  id: string;
  /** The task queue it polls: its deployment's submission queue. */
  taskQueue: string;
  slots: number;
  startedAt: Date;
  lastSeenAt: Date;
}

export const WorkerEntity = new EntitySchema<WorkerRecord>({
  name: 'Worker',
  tableName: 'workers',
  columns: {
    id: { type: 'varchar', length: 255, primary: true },
    taskQueue: { name: 'task_queue', type: 'varchar', length: 512 },
    slots: { type: 'integer' },
    startedAt: { name: 'started_at', type: 'bigint', transformer: epochMs },
    lastSeenAt: { name: 'last_seen_at', type: 'bigint', transformer: epochMs },
  },
});
