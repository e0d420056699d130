/**
 * Sandbox benchmark: per language, compiles a hello world once and runs it repeatedly in
 * fresh sandboxes, printing what a caller waits for (whole sandbox round trip, container
 * create to removal) beside what the program itself used. Figures, not assertions.
 *
 *   npm run bench -- [--runs 10] [--languages python,c] [--runtime runsc]
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Docker from 'dockerode';
import { expandCommand } from '../activities/command';
import { compileLimitsOf } from '../activities/compile-limits';
import { runInSandbox, type SandboxResult } from '../activities/sandbox';
import { logger } from '../common/logger';
import { ensureImages } from '../runtimes/images';
import { languages } from '../runtimes/languages';
import { PROGRAMS } from '../test/support/programs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    languages: { type: 'string' },
    runtime: { type: 'string', default: 'runc' },
  },
});
const runs = Number(values.runs);
const only = values.languages?.split(',');
const docker = new Docker();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)] ?? 0;

async function timed(run: () => Promise<SandboxResult>): Promise<{ ms: number; result: SandboxResult }> {
  const started = performance.now();
  const result = await run();
  return { ms: performance.now() - started, result };
}

async function main(): Promise<void> {
  const selected = languages.filter((l) => !only || only.includes(l.id));
  const images = new Map((await ensureImages(docker, selected, { logger })).map((i) => [i.id, i.image]));
  process.stdout.write(`${runs} runs per language, runtime ${values.runtime}, ${os.availableParallelism()} cores; times in ms\n`);
  process.stdout.write('language     compile   round-trip p50   p95   program wall p50   cpu p50   peak KiB\n');
  for (const language of selected) {
    const image = images.get(language.id);
    const program = PROGRAMS[language.id];
    if (!image || !program) continue;
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sandflow-bench-'));
    try {
      await fs.writeFile(path.join(dir, language.sourceFile), program.hello);
      const labels = { 'sandflow.bench': '1' };
      let compileMs = 0;
      if (language.compile) {
        const compiled = await timed(() =>
          runInSandbox(docker, {
            image,
            command: expandCommand(language.compile ?? [], '$OPTIONS', []),
            hostDir: dir,
            mode: 'compile',
            env: language.env ?? {},
            limits: compileLimitsOf(language),
            runtime: values.runtime,
            labels,
          }),
        );
        if (compiled.result.exitCode !== 0) throw new Error(`${language.id} did not compile: ${compiled.result.stderr}`);
        compileMs = compiled.ms;
      }
      const samples: Array<{ ms: number; result: SandboxResult }> = [];
      for (let i = 0; i < runs; i++) {
        samples.push(
          await timed(() =>
            runInSandbox(docker, {
              image,
              command: expandCommand(language.run, '$ARGS', []),
              hostDir: dir,
              mode: 'run',
              env: language.env ?? {},
              limits: language.defaultLimits,
              runtime: values.runtime,
              labels,
            }),
          ),
        );
      }
      const wrong = samples.find((s) => s.result.stdout !== 'Hello, World!\n');
      if (wrong) throw new Error(`${language.id} printed ${JSON.stringify(wrong.result.stdout)}: ${wrong.result.stderr}`);
      const row = [
        language.id.padEnd(12),
        (compileMs ? compileMs.toFixed(0) : '-').padStart(7),
        median(samples.map((s) => s.ms)).toFixed(0).padStart(18),
        p95(samples.map((s) => s.ms)).toFixed(0).padStart(5),
        String(median(samples.map((s) => s.result.wallTimeMs))).padStart(19),
        String(median(samples.map((s) => s.result.cpuTimeMs))).padStart(9),
        String(median(samples.map((s) => s.result.memoryKb))).padStart(10),
      ];
      process.stdout.write(`${row.join(' ')}\n`);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
