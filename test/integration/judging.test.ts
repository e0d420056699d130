import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workflowIdOf } from '../../api/dispatch';
import { WorkerRegistry } from '../../db/worker-registry';
import { DEPLOYMENT_LABEL, deploymentOf, sweepOnce, WORKER_LABEL, type SweeperOptions } from '../../worker/sweeper';
import { busySandboxes, docker, workerContainers } from '../support/docker';
import { gqlOk, SUBMISSION_FIELDS } from '../support/graphql';
import { waitUntil } from '../support/poll';
import { startTestSandflow, type TestSandflow } from '../support/sandflow';
import { getSubmission, submit, submitAndWait, waitForTerminal, type SubmissionView } from '../support/submissions';
import { logger } from '../../common/logger';
import { JUDGE_ATTEMPTS } from '../../workflows/judge-submission';

const DOUBLE_PY = 'n = int(input())\nif n < 0:\n    while True: pass\nprint(n * 2)\n';

/** Attempts of each activity type in a workflow's history. */
async function activityAttempts(temporal: Client, submissionId: string): Promise<Array<{ type: string; attempt: number }>> {
  const handle = temporal.workflow.getHandle(workflowIdOf(submissionId));
  // Temporal writes an activity's started event with its outcome: wait for the workflow's end.
  await handle.result().catch(() => undefined);
  const history = await handle.fetchHistory();
  const scheduled = new Map<number, string>();
  const attempts: Array<{ type: string; attempt: number }> = [];
  for (const event of history.events ?? []) {
    const s = event.activityTaskScheduledEventAttributes;
    if (s) scheduled.set(Number(event.eventId), s.activityType?.name ?? '?');
    const started = event.activityTaskStartedEventAttributes;
    if (started) attempts.push({ type: scheduled.get(Number(started.scheduledEventId)) ?? '?', attempt: started.attempt ?? 1 });
  }
  return attempts;
}

