import os from 'node:os';

/**
 * Exit codes of `sandflow run` and `sandflow watch` beside the program's own. A single run
 * that the judge let finish (ACCEPTED, RUNTIME_ERROR) exits with the program's exit code, or
 * 128 + the signal number when a signal ended it, as a shell would. Everything else has a code
 * of its own, listed in README; the high range keeps them apart from usual program codes.
 */
export const EXIT = {
  /** Bad command line: unknown option, malformed value, unreadable file. */
  USAGE: 2,
  /** The API could not be reached or refused the request (bad input, rate limit, not found). */
  API: 3,
  /** `--tests`: some case's output differed from the expected output. */
  WRONG_ANSWER: 1,
  COMPILATION_ERROR: 101,
  TIME_LIMIT_EXCEEDED: 102,
  MEMORY_LIMIT_EXCEEDED: 103,
  OUTPUT_LIMIT_EXCEEDED: 104,
  /** `--tests`: some case exited non-zero or died of a signal. */
  RUNTIME_ERROR: 105,
  /** The submission FAILED: sandflow itself could not judge it. */
  INTERNAL_ERROR: 110,
  CANCELLED: 111,
} as const;

/** A failure the CLI reports on one line and exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** The shell's code for a process a signal killed: 128 + its number (137 for SIGKILL). */
export function signalExitCode(signal: string): number {
  const signals: Readonly<Record<string, number>> = os.constants.signals;
  return 128 + (signals[signal] ?? 0);
}
