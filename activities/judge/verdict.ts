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

/**
 * Runtimes that catch their own allocation failure exit normally with an error instead of
 * being OOM-killed; their messages still mean the memory limit was hit.
 */
const OUT_OF_MEMORY = [
  /\bMemoryError\b/, // Python
  /java\.lang\.OutOfMemoryError/,
  /JavaScript heap out of memory|Allocation failed - process out of memory/, // Node.js
  /fatal error: runtime: out of memory/, // Go
  /memory allocation of \d+ bytes failed/, // Rust
  /failed to allocate memory \(NoMemoryError\)/, // Ruby
  /Allowed memory size of \d+ bytes exhausted|Out of memory \(allocated/, // PHP
  /std::bad_alloc/, // C++
];

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
  if (outcome.exitCode !== 0 || outcome.signal !== null) {
    return OUT_OF_MEMORY.some((pattern) => pattern.test(outcome.stderr)) ? 'MEMORY_LIMIT_EXCEEDED' : 'RUNTIME_ERROR';
  }
  if (expectedOutput !== null && !outputMatches(outcome.stdout, expectedOutput)) return 'WRONG_ANSWER';
  return 'ACCEPTED';
}
