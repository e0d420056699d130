/**
 * A throwaway sandflow (API + worker, `bin/sandflow.ts all`) in its own OS process, so its CPU
 * can be read apart from the benchmark's clients: own data dir (SQLite), port, task queue and
 * worker id, python only unless told, submit rate and per-client connection caps lifted (every benchmark
 * client is the same loopback address). Stopping it removes whatever it left.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import type { SandboxMode } from '../sandbox';
import { WORKER_LABEL } from '../worker/sweeper';

const ROOT = path.resolve(__dirname, '..');
const STOP_GRACE_MS = 30_000;

export interface StackOptions {
  mode: SandboxMode;
  temporalAddress: string;
  /** Seconds to wait for /healthz. */
  startTimeoutS?: number;
  /** SANDFLOW_LANGUAGES of the stack; python alone unless given. */
  languages?: string;
}

export interface Stack {
  url: string;
  pid: number;
  /** The stack's worker id: its containers carry it as the sandflow.worker label. */
  workerId: string;
  /** Its data directory (SQLite, log), removed by stop(). */
  dataDir: string;
  /** The last lines the process logged, for failure messages. */
  logTail(): Promise<string>;
  /** SIGTERM (SIGKILL after 30 s), then removes its containers and its data dir. */
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startStack(docker: Docker, options: StackOptions): Promise<Stack> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sandflow-bench-'));
  const port = await freePort();
  const workerId = `bench-${process.pid}`;
  const logFile = path.join(dataDir, 'sandflow.log');
  const log = createWriteStream(logFile);
  // One process, no tsx wrapper in between: its /proc/PID/stat is the whole stack's CPU.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bin/sandflow.ts'), 'all'], {
    cwd: ROOT,
    env: {
      ...process.env,
      SANDFLOW_DATA_DIR: dataDir,
      PORT: String(port),
      TEMPORAL_ADDRESS: options.temporalAddress,
      SANDFLOW_TASK_QUEUE: `sandflow-bench-${process.pid}`,
      SANDFLOW_WORKER_ID: workerId,
      SANDFLOW_SANDBOX_MODE: options.mode,
      SANDFLOW_LANGUAGES: options.languages ?? 'python',
      SANDFLOW_SUBMIT_RATE_PER_MINUTE: '1000000',
      SANDFLOW_SUBMIT_BURST: '100000',
      SANDFLOW_MAX_CONNECTIONS_PER_CLIENT: '100000',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}/graphql`;
  const logTail = async () => (await fs.readFile(logFile, 'utf8').catch(() => '')).split('\n').slice(-30).join('\n');

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    // The worker removes its containers when it stops; this catches any it could not.
    const left = await docker.listContainers({ all: true, filters: JSON.stringify({ label: [`${WORKER_LABEL}=${workerId}`] }) });
    await Promise.all(
      left.map((c) =>
        docker
          .getContainer(c.Id)
          .remove({ force: true })
          .catch(() => undefined),
      ),
    );
    log.end();
    await fs.rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.startTimeoutS ?? 300) * 1000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const tail = await logTail();
      await stop();
      throw new Error(`sandflow exited while starting:\n${tail}`);
    }
    const healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) {
      const tail = await logTail();
      await stop();
      throw new Error(`sandflow did not answer /healthz within ${options.startTimeoutS ?? 300} s:\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (child.pid === undefined) throw new Error('sandflow has no pid');
  return { url, pid: child.pid, workerId, dataDir, logTail, stop };
}
