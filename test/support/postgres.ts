import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';

/* Throwaway databases in the PostgreSQL that scripts/test.sh provisions, one per test deployment. */

function postgresAdminUrl(): string {
  const url = process.env.SANDFLOW_TEST_POSTGRES_URL;
  if (!url)
    throw new Error('SANDFLOW_TEST_POSTGRES_URL is not set: run the tests through scripts/test.sh, which starts PostgreSQL');
  return url;
}

async function withAdmin(work: (admin: PgClient) => Promise<unknown>): Promise<void> {
  const admin = new PgClient({ connectionString: postgresAdminUrl() });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}

/** Creates an empty database and returns its URL. */
export async function createPostgresDatabase(): Promise<string> {
  const name = `sandflow_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(postgresAdminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops a database createPostgresDatabase made, closing whatever is still connected to it. */
export async function dropPostgresDatabase(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}
