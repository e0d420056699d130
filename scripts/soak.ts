/**
 * Soak run: a throwaway sandflow (scripts/bench-stack.ts) fed at a steady rate for a long time,
 * sampled while it runs, so a leak shows as a line that keeps rising. Not part of CI; run it
 * through `npm run soak` (scripts/soak.sh provisions first):
 *
 *   npm run soak -- --minutes 30 --rate 5 --sample-s 60 [--mode warm|fresh]
 *
 * Every second it submits `rate` submissions (python hello worlds, and every tenth a C program
 * with two test cases, so compiles and test cases take part) and follows each to its end over
 * one graphql-ws connection. Each sample reads, of the sandflow process: resident memory and open
 * file descriptors (/proc), and of its deployment: containers carrying its worker label (warm ones
 * are expected, up to its slots). At the end it prints the
 * samples and, for memory and descriptors, the median of the last third against the first third.
 * Exits non-zero when a submission failed or was lost.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Docker from 'dockerode';
import { z } from 'zod';
import { WORKER_LABEL } from '../worker/sweeper';
import { startStack } from './bench-stack';
import { connected, connectWs, follow, submit, type SubmitInput } from '../client';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    rate: { type: 'string', default: '5' },
    'sample-s': { type: 'string', default: '60' },
    mode: { type: 'string', default: 'warm' },
  },
});
const minutes = z.coerce.number().positive().parse(values.minutes);
const rate = z.coerce.number().int().min(1).max(100).parse(values.rate);
const sampleS = z.coerce.number().int().min(1).parse(values['sample-s']);
const mode = z.enum(['warm', 'fresh']).parse(values.mode);

const C_SUM =
  '#include <stdio.h>\nint main(void) { long a, b; if (scanf("%ld %ld", &a, &b) != 2) return 1; printf("%ld\\n", a + b); return 0; }\n';

interface Sample {
  atS: number;
  rssMb: number;
  fds: number;
  containers: number;
  completed: number;
  inFlight: number;
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1] ?? 0) / 1024;
}

function countEntries(dir: string): number {
  try {
    return readdirSync(dir).length;
  } catch {
    return 0;
  }
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
}

function input(n: number): SubmitInput {
  const key = `soak-${process.pid}-${n}`;
  if (n % 10 === 9) {
    return {
      language: 'c',
      source: C_SUM,
      idempotencyKey: key,
      testCases: [
        { stdin: '1 2\n', expectedOutput: '3\n' },
        { stdin: '20 22\n', expectedOutput: '42\n' },
      ],
    };
  }
  return { language: 'python', source: `print(${n})\n`, idempotencyKey: key };
}

async function main(): Promise<void> {
  const docker = new Docker();
  const stack = await startStack(docker, {
    mode,
    temporalAddress: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    languages: 'python,c',
  });
  const ws = connectWs({ url: stack.url }, { lazy: false });
  const samples: Sample[] = [];
  const problems: string[] = [];
  let completed = 0;
  let inFlight = 0;
  const started = Date.now();
  try {
    await connected(ws);
    const sample = async (): Promise<void> => {
      const containers = await docker.listContainers({
        all: true,
        filters: JSON.stringify({ label: [`${WORKER_LABEL}=${stack.workerId}`] }),
      });
      const s: Sample = {
        atS: Math.round((Date.now() - started) / 1000),
        rssMb: rssMb(stack.pid),
        fds: countEntries(`/proc/${stack.pid}/fd`),
        containers: containers.length,
        completed,
        inFlight,
      };
      samples.push(s);
      process.stderr.write(`[soak] ${JSON.stringify(s)}\n`);
    };
    await sample();
    const running: Array<Promise<void>> = [];
    let n = 0;
    let nextSample = Date.now() + sampleS * 1000;
    while (Date.now() - started < minutes * 60_000) {
      const tick = Date.now();
      for (let i = 0; i < rate; i++, n++) {
        const spec = input(n);
        inFlight++;
        running.push(
          submit({ url: stack.url }, spec)
            .then(({ id }) => follow(ws, id))
            .then((end) => {
              const ok = end.status === 'COMPLETED' && end.verdict === 'ACCEPTED';
              if (!ok) problems.push(`${spec.language} ${spec.idempotencyKey}: ${JSON.stringify(end)}`);
            })
            .catch((error: unknown) => void problems.push(`${spec.idempotencyKey}: ${String(error)}`))
            .finally(() => {
              inFlight--;
              completed++;
            }),
        );
      }
      if (Date.now() >= nextSample) {
        await sample();
        nextSample += sampleS * 1000;
      }
      await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - tick))));
    }
    await Promise.all(running);
    // Let the pool's idle timeout and the sweeper have their say before the last sample.
    await new Promise((r) => setTimeout(r, 65_000));
    await sample();
  } finally {
    await ws.dispose();
    await stack.stop();
  }

  const third = Math.max(1, Math.floor(samples.length / 3));
  const first = samples.slice(1, third + 1);
  const last = samples.slice(-third - 1, -1);
  const lines = [
    `soak: ${minutes} min at ${rate}/s, sandbox mode ${mode}; ${completed} submissions, ${problems.length} problems`,
    '',
    '   t (s)   RSS MB   fds  containers  completed  in flight',
    ...samples.map(
      (s) =>
        `${String(s.atS).padStart(8)} ${s.rssMb.toFixed(0).padStart(8)} ${String(s.fds).padStart(5)} ${String(s.containers).padStart(11)} ${String(s.completed).padStart(10)} ${String(s.inFlight).padStart(10)}`,
    ),
    '',
    `RSS median, first third ${median(first.map((s) => s.rssMb)).toFixed(0)} MB, last third ${median(last.map((s) => s.rssMb)).toFixed(0)} MB`,
    `fds median, first third ${median(first.map((s) => s.fds))}, last third ${median(last.map((s) => s.fds))}`,
    ...problems.slice(0, 20).map((p) => `problem: ${p}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (problems.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
