import { randomUUID } from 'node:crypto';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { WorkflowFailedError } from '@temporalio/client';
import { CancelledFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostActivities, JudgeOutcome } from '../../activities/host-activities';
import type { Claim, SubmissionActivities } from '../../activities/submission-activities';
import { failureReason } from '../../common/failure-reason';
import { FailureType } from '../../common/failure-types';
import { logger } from '../../common/logger';
import type { SubmissionOutcome } from '../../db/submission-store';
import { installTemporalRuntime } from '../../worker/temporal-runtime';
import { HOST_ATTEMPTS } from '../../workflows/host-policy';
import type { judgeSubmission } from '../../workflows';
import { workflowBundle } from '../support/sandflow';

/*
 * The branches of judgeSubmission, run by a real worker on the provisioned Temporal server with
 * stub activities: each test owns a task queue, so its workflow meets only its own stubs.
 */

/** The activities the lean workflow calls, by the names the workers register. */
type Stubs = Pick<SubmissionActivities, 'claim' | 'hostAlive' | 'finish'> & Pick<HostActivities, 'judge' | 'cleanup'>;

/** What the stubs were called with, in order. */
interface Calls {
  claim: string[];
  hostAlive: string[];
  judge: string[];
  finish: SubmissionOutcome[];
  cleanup: string[];
}

const ACCEPTED: JudgeOutcome = { status: 'COMPLETED', verdict: 'ACCEPTED' };
/** Short, so a host nobody polls is noticed within a second or so. */
const PICKUP_MS = 1000;

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  installTemporalRuntime(logger);
  env = await TestWorkflowEnvironment.createFromExistingServer({ address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' });
});

afterAll(async () => {
  await env?.teardown();
});

function claimOn(hostTaskQueue: string, workerId: string): Claim {
  return { hostTaskQueue, workerId, compiled: true, testCount: 2, compileWallTimeMs: 10_000, runWallTimeMs: 5000 };
}

/** A deferred value, resolved from a stub and awaited by the test. */
function signal<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A worker with every stub on `taskQueue` (the workflow's queue, and the live host's). */
async function workerOn(taskQueue: string, activities: Partial<Stubs>): Promise<Worker> {
  return Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities });
}

/** A test's own queue, stub calls, and a way to run one submission's workflow to its end. */
function scenario(build: (queue: string, calls: Calls) => Partial<Stubs>) {
  const queue = `wf-test-${randomUUID()}`;
  const submissionId = randomUUID();
  const calls: Calls = { claim: [], hostAlive: [], judge: [], finish: [], cleanup: [] };
  const recorded: Stubs = {
    claim: async () => {
      throw new Error('claim not stubbed');
    },
    hostAlive: async () => false,
    judge: async () => ACCEPTED,
    finish: async () => undefined,
    cleanup: async () => undefined,
    ...build(queue, calls),
  };
  const activities: Stubs = {
    claim: (id) => (calls.claim.push(id), recorded.claim(id)),
    hostAlive: (worker) => (calls.hostAlive.push(worker), recorded.hostAlive(worker)),
    judge: (id, parallel) => (calls.judge.push(id), recorded.judge(id, parallel)),
    finish: (id, outcome) => (calls.finish.push(outcome), recorded.finish(id, outcome)),
    cleanup: (id) => (calls.cleanup.push(id), recorded.cleanup(id)),
  };
  const start = () =>
    env.client.workflow.start<typeof judgeSubmission>('judgeSubmission', {
      taskQueue: queue,
      workflowId: `submission-${submissionId}`,
      args: [{ submissionId, language: 'python', hostPickupTimeoutMs: PICKUP_MS }],
    });
  return { queue, submissionId, calls, activities, start };
}

