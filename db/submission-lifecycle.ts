import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager, UpdateQueryBuilder } from 'typeorm';
import type { GroupResult } from '../common/group-result';
import { isTerminal, type SubmissionRequest, type SubmissionStatus, type Verdict } from '../common/submission';
import type { ChangeFeed } from './change-feed';
import { SubmissionEntity, type SubmissionRecord } from './submission-entity';
import { SubmissionEventEntity } from './submission-event-entity';
import { recordSubmissionFinished } from './submission-metrics';
import type { SubmissionQueries } from './submission-queries';
import type { SubmissionResults } from './submission-results';
import { applyMove, canReopen, checkMove, STATUS_MOVES } from './submission-transitions';
import { TestResultEntity } from './test-result-entity';
import { writeTransaction } from './write-transaction';

/** How a finished submission ended; written once, with its terminal status. */
export interface SubmissionOutcome {
  status: 'COMPLETED' | 'FAILED' | 'CANCELLED';
  verdict: Verdict | null;
  error?: string | null;
  /** Judged against a problem: the score and per-group breakdown, written with the end. */
  score?: { score: number | null; maxScore: number | null; groups: GroupResult[] };
}

/** What a claim records besides the status: the claiming host and its toolchain version. */
export interface ClaimPatch {
  workerId?: string;
  languageVersion?: string;
}

type SubmissionUpdate = Parameters<UpdateQueryBuilder<SubmissionRecord>['set']>[0];

/** The row as a move needs it: where it stands. */
type Position = Pick<SubmissionRecord, 'id' | 'status' | 'attempt'>;

/** A decided move: the row's new values, and the status and attempt its event records. */
interface Write {
  set: SubmissionUpdate;
  status: SubmissionStatus;
  attempt: number;
}

/**
 * A compare-and-set lost to a concurrent writer this many times in a row: the row is being
 * written in a loop, which no caller does; give up rather than spin.
 */
const MAX_RACES = 20;

/**
 * The one owner of a submission's life: the only code that writes its status, its attempt
 * number and its status log, and that tells subscribers (the change feed). Every move is
 * checked against the table in db/submission-transitions.ts, read and written as a
 * compare-and-set on (status, attempt) so concurrent writers cannot both move it, and its
 * event commits with it; the notification follows the commit.
 *
 * Retried attempts never move a status back: a claim that finds the current attempt claimed
 * already (its worker was lost and the judging activity runs again) stores attempt + 1 and an
 * event at the status reached, e.g. RUNNING (attempt 1) then RUNNING (attempt 2); that
 * attempt's own PREPARING and COMPILING are then behind it and change nothing, and its end is
 * written as usual. retrySubmission (reopen) is the only way out of an end.
 */
export class SubmissionLifecycle {
  constructor(
    private readonly dataSource: DataSource,
    private readonly feed: ChangeFeed,
    private readonly queries: SubmissionQueries,
    private readonly results: SubmissionResults,
  ) {}

