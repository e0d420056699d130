/**
 * `npm run bench` (scripts/bench.sh provisions first): sandflow's latency, throughput and CPU
 * cost on this machine, from one run, beside a cold hardened container of the same program.
 * Prints figures and asserts nothing. Sections, in order:
 *   1. end-to-end latency of one python hello at a time, through the API, vs. a cold container
 *   2. Temporal history events of one such submission
 *   3. a burst from concurrent clients, with the machine's CPU per submission
 *   4. per language: compile and run through DockerSandbox, warm and fresh
 *
 *   npm run bench -- [--mode warm|fresh] [--runs 30] [--warmups 5] [--burst 500] [--concurrency 50]
 *                    [--skip-burst] [--skip-languages] [--languages python,c] [--language-runs 3] [--json]
 */
import os from 'node:os';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Docker from 'dockerode';
import { z } from 'zod';
import { logger as rootLogger } from '../common/logger';
import { ensureImages } from '../runtimes/images';
import { languages } from '../runtimes/languages';
import { python } from '../runtimes/languages/python';
import { formatReport, type BenchResult } from './bench-report';
import { benchLanguages } from './bench-sandbox';
import { startStack, type Stack } from './bench-stack';
import { runBurst } from './burst';
import { coldRun } from './cold-container';
import {
  cpuPerSubmission,
  machineUtilization,
  pidsByName,
  pidsListeningOn,
  snapshot,
  type CpuSnapshot,
  type ProcessGroup,
} from './cpu-usage';
import { HELLO_SOURCE, openE2eSession } from './e2e-latency';
import { summarize } from './stats';
import { historyEventCount } from './workflow-history';

const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const Options = z.object({
  mode: z.enum(['warm', 'fresh']),
  runs: count(1, 10_000),
  warmups: count(0, 1000),
  burst: count(1, 100_000),
  concurrency: count(1, 1000),
  'skip-burst': z.boolean(),
  'skip-languages': z.boolean(),
  languages: z.string().optional(),
  'language-runs': count(1, 1000),
  runtime: z.string(),
  json: z.boolean(),
  'timeout-s': count(1, 86_400),
});

const { values } = parseArgs({
  options: {
    mode: { type: 'string', default: 'warm' },
    runs: { type: 'string', default: '30' },
    warmups: { type: 'string', default: '5' },
    burst: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '50' },
    'skip-burst': { type: 'boolean', default: false },
    'skip-languages': { type: 'boolean', default: false },
    languages: { type: 'string' },
    'language-runs': { type: 'string', default: '3' },
    runtime: { type: 'string', default: 'runc' },
    json: { type: 'boolean', default: false },
    'timeout-s': { type: 'string', default: '900' },
  },
});
const options = Options.parse(values);
const temporalAddress = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
const temporalNamespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
// Labels every container the benchmark makes itself, so cleanup can find them.
const BENCH_LABELS = { 'sandflow.bench': String(process.pid) };
const logger = rootLogger.child({ component: 'bench' }, { level: 'warn' });
const docker = new Docker();

const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const progress = (line: string) => process.stderr.write(`[bench] ${line}\n`);

function processGroups(stack: Stack): ProcessGroup[] {
  const temporalPort = Number(temporalAddress.split(':').at(-1));
  return [
    { name: 'Temporal dev server', pids: pidsListeningOn(temporalPort) },
    { name: 'sandflow process (API + worker)', pids: [stack.pid] },
    { name: 'dockerd', pids: pidsByName('dockerd') },
    { name: 'containerd', pids: pidsByName('containerd') },
    { name: 'bench clients (this process)', pids: [process.pid] },
  ];
}

async function e2eSection(stack: Stack, result: BenchResult): Promise<string> {
  const [image] = await ensureImages(docker, [python], { logger });
  if (!image) throw new Error('no python image');
  const cold = () =>
    coldRun(docker, {
      image: image.image,
      language: python,
      command: ['python3', '-c', HELLO_SOURCE],
      labels: BENCH_LABELS,
      runtime: options.runtime,
    });
  const session = await openE2eSession({ url: stack.url });
  try {
    const sandflowMs: number[] = [];
    const coldMs: number[] = [];
    let lastId = '';
    progress(`end-to-end: ${options.warmups} warm-ups, then ${options.runs} runs`);
    for (let i = 0; i < options.warmups + options.runs; i++) {
      // Interleaved, so the machine's noise (other work on it) falls on both alike.
      const one = await session.once();
      const coldOne = await cold();
      lastId = one.id;
      if (i < options.warmups) continue;
      sandflowMs.push(one.ms);
      coldMs.push(coldOne);
    }
    const s = summarize(sandflowMs);
    const c = summarize(coldMs);
    result.e2e = {
      runs: options.runs,
      warmups: options.warmups,
      sandflowMs: s,
      coldMs: c,
      ratio: s.p50 / c.p50,
      coldImage: image.image,
    };
    return lastId;
  } finally {
    await session.close();
  }
}

