import type { GraphQLError } from 'graphql';
import { apiError } from './execution/error-codes';

/**
 * The answer about a submission that does not exist or belongs to another client: the same
 * words for both, so that ids cannot be probed.
 */
export function submissionNotFound(id: string): GraphQLError {
  return apiError('NOT_FOUND', `id: submission ${id} does not exist`, { field: 'id' });
}
