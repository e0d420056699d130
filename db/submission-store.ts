import { randomUUID } from 'node:crypto';
import { Brackets, type DataSource, type FindOptionsSelect, type Repository, type UpdateQueryBuilder } from 'typeorm';
import {
  isTerminal,
  SUBMISSION_STATUSES,
  TERMINAL_STATUSES,
  type RunResult,
  type SubmissionRequest,
  type SubmissionStatus,
  type TestResult,
  type Verdict,
} from '../common/submission';
import { recordFinished } from '../common/metrics';
import { phaseDurations } from '../common/submission-phases';
import type { ChangeFeed } from './change-feed';
import { SubmissionEntity, type SubmissionRecord } from './submission-entity';
import { SubmissionEventEntity, type SubmissionEventRecord } from './submission-event-entity';
import { TestResultEntity, type TestResultRecord } from './test-result-entity';

/** How a finished submission ended; written once, with its terminal status. */
export interface SubmissionOutcome {
  status: 'COMPLETED' | 'FAILED' | 'CANCELLED';
  verdict: Verdict | null;
  error?: string | null;
}

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

/**
 * A column a reader may ask for. A record read with some columns lacks the others: only
 * code that knows what it selected (the GraphQL resolvers, api/submission-columns.ts) asks.
 */
export type SubmissionColumn = keyof SubmissionRecord;

/** TypeORM's select for `columns` plus the id; undefined (every column) without columns. */
function selecting(columns: readonly SubmissionColumn[] | undefined): { select: FindOptionsSelect<SubmissionRecord> } | undefined {
  if (!columns) return undefined;
  const select: FindOptionsSelect<SubmissionRecord> = { id: true };
  for (const column of columns) select[column] = true;
  return { select };
}

export interface Page {
  records: SubmissionRecord[];
  hasNextPage: boolean;
}

type SubmissionUpdate = Parameters<UpdateQueryBuilder<SubmissionRecord>['set']>[0];

const NON_TERMINAL = SUBMISSION_STATUSES.filter((s) => !TERMINAL_STATUSES.has(s));

