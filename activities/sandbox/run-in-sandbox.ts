import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { logger as rootLogger } from '../../common/logger';
import { collectAttachedOutput, type AttachedOutput } from './attached-output';
import { containerOptions, outputLimitBytes, REPORT_ROOM_BYTES } from './container-options';
import { describeError, SandboxAbortedError, SandboxInfrastructureError } from './errors';
import { prepareHostFiles } from './host-dir';
import { interpretOutcome } from './outcome';
import type { RunSandboxOptions, SandboxResult, SandboxSpec } from './types';

const DEFAULT_BACKSTOP_GRACE_MS = 3000;
/** After the container exited, how long the attach stream may take to deliver its last bytes. */
const STREAM_DRAIN_MS = 2000;
const PROGRESS_INTERVAL_MS = 1000;

type HostStop = 'backstop' | 'output';

function abortPromise(signal: AbortSignal | undefined): { promise: Promise<never>; dispose: () => void } {
  if (!signal) return { promise: new Promise<never>(() => {}), dispose: () => {} };
  let onAbort = (): void => {};
  const promise = new Promise<never>((_, reject) => {
    onAbort = () => reject(new SandboxAbortedError());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  // Raced at each wait; an abort between two waits must not become an unhandled rejection.
  promise.catch(() => {});
  return { promise, dispose: () => signal.removeEventListener('abort', onAbort) };
}

function withTimeout(p: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]).finally(() => clearTimeout(timer));
}

/**
 * Runs one command in a fresh, locked-down container (see container-options.ts) under
 * sandflow-run, and tells what the program did. The container is removed in every case.
 *
 * Throws {@link SandboxInfrastructureError} when the sandbox could not run the program,
 * {@link SandboxAbortedError} when `opts.signal` fired; any program behaviour, however
 * hostile, is a result.
 */
export async function runInSandbox(docker: Docker, spec: SandboxSpec, opts: RunSandboxOptions = {}): Promise<SandboxResult> {
  const log = (opts.logger ?? rootLogger).child({ component: 'sandbox', image: spec.image, mode: spec.mode });
  if (opts.signal?.aborted) throw new SandboxAbortedError();
  try {
    await prepareHostFiles(spec.hostDir, spec.stdinFile);
  } catch (err) {
    throw new SandboxInfrastructureError(`cannot prepare ${spec.hostDir} for the sandbox: ${describeError(err)}`, { cause: err });
  }

  const nonce = randomBytes(16).toString('hex');
  let container: Docker.Container;
  try {
    container = await docker.createContainer(containerOptions(spec, nonce));
  } catch (err) {
    throw new SandboxInfrastructureError(`cannot create a sandbox from ${spec.image}: ${describeError(err)}`, { cause: err });
  }
  const clog = log.child({ container: container.id.slice(0, 12) });
  const abort = abortPromise(opts.signal);
  const timers: NodeJS.Timeout[] = [];
  try {
    let hostStop: HostStop | null = null;
    const stop = (why: HostStop): void => {
      if (hostStop) return;
      hostStop = why;
      clog.warn({ why }, 'killing sandbox from the host');
      container.kill({ signal: 'SIGKILL' }).catch((err: unknown) => clog.debug({ err }, 'kill failed'));
    };

    let output: AttachedOutput;
    try {
      // Attached before start, so not one byte of output is missed.
      const stream = await container.attach({ stream: true, stdout: true, stderr: true });
      const outputBytes = outputLimitBytes(spec);
      output = collectAttachedOutput(
        stream,
        { stdout: outputBytes, stderr: outputBytes + REPORT_ROOM_BYTES },
        () => stop('output'),
        (err) => clog.warn({ err }, 'attach stream failed'),
      );
    } catch (err) {
      throw new SandboxInfrastructureError(`cannot attach to the sandbox: ${describeError(err)}`, { cause: err });
    }

    try {
      await Promise.race([container.start(), abort.promise]);
    } catch (err) {
      if (err instanceof SandboxAbortedError) throw err;
      throw new SandboxInfrastructureError(`cannot start the sandbox: ${describeError(err)}`, { cause: err });
    }
    const started = Date.now();
    timers.push(setTimeout(() => stop('backstop'), spec.limits.wallTimeMs + (opts.backstopGraceMs ?? DEFAULT_BACKSTOP_GRACE_MS)));
    if (opts.onProgress) timers.push(setInterval(opts.onProgress, PROGRESS_INTERVAL_MS));

    try {
      // Asked after start: the default condition 'not-running' returns at once for a container
      // that has not started yet, and equally at once for one that has already exited.
      await Promise.race([container.wait(), abort.promise]);
    } catch (err) {
      if (err instanceof SandboxAbortedError) throw err;
      throw new SandboxInfrastructureError(`lost the sandbox while waiting for it: ${describeError(err)}`, { cause: err });
    }
    const hostWallMs = Date.now() - started;
    await Promise.race([withTimeout(output.ended, STREAM_DRAIN_MS), abort.promise]);

    let state: Docker.ContainerInspectInfo['State'];
    try {
      state = (await container.inspect()).State;
    } catch (err) {
      throw new SandboxInfrastructureError(`cannot inspect the sandbox: ${describeError(err)}`, { cause: err });
    }
    const result = interpretOutcome({
      stdout: output.stdout.bytes(),
      stderr: output.stderr.bytes(),
      nonce,
      containerExitCode: state.ExitCode,
      oomKilled: state.OOMKilled,
      hostStop,
      hostWallMs,
      limits: spec.limits,
    });
    clog.debug(
      { exitCode: result.exitCode, signal: result.signal, limit: result.limitExceeded, cpuMs: result.cpuTimeMs },
      'sandbox finished',
    );
    return result;
  } finally {
    for (const t of timers) clearTimeout(t);
    abort.dispose();
    // force: kills it first if it still runs (abort, or an error above).
    await container.remove({ force: true, v: true }).catch((err: unknown) => {
      // 404 gone, 409 being removed: a sweeper got there first.
      const status = (err as { statusCode?: number }).statusCode;
      if (status !== 404 && status !== 409) clog.error({ err }, 'could not remove sandbox container');
    });
  }
}
