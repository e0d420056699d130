import type { SubmissionRecord } from '../../db/submission-entity';
import type { SubscriptionResolvers } from '../generated/resolvers-types';
import { apiMetrics } from '../metrics';
import { submissionColumns } from '../submission-columns';
import { submissionNotFound } from '../submission-not-found';
import { watchSubmission } from '../watch-submission';

async function* asPayloads(updates: AsyncGenerator<SubmissionRecord>): AsyncGenerator<{ submissionUpdated: SubmissionRecord }> {
  apiMetrics.subscriptions.inc();
  try {
    for await (const submission of updates) yield { submissionUpdated: submission };
  } finally {
    apiMetrics.subscriptions.dec();
  }
}

export const Subscription: SubscriptionResolvers = {
  submissionUpdated: {
    // Checked before the stream exists: an error from subscribe() reaches the client as a
    // GraphQL error, one raised while streaming would end the operation less gracefully.
    subscribe: async (_parent, { id }, { store, feed, config, client, logger }, info) => {
      // Ownership is checked once, here: the stream that follows only ever carries this id.
      if (!(await store.getOwned(id, client.name, ['id']))) throw submissionNotFound(id);
      return asPayloads(
        watchSubmission(store, feed, id, { pollMs: config.subscriptionPollMs, columns: submissionColumns(info), logger }),
      );
    },
  },
};
