import type { Verdict } from '../../common/submission';
import { outputMatches } from './compare-output';

/** What the verdict depends on: a sandbox result's outcome fields. */
export interface RunOutcome {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: string | null;
  limitExceeded: 'cpu' | 'wall' | 'memory' | 'output' | null;
}

/** Judges one run. Without `expectedOutput` any clean exit is ACCEPTED. */
export function judgeRun(outcome: RunOutcome, expectedOutput: string | null): Verdict {
  switch (outcome.limitExceeded) {
    case 'output':
      return 'OUTPUT_LIMIT_EXCEEDED';
    case 'memory':
      return 'MEMORY_LIMIT_EXCEEDED';
    case 'cpu':
    case 'wall':
      return 'TIME_LIMIT_EXCEEDED';
    case null:
      break;
  }
  // Memory is judged only on the kernel's word (limitExceeded 'memory'), never on what the
  // program printed: a runtime that reports its own allocation failure ends in RUNTIME_ERROR.
  if (outcome.exitCode !== 0 || outcome.signal !== null) return 'RUNTIME_ERROR';
  if (expectedOutput !== null && !outputMatches(outcome.stdout, expectedOutput)) return 'WRONG_ANSWER';
  return 'ACCEPTED';
}
