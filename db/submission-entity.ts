import { EntitySchema } from 'typeorm';
import type { GroupResult } from '../common/group-result';
import type { RunResult, SubmissionRequest, SubmissionStatus, Verdict } from '../common/submission';
import { epochMs, json, jsonNullable } from './column-transformers';
import { filesColumn, groupResultsColumn, limitsColumn, runResultColumn, stringsColumn, testCasesColumn } from './json-columns';

/** A submission as stored: the request plus its progress and results. */
export interface SubmissionRecord extends SubmissionRequest {
  id: string;
  status: SubmissionStatus;
  verdict: Verdict | null;
  compile: RunResult | null;
  run: RunResult | null;
  error: string | null;
  queuedAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  executionTimeMs: number | null;
  /** The worker that took its latest judging attempt, for operators; null before one did. */
  workerId: string | null;
  /** The API client that submitted it; no other client may see or touch it. */
  clientName: string;
  /**
   * When its workflow was started (or found started): null means never, and only those rows
   * are the redispatcher's business.
   */
  dispatchedAt: Date | null;
  /** The toolchain version of the image that judged it, recorded when a worker claims it; null before. */
  languageVersion: string | null;
  /**
   * Which judging attempt is the current one: 1 for the first, one more each time judging starts
   * over (a claim retried after its worker was lost, or retrySubmission). Written only by
   * db/submission-lifecycle.ts, with the event that says so.
   */
  attempt: number;
  /**
   * Which Temporal workflow run judges it: 1 for the first, one more per retrySubmission. Names
   * the workflow (api/dispatch.ts workflowIdOfRun); retries inside one run do not change it.
   */
  workflowRun: number;
  /** Points scored against a scoring problem, written with the end; null otherwise. */
  score: number | null;
  maxScore: number | null;
  /** Per test group of its problem, written with the end; empty without a problem. */
  groups: GroupResult[];
}

export const SubmissionEntity = new EntitySchema<SubmissionRecord>({
  name: 'Submission',
  tableName: 'submissions',
  columns: {
    id: { type: 'varchar', length: 36, primary: true },
    language: { type: 'varchar', length: 32 },
    status: { type: 'varchar', length: 16 },
    verdict: { type: 'varchar', length: 32, nullable: true },
    source: { type: 'text' },
    stdin: { type: 'text', nullable: true },
    files: { type: 'text', transformer: json(filesColumn, []) },
    testCases: { name: 'test_cases', type: 'text', transformer: json(testCasesColumn, []) },
    limits: { type: 'text', transformer: json(limitsColumn.nullable(), null) },
    compilerOptions: { name: 'compiler_options', type: 'text', transformer: json(stringsColumn, []) },
    args: { type: 'text', transformer: json(stringsColumn, []) },
    // Unique per client (see indices), never globally: one client's keys must not find another's submissions.
    idempotencyKey: { name: 'idempotency_key', type: 'varchar', length: 128, nullable: true },
    compile: { name: 'compile_result', type: 'text', nullable: true, transformer: jsonNullable(runResultColumn) },
    run: { name: 'run_result', type: 'text', nullable: true, transformer: jsonNullable(runResultColumn) },
    error: { type: 'text', nullable: true },
    queuedAt: { name: 'queued_at', type: 'bigint', transformer: epochMs },
    startedAt: { name: 'started_at', type: 'bigint', nullable: true, transformer: epochMs },
    completedAt: { name: 'completed_at', type: 'bigint', nullable: true, transformer: epochMs },
    executionTimeMs: { name: 'execution_time_ms', type: 'integer', nullable: true },
    workerId: { name: 'worker_id', type: 'varchar', length: 255, nullable: true },
    clientName: { name: 'client_name', type: 'varchar', length: 64 },
    dispatchedAt: { name: 'dispatched_at', type: 'bigint', nullable: true, transformer: epochMs },
    languageVersion: { name: 'language_version', type: 'varchar', length: 255, nullable: true },
    attempt: { type: 'integer', default: 1 },
    workflowRun: { name: 'workflow_run', type: 'integer', default: 1 },
    problemId: { name: 'problem_id', type: 'varchar', length: 64, nullable: true },
    problemVersion: { name: 'problem_version', type: 'integer', nullable: true },
    problemCases: { name: 'problem_cases', type: 'integer', nullable: true },
    score: { type: 'double precision', nullable: true },
    maxScore: { name: 'max_score', type: 'double precision', nullable: true },
    groups: { name: 'group_results', type: 'text', nullable: true, transformer: json(groupResultsColumn, []) },
  },
  indices: [
    // Counts and the redispatcher (status = 'QUEUED' oldest first) read across clients.
    { name: 'idx_submissions_status_queued_at', columns: ['status', 'queuedAt', 'id'] },
    { name: 'uq_submissions_client_idempotency_key', columns: ['clientName', 'idempotencyKey'], unique: true },
    { name: 'idx_submissions_client_queued_at', columns: ['clientName', 'queuedAt', 'id'] },
    { name: 'idx_submissions_client_status_queued_at', columns: ['clientName', 'status', 'queuedAt', 'id'] },
    { name: 'idx_submissions_client_language_queued_at', columns: ['clientName', 'language', 'queuedAt', 'id'] },
    // Rejudging and deleteProblem find a problem's submissions.
    { name: 'idx_submissions_problem', columns: ['problemId', 'problemVersion'] },
  ],
});
