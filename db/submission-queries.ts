import { Brackets, type DataSource, type FindOptionsSelect, type Repository } from 'typeorm';
import { isTerminal, type SubmissionStatus } from '../common/submission';
import { decodeCursor } from './submission-cursor';
import { SubmissionEntity, type SubmissionRecord } from './submission-entity';
import { SubmissionEventEntity, type SubmissionEventRecord } from './submission-event-entity';

/**
 * A column a reader may ask for. A record read with some columns lacks the others: only
 * code that knows what it selected (the GraphQL resolvers, api/submission-columns.ts) asks.
 */
export type SubmissionColumn = keyof SubmissionRecord;

export interface ListFilter {
  /** Only this API client's submissions: a list never shows another client's. */
  clientName: string;
  first: number;
  after?: string | undefined;
  status?: SubmissionStatus | undefined;
  language?: string | undefined;
  /** Load only these columns (plus the id and the cursor's queuedAt); all when omitted. */
  columns?: readonly SubmissionColumn[] | undefined;
}

export interface Page {
  records: SubmissionRecord[];
  hasNextPage: boolean;
}

/** TypeORM's select for `columns` plus the id; undefined (every column) without columns. */
function selecting(
  columns: readonly SubmissionColumn[] | undefined,
): { select: FindOptionsSelect<SubmissionRecord> } | undefined {
  if (!columns) return undefined;
  const select: FindOptionsSelect<SubmissionRecord> = { id: true };
  for (const column of columns) select[column] = true;
  return { select };
}

/** Reading submissions and their status log: what the API answers clients from. Writes nothing. */
export class SubmissionQueries {
  private readonly repo: Repository<SubmissionRecord>;
  private readonly events: Repository<SubmissionEventRecord>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(SubmissionEntity);
    this.events = dataSource.getRepository(SubmissionEventEntity);
  }

  /** Any client's submission: for the workers and internal bookkeeping, never for answering a client. */
  get(id: string, columns?: readonly SubmissionColumn[]): Promise<SubmissionRecord | null> {
    return this.repo.findOne({ where: { id }, ...selecting(columns) });
  }

  /** The submission if `clientName` owns it; null otherwise, exactly as for an id that does not exist. */
  getOwned(id: string, clientName: string, columns?: readonly SubmissionColumn[]): Promise<SubmissionRecord | null> {
    return this.repo.findOne({ where: { id, clientName }, ...selecting(columns) });
  }

  /** Status events of a submission after event `afterId`, oldest first. */
  eventsAfter(submissionId: string, afterId: number): Promise<SubmissionEventRecord[]> {
    return this.events
      .createQueryBuilder('e')
      .where('e.submission_id = :submissionId', { submissionId })
      .andWhere('e.id > :afterId', { afterId })
      .orderBy('e.id', 'ASC')
      .getMany();
  }

  /** Newest first, keyset-paginated. */
  async list(filter: ListFilter): Promise<Page> {
    const query = this.repo
      .createQueryBuilder('s')
      .where('s.client_name = :clientName', { clientName: filter.clientName })
      .orderBy('s.queued_at', 'DESC')
      .addOrderBy('s.id', 'DESC');
    if (filter.status) query.andWhere('s.status = :status', { status: filter.status });
    if (filter.language) query.andWhere('s.language = :language', { language: filter.language });
    const cursor = filter.after ? decodeCursor(filter.after) : null;
    if (cursor) {
      query.andWhere(
        new Brackets((q) =>
          q
            .where('s.queued_at < :t', { t: cursor.queuedAtMs })
            .orWhere(
              new Brackets((q2) =>
                q2.where('s.queued_at = :t', { t: cursor.queuedAtMs }).andWhere('s.id < :cid', { cid: cursor.id }),
              ),
            ),
        ),
      );
    }
    // The cursor is made of queuedAt and id, so both are always read.
    if (filter.columns)
      query.select([...new Set<SubmissionColumn>(['id', 'queuedAt', ...filter.columns])].map((column) => `s.${column}`));
    const rows = await query.take(filter.first + 1).getMany();
    return { records: rows.slice(0, filter.first), hasNextPage: rows.length > filter.first };
  }

  /** Counts for queueStats. */
  async counts(): Promise<{ queued: number; running: number; total: number }> {
    const rows = await this.repo
      .createQueryBuilder('s')
      .select('s.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .groupBy('s.status')
      .getRawMany<{ status: SubmissionStatus; n: string | number }>();
    let queued = 0;
    let running = 0;
    let total = 0;
    for (const row of rows) {
      const n = Number(row.n);
      total += n;
      if (row.status === 'QUEUED') queued += n;
      else if (!isTerminal(row.status)) running += n;
    }
    return { queued, running, total };
  }
}
