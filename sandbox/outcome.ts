import type { Limits } from '../common/limits';
import { SandboxInfrastructureError } from './errors';
import type { SupervisorReport } from './report';
import { signalName } from './signals';
import type { SandboxResult } from './types';

/** What the program did, before any artifacts are attached. */
export type ProgramOutcome = Omit<SandboxResult, 'artifacts'>;

/** sandflow-run's exit status for its own failures (bad frames or options). */
export const SUPERVISOR_FAILURE_EXIT = 125;

/** How a container that ended without a report died, as its engine saw it. */
export interface JobDeath {
  /** The supervisor's own messages. */
  stderr: string;
  exitCode: number;
  oomKilled: boolean;
}

/** Everything known once a job ended: with the supervisor's report, or with the container's death. */
export interface JobOutcome {
  /** The program's stdout and stderr, as the supervisor framed them. */
  stdout: Buffer;
  stderr: Buffer;
  report: SupervisorReport | null;
  /** When the container died instead of reporting. */
  death?: JobDeath;
  /** Why the host killed the container itself, if it did. */
  hostStop: 'backstop' | 'output' | null;
  /** Job sent to end, as the host saw it; used only when the supervisor did not report. */
  hostWallMs: number;
  limits: Limits;
}

function decode(bytes: Buffer): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

function fromReport(o: JobOutcome, report: SupervisorReport): ProgramOutcome {
  if (report.setupError !== null) {
    // The program's own files did not fit: its verdict, never a retry.
    return {
      stdout: '',
      stderr: `sandflow: the program's files could not be placed in the sandbox: ${report.setupError}\n`,
      exitCode: null,
      signal: null,
      cpuTimeMs: 0,
      wallTimeMs: 0,
      memoryKb: 0,
      truncated: false,
      limitExceeded: null,
    };
  }
  // Only the kernel's word counts for memory, and an OOM kill of a helper the program survived does not fail it.
  const oom = report.oomKilled === true && (report.signal !== null || report.exitCode !== 0);
  const collectNote = report.collectError === null ? '' : `\nsandflow: ${report.collectError}\n`;
  return {
    stdout: decode(o.stdout),
    stderr: decode(o.stderr) + collectNote,
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
        : report.outputLimitExceeded || report.collectError !== null
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
function withoutReport(o: JobOutcome): ProgramOutcome {
  const death = o.death ?? { stderr: '', exitCode: 137, oomKilled: false };
  const limitExceeded = death.oomKilled ? 'memory' : o.hostStop === 'backstop' ? 'wall' : o.hostStop;
  if (!limitExceeded && death.exitCode === SUPERVISOR_FAILURE_EXIT && death.stderr.startsWith('sandflow-run: ')) {
    throw new SandboxInfrastructureError(`the sandbox supervisor failed: ${death.stderr.trim()}`);
  }
  if (!limitExceeded && death.exitCode === 0) {
    throw new SandboxInfrastructureError('the sandbox supervisor exited without a report');
  }
  const bySignal = death.exitCode > 128;
  const note = limitExceeded ? '' : `\nsandflow: the sandbox supervisor ended without a report (exit ${death.exitCode})\n`;
  return {
    stdout: decode(o.stdout),
    stderr: decode(o.stderr) + note,
    exitCode: bySignal ? null : death.exitCode,
    signal: bySignal ? signalName(death.exitCode - 128) : null,
    cpuTimeMs: 0,
    wallTimeMs: o.hostWallMs,
    // Nothing measured it; the cgroup's kill says it reached the limit.
    memoryKb: death.oomKilled ? o.limits.memoryMb * 1024 : 0,
    truncated: o.hostStop === 'output',
    limitExceeded,
  };
}

/** Turns what a job left into the program's result. */
export function interpretOutcome(o: JobOutcome): ProgramOutcome {
  return o.report ? fromReport(o, o.report) : withoutReport(o);
}
