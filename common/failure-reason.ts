import { FailureType } from './failure-types';

/**
 * What the workflow knows about the failure that ended a submission, minus its message:
 * messages come from Docker, the file system or the database and may name host paths, so
 * they go to the log only.
 */
export interface FailureFacts {
  /** The activity that failed (`claimAndJudge`, `finish`), when an activity failed. */
  activityType?: string;
  /** How it timed out, when it did (Temporal's TimeoutType: `HEARTBEAT`, `START_TO_CLOSE`...). */
  timeoutType?: string;
  /** The root cause's ApplicationFailure type: a FailureType, or the thrown error's class name. */
  failureType?: string;
}

/** Activities that work in a sandbox; the rest is bookkeeping in the database. */
const SANDBOX_ACTIVITIES = new Set(['claimAndJudge']);

const BY_FAILURE_TYPE: Readonly<Record<string, string>> = {
  [FailureType.SubmissionMissing]: "the submission's record was gone while it was being judged",
  [FailureType.LanguageUnavailable]: 'no worker that serves this language could judge it',
  [FailureType.ProblemMissing]: 'the problem version it was submitted to was deleted before it could be judged',
};

/** The whole `error` of a submission whose host's container engine stayed down past the outage budget. */
export const ENGINE_UNAVAILABLE =
  'sandbox engine unavailable: the container engine of the host judging this submission stopped answering and did not come back within the outage budget; submit it again later';

const BY_TIMEOUT: Readonly<Record<string, string>> = {
  HEARTBEAT: 'the host judging this submission stopped responding, and so did every retry',
  START_TO_CLOSE: 'judging ran past its deadline on every attempt',
};

/**
 * The `error` text a client sees for a submission that ended INTERNAL_ERROR: a plain reason
 * sandflow chose, never the raw message. Pure, so the workflow can call it deterministically.
 */
export function failureReason(facts: FailureFacts): string {
  // Not sandflow's fault nor the program's, and worth retrying later: said plainly, without "internal error".
  if (facts.failureType === FailureType.EngineUnavailable) return ENGINE_UNAVAILABLE;
  const reason =
    (facts.failureType !== undefined ? BY_FAILURE_TYPE[facts.failureType] : undefined) ??
    (facts.timeoutType !== undefined ? BY_TIMEOUT[facts.timeoutType] : undefined) ??
    (facts.activityType === undefined
      ? 'judging stopped on an unexpected error'
      : SANDBOX_ACTIVITIES.has(facts.activityType)
        ? 'the sandbox failed after several attempts'
        : "sandflow could not record the submission's progress after several attempts");
  return `internal error: ${reason}; operators can find the details in the logs under this submission's id`;
}
