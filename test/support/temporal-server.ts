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
  stop(): Promise<void>;
}

/**
 * A private Temporal dev server persisting to `dbFile`, for tests that restart Temporal
 * without disturbing the shared one. Uses the CLI that provisioning installed.
 */
export async function startTemporalDevServer(dbFile: string, port: number): Promise<TemporalDevServer> {
  const cli = process.env.SANDFLOW_TEMPORAL_CLI ?? 'temporal';
  const child: ChildProcess = spawn(
    cli,
    ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port), '--db-filename', dbFile, '--log-level', 'error',
      '--search-attribute', 'SandflowLanguage=Keyword', '--search-attribute', 'SandflowStatus=Keyword', '--search-attribute', 'SandflowVerdict=Keyword'],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const address = `127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.describeNamespace({ namespace: 'default' });
      await connection.close();
      break;
    } catch (error) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`Temporal dev server on ${address} did not come up: ${String(error)}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  return {
    address,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
