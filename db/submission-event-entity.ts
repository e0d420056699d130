import { EntitySchema } from 'typeorm';
import { epochMs } from './column-transformers';
import type { SubmissionStatus } from '../common/submission';

/**
 * Every status a submission passed through, in order, and every new judging attempt (an
 * event whose attempt is one more than the one before; its status is where the submission
 * stands). Subscribers replay it, so none of them misses a transition however quickly the
 * next one follows. Written only by db/submission-lifecycle.ts.
 */
export interface SubmissionEventRecord {
  id: number;
  submissionId: string;
  status: SubmissionStatus;
  /** The judging attempt the submission was on from this event on. */
  attempt: number;
  at: Date;
}

export const SubmissionEventEntity = new EntitySchema<SubmissionEventRecord>({
  name: 'SubmissionEvent',
  tableName: 'submission_events',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    submissionId: { name: 'submission_id', type: 'varchar', length: 36 },
    status: { type: 'varchar', length: 16 },
    attempt: { type: 'integer', default: 1 },
    at: { type: 'bigint', transformer: epochMs },
  },
  indices: [{ name: 'idx_submission_events_submission', columns: ['submissionId', 'id'] }],
});
