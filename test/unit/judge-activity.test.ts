import type { Info } from '@temporalio/activity';
import { DefaultLogger } from '@temporalio/worker';
import { MockActivityEnvironment } from '@temporalio/testing';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createJudgeActivities, type JudgeDeps, type JudgingStore } from '../../activities/judge-activity';
import { SandboxAbortedError, type RunSandboxOptions, type Sandbox, type SandboxResult, type SandboxSpec } from '../../sandbox';
import type { RunResult, SubmissionStatus, TestCase, TestResult } from '../../common/submission';
import type { SubmissionRecord } from '../../db/submission-entity';
import type { SubmissionOutcome } from '../../db/submission-store';

/*
 * The judging activity on a fake sandbox and an in-memory store, in Temporal's mock activity
 * context: no Docker, no Temporal server, no database.
 */

const text = (bytes: Uint8Array | undefined): string => Buffer.from(bytes ?? new Uint8Array()).toString();

const SUM_SOURCE = 'int main(void) { long a, b; scanf("%ld %ld", &a, &b); printf("%ld\\n", a + b); }\n';
/** Three cases of the sum program, the last expecting a wrong sum. */
const SUM_CASES: TestCase[] = [
  { stdin: '1 2\n', expectedOutput: '3\n' },
  { stdin: '20 22\n', expectedOutput: '42\n' },
  { stdin: '5 5\n', expectedOutput: '11\n' },
];

function record(overrides: Partial<SubmissionRecord> = {}): SubmissionRecord {
  return {
    id: 'sub-1',
    language: 'c',
    source: SUM_SOURCE,
    stdin: null,
    files: [{ path: 'include/sum.h', content: '#define SUM 1\n' }],
    testCases: SUM_CASES,
    limits: { cpuTimeMs: 1000, wallTimeMs: 2000, memoryMb: 64, processes: 8, outputKb: 64 },
    compilerOptions: ['-Wall'],
    args: [],
    idempotencyKey: null,
    problemId: null,
    problemVersion: null,
    problemCases: null,
    score: null,
    maxScore: null,
    groups: [],
    status: 'QUEUED',
    verdict: null,
    compile: null,
    run: null,
    error: null,
    queuedAt: new Date(0),
    startedAt: null,
    completedAt: null,
    executionTimeMs: null,
    workerId: null,
    clientName: 'test',
    dispatchedAt: null,
    languageVersion: null,
    attempt: 1,
    workflowRun: 1,
    ...overrides,
  };
}

/** The store's writes, in order, over one submission held in memory. */
class MemoryStore implements JudgingStore {
  readonly statuses: SubmissionStatus[] = [];
  readonly compiles: RunResult[] = [];
  readonly runs: RunResult[] = [];
  readonly tests: TestResult[] = [];
  readonly outcomes: SubmissionOutcome[] = [];

  constructor(public current: SubmissionRecord | null) {}

  get(): Promise<SubmissionRecord | null> {
    return Promise.resolve(this.current);
  }
  transition(_id: string, status: SubmissionStatus): Promise<boolean> {
    this.statuses.push(status);
    return Promise.resolve(true);
  }
  saveCompile(_id: string, result: RunResult): Promise<void> {
    this.compiles.push(result);
    return Promise.resolve();
  }
  saveRun(_id: string, result: RunResult): Promise<void> {
    this.runs.push(result);
    return Promise.resolve();
  }
  saveTestResult(_id: string, result: TestResult): Promise<void> {
    this.tests.push(result);
    return Promise.resolve();
  }
  finish(_id: string, outcome: SubmissionOutcome): Promise<boolean> {
    this.outcomes.push(outcome);
    return Promise.resolve(true);
  }
}

function result(overrides: Partial<SandboxResult> = {}): SandboxResult {
  return {
    stdout: '',
    stderr: '',
    exitCode: 0,
    signal: null,
    cpuTimeMs: 1,
    wallTimeMs: 2,
    memoryKb: 3,
    truncated: false,
    limitExceeded: null,
    artifacts: [],
    ...overrides,
  };
}

/**
 * A C toolchain in miniature: a compile of a source without `missing` yields the artifact
 * `main`, whose run (only when `main` is among its files) prints the sum of its stdin.
 */
class FakeSandbox implements Sandbox {
  readonly specs: SandboxSpec[] = [];
  /** Called at the start of every job; may hold it (e.g. until aborted). */
  hold: (spec: SandboxSpec, opts: RunSandboxOptions) => Promise<void> = () => Promise.resolve();

