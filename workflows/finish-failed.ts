import { proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { SubmissionActivities } from '../activities/submission-activities';
import { statusAttributes } from '../common/search-attributes';
import type { SubmissionStatus, Verdict } from '../common/submission';
import { RETRY } from './retry-policy';

const bookkeeping = proxyActivities<SubmissionActivities>({ startToCloseTimeout: '60s', retry: RETRY });

/**
 * How judging that did not end on its own is recorded (endAfterError's `finish`): the search
 * attributes, then the database, which tells subscribers.
 */
export function finishFailed(submissionId: string) {
  return async (
    status: 'FAILED' | 'CANCELLED',
    verdict: Verdict | null,
    error: string,
  ): Promise<{ status: SubmissionStatus; verdict: Verdict | null }> => {
    upsertSearchAttributes(statusAttributes(status, verdict));
    await bookkeeping.finish(submissionId, { status, verdict, error });
    return { status, verdict };
  };
}
