import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillDisk } from '../support/fill-disk';
import { gql } from '../support/graphql';
import { metricsUrlOf, sample, scrape } from '../support/metrics';
import { waitUntil } from '../support/poll';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres';
import { startTestSandflow, type TestSandflow } from '../support/sandflow';
import { getSubmission, submit, submitAndWait, waitForTerminal } from '../support/submissions';

const SUBMIT = 'mutation($input: SubmitInput!) { submit(input: $input) { id status } }';

/**
 * PostgreSQL's own disk fills (SQLSTATE 53100, disk_full), not the data dir's: a private
 * cluster on a small tmpfs. Rows that need new pages then fail; rows of a few hundred KB (a
 * big source, a big output) always need new pages of their TOAST table.
 */
describe('a full disk under PostgreSQL', () => {
  let pg: PrivatePostgres;
  let stack: TestSandflow;
  const filler = () => path.join(pg.dir, 'filler');

  /**
   * Fills the cluster's filesystem. First a fresh WAL segment, written to, so the 16 MB that
   * the few statements to come write fit in a file that exists: a WAL write with no room is a
   * PANIC, the case this test is not about.
   */
  async function fillPostgresDisk(): Promise<void> {
    const client = new PgClient({ connectionString: pg.url });
    await client.connect();
    try {
      await client.query('SELECT pg_switch_wal()');
      await client.query('CHECKPOINT');
    } finally {
      await client.end();
    }
    await fillDisk(filler());
  }

  beforeAll(async () => {
    pg = await startPrivatePostgres({ tmpfsMb: 160 });
    stack = await startTestSandflow({ languages: ['python'], env: { DATABASE_URL: pg.url } });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    await pg?.destroy();
  });

  it('refuses a submission with UNAVAILABLE / DISK_FULL while PostgreSQL has no room, and takes it once it has', async () => {
    const big = { language: 'python', source: `# ${randomBytes(120_000).toString('base64')}\nprint("big")\n` };
    expect(await submitAndWait(stack.url, { language: 'python', source: 'print("room")\n' })).toMatchObject({
      verdict: 'ACCEPTED',
    });
    await fillPostgresDisk();
    const refused = await gql(stack.url, SUBMIT, { input: big });
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0]?.message).toMatch(/the server's disk is full/);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'UNAVAILABLE', reason: 'DISK_FULL' });
    expect(refused.status).toBe(503);
    await fs.rm(filler());
    const done = await submitAndWait(stack.url, big);
    expect(done).toMatchObject({ status: 'COMPLETED', verdict: 'ACCEPTED' });
    expect(done.run?.stdout).toBe('big\n');
  });

  it('finishes a submission whose results meet the full disk once space returns, with the whole output', async () => {
    await fs.rm(filler(), { force: true });
    const failures = async () => sample((await scrape(metricsUrlOf(stack.url))).text, 'sandflow_activity_failures_total');
    const failedBefore = await failures();
    const output = randomBytes(150_000).toString('base64');
    // Still running when the disk fills; its output then has nowhere to go.
    const running = await submit(stack.url, {
      language: 'python',
      source: `import time\ntime.sleep(3)\nprint("${output}")\n`,
      limits: { outputKb: 1024 },
    });
    await waitUntil(async () => (await getSubmission(stack.url, running.id))?.status === 'RUNNING', 60_000, 'the program to run');
    await fillPostgresDisk();
    // Storing the results failed (53100) at least once, and was retried rather than given up.
    await waitUntil(async () => (await failures()) > failedBefore, 60_000, 'an activity to fail on the full disk', 250);
    expect((await getSubmission(stack.url, running.id))?.status).toBe('RUNNING');
    await fs.rm(filler());
    const done = await waitForTerminal(stack.url, running.id, 120_000);
    expect(done).toMatchObject({ status: 'COMPLETED', verdict: 'ACCEPTED' });
    expect(done.run?.stdout).toBe(`${output}\n`);
  }, 180_000);
});
