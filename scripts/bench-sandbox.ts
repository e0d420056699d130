/**
 * Per-language sandbox figures for `npm run bench`: a hello world compiled and run through
 * DockerSandbox directly (no API, no Temporal), in warm and in fresh mode, so the sandbox's own
 * round trip shows beside what the program itself used. Figures, not assertions.
 */
import type Docker from 'dockerode';
import { expandCommand } from '../activities/command';
import { compileLimitsOf } from '../common/compile-limits';
import { DockerSandbox, type SandboxFile, type SandboxMode, type SandboxResult, type SandboxSpec } from '../sandbox';
import type { LanguageDefinition } from '../runtimes/language';
import { familyOf } from '../runtimes/language-ids';
import { PROGRAMS } from '../test/support/programs';
import { summarize, type Summary } from './stats';

export interface LanguageBenchOptions {
  /** Language → its runtime image. */
  languages: ReadonlyArray<{ language: LanguageDefinition; image: string }>;
  modes: readonly SandboxMode[];
  /** Measured compiles and runs per language and mode, each after one unmeasured warm-up. */
  runs: number;
  runtime: string;
  labels: Readonly<Record<string, string>>;
  /** Called as each row is done, for progress. */
  onRow?: (row: LanguageRow) => void;
}

export interface LanguageRow {
  language: string;
  mode: SandboxMode;
  /** Sandbox round trip of a compile, ms; null for interpreted languages. */
  compileMs: Summary | null;
  /** Sandbox round trip of a run, ms. */
  runMs: Summary;
  /** What the program itself used, as the supervisor metered it (p50). */
  programWallMs: number;
  programCpuMs: number;
  programMemoryKb: number;
}

async function timed(sandbox: DockerSandbox, spec: SandboxSpec): Promise<{ ms: number; result: SandboxResult }> {
  const started = performance.now();
  const result = await sandbox.run(spec);
  return { ms: performance.now() - started, result };
}

/** One unmeasured warm-up, then `runs` measured ones. */
async function measure(
  sandbox: DockerSandbox,
  spec: SandboxSpec,
  runs: number,
  check: (r: SandboxResult) => void,
): Promise<Array<{ ms: number; result: SandboxResult }>> {
  const samples = [];
  for (let i = 0; i <= runs; i++) {
    const sample = await timed(sandbox, spec);
    check(sample.result);
    if (i > 0) samples.push(sample);
  }
  return samples;
}

async function benchOne(
  sandbox: DockerSandbox,
  language: LanguageDefinition,
  image: string,
  runs: number,
  runtime: string,
): Promise<Omit<LanguageRow, 'mode'> | undefined> {
  const program = PROGRAMS[familyOf(language)];
  if (!program) return undefined;
  const source = { path: language.sourceFile, content: Buffer.from(program.hello) };
  const base = { image, env: language.env ?? {}, runtime };
  let files: SandboxFile[] = [source];
  let compileMs: Summary | null = null;
  if (language.compile) {
    const compiles = await measure(
      sandbox,
      {
        ...base,
        files,
        mode: 'compile',
        command: expandCommand(language.compile, '$OPTIONS', []),
        collect: language.artifacts ?? [],
        limits: compileLimitsOf(language),
      },
      runs,
      (r) => {
        if (r.exitCode !== 0) throw new Error(`${language.id} did not compile: ${r.stderr}`);
      },
    );
    compileMs = summarize(compiles.map((s) => s.ms));
    // The runs get the artifacts in memory, as the judging activity hands them in.
    files = [source, ...(compiles.at(-1)?.result.artifacts ?? [])];
  }
  const samples = await measure(
    sandbox,
    { ...base, files, mode: 'run', command: expandCommand(language.run, '$ARGS', []), limits: language.defaultLimits },
    runs,
    (r) => {
      if (r.stdout !== 'Hello, World!\n') throw new Error(`${language.id} printed ${JSON.stringify(r.stdout)}: ${r.stderr}`);
    },
  );
  return {
    language: language.id,
    compileMs,
    runMs: summarize(samples.map((s) => s.ms)),
    programWallMs: summarize(samples.map((s) => s.result.wallTimeMs)).p50,
    programCpuMs: summarize(samples.map((s) => s.result.cpuTimeMs)).p50,
    programMemoryKb: summarize(samples.map((s) => s.result.memoryKb)).p50,
  };
}

export async function benchLanguages(docker: Docker, options: LanguageBenchOptions): Promise<LanguageRow[]> {
  const rows: LanguageRow[] = [];
  for (const { language, image } of options.languages) {
    for (const mode of options.modes) {
      // A sandbox per language and mode: nothing warm carries over from the previous row.
      const sandbox = new DockerSandbox(docker, { mode, maxIdle: 2, labels: options.labels });
      try {
        const row = await benchOne(sandbox, language, image, options.runs, options.runtime);
        if (row) {
          rows.push({ ...row, mode });
          options.onRow?.({ ...row, mode });
        }
      } finally {
        await sandbox.close();
      }
    }
  }
  return rows;
}
