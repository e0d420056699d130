import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './temporal-server';

const run = promisify(execFile);
const PG_BIN = process.env.SANDFLOW_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** A PostgreSQL of one test's own, which the test may stop and start (the shared one never is). */
export interface PrivatePostgres {
  /** Superuser URL of its `postgres` database on loopback. */
  url: string;
  /** pg_ctl stop -m fast: open connections are terminated, new ones refused. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** The directory that holds the cluster (the tmpfs's mount point, when it has one). */
  dir: string;
  /** Stops it and removes its data directory. */
  destroy(): Promise<void>;
}

/** As scripts/provision.sh's ensure_postgres: initdb refuses root, so as root it runs as the postgres user. */
function asOwner(command: string, args: string[]): Promise<unknown> {
  const root = process.getuid?.() === 0;
  return root
    ? run('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, command), ...args])
    : run(path.join(PG_BIN, command), args);
}

export interface PrivatePostgresOptions {
  /** Put the whole cluster (data and WAL) on a tmpfs of this size, which the test may fill (root only). */
  tmpfsMb?: number;
}

/** initdb into a temporary directory and start it on a free loopback port. */
export async function startPrivatePostgres(options: PrivatePostgresOptions = {}): Promise<PrivatePostgres> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sandflow-pg-'));
  if (options.tmpfsMb) await run('mount', ['-t', 'tmpfs', '-o', `size=${options.tmpfsMb}m,mode=0700`, 'tmpfs', dir]);
  const data = path.join(dir, 'data');
  await fs.mkdir(data);
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const uid = Number(stdout.trim());
    await fs.chown(dir, uid, uid);
    await fs.chown(data, uid, uid);
  }
  await asOwner('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres']);
  const port = await freePort();
  const pgCtl = (...args: string[]) => asOwner('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', ...args]);
  const start = async () => {
    await pgCtl('-o', `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=200`, 'start');
  };
  const stop = async () => {
    await pgCtl('-m', 'fast', 'stop');
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dir,
    start,
    stop,
    async destroy() {
      await stop().catch(() => undefined);
      if (options.tmpfsMb) await run('umount', [dir]).catch(() => undefined);
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
