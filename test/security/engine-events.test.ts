/**
 * When a sandbox dies without its supervisor's report, the engine's event log says whether the
 * OOM killer struck (the program's verdict, even when Docker's OOMKilled flag came too late) or
 * the engine stopped it (no verdict: the job is retried). Real containers on the runtime named
 * by SANDFLOW_TEST_RUNTIME, ended each way.
 */
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endingOf } from '../../sandbox/engine-events';
import { docker, imagesOf, runtime, TEST_LABELS } from '../support/sandbox-harness';

let python = '';
const made: Docker.Container[] = [];

async function started(cmd: string[], memoryMb = 64): Promise<{ container: Docker.Container; createdAt: number }> {
  const createdAt = Date.now();
  const container = await docker.createContainer({
    Image: python,
    Cmd: cmd,
    Labels: { sandflow: '1', ...TEST_LABELS },
    HostConfig: { Runtime: runtime, NetworkMode: 'none', Memory: memoryMb * 1024 * 1024, MemorySwap: memoryMb * 1024 * 1024 },
  });
  made.push(container);
  await container.start();
  return { container, createdAt };
}

beforeAll(async () => {
  python = (await imagesOf(['python'])).get('python') ?? '';
}, 600_000);

afterAll(async () => {
  for (const c of made) await c.remove({ force: true }).catch(() => undefined);
});

describe('the engine events of a sandbox that died without a report', () => {
  it('name the OOM killer when the memory limit killed it', async () => {
    // Touches every byte, so the pages count against the cgroup.
    const { container, createdAt } = await started(['python3', '-c', 'b = b"x" * (512 << 20)']);
    await container.wait();
    expect(await endingOf(docker, container.id, createdAt, 500)).toEqual({ oomKilled: true, stoppedByEngine: false });
  });

  it('name the engine when it stopped the container (SIGTERM first)', async () => {
    const { container, createdAt } = await started(['sleep', '60']);
    await container.stop({ t: 1 });
    expect(await endingOf(docker, container.id, createdAt, 500)).toEqual({ oomKilled: false, stoppedByEngine: true });
  });

  it('name neither when it was SIGKILLed (as the host kills a sandbox at its backstop)', async () => {
    const { container, createdAt } = await started(['sleep', '60']);
    await container.kill({ signal: 'SIGKILL' });
    await container.wait();
    expect(await endingOf(docker, container.id, createdAt, 500)).toEqual({ oomKilled: false, stoppedByEngine: false });
  });

  it('count an event that comes after the call, within the grace', async () => {
    const { container, createdAt } = await started(['sleep', '60']);
    const ending = endingOf(docker, container.id, createdAt, 3000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await container.stop({ t: 1 });
    expect(await ending).toEqual({ oomKilled: false, stoppedByEngine: true });
  });
});
