import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workflowIdOf } from '../../api/dispatch';
import { busySandboxes, workerContainers } from '../support/docker';
import { collect, wsClient } from '../support/graphql';
import { startTestSandflow, type TestSandflow } from '../support/sandflow';
import { waitUntil } from '../support/poll';
import { getSubmission, submit, submitAndWait, waitForTerminal } from '../support/submissions';

/** The regular files below `dir` whose bytes contain `text`. */
async function filesHolding(dir: string, text: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries.filter((e) => e.isFile())) {
    const file = path.join(entry.parentPath, entry.name);
    const content = await fs.readFile(file).catch(() => Buffer.alloc(0));
    if (content.includes(text)) found.push(path.relative(dir, file));
  }
  return found;
}

const HELLO_C = '#include <stdio.h>\nint main(void) { printf("Hello, World!\\n"); return 0; }\n';

describe('a submission travels GraphQL → Temporal → Docker → database → subscriber', () => {
  let sandflow: TestSandflow;

  beforeAll(async () => {
    sandflow = await startTestSandflow({ languages: ['python', 'c'] });
  });

  afterAll(async () => {
    await sandflow?.stop();
    // A stopped worker removes its warm containers too.
    if (sandflow) expect(await workerContainers(sandflow.config.workerId)).toEqual([]);
  });

  it('runs a Python hello world to COMPLETED / ACCEPTED', async () => {
    const done = await submitAndWait(sandflow.url, { language: 'python', source: 'print("Hello, World!")\n' });
    expect(done).toMatchObject({ status: 'COMPLETED', verdict: 'ACCEPTED', compile: null });
    expect(done.run?.stdout).toBe('Hello, World!\n');
    expect(done.run?.exitCode).toBe(0);
    expect(done.totalTimeMs).toBeGreaterThan(0);
    expect(Date.parse(done.completedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(done.queuedAt));
  });

  it('compiles and runs a C hello world to COMPLETED / ACCEPTED', async () => {
    const done = await submitAndWait(sandflow.url, { language: 'c', source: HELLO_C });
    expect(done).toMatchObject({ status: 'COMPLETED', verdict: 'ACCEPTED' });
    expect(done.compile?.exitCode).toBe(0);
    expect(done.run?.stdout).toBe('Hello, World!\n');
  });

  it('reports a C program that does not compile as COMPILATION_ERROR with the compiler message', async () => {
    const done = await submitAndWait(sandflow.url, { language: 'c', source: 'int main(void) { return undefined_name; }\n' });
    expect(done).toMatchObject({ status: 'COMPLETED', verdict: 'COMPILATION_ERROR', run: null });
    expect(done.compile?.exitCode).not.toBe(0);
    expect(done.compile?.stderr).toMatch(/undefined_name/);
    expect(done.compile?.stderr).toMatch(/error/);
  });

  it('streams every transition, in order, to a graphql-ws subscriber and then completes', async () => {
    const client = wsClient(sandflow.wsUrl);
    try {
      const submitted = await submit(sandflow.url, { language: 'c', source: HELLO_C });
      const updates = await collect<{ submissionUpdated: { id: string; status: string; verdict: string | null } }>(
        client,
        'subscription($id: ID!) { submissionUpdated(id: $id) { id status verdict } }',
        { id: submitted.id },
      );
      const statuses = updates.map((u) => u.submissionUpdated.status);
      // A subscriber may join after QUEUED has passed; from its first state on it sees every one.
      const full = ['QUEUED', 'PREPARING', 'COMPILING', 'RUNNING', 'COMPLETED'];
      expect(statuses).toEqual(full.slice(full.indexOf(statuses[0] ?? '')));
      expect(statuses.length).toBeGreaterThanOrEqual(3);
      expect(updates.at(-1)?.submissionUpdated.verdict).toBe('ACCEPTED');
    } finally {
      await client.dispose();
    }
  });

  it('gives a late subscriber the terminal state at once and completes', async () => {
    const done = await submitAndWait(sandflow.url, { language: 'python', source: 'print(1)\n' });
    const client = wsClient(sandflow.wsUrl);
    try {
      const updates = await collect<{ submissionUpdated: { status: string } }>(
        client,
        'subscription($id: ID!) { submissionUpdated(id: $id) { status } }',
        { id: done.id },
      );
      expect(updates.map((u) => u.submissionUpdated.status)).toEqual(['COMPLETED']);
    } finally {
      await client.dispose();
    }
  });

  it('runs the program as a non-root uid with only the loopback interface, and ends it with the run', async () => {
    const source = 'import os\nprint(os.getuid())\nprint(sorted(os.listdir("/sys/class/net")))\n';
    const done = await submitAndWait(sandflow.url, { language: 'python', source });
    expect(done.verdict).toBe('ACCEPTED');
    const [uid, interfaces] = (done.run?.stdout ?? '').trim().split('\n');
    expect(Number(uid)).toBeGreaterThan(0);
    expect(interfaces).toBe("['lo']");
    expect(await busySandboxes(sandflow.config.workerId)).toEqual([]);
  });

  it('names each workflow after its submission, visible to Temporal (and so its Web UI)', async () => {
    const done = await submitAndWait(sandflow.url, { language: 'python', source: 'print(2)\n' });
    const connection = await Connection.connect({ address: sandflow.config.temporal.address });
    try {
      const client = new Client({ connection, namespace: sandflow.config.temporal.namespace });
      const handle = client.workflow.getHandle(workflowIdOf(done.id));
      // The terminal status reaches subscribers before the workflow has closed.
      await handle.result();
      const description = await handle.describe();
      expect(description.workflowId).toContain(done.id);
      expect(description.status.name).toBe('COMPLETED');
      expect(description.taskQueue).toBe(sandflow.config.temporal.taskQueue);
    } finally {
      await connection.close();
    }
  });

  it('writes nothing of a submission to disk while judging it: files go by value, artifacts stay in memory', async () => {
    const marker = `sandflow-by-value-${randomUUID()}`;
    const source = `#include <stdio.h>\n#include <unistd.h>\nint main(void) { sleep(2); printf("${marker}\\n"); return 0; }\n`;
    const pending = await submit(sandflow.url, {
      language: 'c',
      source,
      stdin: `${marker} in\n`,
      testCases: [{ stdin: '1\n', expectedOutput: `${marker}\n` }],
    });
    // Compiled and running: the source, the artifact (it holds the marker) and the case are in flight.
    await waitUntil(
      async () => (await getSubmission(sandflow.url, pending.id))?.status === 'RUNNING',
      60_000,
      'the submission running',
    );
    await waitUntil(
      async () => (await busySandboxes(sandflow.config.workerId)).length === 1,
      30_000,
      'a container running the program',
    );
    const holding = await filesHolding(sandflow.config.dataDir, marker);
    expect(await waitForTerminal(sandflow.url, pending.id)).toMatchObject({ status: 'COMPLETED', verdict: 'ACCEPTED' });
    // Only the database holds the submission.
    expect(holding.filter((file) => !path.basename(file).startsWith('sandflow.sqlite'))).toEqual([]);
    await expect(fs.access(path.join(sandflow.config.dataDir, 'workspaces'))).rejects.toThrow();
  });

  it('leaves no container behind', async () => {
    const pending = await submit(sandflow.url, { language: 'python', source: 'print(3)\n' });
    await waitForTerminal(sandflow.url, pending.id);
    // Warm containers wait for the next job with nothing running in them, at most one per slot.
    expect(await busySandboxes(sandflow.config.workerId)).toEqual([]);
    expect((await workerContainers(sandflow.config.workerId)).length).toBeLessThanOrEqual(sandflow.config.sandboxSlots);
  });
});
