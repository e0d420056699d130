import { randomUUID } from 'node:crypto';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { WorkflowFailedError } from '@temporalio/client';
import { CancelledFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JudgeActivities, JudgeOutcome } from '../../activities/judge-activity';
import type { SubmissionActivities } from '../../activities/submission-activities';
import { failureReason } from '../../common/failure-reason';
import { FailureType } from '../../common/failure-types';
import { logger } from '../../common/logger';
import type { SubmissionOutcome } from '../../db/submission-store';
import { installTemporalRuntime } from '../../worker/temporal-runtime';
import type { judgeSubmission } from '../../workflows';
import { workflowBundle } from '../support/sandflow';

/*
 * The branches of judgeSubmission, run by a real worker on the provisioned Temporal server with
 * stub activities: each test owns a task queue, so its workflow meets only its own stubs.
 */

/** The activities the workflow calls, by the names the workers register. */
type Stubs = Pick<SubmissionActivities, 'finish'> & JudgeActivities;

/** What the stubs were called with, in order. */
interface Calls {
  claimAndJudge: string[];
  finish: SubmissionOutcome[];
}

const ACCEPTED: JudgeOutcome = { status: 'COMPLETED', verdict: 'ACCEPTED' };

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  installTemporalRuntime(logger);
  env = await TestWorkflowEnvironment.createFromExistingServer({ address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' });
});

afterAll(async () => {
  await env?.teardown();
});

/** A deferred value, resolved from a stub and awaited by the test. */
function signal<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A worker with every stub on `taskQueue`, the workflow's queue. */
async function workerOn(taskQueue: string, activities: Partial<Stubs>): Promise<Worker> {
  return Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities });
}

/** A test's own queue, stub calls, and a way to run one submission's workflow to its end. */
function scenario(build: (calls: Calls) => Partial<Stubs>) {
  const queue = `wf-test-${randomUUID()}`;
  const submissionId = randomUUID();
  const calls: Calls = { claimAndJudge: [], finish: [] };
  const recorded: Stubs = {
    claimAndJudge: async () => ACCEPTED,
    finish: async () => undefined,
    ...build(calls),
  };
  const activities: Stubs = {
    claimAndJudge: (id, parallel) => (calls.claimAndJudge.push(id), recorded.claimAndJudge(id, parallel)),
    finish: (id, outcome) => (calls.finish.push(outcome), recorded.finish(id, outcome)),
  };
  const start = () =>
    env.client.workflow.start<typeof judgeSubmission>('judgeSubmission', {
      taskQueue: queue,
      workflowId: `submission-${submissionId}`,
      args: [{ submissionId, language: 'python', judgeTimeoutMs: 10_000 }],
    });
  return { queue, submissionId, calls, activities, start };
}

describe('judgeSubmission with stub activities', () => {
  it('passes a COMPILATION_ERROR outcome through: one activity, no finish', async () => {
    const s = scenario(() => ({ claimAndJudge: async () => ({ status: 'COMPLETED', verdict: 'COMPILATION_ERROR' }) }));
    const result = await (await workerOn(s.queue, s.activities)).runUntil(async () => (await s.start()).result());
    expect(result).toEqual({ status: 'COMPLETED', verdict: 'COMPILATION_ERROR' });
    expect(s.calls).toEqual({ claimAndJudge: [s.submissionId], finish: [] });
  });

  it('judges again when the worker that took the submission stops heartbeating (a dead host)', async () => {
    const s = scenario((calls) => ({
      // The first attempt hangs without a heartbeat, as on a host that died; the retry judges.
      // (Its sleep ends when the worker shuts down and cancels it.)
      claimAndJudge: async () =>
        calls.claimAndJudge.length === 1
          ? Context.current()
              .sleep(60_000)
              .then(() => ACCEPTED)
          : ACCEPTED,
    }));
    const result = await (await workerOn(s.queue, s.activities)).runUntil(async () => (await s.start()).result());
    expect(result).toEqual(ACCEPTED);
    expect(s.calls.claimAndJudge).toEqual([s.submissionId, s.submissionId]);
    expect(s.calls.finish).toEqual([]);
  });

  it('ends FAILED/INTERNAL_ERROR through finish with a plain reason on a failure that must not be retried', async () => {
    const s = scenario(() => ({
      claimAndJudge: async () => {
        throw ApplicationFailure.nonRetryable('submission x is gone from /var/lib/secret', FailureType.SubmissionMissing);
      },
    }));
    const result = await (await workerOn(s.queue, s.activities)).runUntil(async () => (await s.start()).result());
    expect(result).toEqual({ status: 'FAILED', verdict: 'INTERNAL_ERROR' });
    expect(s.calls.claimAndJudge).toHaveLength(1);
    expect(s.calls.finish).toEqual([
      {
        status: 'FAILED',
        verdict: 'INTERNAL_ERROR',
        error: failureReason({ activityType: 'claimAndJudge', failureType: FailureType.SubmissionMissing }),
      },
    ]);
    expect(s.calls.finish[0]?.error).not.toContain('/var/lib/secret');
  });

  it('cancelled while judging: the activity sees the cancellation, finish records CANCELLED', async () => {
    const judging = signal();
    const judgeCancelled = signal<boolean>();
    const s = scenario(() => ({
      claimAndJudge: async () => {
        const context = Context.current();
        judging.resolve();
        try {
          // Heartbeats carry the cancellation to the activity, as the real judge's do.
          for (;;) {
            context.heartbeat({ verdicts: ['ACCEPTED', null] });
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
        (error: unknown) =>
          error instanceof WorkflowFailedError && error.cause instanceof CancelledFailure ? 'cancelled' : String(error),
      );
    });
    expect(outcome).toBe('cancelled');
    expect(await judgeCancelled.promise).toBe(true);
    expect(s.calls.finish).toEqual([{ status: 'CANCELLED', verdict: null, error: 'cancelled by request' }]);
  });
});
