import type { Limits } from '../common/limits';
import { PackageError } from './package/package-error';
import type { ProblemPackage } from './problem-model';

/**
 * The wall limit of a case: twice the CPU limit plus a second, so a program waiting on I/O or
 * descheduled on a loaded host is not cut short, yet one that sleeps is stopped.
 */
export function wallTimeFor(cpuTimeMs: number): number {
  return cpuTimeMs * 2 + 1000;
}

/**
 * The limits a problem sets for every run of a submission to it; the language's defaults fill
 * in the rest (processes, and memory or output when the package gives none). Checked against the
 * deployment's maxima when the package is uploaded, so a stored version always fits them.
 */
export function problemLimits(problem: ProblemPackage, maxLimits: Limits): Partial<Limits> {
  const cpuTimeMs = problem.limits.timeLimitMs;
  return {
    cpuTimeMs,
    wallTimeMs: Math.min(wallTimeFor(cpuTimeMs), maxLimits.wallTimeMs),
    ...(problem.limits.memoryMb !== undefined ? { memoryMb: problem.limits.memoryMb } : {}),
    ...(problem.limits.outputMb !== undefined ? { outputKb: problem.limits.outputMb * 1024 } : {}),
  };
}

/** Refuses a package whose limits this deployment cannot grant, naming the setting and the range. */
export function checkProblemLimits(problem: ProblemPackage, maxLimits: Limits): void {
  const { timeLimitMs, timeLimitSource, memoryMb, outputMb } = problem.limits;
  const where = timeLimitSource === '.timelimit' ? '.timelimit' : timeLimitSource === 'option' ? null : 'problem.yaml';
  if (timeLimitMs > maxLimits.cpuTimeMs)
    throw new PackageError(
      where,
      `the time limit is ${timeLimitMs} ms; this deployment allows at most ${maxLimits.cpuTimeMs} ms (SANDFLOW_MAX_CPU_TIME_MS)`,
    );
  if (memoryMb !== undefined && memoryMb > maxLimits.memoryMb)
    throw new PackageError(
      'problem.yaml',
      `'limits.memory' is ${memoryMb} MiB; this deployment allows at most ${maxLimits.memoryMb} MiB (SANDFLOW_MAX_MEMORY_MB)`,
    );
  if (outputMb !== undefined && outputMb * 1024 > maxLimits.outputKb)
    throw new PackageError(
      'problem.yaml',
      `'limits.output' is ${outputMb} MiB; this deployment allows at most ${maxLimits.outputKb} KiB (SANDFLOW_MAX_OUTPUT_KB)`,
    );
}
