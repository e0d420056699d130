import { ownsProblem } from '../../db/problem-store';
import type { SubmissionResolvers } from '../generated/resolvers-types';
import { readerOf } from '../problem-reader';
import { selectedFieldNames } from '../selected-fields';
import { visibleTestResults } from '../test-result-visibility';

/** Fields of Submission that are derived rather than stored as-is. */
export const Submission: SubmissionResolvers = {
  // Each run's output only when asked for: `testResults { verdict }` must not read megabytes.
  async testResults(parent, _args, { store, problems, client }, info) {
    const results = await store.testResults(parent.id, { withResults: selectedFieldNames(info).has('result') });
    if (parent.problemId === null) return visibleTestResults(results, true);
    const problem = await problems.get(parent.problemId);
    // A deleted problem's secret cases stay hidden: nobody owns them any more.
    return visibleTestResults(results, problem !== null && ownsProblem(problem, readerOf(client)));
  },
  totalTimeMs: (parent) => (parent.completedAt ? parent.completedAt.getTime() - parent.queuedAt.getTime() : null),
};
