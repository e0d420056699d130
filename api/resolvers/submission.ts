import type { SubmissionResolvers } from '../generated/resolvers-types';

/** Fields of Submission that are derived rather than stored as-is. */
export const Submission: SubmissionResolvers = {
  testResults: (parent, _args, { store }) => store.testResults(parent.id),
  totalTimeMs: (parent) => (parent.completedAt ? parent.completedAt.getTime() - parent.queuedAt.getTime() : null),
};
