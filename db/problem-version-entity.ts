import { EntitySchema } from 'typeorm';
import { problemPackageSchema } from '../problems/problem-package-schema';
import type { ProblemPackage } from '../problems/problem-model';
import { bigintNumber, epochMs, jsonRequired } from './column-transformers';

/**
 * One immutable version of a problem: its model (limits, validation, the test group tree) with
 * every test file by content address. The bytes are in the blob store, never in this row, so the
 * row stays a few KiB whatever the size of the test data.
 */
export interface ProblemVersionRecord {
  problemId: string;
  version: number;
  definition: ProblemPackage;
  /** Test cases in sample and secret together. */
  caseCount: number;
  /** Total bytes of the distinct blobs the version references. */
  dataBytes: number;
  createdAt: Date;
}

export const ProblemVersionEntity = new EntitySchema<ProblemVersionRecord>({
  name: 'ProblemVersion',
  tableName: 'problem_versions',
  columns: {
    problemId: { name: 'problem_id', type: 'varchar', length: 64, primary: true },
    version: { type: 'integer', primary: true },
    definition: { type: 'text', transformer: jsonRequired(problemPackageSchema) },
    caseCount: { name: 'case_count', type: 'integer' },
    dataBytes: { name: 'data_bytes', type: 'bigint', transformer: bigintNumber },
    createdAt: { name: 'created_at', type: 'bigint', transformer: epochMs },
  },
});
