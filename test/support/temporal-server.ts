import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { Connection } from '@temporalio/client';

/** A free loopback TCP port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface TemporalDevServer {
  address: string;
  port: number;
  stop(): Promise<void>;
}

/** How long one dev server process gets to answer; a loaded CI machine needs far more than the usual 1.5 s. */
const READY_TIMEOUT_MS = 90_000;
/** Start-ups tried when the process dies before answering (e.g. its port taken meanwhile by another test). */
const SPAWN_ATTEMPTS = 3;
/** Characters of the dev server's stderr kept for the error that explains a failed start-up. */
const STDERR_TAIL_CHARS = 2000;

/**
 * A private Temporal dev server persisting to `dbFile`, for tests that restart Temporal
 * without disturbing the shared one. Uses the CLI that provisioning installed. Without a
 * `port` each start-up takes a free one of its own, so a port another test took between
 * {@link freePort} and the server's bind costs one attempt; with it (a restart, which clients
 * must find at the same address) every attempt uses that port.
 */
export async function startTemporalDevServer(dbFile: string, port?: number): Promise<TemporalDevServer> {
  const failures: string[] = [];
  for (let attempt = 1; attempt <= SPAWN_ATTEMPTS; attempt++) {
    const tried = port ?? (await freePort());
    const started = await spawnDevServer(dbFile, tried);
    if ('address' in started) return started;
    failures.push(`attempt ${attempt} on port ${tried}: ${started.failure}`);
    if (!started.exited) break;
  }
  throw new Error(`Temporal dev server did not come up:\n${failures.join('\n')}`);
}

async function spawnDevServer(dbFile: string, port: number): Promise<TemporalDevServer | { failure: string; exited: boolean }> {
  const cli = process.env.SANDFLOW_TEMPORAL_CLI ?? 'temporal';
  const child: ChildProcess = spawn(
    cli,
    [
      'server',
      'start-dev',
      '--headless',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--db-filename',
      dbFile,
      '--log-level',
      'error',
      '--search-attribute',
      'SandflowLanguage=Keyword',
      '--search-attribute',
      'SandflowStatus=Keyword',
      '--search-attribute',
      'SandflowVerdict=Keyword',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL_CHARS);
  });
  const said = () => `stderr: ${stderr.trim() || '(empty)'}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const address = `127.0.0.1:${port}`;
  const startedAt = Date.now();
  for (;;) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.describeNamespace({ namespace: 'default' });
      await connection.close();
      break;
    } catch (error) {
      const elapsed = Date.now() - startedAt;
      if (child.exitCode !== null || child.signalCode !== null) {
        return { failure: `exited (${child.exitCode ?? child.signalCode}) after ${elapsed} ms; ${said()}`, exited: true };
      }
      if (elapsed > READY_TIMEOUT_MS) {
        child.kill('SIGKILL');
        await exited;
        return { failure: `no answer within ${elapsed} ms (${String(error)}); ${said()}`, exited: false };
      }
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  return {
    address,
    port,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
