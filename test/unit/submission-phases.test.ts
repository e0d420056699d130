import { describe, expect, it } from 'vitest';
import type { SubmissionStatus } from '../../common/submission';
import { phaseDurations } from '../../common/submission-phases';

const at = (ms: number) => new Date(1_700_000_000_000 + ms);
const events = (...list: Array<[SubmissionStatus, number]>) => list.map(([status, ms]) => ({ status, at: at(ms) }));

describe('phaseDurations', () => {
  it('gives each status the time until the next event, and the whole span as the total', () => {
    expect(
      phaseDurations(events(['QUEUED', 0], ['PREPARING', 500], ['COMPILING', 700], ['RUNNING', 1700], ['COMPLETED', 2200])),
    ).toEqual({
      totalSeconds: 2.2,
      phases: { queued: 0.5, preparing: 0.2, compile: 1, run: 0.5 },
    });
  });

  it('adds up a phase entered twice (requeued after its host died) and leaves out phases never entered', () => {
    expect(
      phaseDurations(
        events(['QUEUED', 0], ['PREPARING', 100], ['QUEUED', 300], ['PREPARING', 1300], ['RUNNING', 1400], ['FAILED', 1500]),
      ),
    ).toEqual({
      totalSeconds: 1.5,
      phases: { queued: 1.1, preparing: 0.30000000000000004, run: 0.1 },
    });
  });

  it('measures nothing from a single event', () => {
    expect(phaseDurations(events(['QUEUED', 0]))).toBeUndefined();
  });
});