/** Opaque to clients: the sort key of the last row they saw. */
export function encodeCursor(record: Pick<SubmissionRecord, 'queuedAt' | 'id'>): string {
  return Buffer.from(`${record.queuedAt.getTime()}:${record.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { queuedAtMs: number; id: string } | null {
  const match = /^(\d+):([0-9a-f-]{36})$/.exec(Buffer.from(cursor, 'base64url').toString());
  return match?.[1] && match[2] ? { queuedAtMs: Number(match[1]), id: match[2] } : null;
}

/**
 * The only code that writes submissions. Every write that changes what a client can see
 * is followed by a change-feed notification.
 */
export class SubmissionStore {
  private readonly repo: Repository<SubmissionRecord>;
  private readonly tests: Repository<TestResultRecord>;
  private readonly events: Repository<SubmissionEventRecord>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly feed: ChangeFeed,
  ) {
    this.repo = dataSource.getRepository(SubmissionEntity);
    this.tests = dataSource.getRepository(TestResultEntity);
    this.events = dataSource.getRepository(SubmissionEventEntity);
  }

  /**
   * Stores a new QUEUED submission of `clientName`, or returns the one of that client that
   * already holds its idempotency key (keys are per client: another client's never match).
   */
  async create(request: SubmissionRequest, clientName: string): Promise<{ record: SubmissionRecord; created: boolean }> {
    if (request.idempotencyKey) {
      const existing = await this.repo.findOneBy({ clientName, idempotencyKey: request.idempotencyKey });
      if (existing) return { record: existing, created: false };
    }
    const record: SubmissionRecord = {
      ...request,
      clientName,
      id: randomUUID(),
      status: 'QUEUED',
      verdict: null,
      compile: null,
      run: null,
      error: null,
      queuedAt: new Date(),
      startedAt: null,
      completedAt: null,
      executionTimeMs: null,
      workerId: null,
      dispatchedAt: null,
      languageVersion: null,
    };
    try {
      await this.dataSource.transaction(async (tx) => {
        await tx.getRepository(SubmissionEntity).insert(record);
        await tx.getRepository(SubmissionEventEntity).insert({ submissionId: record.id, status: 'QUEUED', at: record.queuedAt });
      });
    } catch (error) {
      // A concurrent request of the same client with the same key won the unique index.
      if (request.idempotencyKey) {
        const existing = await this.repo.findOneBy({ clientName, idempotencyKey: request.idempotencyKey });
        if (existing) return { record: existing, created: false };
      }
      throw error;
    }
    return { record, created: true };
  }

  /** Any client's submission: for the workers and internal bookkeeping, never for answering a client. */
  get(id: string, columns?: readonly SubmissionColumn[]): Promise<SubmissionRecord | null> {
    return this.repo.findOne({ where: { id }, ...selecting(columns) });
  }

  /** The submission if `clientName` owns it; null otherwise, exactly as for an id that does not exist. */
  getOwned(id: string, clientName: string, columns?: readonly SubmissionColumn[]): Promise<SubmissionRecord | null> {
    return this.repo.findOne({ where: { id, clientName }, ...selecting(columns) });
  }

  /**
   * Moves a submission that has not finished to `status`. Returns false when it already
   * ended (a late or repeated activity must not revive it).
   */
  transition(id: string, status: SubmissionStatus, patch: { workerId?: string; languageVersion?: string } = {}): Promise<boolean> {
    return this.moveOpen(
      id,
      status,
      status === 'QUEUED' ? { status, ...patch } : { status, ...patch, startedAt: () => `COALESCE(started_at, ${Date.now()})` },
    );
  }

  /** Writes the terminal state once; later calls leave the first outcome in place. */
  async finish(id: string, outcome: SubmissionOutcome): Promise<boolean> {
    if (!isTerminal(outcome.status)) throw new Error(`finish needs a terminal status, got ${outcome.status}`);
    const changed = await this.moveOpen(id, outcome.status, {
      status: outcome.status,
      verdict: outcome.verdict,
      error: outcome.error ?? null,
      executionTimeMs: await this.executionTimeMs(id),
      completedAt: new Date(),
      workerId: null,
    });
    // Only the call that wrote the end counts it, so a retried activity never counts twice.
    if (changed) await this.recordFinished(id, outcome);
    return changed;
  }

  /** Feeds the metrics (common/metrics.ts) from the stored events: phase durations need no clock of their own. */
  private async recordFinished(id: string, outcome: SubmissionOutcome): Promise<void> {
    try {
      const [record, events] = await Promise.all([this.repo.findOne({ where: { id }, select: { id: true, language: true } }), this.eventsAfter(id, 0)]);
      if (record) recordFinished({ language: record.language, status: outcome.status, verdict: outcome.verdict }, phaseDurations(events));
    } catch {
      // The end is written already; a failed read for metrics must not fail (and so retry) the activity that wrote it.
    }
  }

  /**
   * The one way a status changes: the row update (only while the submission is open and not
   * already at `status`) and its event commit together, then subscribers are told.
   */
  private async moveOpen(id: string, status: SubmissionStatus, set: SubmissionUpdate): Promise<boolean> {
    const changed = await this.dataSource.transaction(async (tx) => {
      const result = await tx
        .getRepository(SubmissionEntity)
        .createQueryBuilder()
        .update()
        .set(set)
        .where('id = :id', { id })
        .andWhere('status IN (:...open)', { open: NON_TERMINAL })
        .andWhere('status != :status', { status })
        .execute();
      if (!result.affected) return false;
      await tx.getRepository(SubmissionEventEntity).insert({ submissionId: id, status, at: new Date() });
      return true;
    });
    if (changed) await this.feed.publish(id);
    return changed;
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

  /** Time spent compiling and running: the wall time of every sandbox the submission used. */
  private async executionTimeMs(id: string): Promise<number | null> {
    // Only the two results: the row's other columns (source, stdin) may be large.
    const [record, tests] = await Promise.all([this.repo.findOne({ where: { id }, select: { id: true, compile: true, run: true } }), this.testResults(id)]);
    const walls = [record?.compile, record?.run, ...tests.map((t) => t.result)].flatMap((r) => (r ? [r.wallTimeMs] : []));
    return walls.length === 0 ? null : walls.reduce((a, b) => a + b, 0);
  }

  /** Saves the compile step's result (repeatable: a retried activity overwrites its own earlier try). */
  async saveCompile(id: string, result: RunResult): Promise<void> {
    await this.repo.update({ id }, { compile: result });
  }

  /** Saves the single run of a submission without test cases. */
  async saveRun(id: string, result: RunResult): Promise<void> {
    await this.repo.update({ id }, { run: result });
  }

  async saveTestResult(submissionId: string, testResult: TestResult): Promise<void> {
    await this.tests.upsert({ submissionId, ...testResult }, ['submissionId', 'index']);
  }

  /**
   * A submission's test results in order. `withResults: false` leaves out each run's result
   * (its stdout and stderr) for readers that only want the verdicts.
   */
  async testResults(submissionId: string, { withResults = true }: { withResults?: boolean } = {}): Promise<TestResult[]> {
    const rows = await this.tests.find({
      where: { submissionId },
      order: { index: 'ASC' },
      ...(withResults ? {} : { select: { submissionId: true, index: true, verdict: true } }),
    });
    return rows.map(({ index, verdict, result }) => ({ index, verdict, result }));
  }

  /** Clears results of an earlier attempt, when a workflow redoes a submission on another host. */
  async clearResults(id: string): Promise<void> {
    await this.tests.delete({ submissionId: id });
    await this.repo.update({ id }, { compile: null, run: null });
  }

  /**
   * Opens again a submission of `clientName` that ended FAILED with INTERNAL_ERROR, for a new
   * judging attempt: QUEUED, the outcome and results of the failed attempt cleared, not yet
   * dispatched. Its status log keeps the failed attempt and gets a new QUEUED. Null when it is
   * not that client's or not in that state (a concurrent retry took it first).
   */
  async reopen(id: string, clientName: string): Promise<SubmissionRecord | null> {
    const reopened = await this.dataSource.transaction(async (tx) => {
      const result = await tx
        .getRepository(SubmissionEntity)
        .createQueryBuilder()
        .update()
        .set({ status: 'QUEUED', verdict: null, error: null, compile: null, run: null, startedAt: null, completedAt: null, executionTimeMs: null, workerId: null, dispatchedAt: null })
        .where('id = :id', { id })
        .andWhere('client_name = :clientName', { clientName })
        .andWhere('status = :failed', { failed: 'FAILED' })
        .andWhere('verdict = :verdict', { verdict: 'INTERNAL_ERROR' })
        .execute();
      if (!result.affected) return false;
      await tx.getRepository(TestResultEntity).delete({ submissionId: id });
      await tx.getRepository(SubmissionEventEntity).insert({ submissionId: id, status: 'QUEUED', at: new Date() });
      return true;
    });
    if (!reopened) return null;
    await this.feed.publish(id);
    return this.get(id);
  }

  /**
   * Which judging attempt of the submission is the current one: 1, plus one for every earlier
   * attempt that ended FAILED and was retried (read from the status log).
   */
  async attempt(id: string): Promise<number> {
    const failed = await this.events.countBy({ submissionId: id, status: 'FAILED' });
    const open = await this.repo.countBy({ id, status: 'FAILED' });
    // A submission FAILED now is still on the attempt that failed.
    return 1 + failed - open;
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
            .orWhere(new Brackets((q2) => q2.where('s.queued_at = :t', { t: cursor.queuedAtMs }).andWhere('s.id < :cid', { cid: cursor.id }))),
        ),
      );
    }
    // The cursor is made of queuedAt and id, so both are always read.
    if (filter.columns) query.select([...new Set<SubmissionColumn>(['id', 'queuedAt', ...filter.columns])].map((column) => `s.${column}`));
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

  /** Ids of submissions that have not finished, for the orphan sweeper. */
  async openIds(): Promise<Set<string>> {
    const rows = await this.repo.find({ select: { id: true }, where: NON_TERMINAL.map((status) => ({ status })) });
    return new Set(rows.map((r) => r.id));
  }
}
