import type { DataSource, Repository } from 'typeorm';
import { SubmissionEntity, type SubmissionRecord } from './submission-entity';

/** The redispatcher's reads and its one write (api/dispatch.ts): which workflows were never started. */
export class RedispatchQueries {
  private readonly repo: Repository<SubmissionRecord>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(SubmissionEntity);
  }

  /**
   * Submissions QUEUED for over `olderThanMs` whose workflow was never started (Temporal did
   * not answer at submit), oldest first: the redispatcher's work, and nothing else.
   */
  async undispatched(olderThanMs: number, limit = 100): Promise<SubmissionRecord[]> {
    return this.repo
      .createQueryBuilder('s')
      .where('s.status = :status', { status: 'QUEUED' })
      .andWhere('s.dispatched_at IS NULL')
      .andWhere('s.queued_at < :t', { t: Date.now() - olderThanMs })
      .orderBy('s.queued_at', 'ASC')
      .take(limit)
      .getMany();
  }

  /** Records that the submission's workflow is started; the first time counts. */
  async markDispatched(id: string): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .update()
      .set({ dispatchedAt: new Date() })
      .where('id = :id', { id })
      .andWhere('dispatched_at IS NULL')
      .execute();
  }
}
