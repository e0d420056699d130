import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Written with TypeORM's schema builder so the same migration serves SQLite and PostgreSQL. */
export class CreateSubmissions1763900000000 implements MigrationInterface {
  name = 'CreateSubmissions1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'submissions',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'language', type: 'varchar', length: '32' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'verdict', type: 'varchar', length: '32', isNullable: true },
          { name: 'source', type: 'text' },
          { name: 'stdin', type: 'text', isNullable: true },
          { name: 'files', type: 'text' },
          { name: 'test_cases', type: 'text' },
          { name: 'limits', type: 'text' },
          { name: 'compiler_options', type: 'text' },
          { name: 'args', type: 'text' },
          { name: 'idempotency_key', type: 'varchar', length: '128', isNullable: true, isUnique: true },
          { name: 'compile_result', type: 'text', isNullable: true },
          { name: 'run_result', type: 'text', isNullable: true },
          { name: 'error', type: 'text', isNullable: true },
          { name: 'queued_at', type: 'bigint' },
          { name: 'started_at', type: 'bigint', isNullable: true },
          { name: 'completed_at', type: 'bigint', isNullable: true },
          { name: 'execution_time_ms', type: 'integer', isNullable: true },
          { name: 'worker_id', type: 'varchar', length: '255', isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex(
      'submissions',
      new TableIndex({ name: 'idx_submissions_queued_at', columnNames: ['queued_at', 'id'] }),
    );
    await queryRunner.createIndex('submissions', new TableIndex({ name: 'idx_submissions_status', columnNames: ['status'] }));
    await queryRunner.createTable(
      new Table({
        name: 'submission_events',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'submission_id', type: 'varchar', length: '36' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'at', type: 'bigint' },
        ],
      }),
    );
    await queryRunner.createIndex(
      'submission_events',
      new TableIndex({ name: 'idx_submission_events_submission', columnNames: ['submission_id', 'id'] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'test_results',
        columns: [
          { name: 'submission_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'idx', type: 'integer', isPrimary: true },
          { name: 'verdict', type: 'varchar', length: '32' },
          { name: 'result', type: 'text' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'runtimes',
        columns: [
          { name: 'language', type: 'varchar', length: '32', isPrimary: true },
          { name: 'version', type: 'varchar', length: '255' },
          { name: 'image', type: 'varchar', length: '255' },
          { name: 'updated_at', type: 'varchar', length: '32' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('runtimes');
    await queryRunner.dropTable('test_results');
    await queryRunner.dropTable('submission_events');
    await queryRunner.dropTable('submissions');
  }
}