  async run(spec: SandboxSpec, opts: RunSandboxOptions = {}): Promise<SandboxResult> {
    this.specs.push(spec);
    opts.onProgress?.();
    await this.hold(spec, opts);
    const files = new Map(spec.files.map((f) => [f.path, text(f.content)]));
    if (spec.mode === 'compile') {
      const source = files.get('main.c') ?? '';
      if (source.includes('missing')) return result({ exitCode: 1, stderr: "error: 'missing' undeclared" });
      return result({ artifacts: [{ path: 'main', mode: 0o755, content: Buffer.from(`ELF:${source}`) }] });
    }
    if (!files.get('main')?.startsWith('ELF:')) return result({ exitCode: 127, stderr: 'cannot execute ./main' });
    const sum = text(spec.stdin)
      .split(/\s+/)
      .filter(Boolean)
      .map(Number)
      .reduce((a, b) => a + b, 0);
    return result({ stdout: `${sum}\n` });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

function judge(store: MemoryStore, sandbox: FakeSandbox) {
  const deps: JudgeDeps = {
    store,
    sandbox,
    logger: pino({ level: 'silent' }),
    images: new Map([
      ['c', { image: 'sandflow/c:test', version: 'gcc 14' }],
      ['python', { image: 'sandflow/python:test', version: '3.13' }],
    ]),
    config: { sandboxSlots: 2, dockerRuntime: 'runc', workerId: 'worker-a' },
    problems: { getVersion: () => Promise.resolve(null) },
    testFiles: { read: (sha256) => Promise.reject(new Error(`no test file ${sha256} in these tests`)) },
  };
  return createJudgeActivities(deps).claimAndJudge;
}

/** Temporal's mock activity context, its own log (every activity failure) kept quiet. */
function mockEnvironment(info: Partial<Info> = {}): MockActivityEnvironment {
  return new MockActivityEnvironment(info, { logger: new DefaultLogger('ERROR') });
}

/** The heartbeats an environment sent, as the progress they carried. */
function heartbeats(env: MockActivityEnvironment): unknown[] {
  const beats: unknown[] = [];
  env.on('heartbeat', (details: unknown) => beats.push(structuredClone(details)));
  return beats;
}

describe('claimAndJudge', () => {
  it('ends a compile error as COMPILATION_ERROR without running anything', async () => {
    const store = new MemoryStore(record({ source: 'int main(void) { return missing; }\n' }));
    const sandbox = new FakeSandbox();
    const outcome = await mockEnvironment().run(judge(store, sandbox), 'sub-1', 2);
    expect(outcome).toEqual({ status: 'COMPLETED', verdict: 'COMPILATION_ERROR' });
    expect(sandbox.specs.map((s) => s.mode)).toEqual(['compile']);
    expect(store.statuses).toEqual(['PREPARING', 'COMPILING']);
    expect(store.compiles).toHaveLength(1);
    expect(store.compiles[0]?.stderr).toContain("'missing' undeclared");
    expect(store.tests).toEqual([]);
    expect(store.outcomes).toEqual([{ status: 'COMPLETED', verdict: 'COMPILATION_ERROR', error: null }]);
  });

  it('compiles once, hands every run the files and the artifact by value, and judges and stores every case', async () => {
    const store = new MemoryStore(record());
    const sandbox = new FakeSandbox();
    const env = mockEnvironment();
    const beats = heartbeats(env);
    const outcome = await env.run(judge(store, sandbox), 'sub-1', 2);
    expect(outcome).toEqual({ status: 'COMPLETED', verdict: 'WRONG_ANSWER' });
    expect(store.statuses).toEqual(['PREPARING', 'COMPILING', 'RUNNING']);
    const [compile, ...runs] = sandbox.specs;
    expect(compile).toMatchObject({ mode: 'compile', image: 'sandflow/c:test', collect: ['main'], runtime: 'runc' });
    expect(compile?.command).toContain('-Wall');
    expect(compile?.files.map((f) => [f.path, text(f.content)])).toEqual([
      ['include/sum.h', '#define SUM 1\n'],
      ['main.c', SUM_SOURCE],
    ]);
    expect(compile && 'stdin' in compile).toBe(false);
    expect(runs).toHaveLength(3);
    for (const run of runs) {
      expect(run.mode).toBe('run');
      expect(run.files.map((f) => f.path)).toEqual(['include/sum.h', 'main.c', 'main']);
    }
    expect(runs.map((r) => text(r.stdin)).sort()).toEqual(['1 2\n', '20 22\n', '5 5\n']);
    expect([...store.tests].sort((a, b) => a.index - b.index).map((t) => [t.index, t.verdict, t.result.stdout])).toEqual([
      [0, 'ACCEPTED', '3\n'],
      [1, 'ACCEPTED', '42\n'],
      [2, 'WRONG_ANSWER', '10\n'],
    ]);
    // Stored results carry no artifacts.
    expect(store.tests.every((t) => !('artifacts' in t.result))).toBe(true);
    expect(store.outcomes).toEqual([{ status: 'COMPLETED', verdict: 'WRONG_ANSWER', error: null }]);
    // The last heartbeat carries every verdict, so a retry would redo none.
    expect(beats.at(-1)).toEqual({ verdicts: expect.arrayContaining(['ACCEPTED', 'ACCEPTED', 'WRONG_ANSWER']) });
  });

  it('runs a submission without test cases once, on its stdin, and stores that run', async () => {
    const store = new MemoryStore(record({ testCases: [], stdin: '40 2\n' }));
    const sandbox = new FakeSandbox();
    const outcome = await mockEnvironment().run(judge(store, sandbox), 'sub-1', 2);
    expect(outcome).toEqual({ status: 'COMPLETED', verdict: 'ACCEPTED' });
    expect(sandbox.specs.map((s) => [s.mode, text(s.stdin)])).toEqual([
      ['compile', ''],
      ['run', '40 2\n'],
    ]);
    expect(store.runs.map((r) => r.stdout)).toEqual(['42\n']);
    expect(store.tests).toEqual([]);
  });

  it('on a retry compiles again but skips the cases its last heartbeat carried', async () => {
    const store = new MemoryStore(record({ status: 'RUNNING' }));
    const sandbox = new FakeSandbox();
    const env = mockEnvironment({ attempt: 2, heartbeatDetails: { verdicts: ['ACCEPTED', null, null] } });
    const outcome = await env.run(judge(store, sandbox), 'sub-1', 2);
    expect(outcome).toEqual({ status: 'COMPLETED', verdict: 'WRONG_ANSWER' });
    // The artifact is not in the heartbeat: the retry has to make it again.
    expect(sandbox.specs.map((s) => s.mode)).toEqual(['compile', 'run', 'run']);
    expect(
      sandbox.specs
        .slice(1)
        .map((s) => text(s.stdin))
        .sort(),
    ).toEqual(['20 22\n', '5 5\n']);
    expect(store.tests.map((t) => t.index).sort()).toEqual([1, 2]);
  });

  it('starts afresh when the heartbeat does not fit the submission', async () => {
    const store = new MemoryStore(record());
    const sandbox = new FakeSandbox();
    const env = mockEnvironment({ attempt: 2, heartbeatDetails: { verdicts: ['ACCEPTED'] } });
    await env.run(judge(store, sandbox), 'sub-1', 2);
    expect(store.tests.map((t) => t.index).sort()).toEqual([0, 1, 2]);
  });

  it('returns the stored outcome of an attempt that finished but could not report it, judging nothing', async () => {
    const store = new MemoryStore(record({ status: 'COMPLETED', verdict: 'ACCEPTED' }));
    const sandbox = new FakeSandbox();
    const outcome = await mockEnvironment({ attempt: 2 }).run(judge(store, sandbox), 'sub-1', 2);
    expect(outcome).toEqual({ status: 'COMPLETED', verdict: 'ACCEPTED' });
    expect(sandbox.specs).toEqual([]);
    expect(store.statuses).toEqual([]);
    expect(store.outcomes).toEqual([]);
  });

  it('passes a cancellation to the running sandbox, whose abort ends the attempt without an outcome', async () => {
    const store = new MemoryStore(record());
    const sandbox = new FakeSandbox();
    const env = mockEnvironment();
    let started: () => void = () => undefined;
    const running = new Promise<void>((resolve) => (started = resolve));
    const aborted: boolean[] = [];
    let held = 0;
    // The runs hold until their signal aborts, as a container does until it is killed.
    sandbox.hold = (spec, opts) => {
      if (spec.mode === 'compile') return Promise.resolve();
      // Two at once (parallelRuns): cancelled once both are in their sandboxes.
      if (++held === 2) started();
      return new Promise((_, reject) => {
        opts.signal?.addEventListener('abort', () => {
          aborted.push(true);
          reject(new SandboxAbortedError());
        });
      });
    };
    const judging = env.run(judge(store, sandbox), 'sub-1', 2);
    await running;
    env.cancel();
    await expect(judging).rejects.toBeInstanceOf(SandboxAbortedError);
    // Both parallel runs were aborted; nothing was judged or finished.
    expect(aborted).toEqual([true, true]);
    expect(store.tests).toEqual([]);
    expect(store.outcomes).toEqual([]);
  });

  it('fails for good when the submission is gone or its language is not served here', async () => {
    const gone = mockEnvironment().run(judge(new MemoryStore(null), new FakeSandbox()), 'sub-1', 2);
    await expect(gone).rejects.toMatchObject({ type: 'SubmissionMissing', nonRetryable: true });
    const unserved = mockEnvironment().run(judge(new MemoryStore(record({ language: 'rust' })), new FakeSandbox()), 'sub-1', 2);
    await expect(unserved).rejects.toMatchObject({ type: 'LanguageUnavailable', nonRetryable: true });
  });
});
