import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Problems and their versions (the test data itself is in the blob store, by hash), and what a
 * submission judged against one records: the problem and version, the score, the per-group
 * breakdown, and each case's name and points. Schema builder only: one migration for both databases.
 */
export class CreateProblems1763980000000 implements MigrationInterface {
  name = 'CreateProblems1763980000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'problems',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'client_name', type: 'varchar', length: '64' },
          { name: 'title', type: 'text', isNullable: true },
          { name: 'is_public', type: 'boolean', default: false },
          { name: 'latest_version', type: 'integer', default: 0 },
          { name: 'created_at', type: 'bigint' },
        ],
        indices: [{ name: 'idx_problems_client', columnNames: ['client_name', 'id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'problem_versions',
        columns: [
          { name: 'problem_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'version', type: 'integer', isPrimary: true },
          { name: 'definition', type: 'text' },
          { name: 'case_count', type: 'integer' },
          { name: 'data_bytes', type: 'bigint' },
          { name: 'created_at', type: 'bigint' },
        ],
      }),
    );
    await queryRunner.addColumns('submissions', [
      new TableColumn({ name: 'problem_id', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'problem_version', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'problem_cases', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'score', type: 'double precision', isNullable: true }),
      new TableColumn({ name: 'max_score', type: 'double precision', isNullable: true }),
      new TableColumn({ name: 'group_results', type: 'text', isNullable: true }),
    ]);
    await queryRunner.createIndex(
      'submissions',
      new TableIndex({ name: 'idx_submissions_problem', columnNames: ['problem_id', 'problem_version'] }),
    );
    await queryRunner.addColumns('test_results', [
      new TableColumn({ name: 'name', type: 'varchar', length: '255', isNullable: true }),
      new TableColumn({ name: 'score', type: 'double precision', isNullable: true }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('test_results', 'score');
    await queryRunner.dropColumn('test_results', 'name');
    await queryRunner.dropIndex('submissions', 'idx_submissions_problem');
    for (const column of ['group_results', 'max_score', 'score', 'problem_cases', 'problem_version', 'problem_id'])
      await queryRunner.dropColumn('submissions', column);
    await queryRunner.dropTable('problem_versions');
    await queryRunner.dropTable('problems');
  }
}
