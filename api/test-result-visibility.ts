import type { TestResult } from '../common/submission';

/** A test result as a client may see it. */
export interface VisibleTestResult extends TestResult {
  hidden: boolean;
}

/** Whether a case of a problem is a sample (shown in full to every client that may see the problem). */
export function isSampleCase(name: string | null): boolean {
  return name !== null && (name === 'sample' || name.startsWith('sample/'));
}

/**
 * What a submitter sees of its results on a problem: samples in full; on secret cases, when it
 * does not own the problem, only the verdict, times, memory and exit status, never the program's
 * output (which could echo the secret input back). Inline test cases are the submitter's own.
 */
export function visibleTestResults(results: readonly TestResult[], ownsData: boolean): VisibleTestResult[] {
  return results.map((result) => {
    if (ownsData || result.name === null || isSampleCase(result.name)) return { ...result, hidden: false };
    return { ...result, result: { ...result.result, stdout: '', stderr: '' }, hidden: true };
  });
}
