import type { Limits } from './limits';

/** Lifecycle of a submission; the last three are terminal. */
export const SUBMISSION_STATUSES = ['QUEUED', 'PREPARING', 'COMPILING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export const TERMINAL_STATUSES: ReadonlySet<SubmissionStatus> = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

export function isTerminal(status: SubmissionStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

export const VERDICTS = [
  'ACCEPTED',
  'WRONG_ANSWER',
  'COMPILATION_ERROR',
  'RUNTIME_ERROR',
  'TIME_LIMIT_EXCEEDED',
  'MEMORY_LIMIT_EXCEEDED',
  'OUTPUT_LIMIT_EXCEEDED',
  'INTERNAL_ERROR',
] as const;

export type Verdict = (typeof VERDICTS)[number];

/** The submission's verdict: the first case that did not pass, in case order; ACCEPTED when all did. */
export function overallVerdict(verdicts: readonly Verdict[]): Verdict {
  return verdicts.find((v) => v !== 'ACCEPTED') ?? 'ACCEPTED';
}

/** What one compile or run of a program produced and used. */
export interface RunResult {
  /** UTF-8; invalid bytes replaced by U+FFFD. */
  stdout: string;
  stderr: string;
  /** Null when a signal ended the program. */
  exitCode: number | null;
  /** Signal name ('SIGKILL', 'SIGSEGV', ...) when one ended the program. */
  signal: string | null;
  /** User + system CPU time of the whole process tree. */
  cpuTimeMs: number;
  wallTimeMs: number;
  /** Peak resident memory, in KiB. */
  memoryKb: number;
  /** True when output was cut at the output limit. */
  truncated: boolean;
}

export interface TestResult {
  index: number;
  verdict: Verdict;
  result: RunResult;
  /** The problem's name of the case (its path under `data/`, e.g. `secret/group1/01`); null for inline test cases. */
  name: string | null;
  /** The points the case scored, in a scoring problem; null otherwise. */
  score: number | null;
}

export interface SubmittedFile {
  path: string;
  content: string;
}

export interface TestCase {
  stdin: string | null;
  expectedOutput: string | null;
}

/** Everything a caller submitted, after validation; immutable once stored. */
export interface SubmissionRequest {
  language: string;
  source: string;
  stdin: string | null;
  files: SubmittedFile[];
  testCases: TestCase[];
  limits: Limits;
  compilerOptions: string[];
  args: string[];
  idempotencyKey: string | null;
  /** The problem whose test data judges it (then testCases is empty); null for inline test cases or a single run. */
  problemId: string | null;
  /** The version of that problem, fixed when submitted (the newest unless the request named one). */
  problemVersion: number | null;
  /** The test cases of that version (fixed with it): what bounds how long judging may take. */
  problemCases: number | null;
}
