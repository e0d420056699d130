import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Records when a submission's workflow was started, so the redispatcher restarts only rows
 * never started instead of every QUEUED row in every API replica. Rows past QUEUED were
 * started; QUEUED rows from before stay NULL and are started once more, which is harmless
 * (the workflow id rejects a duplicate). Schema builder only: one migration for both databases.
 */
export class AddDispatchedAt1763940000000 implements MigrationInterface {
  name = 'AddDispatchedAt1763940000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('submissions', new TableColumn({ name: 'dispatched_at', type: 'bigint', isNullable: true }));
    await queryRunner.query(`UPDATE submissions SET dispatched_at = queued_at WHERE status <> 'QUEUED'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('submissions', 'dispatched_at');
  }
}
