import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ENGINE_UNAVAILABLE } from '../../common/failure-reason';
import { logger } from '../../common/logger';
import { DEFAULT_BASE_IMAGE, ensureImages } from '../../runtimes/images';
import { languages } from '../../runtimes/languages';
import { duplicatedRuns } from '../../api/duplicated-runs';
import { apiUrls, createDeployment, type Deployment } from '../support/deployment';
import { docker as sharedDocker } from '../support/docker';
import { pollUntil, waitUntil } from '../support/poll';
import { createPrivateDockerd, type PrivateDockerd } from '../support/private-dockerd';
import { spawnSandflow, type SandflowProcess } from '../support/sandflow-process';
import { getSubmission, submit, waitForTerminal } from '../support/submissions';

/*
 * A real engine outage: the stack's worker uses a Docker engine of the test's own, which the
 * test stops (SIGTERM, as an operator or a package upgrade would) and starts again on the same
 * data root. The shared engine other tests use is never touched.
 */

let engine: PrivateDockerd;
const started: Array<{ stop(): Promise<void> }> = [];
const deployments: Deployment[] = [];

beforeAll(async () => {
  engine = await createPrivateDockerd();
  await engine.start();
  const python = languages.filter((l) => l.id === 'python');
  const [image] = await ensureImages(sharedDocker, python, { logger });
  if (!image) throw new Error('no python image');
  await engine.loadImages([DEFAULT_BASE_IMAGE, image.image]);
}, 120_000);

afterEach(async () => {
  for (const thing of started.reverse()) await thing.stop().catch(() => undefined);
  started.length = 0;
});

afterAll(async () => {
  await engine?.dispose();
  for (const d of deployments) await d.dispose().catch(() => undefined);
}, 60_000);

/** A sandflow process (API and worker) whose worker judges on the private engine. */
async function startStack(
  env: Record<string, string> = {},
): Promise<{ proc: SandflowProcess; url: string; origin: string; workerId: string }> {
  const deployment = await createDeployment('sqlite');
  deployments.push(deployment);
  const workerId = `outage-${deployment.config.temporal.taskQueue.slice(-8)}`;
  const proc = spawnSandflow('all', deployment.config, {
    DOCKER_HOST: engine.host,
    PORT: '0',
    SANDFLOW_WORKER_ID: workerId,
    SANDFLOW_SANDBOX_SLOTS: '2',
    SANDFLOW_SUBMIT_BURST: '200',
    SANDFLOW_SUBMIT_RATE_PER_MINUTE: '1000',
    ...env,
  });
  started.push(proc);
  const { url } = await apiUrls(proc);
  await proc.waitForLog(/worker polling/);
  return { proc, url, workerId, origin: new URL(url).origin };
}

const readyzBody = z.object({ docker: z.object({ ok: z.boolean(), error: z.string().optional() }).optional() });

/** Status code and Docker part of GET /readyz. */
async function readyz(origin: string): Promise<{ status: number; docker: z.infer<typeof readyzBody>['docker'] }> {
  const res = await fetch(`${origin}/readyz`);
  return { status: res.status, docker: readyzBody.parse(await res.json()).docker };
}

/** The worker's sandflow_sandbox_engine_up sample, or undefined when it is not exported. */
async function engineUpGauge(origin: string, workerId: string): Promise<number | undefined> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`sandflow_sandbox_engine_up{worker="${workerId}"}`));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

/** Whether a program (more than the supervisor) runs in one of the private engine's sandboxes now. */
async function programRunning(): Promise<boolean> {
  for (const c of await engine.docker.listContainers({ filters: { label: ['sandflow=1'] } })) {
    const top = await engine.docker
      .getContainer(c.Id)
      .top()
      .catch(() => ({ Processes: [] as string[][] }));
    if ((top.Processes ?? []).length > 1) return true;
  }
  return false;
}

/** Runs longer than dockerd's 10 s stop timeout, so the engine's shutdown kills it mid-run. */
const SLOW_PY = 'import time\ntime.sleep(14)\nprint("outlived the engine")\n';
const SLOW_LIMITS = { wallTimeMs: 40_000 };
/**
 * How long the engine stays down: 20 s in the suite; SANDFLOW_TEST_ENGINE_DOWN_MS runs a longer
 * outage by hand (docs/testing.md gives the command, docs/operations.md what a 3-minute one measured).
 */
const DOWN_MS = z.coerce.number().int().min(15_000).max(540_000).default(20_000).parse(process.env.SANDFLOW_TEST_ENGINE_DOWN_MS);
/** Half a second each, like the submissions of the outage this test reproduces. */
const burstProgram = (i: number) => `import time\ntime.sleep(0.5)\nprint(${i})\n`;

