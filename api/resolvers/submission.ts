import type { SubmissionResolvers } from '../generated/resolvers-types';
import { selectedFieldNames } from '../selected-fields';

/** Fields of Submission that are derived rather than stored as-is. */
export const Submission: SubmissionResolvers = {
  // Each run's output only when asked for: `testResults { verdict }` must not read megabytes.
  testResults: (parent, _args, { store }, info) =>
    store.testResults(parent.id, { withResults: selectedFieldNames(info).has('result') }),
  totalTimeMs: (parent) => (parent.completedAt ? parent.completedAt.getTime() - parent.queuedAt.getTime() : null),
};
