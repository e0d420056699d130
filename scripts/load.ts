/**
 * Load test: sends submissions through the GraphQL API from concurrent clients, follows each
 * to its terminal state over graphql-ws, and prints completed, lost, duplicated runs and
 * latency percentiles. Run it through `npm run load` (scripts/load.sh starts a service for it),
 * or against a running deployment:
 *
 *   npx tsx scripts/load.ts --url http://127.0.0.1:4000/graphql [--submissions 500] [--clients 50] [--token T]
 *
 * Duplicated runs are counted in Temporal: a submission with more than one workflow execution.
 */
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.SANDFLOW_URL ?? 'http://127.0.0.1:4000/graphql' },
    submissions: { type: 'string', default: '500' },
    clients: { type: 'string', default: '50' },
    token: { type: 'string', default: process.env.SANDFLOW_API_TOKEN },
    temporal: { type: 'string', default: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' },
    'timeout-s': { type: 'string', default: '900' },
  },
});

const total = Number(values.submissions);
const clients = Number(values.clients);
const headers: Record<string, string> = { 'content-type': 'application/json', ...(values.token ? { authorization: `Bearer ${values.token}` } : {}) };
const wsUrl = values.url.replace(/^http/, 'ws');

interface Outcome {
  id: string | null;
  ok: boolean;
  latencyMs: number;
  problem?: string;
}

async function submitOne(index: number): Promise<{ id: string; at: number }> {
  for (;;) {
    const at = Date.now();
    const response = await fetch(values.url, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        query: 'mutation($input: SubmitInput!) { submit(input: $input) { id } }',
        variables: { input: { language: 'python', source: `print(${index})\n`, idempotencyKey: `load-${process.pid}-${index}` } },
      }),
    });
    const body = (await response.json()) as { data?: { submit: { id: string } }; errors?: Array<{ message: string; extensions?: { code?: string; retryAfterSeconds?: number } }> };
    const limited = body.errors?.find((e) => e.extensions?.code === 'RATE_LIMITED');
    if (limited) {
      await new Promise((r) => setTimeout(r, (limited.extensions?.retryAfterSeconds ?? 1) * 1000));
      continue;
    }
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return { id: body.data.submit.id, at };
  }
}

/** Follows a submission to its end the way a browser would: one subscription. */
function follow(ws: ReturnType<typeof createClient>, id: string): Promise<{ status: string; verdict: string | null; stdout: string | null }> {
  return new Promise((resolve, reject) => {
    let last: { status: string; verdict: string | null; run: { stdout: string } | null } | undefined;
    ws.subscribe<{ submissionUpdated: NonNullable<typeof last> }>(
      { query: 'subscription($id: ID!) { submissionUpdated(id: $id) { status verdict run { stdout } } }', variables: { id } },
      {
        next: (value) => {
          if (value.data) last = value.data.submissionUpdated;
        },
        error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
        complete: () => (last ? resolve({ status: last.status, verdict: last.verdict, stdout: last.run?.stdout ?? null }) : reject(new Error('no update'))),
      },
    );
  });
}

async function client(queue: number[], outcomes: Outcome[]): Promise<void> {
  const ws = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: values.token ? { authorization: `Bearer ${values.token}` } : {} });
  try {
    for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
      let id: string | null = null;
      const started = Date.now();
      try {
        const submitted = await submitOne(index);
        id = submitted.id;
        const end = await follow(ws, id);
        const ok = end.status === 'COMPLETED' && end.verdict === 'ACCEPTED' && end.stdout === `${index}\n`;
        outcomes.push({ id, ok, latencyMs: Date.now() - submitted.at, ...(ok ? {} : { problem: JSON.stringify(end) }) });
      } catch (error) {
        outcomes.push({ id, ok: false, latencyMs: Date.now() - started, problem: String(error) });
      }
    }
  } finally {
    await ws.dispose();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0);
}

async function duplicatedRuns(ids: string[]): Promise<number> {
  const connection = await Connection.connect({ address: values.temporal });
  try {
    const temporal = new Client({ connection });
    let duplicated = 0;
    for (const id of ids) {
      const { count } = await temporal.workflow.count(`WorkflowId = 'submission-${id}'`);
      if (count > 1) duplicated++;
    }
    return duplicated;
  } finally {
    await connection.close();
  }
}

async function main(): Promise<void> {
  const queue = Array.from({ length: total }, (_, i) => i);
  const outcomes: Outcome[] = [];
  const started = Date.now();
  const deadline = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`load did not finish within ${values['timeout-s']} s`)), Number(values['timeout-s']) * 1000).unref());
  await Promise.race([Promise.all(Array.from({ length: clients }, () => client(queue, outcomes))), deadline]);
  const elapsed = (Date.now() - started) / 1000;
  const completed = outcomes.filter((o) => o.ok).length;
  const lost = total - completed;
  const duplicated = await duplicatedRuns(outcomes.flatMap((o) => (o.id ? [o.id] : [])));
  const latencies = outcomes.filter((o) => o.ok).map((o) => o.latencyMs).sort((a, b) => a - b);
  for (const o of outcomes.filter((x) => !x.ok).slice(0, 5)) process.stdout.write(`problem: ${o.id ?? '(not accepted)'} ${o.problem ?? ''}\n`);
  process.stdout.write(
    [
      `submissions: ${total} from ${clients} concurrent clients in ${elapsed.toFixed(1)} s (${(total / elapsed).toFixed(1)}/s)`,
      `completed: ${completed}`,
      `lost: ${lost}`,
      `duplicated runs: ${duplicated}`,
      `latency p50: ${percentile(latencies, 50)} ms, p95: ${percentile(latencies, 95)} ms, max: ${latencies.at(-1) ?? 0} ms`,
      '',
    ].join('\n'),
  );
  process.exitCode = lost === 0 && duplicated === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`load failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