describe('Docker engine outage', () => {
  it(
    'pauses during the outage, then completes every submission once, with the right verdicts and no orphans',
    async () => {
      const stack = await startStack();
      const slow = await submit(stack.url, { language: 'python', source: SLOW_PY, limits: SLOW_LIMITS });
      await waitUntil(programRunning, 60_000, 'the slow program to run');
      const burst = await Promise.all(
        Array.from({ length: 50 }, (_, i) => submit(stack.url, { language: 'python', source: burstProgram(i) })),
      );

      const stopAt = Date.now();
      await engine.stop();
      const downAt = Date.now();
      await stack.proc.waitForLog(/sandbox engine does not answer/, 10_000);
      const notReady = await pollUntil(
        () => readyz(stack.origin),
        (r) => r.status === 503,
        10_000,
        'readyz to turn 503',
      );
      expect(notReady.docker?.ok).toBe(false);
      expect(notReady.docker?.error).toMatch(/takes no sandbox work until it answers/);
      expect(await engineUpGauge(stack.origin, stack.workerId)).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, downAt + DOWN_MS - Date.now())));
      // Waiting, not failed: the outage is well inside the default 10-minute budget.
      const midOutage = await Promise.all([slow, ...burst].map((s) => getSubmission(stack.url, s.id)));
      expect(midOutage.filter((s) => s?.status === 'FAILED' || s?.status === 'CANCELLED')).toEqual([]);
      expect(midOutage.filter((s) => s?.status !== 'COMPLETED').length).toBeGreaterThan(0);

      await engine.start();
      const upAt = Date.now();
      const all = await Promise.all([slow, ...burst].map((s) => waitForTerminal(stack.url, s.id, 120_000)));
      const doneAt = Date.now();
      // The last such line: a stopping dockerd may answer a ping or two before it is gone.
      const backLine =
        stack.proc
          .output()
          .split('\n')
          .filter((l) => l.includes('sandbox engine answers again'))
          .pop() ?? '';

      // The stderr of any other verdict says why (e.g. a supervisor that ended without a report).
      expect(all.map((s) => [s.status, s.verdict, s.verdict === 'ACCEPTED' ? '' : s.run?.stderr])).toEqual(
        all.map(() => ['COMPLETED', 'ACCEPTED', '']),
      );
      expect(all[0]?.run?.stdout).toBe('outlived the engine\n');
      expect(all.slice(1).map((s) => s.run?.stdout)).toEqual(burst.map((_, i) => `${i}\n`));
      // The slow run was cut short by the engine (never judged as the program's failure) and ran again; nothing was judged twice.
      expect(stack.proc.output()).toMatch(
        /the engine stopped the sandbox during the job|sandbox engine stopped answering during a job/,
      );
      expect(
        await duplicatedRuns(
          process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
          'default',
          all.map((s) => s.id),
        ),
      ).toBe(0);
      expect((await readyz(stack.origin)).status).toBe(200);
      expect(await engineUpGauge(stack.origin, stack.workerId)).toBe(1);
      // The containers of the engine's previous life are gone; what is left is the warm pool, running.
      const left = await engine.docker.listContainers({ all: true, filters: { label: ['sandflow=1'] } });
      expect(left.filter((c) => c.State !== 'running' || c.Created * 1000 < upAt - 1000)).toEqual([]);
      await stack.proc.stop();
      expect(await engine.docker.listContainers({ all: true, filters: { label: ['sandflow=1'] } })).toEqual([]);

      const backAt = z.object({ time: z.number() }).parse(JSON.parse(backLine)).time;
      process.stdout.write(
        `engine outage: SIGTERM→dockerd exited ${downAt - stopAt} ms; down ${upAt - downAt} ms; engine answering→worker resumed ${backAt - upAt} ms; ` +
          `→all 51 terminal ${doneAt - upAt} ms\n`,
      );
    },
    130_000 + DOWN_MS,
  );

  it('fails claimed work with a plain "sandbox engine unavailable" once the outage outlasts its budget', async () => {
    if (
      !(await engine.docker.ping().then(
        () => true,
        () => false,
      ))
    )
      await engine.start();
    const stack = await startStack({ SANDFLOW_ENGINE_OUTAGE_BUDGET_MS: '5000' });
    const inFlight = await submit(stack.url, { language: 'python', source: SLOW_PY, limits: SLOW_LIMITS });
    await waitUntil(programRunning, 60_000, 'the slow program to run');

    await engine.stop();
    const downAt = Date.now();
    const queued = await Promise.all(
      Array.from({ length: 3 }, (_, i) => submit(stack.url, { language: 'python', source: burstProgram(i) })),
    );
    const all = await Promise.all([inFlight, ...queued].map((s) => waitForTerminal(stack.url, s.id, 60_000)));
    const failedAt = Date.now();

    for (const s of all) expect({ status: s.status, error: s.error }).toEqual({ status: 'FAILED', error: ENGINE_UNAVAILABLE });
    // The health watcher says so on its next ping, which may come after the jobs gave up.
    await stack.proc.waitForLog(/outage outlasted its budget/, 10_000);
    process.stdout.write(`engine outage past a 5 s budget: dockerd exited→all 4 FAILED ${failedAt - downAt} ms\n`);
  }, 120_000);
});
