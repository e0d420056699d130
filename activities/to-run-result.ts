import type { RunResult } from '../common/submission';
import type { SandboxResult } from '../sandbox';

/** The part of a sandbox result that is stored and shown to clients. */
export function toRunResult(result: SandboxResult): RunResult {
  return {
    stdout: result.stdout,
    stderr: result.stderr,
    exitCode: result.exitCode,
    signal: result.signal,
    cpuTimeMs: result.cpuTimeMs,
    wallTimeMs: result.wallTimeMs,
    memoryKb: result.memoryKb,
    truncated: result.truncated,
  };
}
