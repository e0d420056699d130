import { EntitySchema } from 'typeorm';
import { jsonNullable } from './column-transformers';
import { runResultColumn } from './json-columns';
import type { RunResult, Verdict } from '../common/submission';

/** One test case's judged run. A row per case lets parallel runs write without racing. */
export interface TestResultRecord {
  submissionId: string;
  index: number;
  verdict: Verdict;
  result: RunResult;
  name: string | null;
  score: number | null;
}

export const TestResultEntity = new EntitySchema<TestResultRecord>({
  name: 'TestResult',
  tableName: 'test_results',
  columns: {
    submissionId: { name: 'submission_id', type: 'varchar', length: 36, primary: true },
    index: { name: 'idx', type: 'integer', primary: true },
    verdict: { type: 'varchar', length: 32 },
    result: { type: 'text', transformer: jsonNullable(runResultColumn) },
    name: { type: 'varchar', length: 255, nullable: true },
    score: { type: 'double precision', nullable: true },
  },
});
