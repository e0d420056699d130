/**
 * Every language end to end on its real image: compile (mode 'compile') where the language
 * has a compiler, then run (mode 'run'), with the language's own commands, environment and
 * default limits. SANDFLOW_TEST_RUNTIME picks the Docker runtime (runc, or runsc for gVisor).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandCommand } from '../../activities/command';
import { compileLimitsOf } from '../../common/compile-limits';
import type { SandboxFile, SandboxResult } from '../../sandbox';
import type { Limits } from '../../common/limits';
import { languages } from '../../runtimes/languages';
import { familyOf } from '../../runtimes/language-ids';
import type { LanguageDefinition } from '../../runtimes/language';
import { PROGRAMS, type Programs } from '../support/programs';
import {
  box,
  imagesOf,
  language,
  leftoverContainers,
  removeScratch,
  runtime,
  sandbox as suiteSandbox,
  show,
} from '../support/sandbox-harness';

/** Beyond 32 bits on purpose: every language must add them as 64-bit integers. */
const SUM_INPUT = '1000000000 2345678901\n';
const SUM_OUTPUT = '3345678901\n';

/** The JVM flag naming a class-data archive; javac's launcher passes it on with -J. */
const ARCHIVE_FLAG = /^(-J)?-XX:SharedArchiveFile=/;

/** Whether the argv starts a JVM from a class-data archive. */
function isArchived(argv: readonly string[] | undefined): boolean {
  return (argv ?? []).some((arg) => ARCHIVE_FLAG.test(arg));
}

/** The argv with the JVM's class-data log switched on next to its archive flag. */
function withCdsLog(argv: string[]): string[] {
  return argv.flatMap((arg) => {
    const flag = ARCHIVE_FLAG.exec(arg);
    return flag ? [`${flag[1] ?? ''}-Xlog:cds=info`, arg] : [arg];
  });
}

