import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, describe, expect, it } from 'vitest';
import { createDataSource } from '../../db/data-source';
import { migrations } from '../../migrations';
import { AddAttempts1763960000000 } from '../../migrations/1763960000000-AddAttempts';
import { createDeployment, DATABASES, type Deployment } from '../support/deployment';

const COLUMNS = 'id, language, status, verdict, source, files, test_cases, limits, compiler_options, args, queued_at';

describe.each(DATABASES)('attempts migration on %s', (kind) => {
  let deployment: Deployment | undefined;
  let dataSource: DataSource | undefined;

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await deployment?.dispose();
  });

  it('gives existing submissions and events the attempt and workflow run the FAILED count said', async () => {
    deployment = await createDeployment(kind);
    const db = createDataSource({ databaseUrl: deployment.config.databaseUrl, dataDir: deployment.config.dataDir });
    dataSource = db;
    db.setOptions({ migrations: migrations.slice(0, migrations.indexOf(AddAttempts1763960000000)) });
    await db.initialize();
    await db.runMigrations({ transaction: 'each' });

    const p = (n: number) => (kind === 'postgres' ? `$${n}` : '?');
    const insert = async (status: string, verdict: string | null, log: string[]) => {
      const id = randomUUID();
      const placeholders = Array.from({ length: 11 }, (_, i) => p(i + 1)).join(', ');
      await db.query(`INSERT INTO submissions (${COLUMNS}) VALUES (${placeholders})`, [
        id,
        'python',
        status,
        verdict,
        'print(1)',
        '[]',
        '[]',
        '{}',
        '[]',
        '[]',
        Date.now(),
      ]);
      for (const [i, event] of log.entries())
        await db.query(`INSERT INTO submission_events (submission_id, status, at) VALUES (${p(1)}, ${p(2)}, ${p(3)})`, [
          id,
          event,
          i,
        ]);
      return id;
    };
    const fresh = await insert('COMPLETED', 'ACCEPTED', ['QUEUED', 'PREPARING', 'RUNNING', 'COMPLETED']);
    // Retried once and running again; retried once and failed again.
    const retried = await insert('RUNNING', null, ['QUEUED', 'FAILED', 'QUEUED', 'PREPARING', 'RUNNING']);
    const failedAgain = await insert('FAILED', 'INTERNAL_ERROR', ['QUEUED', 'FAILED', 'QUEUED', 'PREPARING', 'FAILED']);

    await db.destroy();
    db.setOptions({ migrations });
    await db.initialize();
    await db.runMigrations({ transaction: 'each' });

    const row = async (id: string) =>
      (await db.query(`SELECT attempt, workflow_run FROM submissions WHERE id = ${p(1)}`, [id])).map(
        (r: { attempt: number; workflow_run: number }) => [Number(r.attempt), Number(r.workflow_run)],
      );
    const events = async (id: string) =>
      (await db.query(`SELECT status, attempt FROM submission_events WHERE submission_id = ${p(1)} ORDER BY id`, [id])).map(
        (e: { status: string; attempt: number }) => `${e.status}#${Number(e.attempt)}`,
      );
    expect(await row(fresh)).toEqual([[1, 1]]);
    expect(await row(retried)).toEqual([[2, 2]]);
    expect(await row(failedAgain)).toEqual([[2, 2]]);
    expect(await events(fresh)).toEqual(['QUEUED#1', 'PREPARING#1', 'RUNNING#1', 'COMPLETED#1']);
    expect(await events(retried)).toEqual(['QUEUED#1', 'FAILED#1', 'QUEUED#2', 'PREPARING#2', 'RUNNING#2']);
    expect(await events(failedAgain)).toEqual(['QUEUED#1', 'FAILED#1', 'QUEUED#2', 'PREPARING#2', 'FAILED#2']);
  });
});
