/**
 * The sandbox's contract with its caller, on the real engine: what persists, what is
 * thrown, what is removed, and what an abort does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeOrphans, SandboxInfrastructureError } from '../../sandbox';
import {
  box,
  docker,
  gvisor,
  imagesOf,
  LIMITS,
  leftoverContainers,
  removeScratch,
  run,
  runtime,
  sandbox,
  show,
  TEST_LABELS,
} from '../support/sandbox-harness';

describe(`sandbox lifecycle (runtime ${runtime})`, () => {
  let py = '';

  beforeAll(async () => {
    py = (await imagesOf(['python'])).get('python') ?? '';
  });

  afterAll(async () => {
    // Closing the suite's sandbox removes its warm containers; then none may be left.
    await removeScratch();
    expect(await leftoverContainers()).toEqual([]);
  });

  it('brings back only the named artifacts of a compile step', async () => {
    const build = 'open("artifact", "w").write("built"); open("junk", "w").write("x"); import os; os.mkdir("d")';
    const r = await run(py, { 'main.py': 'print(1)\n' }, ['python3', '-c', build], {
      mode: 'compile',
      collect: ['artifact', 'd'],
    });
    expect(r.exitCode, show(r)).toBe(0);
    // Neither the junk nor the sources come back, and a directory is never an artifact, whatever the patterns say.
    expect(r.artifacts.map((a) => [a.path, Buffer.from(a.content).toString()])).toEqual([['artifact', 'built']]);
  });

  it('compiles in a size- and inode-limited tmpfs: nothing reaches the host disk', async () => {
    const files = box({ 'main.py': 'print(1)\n' });
    const fill = `import errno
for name, size in [("big", 200 << 20)]:
    try:
        with open(name, "wb") as f:
            f.write(b"x" * size)
    except OSError as e:
        print(name, errno.errorcode[e.errno], flush=True)
n = 0
try:
    while True:
        open(f"f{n}", "w").close()
        n += 1
except OSError as e:
    print("files", errno.errorcode[e.errno], n < 20000)
`;
    const r = await run(py, files, ['python3', '-c', fill], { mode: 'compile', collect: ['main'], limits: { memoryMb: 512 } });
    expect(r.stdout, show(r)).toMatch(/^big (ENOSPC|EFBIG)\n/);
    // gVisor's tmpfs has no inode limit; there its files are the Sentry's memory, bounded by the memory limit.
    if (!gvisor) expect(r.stdout).toMatch(/\nfiles ENOSPC True\n$/);
    expect(r.artifacts).toEqual([]);
    expect(files.map((f) => f.path)).toEqual(['main.py']);
  });

  it('refuses artifacts larger than the cap as a failed compile, not an error', async () => {
    // Two large writes, not thousands of small ones: under gVisor every system call is costly.
    const write = 'for name in "ab": open(name, "wb").write(bytes(40_000_000))';
    const r = await run(py, { 'main.py': 'print(1)\n' }, ['python3', '-c', write], {
      mode: 'compile',
      collect: ['a', 'b'],
      limits: { memoryMb: 512, cpuTimeMs: 10_000, wallTimeMs: 20_000 },
      tmpfsMb: 128,
    });
    expect(r.limitExceeded, show(r)).toBe('output');
    expect(r.stderr).toContain("the compiler's output is larger than");
    expect(r.artifacts).toEqual([]);
  });

  it('gives a run a private copy: the files handed in stay as they were, and a run brings nothing back', async () => {
    const source = 'open("main.py", "w").write("changed")\nopen("new", "w").write("x")\nprint(open("main.py").read())\n';
    const files = box({ 'main.py': source });
    const r = await run(py, files, ['python3', 'main.py'], { collect: ['*'] });
    expect(r.exitCode, show(r)).toBe(0);
    expect(r.stdout).toBe('changed\n');
    expect(r.artifacts).toEqual([]);
    expect(files.map((f) => [f.path, Buffer.from(f.content).toString()])).toEqual([['main.py', source]]);
  });

  it('heartbeats while the program runs', async () => {
    let beats = 0;
    const r = await sandbox().run(
      {
        image: py,
        command: ['python3', '-c', 'import time; time.sleep(2.5)'],
        files: [],
        mode: 'run',
        limits: LIMITS,
        runtime,
      },
      { onProgress: () => beats++ },
    );
    expect(r.exitCode, show(r)).toBe(0);
    expect(beats).toBeGreaterThanOrEqual(2);
  });

  it('kills and removes the container at once when aborted', async () => {
    const controller = new AbortController();
    const before = await leftoverContainers();
    const started = Date.now();
    const running = sandbox().run(
      {
        image: py,
        command: ['python3', '-c', 'import time; time.sleep(60)'],
        files: [],
        mode: 'run',
        limits: { ...LIMITS, wallTimeMs: 61000 },
        runtime,
      },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 1000);
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(5000);
    // The aborted run's container (its shape is used by no other test) is gone.
    expect((await leftoverContainers()).length).toBe(before.length);
  });

  it('throws an infrastructure error for a missing image', async () => {
    await expect(run('sandflow/no-such-image:none', {}, ['true'])).rejects.toBeInstanceOf(SandboxInfrastructureError);
  });

  it('refuses a file path that is not plain relative before a container is taken', async () => {
    // The refusal comes at once, while the replacement a previous test's retired container set
    // off may still be starting: count from a closed pool, so only this call could add one.
    await removeScratch();
    const before = await leftoverContainers();
    await expect(run(py, { '../escape': 'x' }, ['true'])).rejects.toThrow(/not a plain relative path/);
    expect(await leftoverContainers()).toEqual(before);
  });

  it('reports a program that cannot be executed as exit 127, not an error', async () => {
    const r = await run(py, {}, ['no-such-program']);
    expect(r.exitCode, show(r)).toBe(127);
    expect(r.stderr).toContain('cannot execute no-such-program');
  });

  it('removes orphaned sandboxes, except those of live workers', async () => {
    const OWNER = 'sandflow.test.owner';
    const make = async (owner: string): Promise<string> => {
      const c = await docker.createContainer({
        Image: py,
        Cmd: ['true'],
        Labels: { ...TEST_LABELS, sandflow: '1', [OWNER]: owner },
        HostConfig: { NetworkMode: 'none' },
      });
      return c.id;
    };
    const live = await make('live-one');
    const dead = await make('dead-one');
    const unattributed = (
      await docker.createContainer({
        Image: py,
        Cmd: ['true'],
        Labels: { ...TEST_LABELS, sandflow: '1' },
        HostConfig: { NetworkMode: 'none' },
      })
    ).id;
    try {
      const options = { ownerLabel: OWNER, keptAtMostMs: 3_600_000 };
      const young = await removeOrphans(docker, { ...options, olderThanMs: 60_000, isOwnerAlive: () => false });
      expect(young).not.toContain(dead);
      // Every owner but dead-one counts as live: sandboxes of others sharing the engine stay.
      const removed = await removeOrphans(docker, { ...options, olderThanMs: 0, isOwnerAlive: (id) => id !== 'dead-one' });
      expect(removed).toContain(dead);
      expect(removed).not.toContain(live);
      // Nobody's: kept until it is really old.
      expect(removed).not.toContain(unattributed);
      // Too old even for a live owner.
      const ancient = await removeOrphans(docker, { ...options, keptAtMostMs: 0, olderThanMs: 0, isOwnerAlive: () => true });
      expect(ancient).toContain(live);
      const old = await removeOrphans(docker, {
        ...options,
        olderThanMs: 0,
        unattributedOlderThanMs: 0,
        isOwnerAlive: () => true,
      });
      expect(old).toContain(unattributed);
    } finally {
      for (const id of [live, dead, unattributed])
        await docker
          .getContainer(id)
          .remove({ force: true })
          .catch(() => undefined);
    }
  });
});
