import type { Limits } from '../../common/limits';
import { SandboxInfrastructureError } from './errors';
import { splitReport, type SupervisorReport } from './report';
import { signalName } from './signals';
import type { SandboxResult } from './types';

/** sandflow-run's exit status for its own failures, which happen before the program starts. */
const SUPERVISOR_FAILURE_EXIT = 125;

/** Everything known once the container is gone. */
export interface ContainerOutcome {
  stdout: Buffer;
  /** The container's stderr: the program's, then (normally) the supervisor's report. */
  stderr: Buffer;
  nonce: string;
  containerExitCode: number;
  /** docker inspect State.OOMKilled: the memory cgroup killed a process of the container. */
  oomKilled: boolean;
  /** Why the host killed the container itself, if it did. */
  hostStop: 'backstop' | 'output' | null;
  /** Start to exit as the host saw it; used only when the supervisor did not report. */
  hostWallMs: number;
  limits: Limits;
}

function decode(bytes: Buffer): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

function fromReport(o: ContainerOutcome, report: SupervisorReport, stderr: Buffer): SandboxResult {
  // An OOM kill of a helper process that the program survived does not fail the program.
  const oom = o.oomKilled && (report.signal !== null || report.exitCode !== 0);
  return {
    stdout: decode(o.stdout),
    stderr: decode(stderr),
    exitCode: report.exitCode,
    signal: report.signal === null ? null : signalName(report.signal),
    cpuTimeMs: report.cpuMs,
    wallTimeMs: report.wallMs,
    memoryKb: report.maxRssKb,
    truncated: report.outputLimitExceeded,
    limitExceeded: report.cpuLimitExceeded
      ? 'cpu'
      : report.wallLimitExceeded
        ? 'wall'
        : report.outputLimitExceeded
          ? 'output'
          : oom
            ? 'memory'
            : null,
  };
}

/**
 * No report: the whole container was killed (by the host, or by the OOM killer when the
 * runtime does not single out the program, as under gVisor), or the supervisor failed.
 * The program's own claims are not trusted; the result is a failure with what the host knows.
 */
function withoutReport(o: ContainerOutcome, stderr: Buffer): SandboxResult {
  const text = decode(stderr);
  const limitExceeded = o.oomKilled ? 'memory' : o.hostStop === 'backstop' ? 'wall' : o.hostStop;
  if (!limitExceeded && o.containerExitCode === SUPERVISOR_FAILURE_EXIT && text.startsWith('sandflow-run: ')) {
    throw new SandboxInfrastructureError(`the sandbox supervisor failed: ${text.trim()}`);
  }
  if (!limitExceeded && o.containerExitCode === 0) {
    throw new SandboxInfrastructureError('the sandbox supervisor exited without a report');
  }
  const bySignal = o.containerExitCode > 128;
  const note = limitExceeded ? '' : `\nsandflow: the sandbox supervisor ended without a report (exit ${o.containerExitCode})\n`;
  return {
    stdout: decode(o.stdout),
    stderr: text + note,
    exitCode: bySignal ? null : o.containerExitCode,
    signal: bySignal ? signalName(o.containerExitCode - 128) : null,
    cpuTimeMs: 0,
    wallTimeMs: o.hostWallMs,
    // Nothing measured it; the cgroup's kill says it reached the limit.
    memoryKb: o.oomKilled ? o.limits.memoryMb * 1024 : 0,
    truncated: o.hostStop === 'output',
    limitExceeded,
  };
}

/** Turns the container's output and fate into the program's result. */
export function interpretOutcome(o: ContainerOutcome): SandboxResult {
  const { programStderr, report } = splitReport(o.stderr, o.nonce);
  return report ? fromReport(o, report, programStderr) : withoutReport(o, programStderr);
}
