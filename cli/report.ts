import type { Verdict } from '../common/submission';
import { EXIT, signalExitCode } from './exit-codes';
import type { RunResult, Submission } from './submission';

/** Where the report goes; the process's streams, or buffers in unit tests. */
export interface Output {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const VERDICT_EXIT: Partial<Record<Verdict, number>> = {
  WRONG_ANSWER: EXIT.WRONG_ANSWER,
  COMPILATION_ERROR: EXIT.COMPILATION_ERROR,
  TIME_LIMIT_EXCEEDED: EXIT.TIME_LIMIT_EXCEEDED,
  MEMORY_LIMIT_EXCEEDED: EXIT.MEMORY_LIMIT_EXCEEDED,
  OUTPUT_LIMIT_EXCEEDED: EXIT.OUTPUT_LIMIT_EXCEEDED,
  RUNTIME_ERROR: EXIT.RUNTIME_ERROR,
  INTERNAL_ERROR: EXIT.INTERNAL_ERROR,
};

/** The CLI's exit code for a finished submission (see cli/exit-codes.ts and README). */
export function exitCodeOf(submission: Submission): number {
  if (submission.status === 'CANCELLED') return EXIT.CANCELLED;
  if (submission.status === 'FAILED') return EXIT.INTERNAL_ERROR;
  const { verdict, run } = submission;
  // A single run the judge let finish speaks for itself, like the program would in a shell.
  if (submission.testResults.length === 0 && run && (verdict === 'ACCEPTED' || verdict === 'RUNTIME_ERROR')) {
    if (run.exitCode !== null) return run.exitCode;
    if (run.signal) return signalExitCode(run.signal);
  }
  return verdict ? (VERDICT_EXIT[verdict] ?? 0) : EXIT.INTERNAL_ERROR;
}

const ms = (value: number) => `${value} ms`;
const mib = (kb: number) => `${(kb / 1024).toFixed(1)} MiB`;

/** One line about a finished submission: status, verdict and what it used. */
export function summaryLine(submission: Submission): string {
  const parts: string[] = [submission.verdict ? `${submission.status} ${submission.verdict}` : submission.status];
  const used = submission.run ?? submission.testResults.at(-1)?.result;
  if (used && submission.testResults.length === 0)
    parts.push(`cpu ${ms(used.cpuTimeMs)}`, `wall ${ms(used.wallTimeMs)}`, `memory ${mib(used.memoryKb)}`);
  if (submission.totalTimeMs !== null) parts.push(`total ${ms(submission.totalTimeMs)}`);
  return parts.join(' · ');
}

/** The per-case table of a submission with test cases, one row per case. */
export function testTable(submission: Submission): string {
  const header = ['case', 'verdict', 'cpu', 'wall', 'memory', 'exit'];
  const rows = submission.testResults.map((t) => [
    String(t.index + 1),
    t.verdict,
    ms(t.result.cpuTimeMs),
    ms(t.result.wallTimeMs),
    mib(t.result.memoryKb),
    exitOf(t.result),
  ]);
  const passed = submission.testResults.filter((t) => t.verdict === 'ACCEPTED').length;
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line), `${passed}/${submission.testResults.length} passed`].join('\n') + '\n';
}

function exitOf(result: RunResult): string {
  return result.signal ?? (result.exitCode === null ? '-' : String(result.exitCode));
}

/**
 * Prints a finished submission the way a person or a script wants it: as JSON on stdout, or
 * the program's own stdout and stderr (the compiler's message on a compile error, the table
 * for test cases) with sandflow's remarks on stderr. Returns the exit code.
 */
export function report(submission: Submission, options: { json: boolean; quiet: boolean }, out: Output): number {
  const exitCode = exitCodeOf(submission);
  if (options.json) {
    out.stdout.write(`${JSON.stringify({ ...submission, exitCode }, null, 2)}\n`);
    return exitCode;
  }
  const { compile, run } = submission;
  if (compile && submission.verdict === 'COMPILATION_ERROR') out.stderr.write(compile.stdout + compile.stderr);
  if (submission.testResults.length > 0) {
    out.stdout.write(testTable(submission));
  } else if (run) {
    out.stdout.write(run.stdout);
    out.stderr.write(run.stderr);
    if (run.truncated) out.stderr.write('\nsandflow: output cut at the output limit\n');
  }
  if (submission.error) out.stderr.write(`sandflow: ${submission.error}\n`);
  if (!options.quiet) out.stderr.write(`sandflow: ${summaryLine(submission)}\n`);
  return exitCode;
}
