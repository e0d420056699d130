import type { Limits } from '../../common/limits';
import type { Logger } from '../../common/logger';
import type { RunResult } from '../../common/submission';

/** One sandboxed command: what to run, on which files, under which limits. */
export interface SandboxSpec {
  /** Runtime image (see runtimes/images.ts); must contain /usr/local/bin/sandflow-run. */
  image: string;
  /** Program argv, run in the working directory /box. */
  command: readonly string[];
  /** Host directory with the program's files (source, artifacts). */
  hostDir: string;
  /**
   * 'compile': hostDir is mounted read-write as the working dir /box (artifacts persist on the host).
   * 'run': hostDir is mounted read-only at /src and copied into a tmpfs working dir /box (size-limited).
   */
  mode: 'compile' | 'run';
  /** Host file mounted read-only and used as stdin; none means /dev/null. */
  stdinFile?: string;
  /** Extra environment; may override HOME, LANG and PATH, never SANDFLOW_NONCE. */
  env?: Readonly<Record<string, string>>;
  limits: Limits;
  /** Docker runtime: 'runc' (default) or 'runsc' (gVisor). */
  runtime?: string;
  /** Container labels; 'sandflow=1' is always added. Callers add 'sandflow.submission=<id>'. */
  labels: Readonly<Record<string, string>>;
  /** Size of each of the tmpfs /tmp and (run mode) /box, in MiB. Default 64. Counts towards memory. */
  tmpfsMb?: number;
}

/**
 * What the program did: the stored run result (stdout and stderr decoded as UTF-8 with
 * invalid bytes replaced, the supervisor's report never part of stderr; memory is the peak
 * of the largest process) plus which limit stopped it. Program failures of every kind are
 * results, never exceptions.
 */
export interface SandboxResult extends RunResult {
  /** Which limit stopped the program, if any. 'memory' comes from docker inspect State.OOMKilled. */
  limitExceeded: 'cpu' | 'wall' | 'memory' | 'output' | null;
}

export interface RunSandboxOptions {
  /** Parent logger; the sandbox logs through a child of it. Default: the process-wide logger. */
  logger?: Logger;
  /** Aborting kills and removes the container at once; the call then rejects with {@link SandboxAbortedError}. */
  signal?: AbortSignal;
  /** Called about every second while the container runs (activity heartbeats). */
  onProgress?: () => void;
  /**
   * How long past limits.wallTimeMs the host waits before killing the container itself,
   * in case the supervisor cannot. Covers container start-up and the copy into /box. Default 3000.
   */
  backstopGraceMs?: number;
}
