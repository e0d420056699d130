import type { DataSource, Repository } from 'typeorm';
import type { RunResult, TestResult } from '../common/submission';
import { SubmissionEntity, type SubmissionRecord } from './submission-entity';
import { TestResultEntity, type TestResultRecord } from './test-result-entity';

/**
 * What compiling and running produced: the compile and single-run results on the row, one row
 * per judged test case. Never the status: that is db/submission-lifecycle.ts's. Saving needs no
 * notification of its own; the status move or the end that follows tells subscribers.
 */
export class SubmissionResults {
  private readonly repo: Repository<SubmissionRecord>;
  private readonly tests: Repository<TestResultRecord>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(SubmissionEntity);
    this.tests = dataSource.getRepository(TestResultEntity);
  }

  /** Saves the compile step's result (repeatable: a retried activity overwrites its own earlier try). */
  async saveCompile(id: string, result: RunResult): Promise<void> {
    await this.repo.update({ id }, { compile: result });
  }

  /** Saves the single run of a submission without test cases. */
  async saveRun(id: string, result: RunResult): Promise<void> {
    await this.repo.update({ id }, { run: result });
  }

  /** Saves one test case's judged run (repeatable, like saveCompile). */
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
      ...(withResults ? {} : { select: { submissionId: true, index: true, verdict: true, name: true, score: true } }),
    });
    return rows.map(({ index, verdict, result, name, score }) => ({ index, verdict, result, name, score }));
  }

  /** Time spent compiling and running: the wall time of every sandbox the submission used. */
  async executionTimeMs(id: string): Promise<number | null> {
    // Only the two results: the row's other columns (source, stdin) may be large.
    const [record, tests] = await Promise.all([
      this.repo.findOne({ where: { id }, select: { id: true, compile: true, run: true } }),
      this.testResults(id),
    ]);
    const walls = [record?.compile, record?.run, ...tests.map((t) => t.result)].flatMap((r) => (r ? [r.wallTimeMs] : []));
    return walls.length === 0 ? null : walls.reduce((a, b) => a + b, 0);
  }
}
