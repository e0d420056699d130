import type { DataSource } from 'typeorm';
import { SUBMISSION_STATUSES, TERMINAL_STATUSES } from '../common/submission';
import { SubmissionEntity } from './submission-entity';

const OPEN_STATUSES = SUBMISSION_STATUSES.filter((s) => !TERMINAL_STATUSES.has(s));

/** Ids of submissions that have not finished, for the orphan sweeper (worker/sweeper.ts). */
export async function openSubmissionIds(dataSource: DataSource): Promise<Set<string>> {
  const rows = await dataSource.getRepository(SubmissionEntity).find({ select: { id: true }, where: OPEN_STATUSES.map((status) => ({ status })) });
  return new Set(rows.map((r) => r.id));
}
