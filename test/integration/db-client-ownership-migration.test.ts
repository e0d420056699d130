import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, describe, expect, it } from 'vitest';
import { createDataSource } from '../../db/data-source';
import { migrations } from '../../migrations';
import { AddClientOwnership1763930000000 } from '../../migrations/1763930000000-AddClientOwnership';
import { createDeployment, DATABASES, type Deployment } from '../support/deployment';

const COLUMNS = 'id, language, status, source, files, test_cases, limits, compiler_options, args, idempotency_key, queued_at';

describe.each(DATABASES)('client ownership migration on %s', (kind) => {
  let deployment: Deployment | undefined;
  let dataSource: DataSource | undefined;

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await deployment?.dispose();
  });

  it('gives existing submissions the local owner, keeps their keys, and makes idempotency keys unique per client only', async () => {
    deployment = await createDeployment(kind);
    const db = createDataSource({ databaseUrl: deployment.config.databaseUrl, dataDir: deployment.config.dataDir });
    dataSource = db;
    const ownership = migrations.indexOf(AddClientOwnership1763930000000);
    db.setOptions({ migrations: migrations.slice(0, ownership) });
    await db.initialize();
    await db.runMigrations({ transaction: 'each' });

    const p = (n: number) => (kind === 'postgres' ? `$${n}` : '?');
    const values = (id: string, key: string) => [
      id,
      'python',
      'COMPLETED',
      'print(1)',
      '[]',
      '[]',
      '{}',
      '[]',
      '[]',
      key,
      Date.now(),
    ];
    const placeholders = Array.from({ length: 11 }, (_, i) => p(i + 1)).join(', ');
    const legacy = randomUUID();
    await db.query(`INSERT INTO submissions (${COLUMNS}) VALUES (${placeholders})`, values(legacy, 'key-1'));

    await db.destroy();
    db.setOptions({ migrations });
    await db.initialize();
    await db.runMigrations({ transaction: 'each' });

    expect(await db.query(`SELECT client_name, idempotency_key FROM submissions WHERE id = ${p(1)}`, [legacy])).toEqual([
      { client_name: 'local', idempotency_key: 'key-1' },
    ]);
    const insert = (id: string, key: string, client: string) =>
      db.query(`INSERT INTO submissions (${COLUMNS}, client_name) VALUES (${placeholders}, ${p(12)})`, [
        ...values(id, key),
        client,
      ]);
    // The same key for another client is a different submission; for the same client it is refused.
    await insert(randomUUID(), 'key-1', 'tenant-b');
    await expect(insert(randomUUID(), 'key-1', 'local')).rejects.toThrow(/unique|duplicate/i);
  });
});