async function burstSection(stack: Stack, result: BenchResult): Promise<void> {
  progress(`burst: ${options.burst} submissions from ${options.concurrency} clients`);
  const groups = processGroups(stack);
  const before = snapshot(groups);
  let after: CpuSnapshot | undefined;
  const burst = await runBurst({
    endpoint: { url: stack.url },
    total: options.burst,
    clients: options.concurrency,
    temporalAddress,
    temporalNamespace,
    timeoutMs: options['timeout-s'] * 1000,
    onFinished: () => {
      after = snapshot(groups);
    },
  });
  if (!after) throw new Error('no CPU snapshot');
  const rows = cpuPerSubmission(before, after, burst.total);
  const client = rows.find((r) => r.name.startsWith('bench clients'))?.msPerSubmission ?? 0;
  const total = rows.find((r) => r.name === 'machine total')?.msPerSubmission ?? 0;
  rows.push({ name: 'machine total without the bench clients', msPerSubmission: total - client });
  result.burst = { ...burst, cpu: rows, utilization: machineUtilization(before, after) };
}

async function languagesSection(result: BenchResult): Promise<void> {
  const wanted = options.languages?.split(',').map((l) => l.trim());
  const unknown = wanted?.filter((id) => !languages.some((l) => l.id === id)) ?? [];
  if (unknown.length > 0)
    throw new Error(`--languages: unknown ${unknown.join(', ')}; known: ${languages.map((l) => l.id).join(', ')}`);
  const selected = languages.filter((l) => !wanted || wanted.includes(l.id));
  const images = new Map((await ensureImages(docker, selected, { logger })).map((i) => [i.id, i.image]));
  progress(`per language: ${selected.map((l) => l.id).join(', ')}, ${options['language-runs']} runs each in warm and fresh mode`);
  result.languages = await benchLanguages(docker, {
    languages: selected.flatMap((language) => {
      const image = images.get(language.id);
      return image ? [{ language, image }] : [];
    }),
    modes: ['warm', 'fresh'],
    runs: options['language-runs'],
    runtime: options.runtime,
    labels: BENCH_LABELS,
    onRow: (row) => progress(`  ${row.language} ${row.mode}: run p50 ${row.runMs.p50.toFixed(0)} ms`),
  });
}

/** Removes any container the benchmark itself made and did not get to remove (an error midway). */
async function removeBenchContainers(): Promise<void> {
  const left = await docker.listContainers({ all: true, filters: JSON.stringify({ label: [`sandflow.bench=${process.pid}`] }) });
  await Promise.all(
    left.map((c) =>
      docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
}

async function main(): Promise<void> {
  const result: BenchResult = {
    machine: {
      cores: os.availableParallelism(),
      memoryGiB: os.totalmem() / 1024 ** 3,
      loadAverage: loadAverage(),
      date: new Date().toISOString(),
      runtime: options.runtime,
    },
    mode: options.mode,
  };
  let stack: Stack | undefined;
  const stopAll = async () => {
    await stack?.stop();
    stack = undefined;
    await removeBenchContainers();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    progress(`${signal}: cleaning up`);
    void stopAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    progress(`starting a sandflow stack (sandbox mode ${options.mode})`);
    stack = await startStack(docker, { mode: options.mode, temporalAddress });
    const id = await e2eSection(stack, result);
    result.historyEvents = await historyEventCount(temporalAddress, temporalNamespace, id);
    if (!options['skip-burst']) await burstSection(stack, result);
  } catch (error) {
    if (stack) process.stderr.write(`sandflow's last log lines:\n${await stack.logTail()}\n`);
    throw error;
  } finally {
    await stopAll();
  }
  try {
    if (!options['skip-languages']) await languagesSection(result);
  } finally {
    await removeBenchContainers();
  }
  result.machine.loadAverageAtEnd = loadAverage();
  process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : formatReport(result));
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
