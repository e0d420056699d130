import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Config } from '../../common/config';

const ROOT = path.resolve(__dirname, '../..');

export interface SandflowProcess {
  child: ChildProcess;
  /** Everything it wrote, for failure messages. */
  output(): string;
  /** Resolves once a line matching `pattern` has been logged. */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** SIGTERM and wait for the exit (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
  /** kill -9: a crash. */
  kill(): Promise<void>;
}

/**
 * Runs `bin/sandflow.ts <role>` as a separate OS process, as production does, with the
 * deployment settings of `config` (same data dir, task queue, database) plus `env`.
 */
export function spawnSandflow(role: 'all' | 'api' | 'worker', config: Config, env: Record<string, string> = {}): SandflowProcess {
  // One process, no tsx wrapper in between: kill -9 must hit the sandflow process itself.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bin/sandflow.ts'), role], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      SANDFLOW_DATA_DIR: config.dataDir,
      SANDFLOW_TASK_QUEUE: config.temporal.taskQueue,
      TEMPORAL_ADDRESS: config.temporal.address,
      SANDFLOW_LANGUAGES: (config.languages ?? []).join(','),
      ...(config.databaseUrl ? { DATABASE_URL: config.databaseUrl } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  const onData = (chunk: Buffer) => {
    log += chunk.toString();
    for (const w of [...waiters]) {
      const line = log.split('\n').find((l) => w.pattern.test(l));
      if (line) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => log,
    waitForLog(pattern, timeoutMs = 120_000) {
      const line = log.split('\n').find((l) => pattern.test(l));
      if (line) return Promise.resolve(line);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no log line matching ${pattern} within ${timeoutMs} ms; output:\n${log.slice(-4000)}`)),
          timeoutMs,
        );
        const fail = () => reject(new Error(`process exited before logging ${pattern}; output:\n${log.slice(-4000)}`));
        child.once('exit', fail);
        waiters.push({
          pattern,
          resolve: (l) => {
            clearTimeout(timer);
            child.off('exit', fail);
            resolve(l);
          },
        });
      });
    },
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