describe(`languages (runtime ${runtime})`, () => {
  let images = new Map<string, string>();

  beforeAll(async () => {
    images = await imagesOf(languages.map((l) => l.id));
  });

  afterAll(async () => {
    // Closing the suite's sandbox removes its warm containers; then none may be left.
    await removeScratch();
    expect(await leftoverContainers()).toEqual([]);
  });

  it("starts every JVM language but Java's programs from class-data archives", () => {
    // Java's programs are the caller's own classes; javac is archived.
    const archived = languages.filter((def) => isArchived(def.run) || isArchived(def.compile)).map((def) => def.id);
    expect(archived.sort()).toEqual(['clojure', 'groovy', 'java', 'kotlin@2', 'scala@3']);
  });

  it('has programs for every language', () => {
    // Keyed by family: every version of a language (go@1.27, go@1.19) runs the same programs.
    expect(Object.keys(PROGRAMS).sort()).toEqual([...new Set(languages.map(familyOf))].sort());
  });

  /** Runs `def`'s compile or run on `files`; a compile's artifacts join them, as judging keeps them. */
  async function sandbox(
    def: LanguageDefinition,
    files: SandboxFile[],
    mode: 'compile' | 'run',
    options: { stdin?: string; limits?: Partial<Limits>; command?: (argv: string[]) => string[] } = {},
  ): Promise<SandboxResult> {
    const { stdin, limits, command: adapt = (argv) => argv } = options;
    const command = adapt(
      mode === 'compile' ? expandCommand(def.compile ?? [], '$OPTIONS', []) : expandCommand(def.run, '$ARGS', []),
    );
    const result = await suiteSandbox().run({
      image: images.get(def.id) ?? '',
      command,
      files,
      mode,
      collect: def.artifacts ?? [],
      ...(stdin !== undefined ? { stdin: Buffer.from(stdin) } : {}),
      env: def.env ?? {},
      limits: mode === 'compile' ? compileLimitsOf(def) : { ...def.defaultLimits, ...limits },
      runtime,
    });
    files.push(...result.artifacts);
    return result;
  }

  /** Compiles (if the language does) and runs `source`. */
  async function compileAndRun(def: LanguageDefinition, source: string, stdin?: string): Promise<SandboxResult> {
    const dir = box({ [def.sourceFile]: source });
    if (def.compile) {
      const compiled = await sandbox(def, dir, 'compile');
      expect(compiled.exitCode, `compile: ${show(compiled)}`).toBe(0);
      expect(compiled.limitExceeded).toBeNull();
    }
    return sandbox(def, dir, 'run', stdin === undefined ? {} : { stdin });
  }

  it('keeps EEx, ExUnit and Mix loadable for Elixir, whose run puts them after OTP on the code path', async () => {
    const def = language('elixir');
    const dir = box({
      [def.sourceFile]:
        'IO.puts(EEx.eval_string("<%= 1 + 1 %>"))\nIO.puts(Code.ensure_loaded?(ExUnit) and Code.ensure_loaded?(Mix))\n',
    });
    const r = await sandbox(def, dir, 'run');
    expect(r.stdout, show(r)).toBe('2\ntrue\n');
  });

  describe.each(languages.map((def) => ({ id: def.id, def })))('$id', ({ def }) => {
    const programs = PROGRAMS[familyOf(def)] as Programs;

    it('prints Hello, World!', async () => {
      const r = await compileAndRun(def, programs.hello);
      expect(r.stdout, show(r)).toBe('Hello, World!\n');
      expect(r.exitCode).toBe(0);
      expect(r.signal).toBeNull();
      expect(r.limitExceeded).toBeNull();
    });

    it('adds two numbers read from stdin', async () => {
      const r = await compileAndRun(def, programs.sum, SUM_INPUT);
      expect(r.stdout, show(r)).toBe(SUM_OUTPUT);
      expect(r.exitCode).toBe(0);
    });

    it('fails at run time', async () => {
      const r = await compileAndRun(def, programs.runtimeError);
      expect(r.signal, show(r)).toBe(programs.runtimeSignal ?? null);
      if (r.signal === null) expect(r.exitCode).not.toBe(0);
      expect(r.limitExceeded).toBeNull();
      expect(r.stderr).toMatch(programs.runtimeMessage);
    });

    it('stops an endless loop at the CPU time limit', async () => {
      const dir = box({ [def.sourceFile]: programs.loop });
      if (def.compile) {
        const compiled = await sandbox(def, dir, 'compile');
        expect(compiled.exitCode, `compile: ${show(compiled)}`).toBe(0);
      }
      // Wall time far above the CPU limit, so the CPU limit is the one that stops it.
      const r = await sandbox(def, dir, 'run', { limits: { cpuTimeMs: 1000, wallTimeMs: 15000 } });
      expect(r.limitExceeded, show(r)).toBe('cpu');
      expect(r.signal).toBe('SIGKILL');
      expect(r.cpuTimeMs).toBeGreaterThanOrEqual(1000);
    });

    if (isArchived(def.run) || isArchived(def.compile)) {
      it('starts the JVM from its class-data archive', async () => {
        // The JVM silently loads every class anew when an archive does not fit its classpath or flags.
        const dir = box({ [def.sourceFile]: programs.hello });
        for (const mode of def.compile ? (['compile', 'run'] as const) : (['run'] as const)) {
          const archived = isArchived(mode === 'compile' ? def.compile : def.run);
          const r = await sandbox(def, dir, mode, { command: archived ? withCdsLog : undefined });
          expect(r.exitCode, show(r)).toBe(0);
          if (!archived) continue;
          // Mapped first, then checked against the classpath; a mismatch unmaps it with a warning.
          expect(r.stdout, show(r)).toMatch(/Mapped dynamic region #0/);
          expect(r.stdout).not.toMatch(/Unable to use shared archive|mismatch/);
        }
      });
    }

    for (const [shape, source] of Object.entries(programs.asWritten ?? {})) {
      it(`accepts a program as people write it: ${shape}`, async () => {
        const r = await compileAndRun(def, source);
        expect(r.exitCode, show(r)).toBe(0);
        expect(r.stdout).toBe('OK\n');
      });
    }

    if (!def.compile) return;
    it("rejects a compile error with the compiler's message", async () => {
      const dir = box({ [def.sourceFile]: programs.compileError ?? '' });
      const r = await sandbox(def, dir, 'compile');
      expect(r.exitCode, show(r)).not.toBe(0);
      expect(r.exitCode).not.toBeNull();
      expect(r.limitExceeded).toBeNull();
      // An empty message is a bug whatever the language: the caller has nothing to fix.
      expect(`${r.stdout}${r.stderr}`.trim()).not.toBe('');
      expect(`${r.stdout}${r.stderr}`).toMatch(programs.compileMessage ?? /./);
    });
  });
});
