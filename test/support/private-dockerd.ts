import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { pollUntil } from './poll';

const run = promisify(execFile);

/**
 * A Docker engine of a test's own (data root, exec root, pid file and socket under one temp
 * dir), so a test can stop and start it without touching the shared engine other tests use.
 * No bridge and no iptables, like scripts/provision.sh's; gVisor only where runsc is installed.
 */
export interface PrivateDockerd {
  /** DOCKER_HOST for processes that should use this engine. */
  host: string;
  docker: Docker;
  /** Starts dockerd (again, on the same data root) and waits until it answers. */
  start(): Promise<void>;
  /** SIGTERM, and waits for dockerd to exit (its containers are stopped on the way). */
  stop(): Promise<void>;
  /** Copies images from the shared engine into this one (docker save | docker load). */
  loadImages(images: readonly string[]): Promise<void>;
  /** Stops it whatever its state, and removes every directory it used. */
  dispose(): Promise<void>;
}

export async function createPrivateDockerd(): Promise<PrivateDockerd> {
  // Short: unix socket paths (containerd's under the exec root) must stay under 108 bytes.
  const dir = await fs.mkdtemp('/tmp/sfeo-');
  const socket = path.join(dir, 'docker.sock');
  const host = `unix://${socket}`;
  const config = path.join(dir, 'daemon.json');
  const runsc = await run('sh', ['-c', 'command -v runsc']).then(
    ({ stdout }) => stdout.trim(),
    () => '',
  );
  // The same runtimes as ensure_docker; bridge and iptables come as flags, as the brief of this engine.
  await fs.writeFile(
    config,
    JSON.stringify(runsc ? { runtimes: { runsc: { path: runsc, runtimeArgs: ['--platform=ptrace', '--network=none'] } } } : {}),
  );
  const docker = new Docker({ socketPath: socket });
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const answers = () =>
    docker.ping().then(
      () => true,
      () => false,
    );

  async function start(): Promise<void> {
    const log = openSync(path.join(dir, 'dockerd.log'), 'a');
    child = spawn(
      'dockerd',
      [
        '--data-root',
        path.join(dir, 'data'),
        '--exec-root',
        path.join(dir, 'exec'),
        '--pidfile',
        path.join(dir, 'dockerd.pid'),
        '-H',
        host,
        '--config-file',
        config,
        '--bridge=none',
        '--iptables=false',
        '--ip-masq=false',
      ],
      { stdio: ['ignore', log, log] },
    );
    closeSync(log);
    const current = child;
    exited = new Promise((resolve) => current.once('exit', () => resolve()));
    await pollUntil(answers, Boolean, 60_000, `the private dockerd to answer (log: ${dir}/dockerd.log)`, 200);
  }

  async function stop(): Promise<void> {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await exited;
  }

  async function loadImages(images: readonly string[]): Promise<void> {
    await run('bash', ['-o', 'pipefail', '-c', `docker save ${images.join(' ')} | DOCKER_HOST=${host} docker load -q`], {
      env: { ...process.env, DOCKER_HOST: '' },
      maxBuffer: 1 << 20,
    });
  }

  async function dispose(): Promise<void> {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child?.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(killer);
    }
    // A dockerd that died hard leaves its containerd and mounts behind.
    const containerdPid = await fs.readFile(path.join(dir, 'exec', 'containerd', 'containerd.pid'), 'utf8').catch(() => '');
    if (/^\d+$/.test(containerdPid.trim())) {
      try {
        process.kill(Number(containerdPid.trim()), 'SIGKILL');
      } catch {
        // Gone with its dockerd, as it should be.
      }
    }
    const mounts = (await fs.readFile('/proc/mounts', 'utf8'))
      .split('\n')
      .map((line) => line.split(' ')[1] ?? '')
      .filter((mount) => mount.startsWith(`${dir}/`))
      .reverse();
    for (const mount of mounts) await run('umount', ['-l', mount]).catch(() => undefined);
    await fs.rm(dir, { recursive: true, force: true });
  }

  return { host, docker, start, stop, loadImages, dispose };
}
