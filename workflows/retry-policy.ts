import type { ActivityOptions } from '@temporalio/workflow';

/** The one retry policy for infrastructure failures; program outcomes are results, never retried. */
export const RETRY: ActivityOptions['retry'] = {
  initialInterval: '1s',
  backoffCoefficient: 2,
  maximumInterval: '20s',
  maximumAttempts: 6,
};