describe('durable judging', () => {
  let sandflow: TestSandflow;
  let connection: Connection;
  let temporal: Client;

  beforeAll(async () => {
    sandflow = await startTestSandflow({ languages: ['python', 'c'] });
    connection = await Connection.connect({ address: sandflow.config.temporal.address });
    temporal = new Client({ connection, namespace: sandflow.config.temporal.namespace });
  });

  afterAll(async () => {
    await connection?.close();
    await sandflow?.stop();
  });

  describe('test cases', () => {
    it('runs every case, judges each against its expected output, and accepts when all pass', async () => {
      const done = await submitAndWait(sandflow.url, {
        language: 'python',
        source: DOUBLE_PY,
        testCases: [
          { stdin: '1\n', expectedOutput: '2\n' },
          // Trailing spaces on a line and trailing blank lines do not matter.
          { stdin: '2\n', expectedOutput: '4   \n\n\n' },
          { stdin: '21', expectedOutput: '42' },
        ],
      });
      expect(done).toMatchObject({ status: 'COMPLETED', verdict: 'ACCEPTED', run: null });
      expect(done.testResults.map((t) => [t.index, t.verdict, t.result.stdout])).toEqual([
        [0, 'ACCEPTED', '2\n'],
        [1, 'ACCEPTED', '4\n'],
        [2, 'ACCEPTED', '42\n'],
      ]);
    });

    it("takes the first failing case's verdict, in case order", async () => {
      const done = await submitAndWait(sandflow.url, {
        language: 'python',
        source: DOUBLE_PY,
        limits: { cpuTimeMs: 300, wallTimeMs: 2000 },
        testCases: [
          { stdin: '1\n', expectedOutput: '2\n' },
          { stdin: '-1\n', expectedOutput: 'never\n' },
          { stdin: '3\n', expectedOutput: '7\n' },
          { stdin: 'x\n', expectedOutput: '0\n' },
        ],
      });
      expect(done.testResults.map((t) => t.verdict)).toEqual([
        'ACCEPTED',
        'TIME_LIMIT_EXCEEDED',
        'WRONG_ANSWER',
        'RUNTIME_ERROR',
      ]);
      expect(done.verdict).toBe('TIME_LIMIT_EXCEEDED');
    });

    it('compiles once and runs each case against the same artifact', async () => {
      const source = '#include <stdio.h>\nint main(void){int a,b;scanf("%d %d",&a,&b);printf("%d\\n",a+b);return 0;}\n';
      const done = await submitAndWait(sandflow.url, {
        language: 'c',
        source,
        testCases: [
          { stdin: '1 2', expectedOutput: '3' },
          { stdin: '40 2', expectedOutput: '42' },
        ],
      });
      expect(done.verdict).toBe('ACCEPTED');
      expect(done.compile?.exitCode).toBe(0);
      // One activity compiled once and ran both cases on the artifact it kept, in one attempt.
      expect(await activityAttempts(temporal, done.id)).toEqual([{ type: 'claimAndJudge', attempt: 1 }]);
      expect(done.testResults.map((t) => t.result.stdout)).toEqual(['3\n', '42\n']);
    });

    it('keeps the workflow lean: a one-run submission makes at most 14 history events', async () => {
      const done = await submitAndWait(sandflow.url, { language: 'python', source: 'print(1)\n' });
      const handle = temporal.workflow.getHandle(workflowIdOf(done.id));
      await handle.result();
      const events = (await handle.fetchHistory()).events ?? [];
      expect(events.length).toBeLessThanOrEqual(14);
    });
  });

  describe('retries versus verdicts', () => {
    it('never retries a program failure: a runtime error is a result', async () => {
      const done = await submitAndWait(sandflow.url, { language: 'python', source: 'raise SystemExit(3)\n' });
      expect(done).toMatchObject({ status: 'COMPLETED', verdict: 'RUNTIME_ERROR' });
      expect(done.run?.exitCode).toBe(3);
      const attempts = await activityAttempts(temporal, done.id);
      expect(attempts.length).toBeGreaterThan(0);
      expect(attempts.every((a) => a.attempt === 1)).toBe(true);
    });

    it('retries an infrastructure failure with backoff, then ends FAILED / INTERNAL_ERROR with a clear error', async () => {
      const broken = await startTestSandflow({ languages: ['python'], env: { SANDFLOW_DOCKER_RUNTIME: 'no-such-runtime' } });
      try {
        const done = await submitAndWait(broken.url, { language: 'python', source: 'print(1)\n' }, 60_000);
        expect(done).toMatchObject({ status: 'FAILED', verdict: 'INTERNAL_ERROR' });
        // A plain reason for the client; Docker's message (runtime name, socket path, errno) goes to the log only.
        expect(done.error).toMatch(
          /^internal error: the sandbox failed after several attempts; operators can find the details in the logs/,
        );
        expect(done.error).not.toMatch(/\//);
        expect(done.error).not.toMatch(/\bE[A-Z]{3,}\b|no-such-runtime|docker/);
        const runs = (await activityAttempts(temporal, done.id)).filter((a) => a.type === 'claimAndJudge');
        expect(Math.max(...runs.map((a) => a.attempt))).toBe(JUDGE_ATTEMPTS);
      } finally {
        await broken.stop();
      }
    });
  });

  describe('cancellation', () => {
    it('kills and removes the running container within 2 s and ends CANCELLED', async () => {
      const submitted = await submit(sandflow.url, {
        language: 'python',
        source: 'while True: pass\n',
        limits: { cpuTimeMs: 20_000, wallTimeMs: 30_000 },
      });
      let busy: string[] = [];
      await waitUntil(
        async () => (busy = await busySandboxes(sandflow.config.workerId)).length === 1,
        30_000,
        'a container running the program',
      );
      const started = Date.now();
      const data = await gqlOk<{ cancelSubmission: SubmissionView }>(
        sandflow.url,
        `mutation($id: ID!) { cancelSubmission(id: $id) { ${SUBMISSION_FIELDS} } }`,
        { id: submitted.id },
      );
      const ids = async () => (await workerContainers(sandflow.config.workerId)).map((c) => c.Id);
      await waitUntil(async () => !(await ids()).includes(busy[0] ?? ''), 5000, 'the container to go');
      expect(Date.now() - started).toBeLessThan(2000);
      expect(data.cancelSubmission.status).toBe('CANCELLED');
      expect((await waitForTerminal(sandflow.url, submitted.id)).status).toBe('CANCELLED');
    });

    it('returns a finished submission unchanged', async () => {
      const done = await submitAndWait(sandflow.url, { language: 'python', source: 'print(5)\n' });
      const data = await gqlOk<{ cancelSubmission: SubmissionView }>(
        sandflow.url,
        `mutation($id: ID!) { cancelSubmission(id: $id) { ${SUBMISSION_FIELDS} } }`,
        { id: done.id },
      );
      expect(data.cancelSubmission).toEqual(done);
    });
  });

  describe('idempotency', () => {
    it('returns the first submission for a repeated key and starts one workflow only', async () => {
      const idempotencyKey = `key-${randomUUID()}`;
      const input = { language: 'python', source: 'print("once")\n', idempotencyKey };
      const concurrent = await Promise.all([
        submit(sandflow.url, input),
        submit(sandflow.url, input),
        submit(sandflow.url, input),
      ]);
      const ids = new Set(concurrent.map((s) => s.id));
      expect(ids.size).toBe(1);
      const [id] = [...ids] as [string];
      await waitForTerminal(sandflow.url, id);
      const again = await submit(sandflow.url, input);
      expect(again.id).toBe(id);
      let runs = 0;
      for await (const _ of temporal.workflow.list({ query: `WorkflowId = '${workflowIdOf(id)}'` })) runs++;
      expect(runs).toBe(1);
    });
  });

  describe('operators', () => {
    it('tags each workflow with language, status and verdict so the Web UI can filter on them', async () => {
      const done = await submitAndWait(sandflow.url, { language: 'python', source: 'raise SystemExit(1)\n' });
      const query = `WorkflowId = '${workflowIdOf(done.id)}' AND SandflowLanguage = 'python' AND SandflowStatus = 'COMPLETED' AND SandflowVerdict = 'RUNTIME_ERROR'`;
      await waitUntil(
        async () => {
          for await (const _ of temporal.workflow.list({ query })) return true;
          return false;
        },
        15_000,
        'the workflow to be listed by its search attributes',
      );
    });
  });

  describe('sandbox slots', () => {
    it('runs at most the configured number of sandboxes at once; the rest wait in Temporal', async () => {
      const narrow = await startTestSandflow({ languages: ['python'], env: { SANDFLOW_SANDBOX_SLOTS: '1' } });
      try {
        const source = 'import time\ntime.sleep(0.7)\nprint("ok")\n';
        const ids = (await Promise.all([0, 1, 2].map(() => submit(narrow.url, { language: 'python', source })))).map((s) => s.id);
        let mostAtOnce = 0;
        const finished = Promise.all(ids.map((id) => waitForTerminal(narrow.url, id)));
        let done = false;
        void finished.finally(() => (done = true));
        while (!done) {
          mostAtOnce = Math.max(mostAtOnce, (await busySandboxes(narrow.config.workerId)).length);
          await new Promise((r) => setTimeout(r, 50));
        }
        expect((await finished).map((f) => f.verdict)).toEqual(['ACCEPTED', 'ACCEPTED', 'ACCEPTED']);
        expect(mostAtOnce).toBe(1);
      } finally {
        await narrow.stop();
      }
    });
  });

  describe('sweeper', () => {
    const sweep = (extra: Partial<SweeperOptions> = {}) =>
      sweepOnce({
        docker,
        workers: new WorkerRegistry(sandflow.persistence.dataSource),
        config: sandflow.config,
        logger,
        // Young containers may be between create and start; these are known to be done.
        minContainerAgeMs: 0,
        ...extra,
      });
    const orphanContainer = async (labels: Record<string, string>) => {
      const image = (await docker.listImages({ filters: { reference: ['sandflow/python'] } }))[0]?.RepoTags?.[0];
      expect(image).toBeDefined();
      return docker.createContainer({
        Image: image,
        Cmd: ['true'],
        Labels: { sandflow: '1', ...labels },
        HostConfig: { NetworkMode: 'none' },
      });
    };

    it('removes containers of workers that are gone', async () => {
      const orphanId = randomUUID();
      const container = await orphanContainer({
        [WORKER_LABEL]: `gone-${orphanId}`,
        [DEPLOYMENT_LABEL]: deploymentOf(sandflow.config),
      });
      expect(await sweep()).toBeGreaterThanOrEqual(1);
      expect(await workerContainers(`gone-${orphanId}`)).toEqual([]);
      await expect(docker.getContainer(container.id).inspect()).rejects.toThrow();
    });

    it("leaves another deployment's containers alone, however old: its workers are not in this deployment's registry", async () => {
      const foreign = await orphanContainer({
        [WORKER_LABEL]: `elsewhere-${randomUUID()}`,
        [DEPLOYMENT_LABEL]: `other-deployment-${randomUUID()}`,
      });
      try {
        await sweep();
        // Past this deployment's age bound too: another deployment may keep its containers longer.
        await sweep({ maxContainerAgeGraceMs: -Math.max(sandflow.config.maxLimits.wallTimeMs, 40_000) - 1000 });
        expect((await docker.getContainer(foreign.id).inspect()).Id).toBe(foreign.id);
      } finally {
        await foreign.remove({ force: true });
      }
    });

    it("labels this deployment's sandboxes with the deployment, so the sweepers of others skip them", async () => {
      const { id } = await submit(sandflow.url, {
        language: 'python',
        source: 'import time\ntime.sleep(30)\n',
        limits: { wallTimeMs: 30_000 },
      });
      let busy: string[] = [];
      await waitUntil(
        async () => (busy = await busySandboxes(sandflow.config.workerId)).length === 1,
        30_000,
        'a container running the program',
      );
      const labels = (await docker.getContainer(busy[0] ?? '').inspect()).Config.Labels;
      expect(labels[DEPLOYMENT_LABEL]).toBe(sandflow.config.temporal.taskQueue);
      await gqlOk(sandflow.url, 'mutation($id: ID!) { cancelSubmission(id: $id) { status } }', { id });
      expect((await waitForTerminal(sandflow.url, id)).status).toBe('CANCELLED');
    });
  });

  it('GET /readyz of a process that runs a worker reports Docker too', async () => {
    const ready = await fetch(`${sandflow.url.replace(/\/graphql$/, '')}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, database: { ok: true }, temporal: { ok: true }, docker: { ok: true } });
  });

  it('keeps the service healthy: a normal submission still runs after all of the above', async () => {
    const done = await submitAndWait(sandflow.url, { language: 'python', source: 'print("still fine")\n' });
    expect(done.run?.stdout).toBe('still fine\n');
    expect((await getSubmission(sandflow.url, done.id))?.verdict).toBe('ACCEPTED');
  });
});