describe('judgeSubmission (lean) with stub activities', () => {
  it('passes a COMPILATION_ERROR outcome through: no finish, no extra cleanup (the judge removed the workspace)', async () => {
    const s = scenario((queue) => ({
      claim: async () => claimOn(queue, 'live'),
      judge: async () => ({ status: 'COMPLETED', verdict: 'COMPILATION_ERROR' }),
    }));
    const worker = await workerOn(s.queue, s.activities);
    const result = await worker.runUntil(async () => (await s.start()).result());
    expect(result).toEqual({ status: 'COMPLETED', verdict: 'COMPILATION_ERROR' });
    expect(s.calls).toEqual({ claim: [s.submissionId], hostAlive: [], judge: [s.submissionId], finish: [], cleanup: [] });
  });

  it('redoes the submission on another host when the claiming host is lost (work not picked up, host not alive)', async () => {
    const gone = `wf-test-gone-${randomUUID()}`;
    const s = scenario((queue, calls) => ({
      // The first claim lands on a host nobody polls any more; the second on a live one.
      claim: async () => (calls.claim.length === 1 ? claimOn(gone, 'gone-worker') : claimOn(queue, 'live-worker')),
      hostAlive: async () => false,
    }));
    const worker = await workerOn(s.queue, s.activities);
    const result = await worker.runUntil(async () => (await s.start()).result());
    expect(result).toEqual(ACCEPTED);
    expect(s.calls.claim).toHaveLength(2);
    expect(s.calls.hostAlive).toEqual(['gone-worker']);
    expect(s.calls.judge).toEqual([s.submissionId]);
    expect(s.calls.finish).toEqual([]);
  });

  it('waits on a busy host (work not picked up in time, host alive) instead of redoing the submission', async () => {
    const busy = `wf-test-busy-${randomUUID()}`;
    let hostWorker: Worker | undefined;
    let hostRun: Promise<void> | undefined;
    const s = scenario((_queue, calls) => ({
      claim: async () => claimOn(busy, 'busy-worker'),
      // The host answers alive and, from now on, polls its queue.
      hostAlive: async () => {
        if (!hostWorker) {
          hostWorker = await workerOn(busy, { judge: async (id) => (calls.judge.push(id), ACCEPTED) });
          hostRun = hostWorker.run();
        }
        return true;
      },
    }));
    const worker = await workerOn(s.queue, { claim: s.activities.claim, hostAlive: s.activities.hostAlive, finish: s.activities.finish });
    try {
      const result = await worker.runUntil(async () => (await s.start()).result());
      expect(result).toEqual(ACCEPTED);
      expect(s.calls.claim).toHaveLength(1);
      expect(s.calls.hostAlive).toEqual(['busy-worker']);
      expect(s.calls.judge).toEqual([s.submissionId]);
    } finally {
      hostWorker?.shutdown();
      await hostRun;
    }
  });

  it(`fails with a plain reason, through finish, once ${HOST_ATTEMPTS} hosts were lost`, async () => {
    const gone = `wf-test-gone-${randomUUID()}`;
    const finished = signal();
    const s = scenario(() => ({
      claim: async () => claimOn(gone, 'gone-worker'),
      hostAlive: async () => false,
      finish: async () => finished.resolve(),
    }));
    const worker = await workerOn(s.queue, s.activities);
    const result = await worker.runUntil(async () => {
      const handle = await s.start();
      // The workspace's cleanup goes to the lost host's queue; once it is back, it does it.
      await finished.promise;
      const returned = await workerOn(gone, { cleanup: s.activities.cleanup });
      return returned.runUntil(handle.result());
    });
    expect(result).toEqual({ status: 'FAILED', verdict: 'INTERNAL_ERROR' });
    expect(s.calls.claim).toHaveLength(HOST_ATTEMPTS);
    expect(s.calls.hostAlive).toEqual(new Array<string>(HOST_ATTEMPTS).fill('gone-worker'));
    expect(s.calls.finish).toEqual([
      { status: 'FAILED', verdict: 'INTERNAL_ERROR', error: failureReason({ activityType: 'judge', timeoutType: 'SCHEDULE_TO_START' }) },
    ]);
    expect(s.calls.finish[0]?.error).not.toContain(gone);
    expect(s.calls.cleanup).toEqual([s.submissionId]);
  });

  it('redoes the submission when the host lost its workspace, and fails plainly when every host does', async () => {
    const once = scenario((queue, calls) => ({
      claim: async () => claimOn(queue, 'live'),
      judge: async () => {
        if (calls.judge.length === 1) throw ApplicationFailure.nonRetryable('workspace of x is gone from /var/lib/secret', FailureType.WorkspaceLost);
        return ACCEPTED;
      },
    }));
    const result = await (await workerOn(once.queue, once.activities)).runUntil(async () => (await once.start()).result());
    expect(result).toEqual(ACCEPTED);
    expect(once.calls.claim).toHaveLength(2);
    expect(once.calls.judge).toHaveLength(2);
    expect(once.calls.finish).toEqual([]);

    const always = scenario((queue) => ({
      claim: async () => claimOn(queue, 'live'),
      judge: async () => {
        throw ApplicationFailure.nonRetryable('workspace of x is gone from /var/lib/secret', FailureType.WorkspaceLost);
      },
    }));
    const failed = await (await workerOn(always.queue, always.activities)).runUntil(async () => (await always.start()).result());
    expect(failed).toEqual({ status: 'FAILED', verdict: 'INTERNAL_ERROR' });
    expect(always.calls.claim).toHaveLength(HOST_ATTEMPTS);
    expect(always.calls.finish).toEqual([
      { status: 'FAILED', verdict: 'INTERNAL_ERROR', error: failureReason({ activityType: 'judge', failureType: FailureType.WorkspaceLost }) },
    ]);
    expect(always.calls.finish[0]?.error).not.toContain('/var/lib/secret');
    expect(always.calls.cleanup).toEqual([always.submissionId]);
  });

  it('ends FAILED/INTERNAL_ERROR through finish when the judge fails on every retry, and removes the workspace', async () => {
    const s = scenario((queue) => ({
      claim: async () => claimOn(queue, 'live'),
      judge: async () => {
        throw new Error('connect ENOENT /var/run/docker.sock');
      },
    }));
    const result = await (await workerOn(s.queue, s.activities)).runUntil(async () => (await s.start()).result());
    expect(result).toEqual({ status: 'FAILED', verdict: 'INTERNAL_ERROR' });
    // Host activities retry three times, on the same host; an infrastructure error is not a lost host.
    expect(s.calls.judge).toHaveLength(3);
    expect(s.calls.claim).toHaveLength(1);
    expect(s.calls.finish).toEqual([{ status: 'FAILED', verdict: 'INTERNAL_ERROR', error: failureReason({ activityType: 'judge', failureType: 'Error' }) }]);
    expect(s.calls.finish[0]?.error).not.toContain('docker.sock');
    expect(s.calls.cleanup).toEqual([s.submissionId]);
  });

  it('cancelled while the judge runs: the judge sees the cancellation, finish records CANCELLED, the workspace is removed', async () => {
    const judging = signal();
    const judgeCancelled = signal<boolean>();
    const s = scenario((queue) => ({
      claim: async () => claimOn(queue, 'live'),
      judge: async () => {
        const context = Context.current();
        judging.resolve();
        try {
          // Heartbeats carry the cancellation to the activity, as the real judge's do.
          for (;;) {
            context.heartbeat({ compiled: true, verdicts: ['ACCEPTED', null] });
            await context.sleep(200);
          }
        } catch (error) {
          judgeCancelled.resolve(error instanceof CancelledFailure);
          throw error;
        }
      },
    }));
    const worker = await workerOn(s.queue, s.activities);
    const outcome = await worker.runUntil(async () => {
      const handle = await s.start();
      await judging.promise;
      await handle.cancel();
      return handle.result().then(
        () => 'completed',
        (error: unknown) => (error instanceof WorkflowFailedError && error.cause instanceof CancelledFailure ? 'cancelled' : String(error)),
      );
    });
    expect(outcome).toBe('cancelled');
    expect(await judgeCancelled.promise).toBe(true);
    expect(s.calls.finish).toEqual([{ status: 'CANCELLED', verdict: null, error: 'cancelled by request' }]);
    expect(s.calls.cleanup).toEqual([s.submissionId]);
  });
});
