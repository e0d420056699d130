import type { Limits } from '../common/limits';
import type { Logger } from '../common/logger';
import type { RunResult } from '../common/submission';

/** A file handed into the sandbox's working directory, or collected from it: by value, never a host path. */
export interface SandboxFile {
  /** Path relative to the working directory /box. */
  path: string;
  content: Uint8Array;
  /** Permission bits; default 0o644. Collected artifacts keep theirs (a compiled program is 0o755). */
  mode?: number;
}

/** One sandboxed command: what to run, on which files, under which limits. */
export interface SandboxSpec {
  /** Runtime image (see runtimes/images.ts); must contain /usr/local/bin/sandflow-run. */
  image: string;
  /** Program argv, run in the working directory /box. */
  command: readonly string[];
  /**
   * The files of /box, a size- and inode-limited tmpfs, at the start of the job. Nothing else of
   * the host is in the sandbox; a later file of the same path replaces an earlier one.
   */
  files: readonly SandboxFile[];
  /**
   * 'run': nothing comes back but the output.
   * 'compile': after a clean exit, the files in /box matching {@link collect} (regular files at the
   * top level, at most {@link COLLECT_BYTES} in all, with plain names) come back in the result's
   * `artifacts`.
   */
  mode: 'compile' | 'run';
  /** Compile mode: glob patterns (fnmatch) of the artifacts to bring back, e.g. ['main'] or ['*.class']. */
  collect?: readonly string[];
  /** The program's stdin; none means /dev/null. */
  stdin?: Uint8Array;
  /** Extra environment; may override HOME, LANG and PATH. Part of the container, so of its pool key. */
  env?: Readonly<Record<string, string>>;
  limits: Limits;
  /** Docker runtime: 'runc' (default) or 'runsc' (gVisor). */
  runtime?: string;
  /** Size of each of the tmpfs /tmp and /box, in MiB. Default 64. Counts towards memory. */
  tmpfsMb?: number;
}

/**
 * What the program did: the stored run result (stdout and stderr decoded as UTF-8 with
 * invalid bytes replaced; memory is the peak of the largest process) plus which limit
 * stopped it. Program failures of every kind are results, never exceptions.
 */
export interface SandboxResult extends RunResult {
  /** Which limit stopped the program, if any. 'memory' comes from the kernel (the cgroup's OOM kills). */
  limitExceeded: 'cpu' | 'wall' | 'memory' | 'output' | null;
  /** Compile mode after a clean exit: the collected artifacts. Empty otherwise. */
  artifacts: readonly SandboxFile[];
}

export interface RunSandboxOptions {
  /** Parent logger; the sandbox logs through a child of it. Default: the process-wide logger. */
  logger?: Logger;
  /** Aborting kills and removes the container at once; the call then rejects with {@link SandboxAbortedError}. */
  signal?: AbortSignal;
  /** Called about every second while the program runs (activity heartbeats). */
  onProgress?: () => void;
  /**
   * How long past limits.wallTimeMs the host waits before killing the container itself,
   * in case the supervisor cannot. Covers container start-up and placing the files. Default 3000.
   */
  backstopGraceMs?: number;
}

/** The narrow interface activities see: run one command in a sandbox. The container engine sits behind it. */
export interface Sandbox {
  run(spec: SandboxSpec, opts?: RunSandboxOptions): Promise<SandboxResult>;
  /** Removes every container this sandbox keeps (warm mode) and waits for removals under way. */
  close(): Promise<void>;
}
