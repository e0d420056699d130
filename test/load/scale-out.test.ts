import { Client, Connection } from '@temporalio/client';
import { afterAll, describe, expect, it } from 'vitest';
import { SubmissionEventEntity } from '../../db/submission-event-entity';
import { startTestSandflow, type TestSandflow } from '../support/sandflow';
import { spawnSandflow, type SandflowProcess } from '../support/sandflow-process';
import { submit, waitForTerminal } from '../support/submissions';

const BURST = 200;
const stops: Array<() => Promise<void>> = [];

afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
});

describe('scale-out', () => {
  it(`shares a burst of ${BURST} submissions between two workers; each completes exactly once though one stops mid-burst`, async () => {
    const api: TestSandflow = await startTestSandflow({
      worker: false,
      languages: ['python'],
      env: { SANDFLOW_SUBMIT_RATE_PER_MINUTE: '100000', SANDFLOW_SUBMIT_BURST: '1000' },
    });
    stops.push(() => api.stop());
    const workers: SandflowProcess[] = ['scale-a', 'scale-b'].map((id) =>
      spawnSandflow('worker', api.config, { SANDFLOW_WORKER_ID: id, SANDFLOW_SANDBOX_SLOTS: '2' }),
    );
    for (const w of workers) stops.push(() => w.stop());
    await Promise.all(workers.map((w) => w.waitForLog(/worker polling/)));

    const ids: string[] = [];
    for (let i = 0; i < BURST; i += 20) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(20, BURST - i) }, (_, j) =>
          submit(api.url, { language: 'python', source: `print(${i + j})\n` }),
        ),
      );
      ids.push(...batch.map((s) => s.id));
    }
    // Stop one worker once the burst is under way.
    const events = api.persistence.dataSource.getRepository(SubmissionEventEntity);
    while ((await events.countBy({ status: 'COMPLETED' })) < BURST / 5) await new Promise((r) => setTimeout(r, 200));
    await workers[0]?.stop();

    const results = [];
    for (const id of ids) results.push(await waitForTerminal(api.url, id, 300_000));
    expect(results.map((r) => [r.status, r.verdict, r.run?.stdout, r.error])).toEqual(
      ids.map((_, i) => ['COMPLETED', 'ACCEPTED', `${i}\n`, null]),
    );

    // Exactly once: one terminal transition per submission and one workflow execution each.
    const terminal = await events.createQueryBuilder('e').where('e.status = :s', { s: 'COMPLETED' }).getMany();
    expect(terminal).toHaveLength(BURST);
    expect(new Set(terminal.map((e) => e.submissionId)).size).toBe(BURST);
    const connection = await Connection.connect({ address: api.config.temporal.address });
    try {
      const temporal = new Client({ connection });
      const executions: string[] = [];
      for await (const wf of temporal.workflow.list({ query: `TaskQueue = '${api.config.temporal.taskQueue}'` }))
        executions.push(wf.workflowId);
      expect(executions).toHaveLength(BURST);
      expect(new Set(executions).size).toBe(BURST);
    } finally {
      await connection.close();
    }
    // Both workers took part.
    for (const w of workers) expect(w.output()).toMatch(/"msg":"claimed"/);
  }, 600_000);
});
