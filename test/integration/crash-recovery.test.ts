import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { apiUrls } from '../support/deployment';
import { busySandboxes, workerContainers } from '../support/docker';
import { collect, wsClient } from '../support/graphql';
import { waitUntil } from '../support/poll';
import { startTestSandflow, type TestSandflow } from '../support/sandflow';
import { spawnSandflow, type SandflowProcess } from '../support/sandflow-process';
import { submit, waitForTerminal } from '../support/submissions';
import { startTemporalDevServer, type TemporalDevServer } from '../support/temporal-server';

/** Everything a test started, stopped in reverse order whatever happened. */
const started: Array<{ stop(): Promise<void> }> = [];
function track<T extends { stop(): Promise<void> }>(thing: T): T {
  started.push(thing);
  return thing;
}

afterEach(async () => {
  for (const thing of started.reverse()) await thing.stop().catch(() => undefined);
  started.length = 0;
});

const SLOW_PY = 'import time\ntime.sleep(3)\nprint("survived")\n';

describe('crash recovery on real processes', () => {
  it('finishes a submission whose worker was killed with -9 mid-run, once a worker is back', async () => {
    const api: TestSandflow = track(await startTestSandflow({ worker: false, languages: ['python'] }));
    const fast = { SANDFLOW_SWEEP_INTERVAL_MS: '1000' };
    const first: SandflowProcess = track(spawnSandflow('worker', api.config, { SANDFLOW_WORKER_ID: 'crash-first', ...fast }));
    await first.waitForLog(/worker polling/);
    const submitted = await submit(api.url, { language: 'python', source: SLOW_PY, limits: { wallTimeMs: 20_000 } });
    let busy: string[] = [];
    await waitUntil(async () => (busy = await busySandboxes('crash-first')).length > 0, 60_000, 'the run to start');
    const client = wsClient(api.wsUrl);
    const updates = collect<{ submissionUpdated: { status: string; attempt: number } }>(
      client,
      'subscription($id: ID!) { submissionUpdated(id: $id) { status attempt } }',
      {
        id: submitted.id,
      },
    );
    await first.kill();

    const second = track(spawnSandflow('worker', api.config, { SANDFLOW_WORKER_ID: 'crash-second', ...fast }));
    await second.waitForLog(/worker polling/);
    const done = await waitForTerminal(api.url, submitted.id, 120_000);
    expect(done).toMatchObject({ status: 'COMPLETED', verdict: 'ACCEPTED' });
    expect(done.run?.stdout).toBe('survived\n');
    // The second worker's claim is attempt 2 where the first left off: a subscriber never sees PREPARING after RUNNING.
    try {
      expect((await updates).map((u) => u.submissionUpdated)).toEqual([
        { status: 'RUNNING', attempt: 1 },
        { status: 'RUNNING', attempt: 2 },
        { status: 'COMPLETED', attempt: 2 },
      ]);
    } finally {
      await client.dispose();
    }
    expect((await api.persistence.store.eventsAfter(submitted.id, 0)).map((e) => `${e.status}#${e.attempt}`)).toEqual([
      'QUEUED#1',
      'PREPARING#1',
      'RUNNING#1',
      'RUNNING#2',
      'COMPLETED#2',
    ]);
    // The dead worker's containers, the one that ran the program among them, are swept.
    expect(busy).toHaveLength(1);
    await waitUntil(
      async () => (await workerContainers('crash-first')).length === 0,
      30_000,
      'the orphaned containers to be swept',
    );
  });

  it('keeps the result across an API restart; a new subscription sees the terminal state', async () => {
    const worker = track(await startTestSandflow({ api: false, languages: ['python'] }));
    const firstApi = track(spawnSandflow('api', worker.config, { PORT: '0' }));
    const { url } = await apiUrls(firstApi);
    const submitted = await submit(url, { language: 'python', source: SLOW_PY });
    await waitUntil(async () => (await busySandboxes(worker.config.workerId)).length > 0, 60_000, 'the run to start');
    await firstApi.kill();

    const secondApi = track(spawnSandflow('api', worker.config, { PORT: '0' }));
    const urls = await apiUrls(secondApi);
    const done = await waitForTerminal(urls.url, submitted.id);
    expect(done).toMatchObject({ status: 'COMPLETED', verdict: 'ACCEPTED' });
    expect(done.run?.stdout).toBe('survived\n');
    const client = wsClient(urls.wsUrl);
    try {
      const updates = await collect<{ submissionUpdated: { status: string; verdict: string } }>(
        client,
        'subscription($id: ID!) { submissionUpdated(id: $id) { status verdict } }',
        { id: submitted.id },
      );
      expect(updates.map((u) => u.submissionUpdated)).toEqual([{ status: 'COMPLETED', verdict: 'ACCEPTED' }]);
    } finally {
      await client.dispose();
    }
  });

  it('completes every queued submission across a Temporal restart, including ones accepted while it was down', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sandflow-temporal-'));
    track({ stop: () => fs.rm(dir, { recursive: true, force: true }) });
    const dbFile = path.join(dir, 'temporal.db');
    let temporal: TemporalDevServer = await startTemporalDevServer(dbFile);
    const port = temporal.port;
    track({ stop: () => temporal.stop() });
    const env = { TEMPORAL_ADDRESS: temporal.address };
    const api = track(await startTestSandflow({ worker: false, languages: ['python'], env }));

    const queued = [];
    for (let i = 0; i < 4; i++) queued.push(await submit(api.url, { language: 'python', source: `print(${i})\n` }));
    await temporal.stop();
    // Accepted while Temporal is down: stored QUEUED, started by the redispatcher later.
    const whileDown = await submit(api.url, { language: 'python', source: 'print("down")\n' });
    expect(whileDown.status).toBe('QUEUED');
    temporal = await startTemporalDevServer(dbFile, port);

    track(await startTestSandflow({ api: false, joining: api, languages: ['python'], env }));
    for (const [i, s] of queued.entries()) {
      const done = await waitForTerminal(api.url, s.id, 120_000);
      expect(done).toMatchObject({ status: 'COMPLETED', verdict: 'ACCEPTED' });
      expect(done.run?.stdout).toBe(`${i}\n`);
    }
    const late = await waitForTerminal(api.url, whileDown.id, 120_000);
    expect(late.run?.stdout).toBe('down\n');
  });
});
