/**
 * The sandbox's contract with its caller, on the real engine: what persists, what is
 * thrown, what is removed, and what an abort does.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeOrphans, runInSandbox, SandboxInfrastructureError } from '../../activities/sandbox';
import { docker, hostDir, imagesOf, LIMITS, leftoverContainers, removeScratch, run, runtime, show, TEST_LABELS } from '../support/sandbox-harness';

describe(`sandbox lifecycle (runtime ${runtime})`, () => {
  let py = '';

  beforeAll(async () => {
    py = (await imagesOf(['python'])).get('python') ?? '';
  });

  afterAll(async () => {
    try {
      expect(await leftoverContainers()).toEqual([]);
    } finally {
      await removeScratch();
    }
  });

  it('keeps what a compile step writes, owned by the sandbox user', async () => {
    const dir = await hostDir({ 'main.py': 'print(1)\n' });
    const r = await run(py, dir, ['python3', '-c', 'open("artifact", "w").write("built")'], { mode: 'compile' });
    expect(r.exitCode, show(r)).toBe(0);
    expect(await readFile(path.join(dir, 'artifact'), 'utf8')).toBe('built');
    expect((await stat(path.join(dir, 'artifact'))).uid).toBe(10001);
  });

  it('gives a run a private copy: the host directory stays as it was', async () => {
    const dir = await hostDir({ 'main.py': 'open("main.py", "w").write("changed")\nopen("new", "w").write("x")\nprint(open("main.py").read())\n' });
    const r = await run(py, dir, ['python3', 'main.py']);
    expect(r.exitCode, show(r)).toBe(0);
    expect(r.stdout).toBe('changed\n');
    expect(await readFile(path.join(dir, 'main.py'), 'utf8')).toContain('open("main.py", "w")');
    await expect(stat(path.join(dir, 'new'))).rejects.toThrow(/ENOENT/);
  });

  it('heartbeats while the program runs', async () => {
    let beats = 0;
    const r = await runInSandbox(
      docker,
      {
        image: py,
        command: ['python3', '-c', 'import time; time.sleep(2.5)'],
        hostDir: await hostDir(),
        mode: 'run',
        limits: LIMITS,
        runtime,
        labels: TEST_LABELS,
      },
      { onProgress: () => beats++ },
    );
    expect(r.exitCode, show(r)).toBe(0);
    expect(beats).toBeGreaterThanOrEqual(2);
  });

  it('kills and removes the container at once when aborted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const running = runInSandbox(
      docker,
      {
        image: py,
        command: ['python3', '-c', 'import time; time.sleep(60)'],
        hostDir: await hostDir(),
        mode: 'run',
        limits: { ...LIMITS, wallTimeMs: 60000 },
        runtime,
        labels: TEST_LABELS,
      },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 1000);
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await leftoverContainers()).toEqual([]);
  });

  it('throws an infrastructure error for a missing image', async () => {
    await expect(run('sandflow/no-such-image:none', {}, ['true'])).rejects.toBeInstanceOf(SandboxInfrastructureError);
  });

  it('throws an infrastructure error for a missing host directory', async () => {
    await expect(run(py, '/nonexistent/sandflow-dir', ['true'])).rejects.toBeInstanceOf(SandboxInfrastructureError);
  });

  it('reports a program that cannot be executed as exit 127, not an error', async () => {
    const r = await run(py, {}, ['no-such-program']);
    expect(r.exitCode, show(r)).toBe(127);
    expect(r.stderr).toContain('cannot execute no-such-program');
  });

  it('removes orphaned sandboxes, except those of live submissions', async () => {
    const make = async (submission: string): Promise<string> => {
      const c = await docker.createContainer({
        Image: py,
        Cmd: ['true'],
        Labels: { ...TEST_LABELS, sandflow: '1', 'sandflow.submission': submission },
        HostConfig: { NetworkMode: 'none' },
      });
      return c.id;
    };
    const live = await make('live-one');
    const dead = await make('dead-one');
    const unattributed = (
      await docker.createContainer({ Image: py, Cmd: ['true'], Labels: { ...TEST_LABELS, sandflow: '1' }, HostConfig: { NetworkMode: 'none' } })
    ).id;
    try {
      const young = await removeOrphans(docker, { olderThanMs: 60_000, isAlive: () => false });
      expect(young).not.toContain(dead);
      // Every submission but dead-one counts as live: sandboxes of others sharing the engine stay.
      const removed = await removeOrphans(docker, { olderThanMs: 0, isAlive: (id) => id !== 'dead-one' });
      expect(removed).toContain(dead);
      expect(removed).not.toContain(live);
      // Not a submission's: kept until it is really old.
      expect(removed).not.toContain(unattributed);
      const old = await removeOrphans(docker, { olderThanMs: 0, unattributedOlderThanMs: 0, isAlive: () => true });
      expect(old).toContain(unattributed);
    } finally {
      for (const id of [live, dead, unattributed]) await docker.getContainer(id).remove({ force: true }).catch(() => undefined);
    }
  });
});
