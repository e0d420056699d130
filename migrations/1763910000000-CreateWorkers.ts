import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

export class CreateWorkers1763910000000 implements MigrationInterface {
  name = 'CreateWorkers1763910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'workers',
        columns: [
          { name: 'id', type: 'varchar', length: '255', isPrimary: true },
          { name: 'task_queue', type: 'varchar', length: '512' },
          { name: 'slots', type: 'integer' },
          { name: 'started_at', type: 'bigint' },
          { name: 'last_seen_at', type: 'bigint' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('workers');
  }
}
