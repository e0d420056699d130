import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * `submissions` filtered by status or language, newest first: with (filter, queued_at, id)
 * each page is an index range scan instead of a sort of every matching row. The status index
 * also serves what the status-only index did (counts, the redispatcher), so it replaces it.
 */
export class AddSubmissionListIndexes1763920000000 implements MigrationInterface {
  name = 'AddSubmissionListIndexes1763920000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'submissions',
      new TableIndex({ name: 'idx_submissions_status_queued_at', columnNames: ['status', 'queued_at', 'id'] }),
    );
    await queryRunner.createIndex(
      'submissions',
      new TableIndex({ name: 'idx_submissions_language_queued_at', columnNames: ['language', 'queued_at', 'id'] }),
    );
    await queryRunner.dropIndex('submissions', 'idx_submissions_status');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('submissions', new TableIndex({ name: 'idx_submissions_status', columnNames: ['status'] }));
    await queryRunner.dropIndex('submissions', 'idx_submissions_language_queued_at');
    await queryRunner.dropIndex('submissions', 'idx_submissions_status_queued_at');
  }
}
