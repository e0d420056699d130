import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Stores the judging attempt (`submissions.attempt`, and on each event the attempt it belongs
 * to) and the workflow run (`submissions.workflow_run`) instead of counting FAILED events.
 * Rows from before get what the count said: one more run (and attempt) per FAILED event that
 * a retrySubmission followed. Claims retried inside a run were never recorded, so old rows
 * count none. Schema builder plus portable SQL: one migration for both databases.
 */
export class AddAttempts1763960000000 implements MigrationInterface {
  name = 'AddAttempts1763960000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('submissions', [
      new TableColumn({ name: 'attempt', type: 'integer', default: 1 }),
      new TableColumn({ name: 'workflow_run', type: 'integer', default: 1 }),
    ]);
    await queryRunner.addColumn('submission_events', new TableColumn({ name: 'attempt', type: 'integer', default: 1 }));
    // An event belongs to the attempt after every FAILED before it (each was followed by a retry's QUEUED).
    await queryRunner.query(
      `UPDATE submission_events SET attempt = 1 + (
         SELECT COUNT(*) FROM submission_events f
         WHERE f.submission_id = submission_events.submission_id AND f.status = 'FAILED' AND f.id < submission_events.id)`,
    );
    // A submission FAILED now is still on the run that failed.
    await queryRunner.query(
      `UPDATE submissions SET workflow_run = 1 + (
         SELECT COUNT(*) FROM submission_events f WHERE f.submission_id = submissions.id AND f.status = 'FAILED'
       ) - (CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END)`,
    );
    await queryRunner.query('UPDATE submissions SET attempt = workflow_run');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('submission_events', 'attempt');
    await queryRunner.dropColumn('submissions', 'workflow_run');
    await queryRunner.dropColumn('submissions', 'attempt');
  }
}
