/**
 * The yardstick beside sandflow's latency: one cold, hardened container per program, the way a
 * judge without warm sandboxes runs it. create + start + wait + remove through the Docker API,
 * with the flags of `docker run --rm --network none --cap-drop ALL --security-opt
 * no-new-privileges --read-only --user 10001 --memory M --memory-swap M --pids-limit P
 * --tmpfs /tmp --tmpfs /box`: the hardening of sandflow's own containers, without its
 * supervisor (the program is the container's command) and with nothing attached.
 */
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import type Docker from 'dockerode';
import { DEFAULT_TMPFS_MB, WORK_DIR } from '../sandbox/container-options';
import { SANDBOX_UID } from '../runtimes/images';
import type { LanguageDefinition } from '../runtimes/language';

export interface ColdRunOptions {
  image: string;
  /** Its default limits and environment are the container's. */
  language: LanguageDefinition;
  /** The program's argv, e.g. ['python3', '-c', 'print("Hello, World!")']. */
  command: string[];
  /** Labels to find (and remove) the benchmark's containers by. */
  labels: Readonly<Record<string, string>>;
  runtime?: string;
}

const MIB = 1024 * 1024;

/** Runs the program in a new container and removes it; resolves with the ms it took. */
export async function coldRun(docker: Docker, options: ColdRunOptions): Promise<number> {
  const { memoryMb, processes } = options.language.defaultLimits;
  const tmpfs = `rw,exec,nosuid,nodev,size=${DEFAULT_TMPFS_MB}m,uid=${SANDBOX_UID},gid=${SANDBOX_UID},mode=0755`;
  const started = performance.now();
  const container = await docker.createContainer({
    Image: options.image,
    Entrypoint: [],
    Cmd: options.command,
    Env: Object.entries({ HOME: '/tmp', ...options.language.env }).map(([k, v]) => `${k}=${v}`),
    WorkingDir: WORK_DIR,
    User: `${SANDBOX_UID}:${SANDBOX_UID}`,
    Labels: { ...options.labels },
    NetworkDisabled: true,
    HostConfig: {
      Runtime: options.runtime ?? 'runc',
      NetworkMode: 'none',
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      ReadonlyRootfs: true,
      Memory: memoryMb * MIB,
      MemorySwap: memoryMb * MIB,
      PidsLimit: processes,
      Tmpfs: { '/tmp': tmpfs, [WORK_DIR]: tmpfs },
    },
  });
  try {
    await container.start();
    const exit: { StatusCode: number } = await container.wait();
    if (exit.StatusCode !== 0) {
      // Once in a few hundred gVisor starts it exited 2; what it printed says why.
      throw new Error(
        `the cold container exited with ${exit.StatusCode}: ${(await outputOf(docker, container)) || '(no output)'}`,
      );
    }
  } finally {
    await container.remove({ force: true });
  }
  return performance.now() - started;
}

/** The last lines the container printed, stdout and stderr together, without Docker's frame headers. */
async function outputOf(docker: Docker, container: Docker.Container): Promise<string> {
  const stream = await container.logs({ stdout: true, stderr: true, tail: 20, follow: true });
  const text = new PassThrough();
  let output = '';
  text.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  docker.modem.demuxStream(stream, text, text);
  await finished(stream);
  return output.trim();
}
