/**
 * Records the Temporal history of one real submission into test/histories/, for the replay
 * test (test/workflow/replay.test.ts). Run it against a started stack (scripts/start.sh, or any
 * API + worker on the Temporal server at TEMPORAL_ADDRESS):
 *
 *   npx tsx scripts/record-history.ts <case> [--url http://127.0.0.1:4000/graphql] [--name <file name>]
 *
 * Cases: python-one-run, c-test-cases, c-compile-error. The file is named after the case unless
 * --name says otherwise (e.g. to keep a history of an older workflow version beside the new one).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { workflowIdOf } from '../api/dispatch';
import { loadConfig } from '../common/config';
import { connectWs, follow, submit, type SubmitInput } from '../client';

const C_SUM =
  '#include <stdio.h>\nint main(void) { long a, b; if (scanf("%ld %ld", &a, &b) != 2) return 1; printf("%ld\\n", a + b); return 0; }\n';

/** Test cases of C_SUM: `a b` in, the expected `sum` out. */
function sums(...cases: Array<[number, number, number]>): SubmitInput['testCases'] {
  return cases.map(([a, b, sum]) => ({ stdin: `${a} ${b}\n`, expectedOutput: `${sum}\n` }));
}

const CASES: Readonly<Record<string, SubmitInput>> = {
  'python-one-run': { language: 'python', source: 'print("Hello, World!")\n' },
  // Three cases, the last expecting a wrong sum: a WRONG_ANSWER after two accepted runs.
  'c-test-cases': { language: 'c', source: C_SUM, testCases: sums([1, 2, 3], [20, 22, 42], [5, 5, 11]) },
  'c-compile-error': { language: 'c', source: 'int main(void) { return missing; }\n' },
};

/** The file a recorded history is stored in: what the replay test reads. */
export interface RecordedHistory {
  workflowId: string;
  /** The commit and case it was recorded from, for whoever wonders later. */
  recordedFrom: { case: string; commit: string | null; at: string };
  /**
   * The history as protobufjs's JSON form of the message (History.toJSON; read back with
   * History.fromObject). Not historyToJSON: with this install's several protobufjs copies it
   * throws "type must be a Type".
   */
  history: unknown;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      url: { type: 'string', default: 'http://127.0.0.1:4000/graphql' },
      name: { type: 'string' },
      commit: { type: 'string' },
    },
  });
  const name = positionals[0] ?? '';
  const input = CASES[name];
  if (!input)
    throw new Error(`usage: record-history.ts <case> [--url URL] [--name FILE]; cases: ${Object.keys(CASES).join(', ')}`);
  const config = loadConfig();
  const endpoint = { url: values.url, token: process.env.SANDFLOW_TOKEN };
  const ws = connectWs(endpoint);
  const { id } = await submit(endpoint, input);
  const followed = await follow(ws, id);
  await ws.dispose();
  const connection = await Connection.connect({ address: config.temporal.address });
  try {
    const handle = new Client({ connection, namespace: config.temporal.namespace }).workflow.getHandle(workflowIdOf(id));
    // The terminal status reaches subscribers before the workflow has closed.
    await handle.result();
    const history = await handle.fetchHistory();
    const recorded: RecordedHistory = {
      workflowId: handle.workflowId,
      recordedFrom: { case: name, commit: values.commit ?? null, at: new Date().toISOString() },
      history: temporal.api.history.v1.History.fromObject(history).toJSON(),
    };
    const file = path.resolve(__dirname, '../test/histories', `${values.name ?? name}.json`);
    await fs.writeFile(file, `${JSON.stringify(recorded, null, 1)}\n`);
    process.stdout.write(
      `${followed.status} ${followed.verdict ?? ''}: ${history.events?.length ?? 0} events → ${path.relative(process.cwd(), file)}\n`,
    );
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
