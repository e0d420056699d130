import type { Client as WsClient } from 'graphql-ws';
import { afterAll, describe, expect, it } from 'vitest';
import { apiUrls, createDeployment, DATABASES, type Deployment } from '../support/deployment';
import { wsClient } from '../support/graphql';
import { spawnSandflow, type SandflowProcess } from '../support/sandflow-process';
import { submit, waitForTerminal } from '../support/submissions';

interface Update {
  status: string;
  verdict: string | null;
  run: { stdout: string } | null;
}

const QUERY = 'subscription($id: ID!) { submissionUpdated(id: $id) { status verdict run { stdout } } }';
const PYTHON_STATUSES = ['QUEUED', 'PREPARING', 'RUNNING', 'COMPLETED'];

/** A subscription's updates so far; `first` settles on the first one, `done` when it completes. */
function watch(client: WsClient, id: string): { updates: Update[]; first: Promise<void>; done: Promise<Update[]> } {
  const updates: Update[] = [];
  let arrived: () => void = () => undefined;
  const first = new Promise<void>((resolve) => (arrived = resolve));
  const done = new Promise<Update[]>((resolve, reject) => {
    client.subscribe<{ submissionUpdated: Update }>(
      { query: QUERY, variables: { id } },
      {
        next: (value) => {
          if (value.errors?.length) return reject(new Error(JSON.stringify(value.errors)));
          if (value.data) updates.push(value.data.submissionUpdated);
          arrived();
        },
        error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
        complete: () => resolve(updates),
      },
    );
  });
  return { updates, first, done };
}

describe.each(DATABASES)('live updates across processes on %s', (kind) => {
  let deployment: Deployment | undefined;
  const processes: SandflowProcess[] = [];
  const clients: WsClient[] = [];

  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await Promise.all(processes.map((p) => p.stop()));
    await deployment?.dispose();
  });

  it('gives subscribers on either of two API processes every transition a separate worker process makes, in order', async () => {
    deployment = await createDeployment(kind);
    // On PostgreSQL a poll this slow means only LISTEN/NOTIFY can deliver within the test's
    // time; on SQLite re-reading the event log is how other processes' writes arrive at all.
    const env = { PORT: '0', SANDFLOW_SUBSCRIPTION_POLL_MS: kind === 'postgres' ? '600000' : '200' };
    const apiA = spawnSandflow('api', deployment.config, env);
    const apiB = spawnSandflow('api', deployment.config, env);
    processes.push(apiA, apiB);
    // Both start on an empty database at once: their migrations race, and both must come up.
    const [a, b] = await Promise.all([apiUrls(apiA), apiUrls(apiB)]);

    // Accepted before any worker exists, so every subscriber starts at QUEUED and must then see all of it.
    const plain = await submit(a.url, { language: 'python', source: 'print("from a")\n' });
    const judged = await submit(b.url, {
      language: 'python',
      source: 'print(input())\n',
      testCases: [
        { stdin: 'x', expectedOutput: 'x' },
        { stdin: 'y', expectedOutput: 'y' },
      ],
    });
    const onA = wsClient(a.wsUrl);
    const onB = wsClient(b.wsUrl);
    clients.push(onA, onB);
    const watches = [watch(onA, plain.id), watch(onB, plain.id), watch(onA, judged.id), watch(onB, judged.id)];
    await Promise.all(watches.map((w) => w.first));
    expect(watches.map((w) => w.updates.map((u) => u.status))).toEqual([['QUEUED'], ['QUEUED'], ['QUEUED'], ['QUEUED']]);

    const worker = spawnSandflow('worker', deployment.config, {
      SANDFLOW_WORKER_ID: `live-${kind}`,
      SANDFLOW_SANDBOX_SLOTS: '2',
    });
    processes.push(worker);
    const seen = await Promise.all(watches.map((w) => w.done));
    for (const updates of seen) {
      expect(updates.map((u) => u.status)).toEqual(PYTHON_STATUSES);
      expect(updates.at(-1)?.verdict).toBe('ACCEPTED');
      // Non-terminal states do not carry the result yet.
      expect(updates.slice(0, -1).every((u) => u.verdict === null)).toBe(true);
    }
    expect(seen[0]?.at(-1)?.run?.stdout).toBe('from a\n');
    expect(seen[1]).toEqual(seen[0]);

    // While the worker runs: a subscriber that joins at any moment sees the rest without a gap.
    const later = await submit(a.url, { language: 'python', source: 'print("later")\n' });
    const joined = await watch(onB, later.id).done;
    const statuses = joined.map((u) => u.status);
    expect(statuses).toEqual(PYTHON_STATUSES.slice(PYTHON_STATUSES.indexOf(statuses[0] ?? '')));
    expect(joined.at(-1)?.run?.stdout).toBe('later\n');

    // After the end: the terminal state at once, then completion.
    await waitForTerminal(b.url, later.id);
    expect((await watch(onA, later.id).done).map((u) => u.status)).toEqual(['COMPLETED']);
  });
});
