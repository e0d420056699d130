import type { Limits } from '../../common/limits';
import type { Logger } from '../../common/logger';

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

/** What the program did. Program failures of every kind are results, never exceptions. */
export interface SandboxResult {
  /** UTF-8, invalid bytes replaced by U+FFFD. */
  stdout: string;
  /** UTF-8, invalid bytes replaced by U+FFFD; the supervisor's report is not part of it. */
  stderr: string;
  /** Exit status of the program, null when a signal ended it. */
  exitCode: number | null;
  /** Name of the signal that ended the program ('SIGKILL', 'SIGSEGV', ...), or null. */
  signal: string | null;
  /** CPU time (user + system) of the whole process tree. */
  cpuTimeMs: number;
  /** From the program's start to its end (or kill). */
  wallTimeMs: number;
  /** Peak resident memory of the largest process of the tree, in KiB. */
  memoryKb: number;
  /** True when stdout or stderr was cut at the output limit. */
  truncated: boolean;
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
