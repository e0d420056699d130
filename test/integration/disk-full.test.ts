import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fillDisk } from '../support/fill-disk';
import { gql } from '../support/graphql';
import { metricsUrlOf, sample, scrape } from '../support/metrics';
import { waitUntil } from '../support/poll';
import { startTestSandflow, type TestSandflow } from '../support/sandflow';
import { getSubmission, submit, submitAndWait, waitForTerminal } from '../support/submissions';

const run = promisify(execFile);
const HELLO = { language: 'python', source: 'print("Hello, World!")\n' };
const SUBMIT = 'mutation($input: SubmitInput!) { submit(input: $input) { id status } }';

describe('a full disk under the data dir (SQLite)', () => {
  let mountPoint: string;
  let stack: TestSandflow;
  const filler = () => path.join(mountPoint, 'filler');

  const storedSubmissions = async () => {
    const response = await gql(stack.url, '{ submissions(first: 100) { edges { cursor } } }');
    return z.object({ submissions: z.object({ edges: z.array(z.unknown()) }) }).parse(response.data).submissions.edges.length;
  };

  beforeAll(async () => {
    // A small filesystem of its own (tmpfs, root only), so filling it touches nothing else.
    mountPoint = await fs.mkdtemp(path.join(os.tmpdir(), 'sandflow-disk-full-'));
    await run('mount', ['-t', 'tmpfs', '-o', 'size=48m', 'tmpfs', mountPoint]);
    stack = await startTestSandflow({
      languages: ['python'],
      env: { SANDFLOW_DATA_DIR: mountPoint, SANDFLOW_MIN_FREE_DISK_MB: '8' },
    });
  });

  afterAll(async () => {
    await stack?.stop();
    if (mountPoint) {
      await run('umount', [mountPoint]).catch(() => undefined);
      await fs.rmdir(mountPoint);
    }
  });

  it('judges while there is room', async () => {
    const done = await submitAndWait(stack.url, HELLO);
    expect(done).toMatchObject({ status: 'COMPLETED', verdict: 'ACCEPTED' });
  });

  it('refuses a submission with a clear UNAVAILABLE / DISK_FULL error and stores nothing of it', async () => {
    const before = await storedSubmissions();
    // 4 MiB left, under the 8 MiB the deployment keeps free: SQLite could still write, the check refuses first.
    await fillDisk(filler(), 4 * 1024 * 1024);
    const response = await gql(stack.url, SUBMIT, { input: HELLO });
    expect(response.data ?? null).toBeNull();
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0]?.message).toMatch(/the server's disk is full/);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'UNAVAILABLE', reason: 'DISK_FULL', retryAfterSeconds: 60 });
    expect(response.status).toBe(503);
    expect(await storedSubmissions()).toBe(before);
  });

  it('accepts and judges again, by itself, once space returns', async () => {
    await fs.rm(filler());
    const done = await submitAndWait(stack.url, HELLO);
    expect(done).toMatchObject({ status: 'COMPLETED', verdict: 'ACCEPTED' });
    expect(done.run?.stdout).toBe('Hello, World!\n');
  });

  it('finishes a submission whose results meet a full disk once space returns, with a whole row', async () => {
    const failures = async () => sample((await scrape(metricsUrlOf(stack.url))).text, 'sandflow_activity_failures_total');
    const failedBefore = await failures();
    // Still running when the disk fills: its results then have nowhere to go.
    const running = await submit(stack.url, { language: 'python', source: 'import time\ntime.sleep(3)\nprint("done")\n' });
    await waitUntil(async () => (await getSubmission(stack.url, running.id))?.status === 'RUNNING', 60_000, 'the program to run');
    await fillDisk(filler());
    // Storing the results failed at least once (SQLITE_FULL / ENOSPC), and was retried rather than given up.
    await waitUntil(async () => (await failures()) > failedBefore, 60_000, 'an activity to fail on the full disk', 250);
    await fs.rm(filler());
    const done = await waitForTerminal(stack.url, running.id, 120_000);
    expect(done).toMatchObject({ status: 'COMPLETED', verdict: 'ACCEPTED' });
    expect(done.run?.stdout).toBe('done\n');
  });
});
