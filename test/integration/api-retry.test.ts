import { Connection, Client as TemporalClient } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workflowIdOfRun, workflowIdOf } from '../../api/dispatch';
import { runCli } from '../support/cli';
import { gql } from '../support/graphql';
import { startTestSandflow, type TestSandflow } from '../support/sandflow';
import { submit, waitForTerminal } from '../support/submissions';

const ALPHA = { authorization: 'Bearer alpha-token' };
const BETA = { authorization: 'Bearer beta-token' };
const RETRY = 'mutation($id: ID!) { retrySubmission(id: $id) { id status verdict error attempt } }';

/*
 * A submission ends FAILED for a real infrastructure reason: the only worker has no image for
 * its language (bash), so claiming it fails for good. Once a worker that has one is up, an
 * operator retries it.
 */
describe('retrySubmission', () => {
  let api: TestSandflow;
  let temporal: TemporalClient;
  const workers: TestSandflow[] = [];

  beforeAll(async () => {
    api = await startTestSandflow({
      worker: false,
      languages: ['python', 'bash'],
      env: { SANDFLOW_API_TOKENS: 'alpha-token,beta-token' },
    });
    workers.push(await startTestSandflow({ api: false, joining: api, languages: ['python'] }));
    temporal = new TemporalClient({ connection: await Connection.connect({ address: api.config.temporal.address }) });
  }, 180_000);

  afterAll(async () => {
    for (const worker of workers.reverse()) await worker.stop();
    await temporal?.connection.close();
    await api?.stop();
  });

  it('judges a FAILED submission again under a new workflow run; the status log keeps the failed attempt', async () => {
    const { id } = await submit(api.url, { language: 'bash', source: 'echo hi' }, ALPHA);
    const failed = await waitForTerminal(api.url, id, 60_000, ALPHA);
    expect(failed).toMatchObject({ status: 'FAILED', verdict: 'INTERNAL_ERROR' });

    // Another client cannot retry it, and learns nothing about it.
    const foreign = await gql(api.url, RETRY, { id }, BETA);
    expect(foreign.errors?.[0]).toMatchObject({
      message: `id: submission ${id} does not exist`,
      extensions: { code: 'NOT_FOUND', field: 'id' },
    });

    await workers[0]?.stop();
    workers.length = 0;
    workers.push(await startTestSandflow({ api: false, joining: api, languages: ['bash'] }));
    const retried = await gql<{
      retrySubmission: { id: string; status: string; verdict: string | null; error: string | null; attempt: number };
    }>(api.url, RETRY, { id }, ALPHA);
    expect(retried.errors).toBeUndefined();
    expect(retried.data?.retrySubmission).toEqual({ id, status: 'QUEUED', verdict: null, error: null, attempt: 2 });

    const done = await waitForTerminal(api.url, id, 60_000, ALPHA);
    expect(done).toMatchObject({ id, status: 'COMPLETED', verdict: 'ACCEPTED', error: null });
    expect(done.run?.stdout).toBe('hi\n');
    const log = (await api.persistence.store.eventsAfter(id, 0)).map((e) => `${e.status}#${e.attempt}`);
    expect(log).toEqual(['QUEUED#1', 'FAILED#1', 'QUEUED#2', 'PREPARING#2', 'RUNNING#2', 'COMPLETED#2']);
    expect(await api.persistence.store.get(id)).toMatchObject({ attempt: 2, workflowRun: 2 });
    // Both attempts' histories are kept, each under its own workflow id.
    await temporal.workflow.getHandle(workflowIdOfRun(id, 2)).result();
    const first = await temporal.workflow.getHandle(workflowIdOf(id)).describe();
    const second = await temporal.workflow.getHandle(workflowIdOfRun(id, 2)).describe();
    expect([first.status.name, second.status.name]).toEqual(['COMPLETED', 'COMPLETED']);
    expect(second.workflowId).toBe(`submission-${id}-retry-1`);

    // Only a FAILED one: the same id again is refused, naming the id and the state it needs.
    const again = await gql(api.url, RETRY, { id }, ALPHA);
    expect(again.errors?.[0]).toMatchObject({
      message: `id: submission ${id} is COMPLETED (ACCEPTED); only a submission that ended FAILED (INTERNAL_ERROR) can be retried`,
      extensions: { code: 'BAD_USER_INPUT', field: 'id' },
    });
    expect((await api.persistence.store.eventsAfter(id, 0)).length).toBe(log.length);
  }, 180_000);

  it('is a CLI subcommand: sandflow retry ID', async () => {
    const env = { SANDFLOW_URL: api.url, SANDFLOW_TOKEN: 'alpha-token' };
    // The worker now serves bash only: a python submission fails, a bash one completes.
    const failing = await submit(api.url, { language: 'python', source: 'print(1)' }, ALPHA);
    expect(await waitForTerminal(api.url, failing.id, 60_000, ALPHA)).toMatchObject({
      status: 'FAILED',
      verdict: 'INTERNAL_ERROR',
    });
    const retried = await runCli(['retry', failing.id], { env });
    expect(retried).toMatchObject({ code: 0, stdout: `${failing.id} QUEUED\n` });

    const completed = await submit(api.url, { language: 'bash', source: 'echo hi' }, ALPHA);
    expect(await waitForTerminal(api.url, completed.id, 60_000, ALPHA)).toMatchObject({ status: 'COMPLETED' });
    const refused = await runCli(['retry', completed.id], { env });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('only a submission that ended FAILED');
  }, 120_000);
});
