/**
 * Load test: sends submissions through the GraphQL API from concurrent clients, follows each
 * to its terminal state over graphql-ws, and prints completed, errors, lost, duplicated runs
 * and latency percentiles. Run it through `npm run load` (scripts/load.sh starts a service
 * for it), or against a running deployment:
 *
 *   npx tsx scripts/load.ts --url http://127.0.0.1:4000/graphql [--submissions 500] [--clients 50] [--token T]
 *
 * Exits non-zero when a submission errored, was lost or ran twice.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { runBurst } from './burst';

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

const positive = z.coerce.number().int().min(1);

async function main(): Promise<void> {
  const result = await runBurst({
    endpoint: { url: values.url, token: values.token },
    total: positive.parse(values.submissions),
    clients: positive.parse(values.clients),
    temporalAddress: values.temporal,
    timeoutMs: positive.parse(values['timeout-s']) * 1000,
  });
  for (const problem of result.problems) process.stdout.write(`problem: ${problem}\n`);
  const { latencyMs: l } = result;
  process.stdout.write(
    [
      `submissions: ${result.total} from ${result.clients} concurrent clients in ${result.elapsedS.toFixed(1)} s (${result.throughput.toFixed(1)}/s)`,
      `completed: ${result.completed}`,
      `errors: ${result.errors}`,
      `lost: ${result.lost}`,
      `duplicated runs: ${result.duplicated}`,
      `latency p50: ${l.p50.toFixed(0)} ms, p95: ${l.p95.toFixed(0)} ms, max: ${l.max.toFixed(0)} ms`,
      '',
    ].join('\n'),
  );
  process.exitCode = result.errors === 0 && result.lost === 0 && result.duplicated === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`load failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
