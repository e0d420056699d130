import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker } from '../support/docker';
import { collect, wsClient } from '../support/graphql';
import { waitUntil } from '../support/poll';
import { submit, waitForTerminal } from '../support/submissions';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const COMPOSE_FILE = path.join(ROOT, 'docker-compose.yml');

/** A port nothing listens on now (the kernel picks it), for one compose service. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Runs a function of scripts/provision.sh (or the image build) and returns its stdout. */
async function bash(script: string, env: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await run('bash', ['-c', script], { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** `export NAME=value` lines, as ops/compose/build-images.sh prints them. */
function parseExports(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [, name, value] of text.matchAll(/^export (\w+)=(\S+)$/gm)) if (name && value) vars[name] = value;
  return vars;
}

describe('the docker-compose deployment', () => {
  // Its own project, ports, task queue and volumes: the shared services and other stacks stay untouched.
  const project = `sfcompose${randomUUID().slice(0, 8)}`;
  /** The compose command: `docker compose` or `docker-compose`, whichever this host has. */
  let compose: [string, ...string[]];
  let env: NodeJS.ProcessEnv;
  let apiUrls: string[];

  const composeRun = (...args: string[]) =>
    run(compose[0], [...compose.slice(1), '-f', COMPOSE_FILE, '-p', project, ...args], {
      cwd: ROOT,
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
  const projectContainers = () =>
    docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } });
  const projectVolumes = async () =>
    (await docker.listVolumes({ filters: { label: [`com.docker.compose.project=${project}`] } })).Volumes ?? [];

  beforeAll(async () => {
    const base = { ...process.env, SANDFLOW_LANGUAGES: 'python' };
    const [command = 'docker-compose', ...args] = (await bash('source scripts/provision.sh && ensure_compose', base))
      .trim()
      .split(' ');
    compose = [command, ...args];
    // Cached by content hash: a cold build of all four images takes minutes, an unchanged one seconds.
    const images = parseExports(await bash('ops/compose/build-images.sh', base));
    const [postgres, temporal, temporalUi, api1, api2] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      freePort(),
      freePort(),
    ]);
    env = {
      ...base,
      ...images,
      DEPLOY_POSTGRES_PORT: String(postgres),
      DEPLOY_TEMPORAL_PORT: String(temporal),
      DEPLOY_TEMPORAL_UI_PORT: String(temporalUi),
      DEPLOY_API_PORT: String(api1),
      DEPLOY_API2_PORT: String(api2),
      DEPLOY_TASK_QUEUE: `sandflow-${project}`,
    };
    apiUrls = [api1, api2].map((port) => `http://127.0.0.1:${port}`);
    await composeRun('up', '-d');
  }, 1_200_000);

  afterAll(async () => {
    if (env) await composeRun('down', '-v', '--timeout', '30');
  }, 120_000);

  /** Whether this service's container logged that it claimed the submission. */
  async function claimedBy(service: string, submissionId: string): Promise<boolean> {
    const [container] = await docker.listContainers({
      all: true,
      filters: { label: [`com.docker.compose.project=${project}`, `com.docker.compose.service=${service}`] },
    });
    if (!container) throw new Error(`no container of ${service}`);
    const logs = await docker.getContainer(container.Id).logs({ stdout: true, stderr: true });
    return logs
      .toString('utf8')
      .split('\n')
      .some((line) => line.includes(submissionId) && line.includes('claimed'));
  }

  it('comes up ready on both API replicas; a submission through one is followed to the end on the other', async () => {
    for (const url of apiUrls) {
      await waitUntil(
        async () => (await fetch(`${url}/readyz`).catch(() => undefined))?.status === 200,
        180_000,
        `${url}/readyz to answer 200`,
        500,
      );
    }
    const submitted = await submit(`${apiUrls[0]}/graphql`, { language: 'python', source: 'print("Hello, World!")\n' });
    // Both replicas share one PostgreSQL: the other one's subscription sees every transition.
    const client = wsClient(`${apiUrls[1]?.replace('http', 'ws')}/graphql`);
    try {
      const updates = await collect<{
        submissionUpdated: { status: string; verdict: string | null; run: { stdout: string } | null };
      }>(client, 'subscription($id: ID!) { submissionUpdated(id: $id) { status verdict run { stdout } } }', { id: submitted.id });
      const last = updates.at(-1)?.submissionUpdated;
      expect(last).toEqual({ status: 'COMPLETED', verdict: 'ACCEPTED', run: { stdout: 'Hello, World!\n' } });
    } finally {
      await client.dispose();
    }
  });

  it('judges on each worker: one submission with only worker-1 up, one with only worker-2', async () => {
    for (const [only, other] of [
      ['worker-1', 'worker-2'],
      ['worker-2', 'worker-1'],
    ] as const) {
      await composeRun('stop', '--timeout', '30', other);
      try {
        const submitted = await submit(`${apiUrls[0]}/graphql`, { language: 'python', source: `print("judged on ${only}")\n` });
        const done = await waitForTerminal(`${apiUrls[1]}/graphql`, submitted.id, 120_000);
        expect(done).toMatchObject({ status: 'COMPLETED', verdict: 'ACCEPTED' });
        expect(done.run?.stdout).toBe(`judged on ${only}\n`);
        expect(await claimedBy(only, submitted.id)).toBe(true);
        expect(await claimedBy(other, submitted.id)).toBe(false);
      } finally {
        await composeRun('start', other);
      }
    }
  }, 300_000);

  it('runs every service with the host network (no Docker network) and only the expected containers', async () => {
    const containers = await projectContainers();
    const services = containers.map((c) => c.Labels['com.docker.compose.service']).sort();
    expect(services).toEqual(['api-1', 'api-2', 'migrate', 'postgres', 'temporal', 'worker-1', 'worker-2']);
    for (const c of containers) expect(Object.keys(c.NetworkSettings.Networks)).toEqual(['host']);
    const networks = await docker.listNetworks({ filters: { label: [`com.docker.compose.project=${project}`] } });
    expect(networks).toEqual([]);
  });

  it('leaves no container, volume or sandbox of the project after down -v', async () => {
    expect((await projectVolumes()).map((v) => v.Name).sort()).toEqual([`${project}_postgres`, `${project}_temporal`]);
    await composeRun('down', '-v', '--timeout', '30');
    expect(await projectContainers()).toEqual([]);
    expect(await projectVolumes()).toEqual([]);
    // Workers remove their warm sandboxes when they stop.
    expect(await docker.listContainers({ all: true, filters: { label: [`sandflow.deployment=sandflow-${project}`] } })).toEqual(
      [],
    );
  }, 120_000);
});
