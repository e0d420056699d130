import type { GraphQLError } from 'graphql';
import { apiError } from '../execution/error-codes';

/**
 * The refusal sent instead of a response larger than `maxBytes`: the cost rule (query-cost.ts)
 * refuses what it can see up front, but the size of stored outputs is only known once read.
 */
export function responseTooLarge(bytes: number, maxBytes: number): GraphQLError {
  const kib = (n: number) => Math.ceil(n / 1024);
  return apiError(
    'RESPONSE_TOO_LARGE',
    `response: would be ${kib(bytes)} KiB, more than the maximum of ${kib(maxBytes)} KiB per response (SANDFLOW_MAX_RESPONSE_KB); select fewer fields (stdout, stderr), aliases or a smaller page`,
    { maximumKb: kib(maxBytes) },
  );
}
