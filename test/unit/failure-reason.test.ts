import { describe, expect, it } from 'vitest';
import { failureReason, type FailureFacts } from '../../common/failure-reason';
import { FailureType } from '../../common/failure-types';

const SUFFIX = "; operators can find the details in the logs under this submission's id";

describe('failureReason', () => {
  it('gives each kind of infrastructure failure its own plain text', () => {
    const cases: Array<[FailureFacts, RegExp]> = [
      [{ activityType: 'claimAndJudge', failureType: FailureType.SubmissionMissing }, /record was gone/],
      [{ activityType: 'claimAndJudge', failureType: FailureType.LanguageUnavailable }, /no worker that serves this language/],
      [{ activityType: 'claimAndJudge', timeoutType: 'HEARTBEAT' }, /stopped responding/],
      [{ activityType: 'claimAndJudge', timeoutType: 'START_TO_CLOSE' }, /ran past its deadline/],
      [
        { activityType: 'claimAndJudge', failureType: 'SandboxInfrastructureError' },
        /^internal error: the sandbox failed after several attempts;/,
      ],
      [{ activityType: 'claimAndJudge', failureType: 'Error' }, /the sandbox failed after several attempts/],
      [{ activityType: 'finish', failureType: 'QueryFailedError' }, /could not record the submission's progress/],
      [{}, /judging stopped on an unexpected error/],
    ];
    const texts = cases.map(([facts, expected]) => {
      const text = failureReason(facts);
      expect(text, JSON.stringify(facts)).toMatch(expected);
      expect(text.startsWith('internal error: ')).toBe(true);
      expect(text.endsWith(SUFFIX)).toBe(true);
      return text;
    });
    // Distinct per kind (the two sandbox failures of the one judging activity excepted).
    expect(new Set(texts).size).toBe(texts.length - 1);
  });

  it('never echoes what it was given: no host path, errno or attacker-chosen type name', () => {
    const hostile: FailureFacts = {
      activityType: 'claimAndJudge',
      failureType: 'ENOENT: /var/lib/sandflow/workspaces/x',
      timeoutType: '/srv/x',
    };
    const text = failureReason(hostile);
    expect(text).not.toMatch(/\/|ENOENT|EACCES|docker\.sock|srv/);
  });
});
