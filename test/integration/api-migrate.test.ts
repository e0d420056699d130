import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createDataSource } from '../../db/data-source';
import { migrations } from '../../migrations';
import { createDeployment, DATABASES, type Deployment } from '../support/deployment';

const ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);

/** `npx tsx bin/sandflow.ts migrate`, as an operator runs it, against the deployment's database. */
async function migrateCommand(deployment: Deployment): Promise<string> {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const { stdout, stderr } = await run(
    process.execPath,
    [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'bin/sandflow.ts'), 'migrate'],
    {
      cwd: ROOT,
      env: {
        ...env,
        LOG_LEVEL: 'info',
        SANDFLOW_DATA_DIR: deployment.config.dataDir,
        ...(deployment.config.databaseUrl ? { DATABASE_URL: deployment.config.databaseUrl } : {}),
      },
      timeout: 60_000,
    },
  );
  return stdout + stderr;
}

describe.each(DATABASES)('sandflow migrate on %s', (kind) => {
  let deployment: Deployment | undefined;

  afterAll(async () => {
    await deployment?.dispose();
  });

  it('creates the schema on an empty database, and running it again changes nothing', async () => {
    deployment = await createDeployment(kind);
    expect(await migrateCommand(deployment)).toMatch(/migrations applied/);
    const dataSource = createDataSource({ databaseUrl: deployment.config.databaseUrl, dataDir: deployment.config.dataDir });
    await dataSource.initialize();
    try {
      const applied = async () =>
        ((await dataSource.query('SELECT name FROM migrations ORDER BY id')) as Array<{ name: string }>).map((r) => r.name);
      const expected = migrations.map((m) => new m().name);
      expect(await applied()).toEqual(expected);
      expect(await dataSource.showMigrations()).toBe(false);
      for (const table of ['submissions', 'submission_events', 'test_results', 'runtimes']) {
        expect(await dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`)).toHaveLength(1);
      }

      expect(await migrateCommand(deployment)).toMatch(/migrations applied/);
      expect(await applied()).toEqual(expected);

      // The newest migration can be rolled back and reapplied, so a bad deploy can be undone.
      await dataSource.undoLastMigration({ transaction: 'each' });
      expect(await applied()).toEqual(expected.slice(0, -1));
      await dataSource.runMigrations({ transaction: 'each' });
      expect(await applied()).toEqual(expected);
    } finally {
      await dataSource.destroy();
    }
  });
});
