import type { SubmissionRecord } from '../../db/submission-entity';
import type { SubscriptionResolvers } from '../generated/resolvers-types';
import { watchSubmission } from '../watch-submission';

async function* asPayloads(updates: AsyncGenerator<SubmissionRecord>): AsyncGenerator<{ submissionUpdated: SubmissionRecord }> {
  for await (const submission of updates) yield { submissionUpdated: submission };
}

export const Subscription: SubscriptionResolvers = {
  submissionUpdated: {
    subscribe: (_parent, { id }, { store, feed }) => asPayloads(watchSubmission(store, feed, id)),
  },
};
