import type { DataSource, Repository } from 'typeorm';
import { WorkerEntity, type WorkerRecord } from './worker-entity';

/** A worker unseen for this long is gone (it refreshes its row every HEARTBEAT_EVERY_MS). */
export const WORKER_STALE_AFTER_MS = 10_000;
export const HEARTBEAT_EVERY_MS = 2_000;

/** Which worker processes are alive, as they report themselves. */
export class WorkerRegistry {
  private readonly repo: Repository<WorkerRecord>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(WorkerEntity);
  }

  async beat(worker: Omit<WorkerRecord, 'lastSeenAt'>): Promise<void> {
    await this.repo.upsert({ ...worker, lastSeenAt: new Date() }, ['id']);
  }

  async isAlive(id: string): Promise<boolean> {
    const worker = await this.repo.findOneBy({ id });
    return worker !== null && Date.now() - worker.lastSeenAt.getTime() < WORKER_STALE_AFTER_MS;
  }

  /** The workers alive now: seen within WORKER_STALE_AFTER_MS. */
  async live(): Promise<WorkerRecord[]> {
    return this.repo
      .createQueryBuilder('worker')
      .where('worker.lastSeenAt >= :since', { since: Date.now() - WORKER_STALE_AFTER_MS })
      .getMany();
  }

  /** A worker that stops cleanly says so at once instead of going stale. */
  async remove(id: string): Promise<void> {
    await this.repo.delete({ id });
  }
}
