import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Records which toolchain version judged a submission (`Submission.languageVersion`), now
 * that a language may be offered in several. Rows from before stay NULL: which image judged
 * them was never stored. Schema builder only: one migration for both databases.
 */
export class AddLanguageVersion1763950000000 implements MigrationInterface {
  name = 'AddLanguageVersion1763950000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'submissions',
      new TableColumn({ name: 'language_version', type: 'varchar', length: '255', isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('submissions', 'language_version');
  }
}
