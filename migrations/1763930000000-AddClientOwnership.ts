import { Table, TableColumn, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';

const CLIENT_INDEXES = [
  new TableIndex({
    name: 'uq_submissions_client_idempotency_key',
    columnNames: ['client_name', 'idempotency_key'],
    isUnique: true,
  }),
  new TableIndex({ name: 'idx_submissions_client_queued_at', columnNames: ['client_name', 'queued_at', 'id'] }),
  new TableIndex({ name: 'idx_submissions_client_status_queued_at', columnNames: ['client_name', 'status', 'queued_at', 'id'] }),
  new TableIndex({
    name: 'idx_submissions_client_language_queued_at',
    columnNames: ['client_name', 'language', 'queued_at', 'id'],
  }),
];

/**
 * Drops the global UNIQUE on idempotency_key without touching its data. Not changeColumn:
 * on PostgreSQL that drops and re-adds a column whose loaded type name differs, losing every key.
 */
async function dropGlobalIdempotencyKey(queryRunner: QueryRunner): Promise<void> {
  const table = await queryRunner.getTable('submissions');
  const column = table?.findColumnByName('idempotency_key');
  const unique = table?.uniques.find((u) => u.columnNames.length === 1 && u.columnNames[0] === 'idempotency_key');
  if (!table || !column || !unique) throw new Error('submissions.idempotency_key: its UNIQUE constraint was not found');
  // SQLite rebuilds the table from this description, re-adding UNIQUE for a column still marked so.
  column.isUnique = false;
  await queryRunner.dropUniqueConstraint(table, unique);
}

/**
 * Tenants: every submission belongs to the API client that made it, idempotency keys are
 * unique per client instead of globally, listing is per client (so its indexes lead with the
 * client), and submit rate buckets live in the database where every API replica shares them.
 * Rows from before belong to 'local', the open mode's implicit client (LOCAL_CLIENT_NAME).
 * Schema builder only, so one migration serves SQLite and PostgreSQL.
 */
export class AddClientOwnership1763930000000 implements MigrationInterface {
  name = 'AddClientOwnership1763930000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'submissions',
      new TableColumn({ name: 'client_name', type: 'varchar', length: '64', default: "'local'" }),
    );
    await dropGlobalIdempotencyKey(queryRunner);
    for (const index of CLIENT_INDEXES) await queryRunner.createIndex('submissions', index);
    // Every list is per client now; these led with columns no query filters on first any more.
    await queryRunner.dropIndex('submissions', 'idx_submissions_queued_at');
    await queryRunner.dropIndex('submissions', 'idx_submissions_language_queued_at');
    await queryRunner.createTable(
      new Table({
        name: 'submit_rate_buckets',
        columns: [
          { name: 'client_name', type: 'varchar', length: '64', isPrimary: true },
          { name: 'tokens', type: 'double precision' },
          { name: 'updated_at', type: 'bigint' },
        ],
      }),
    );
  }

  /** Fails if two clients used the same idempotency key: one global namespace cannot hold both. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('submit_rate_buckets');
    await queryRunner.createIndex(
      'submissions',
      new TableIndex({ name: 'idx_submissions_language_queued_at', columnNames: ['language', 'queued_at', 'id'] }),
    );
    await queryRunner.createIndex(
      'submissions',
      new TableIndex({ name: 'idx_submissions_queued_at', columnNames: ['queued_at', 'id'] }),
    );
    for (const index of [...CLIENT_INDEXES].reverse()) await queryRunner.dropIndex('submissions', index.name ?? '');
    await queryRunner.createUniqueConstraint(
      'submissions',
      new TableUnique({ name: 'uq_submissions_idempotency_key', columnNames: ['idempotency_key'] }),
    );
    await queryRunner.dropColumn('submissions', 'client_name');
  }
}
