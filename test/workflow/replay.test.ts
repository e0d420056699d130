import fs from 'node:fs/promises';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker, type ReplayResult } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { logger } from '../../common/logger';
import { installTemporalRuntime } from '../../worker/temporal-runtime';
import { workflowBundle } from '../support/sandflow';

/*
 * Every history in test/histories/ (real runs, recorded with scripts/record-history.ts, some by
 * earlier builds of the workflow) replays on today's workflow code: a change that would break
 * workflows in flight fails here, before a deploy. How to change the workflow:
 * docs/changing-the-workflow.md.
 */

const HISTORIES = path.resolve(__dirname, '../histories');

/** The envelope scripts/record-history.ts writes; the history itself is checked by protobufjs. */
const RecordedHistory = z.object({
  workflowId: z.string().min(1),
  recordedFrom: z.object({ case: z.string(), commit: z.string().nullable() }).loose(),
  history: z.object({ events: z.array(z.record(z.string(), z.unknown())).min(1) }),
});

async function loadHistories(): Promise<Array<{ file: string; workflowId: string; history: temporal.api.history.v1.History }>> {
  const files = (await fs.readdir(HISTORIES)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (file) => {
      const recorded = RecordedHistory.parse(JSON.parse(await fs.readFile(path.join(HISTORIES, file), 'utf8')));
      return { file, workflowId: recorded.workflowId, history: temporal.api.history.v1.History.fromObject(recorded.history) };
    }),
  );
}

describe('replay of recorded histories', () => {
  it('replays every history in test/histories/ on the current workflow code without nondeterminism', async () => {
    installTemporalRuntime(logger);
    const histories = await loadHistories();
    // patched-*.json: recorded while ONE_ACTIVITY_PATCH was patched(), as workflows open at a deploy may be.
    const cases = ['python-one-run.json', 'c-test-cases.json', 'c-compile-error.json'];
    expect(histories.map((h) => h.file)).toEqual(expect.arrayContaining([...cases, ...cases.map((c) => `patched-${c}`)]));
    const results: ReplayResult[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: await workflowBundle() }, histories))
      results.push(result);
    expect(results.map((r) => ({ workflowId: r.workflowId, error: r.error?.message }))).toEqual(
      histories.map((h) => ({ workflowId: h.workflowId, error: undefined })),
    );
  });
});