  /**
   * Stores a new QUEUED submission of `clientName` (attempt 1, workflow run 1), or returns the
   * one of that client that already holds its idempotency key (keys are per client: another
   * client's never match).
   */
  async create(request: SubmissionRequest, clientName: string): Promise<{ record: SubmissionRecord; created: boolean }> {
    const existing = async () =>
      request.idempotencyKey
        ? this.dataSource.getRepository(SubmissionEntity).findOneBy({ clientName, idempotencyKey: request.idempotencyKey })
        : null;
    const earlier = await existing();
    if (earlier) return { record: earlier, created: false };
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
      attempt: 1,
      workflowRun: 1,
      score: null,
      maxScore: null,
      groups: [],
    };
    try {
      await writeTransaction(this.dataSource, async (tx) => {
        await tx.getRepository(SubmissionEntity).insert(record);
        await tx
          .getRepository(SubmissionEventEntity)
          .insert({ submissionId: record.id, status: 'QUEUED', attempt: 1, at: record.queuedAt });
      });
    } catch (error) {
      // A concurrent request of the same client with the same key won the unique index.
      const winner = await existing();
      if (winner) return { record: winner, created: false };
      throw error;
    }
    return { record, created: true };
  }

  /**
   * Moves an open submission to the open status `status` by the table's rules (see Move in
   * db/submission-transitions.ts); `patch` is stored with a claim. Returns whether anything
   * changed: false for a move already made or passed, and once the submission ended (a late or
   * repeated activity must not revive it). A move the table refuses throws.
   */
  async move(id: string, status: SubmissionStatus, patch: ClaimPatch = {}): Promise<boolean> {
    if (isTerminal(status)) throw new Error(`submission ${id}: status ${status} ends it; only finish writes an end`);
    return this.compareAndSet(id, (at) => {
      const { move, after } = applyMove(at, status);
      switch (move) {
        case 'advance':
          // startedAt is the first claim's; a later attempt keeps it.
          return { set: { status, ...patch, startedAt: () => `COALESCE(started_at, ${Date.now()})` }, ...after };
        case 'new-attempt':
          return { set: { ...patch, attempt: after.attempt }, ...after };
        case 'unchanged':
        case 'behind':
        case 'ended':
          return null;
        case 'refused':
          throw new Error(
            `submission ${id}: status ${at.status} cannot move to ${status} (allowed: ${STATUS_MOVES[at.status].join(', ')})`,
          );
      }
    });
  }

  /** Writes the terminal state once; later calls leave the first outcome in place and return false. */
  async finish(id: string, outcome: SubmissionOutcome): Promise<boolean> {
    if (!isTerminal(outcome.status)) throw new Error(`submission ${id}: finish needs a terminal status, got ${outcome.status}`);
    const executionTimeMs = await this.results.executionTimeMs(id);
    const changed = await this.compareAndSet(id, (at) => {
      const move = checkMove(at.status, outcome.status);
      if (move === 'ended') return null;
      if (move !== 'advance')
        throw new Error(
          `submission ${id}: status ${at.status} cannot end ${outcome.status} (allowed: ${STATUS_MOVES[at.status].join(', ')})`,
        );
      const end: SubmissionUpdate = {
        status: outcome.status,
        verdict: outcome.verdict,
        error: outcome.error ?? null,
        executionTimeMs,
        completedAt: new Date(),
        workerId: null,
        ...(outcome.score ? { score: outcome.score.score, maxScore: outcome.score.maxScore, groups: outcome.score.groups } : {}),
      };
      return { set: end, status: outcome.status, attempt: at.attempt };
    });
    // Only the call that wrote the end counts it, so a retried activity never counts twice.
    if (changed) await recordSubmissionFinished(this.queries, id, outcome);
    return changed;
  }

  /**
   * Opens again a submission of `clientName` that ended FAILED with INTERNAL_ERROR, for a new
   * attempt under a new workflow run: QUEUED, attempt and workflow run one more, the outcome and
   * results of the failed attempt cleared, not yet dispatched. Its status log keeps the failed
   * attempt and gets a new QUEUED. Null when it is not that client's or not in that state (a
   * concurrent retry took it first).
   */
  async reopen(id: string, clientName: string): Promise<SubmissionRecord | null> {
    const at = await this.dataSource.getRepository(SubmissionEntity).findOne({
      where: { id, clientName },
      select: { id: true, status: true, verdict: true, attempt: true, workflowRun: true },
    });
    if (!at || !canReopen(at.status, at.verdict)) return null;
    const attempt = at.attempt + 1;
    const cleared: SubmissionUpdate = {
      status: 'QUEUED',
      attempt,
      workflowRun: at.workflowRun + 1,
      verdict: null,
      error: null,
      compile: null,
      run: null,
      startedAt: null,
      completedAt: null,
      executionTimeMs: null,
      workerId: null,
      dispatchedAt: null,
      score: null,
      maxScore: null,
      groups: [],
    };
    const reopened = await writeTransaction(this.dataSource, async (tx) => {
      if (!(await this.write(tx, at, { set: cleared, status: 'QUEUED', attempt }))) return false;
      await tx.getRepository(TestResultEntity).delete({ submissionId: id });
      return true;
    });
    // A concurrent retry took it first.
    if (!reopened) return null;
    await this.feed.publish(id);
    return this.queries.get(id);
  }

  /**
   * Reads where the row stands, asks `decide` what to write (null: nothing), and writes it
   * only if the row still stands there, again from a fresh read when a concurrent writer moved
   * it in between. The read is outside the write's transaction, so that transaction's first
   * statement is its write (SQLite in WAL mode refuses a reader's late upgrade to a writer).
   * Publishes once a write landed; returns whether one did.
   */
  private async compareAndSet(id: string, decide: (at: Position) => Write | null): Promise<boolean> {
    const rows = this.dataSource.getRepository(SubmissionEntity);
    for (let race = 0; race < MAX_RACES; race++) {
      const at = await rows.findOne({ where: { id }, select: { id: true, status: true, attempt: true } });
      const write = at ? decide(at) : null;
      if (!at || !write) return false;
      if (await writeTransaction(this.dataSource, (tx) => this.write(tx, at, write))) {
        await this.feed.publish(id);
        return true;
      }
    }
    throw new Error(`submission ${id}: still moved by concurrent writers after ${MAX_RACES} tries`);
  }

  /**
   * The row update, only if the row still stands where it was read, then its event (the
   * status and attempt it stands at after). False when another writer moved it first.
   */
  private async write(tx: EntityManager, at: Position, write: Write): Promise<boolean> {
    const result = await tx
      .getRepository(SubmissionEntity)
      .createQueryBuilder()
      .update()
      .set(write.set)
      .where('id = :id', { id: at.id })
      .andWhere('status = :from', { from: at.status })
      .andWhere('attempt = :attempt', { attempt: at.attempt })
      .execute();
    if (!result.affected) return false;
    await tx
      .getRepository(SubmissionEventEntity)
      .insert({ submissionId: at.id, status: write.status, attempt: write.attempt, at: new Date() });
    return true;
  }
}
