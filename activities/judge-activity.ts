import { ApplicationFailure, Context } from '@temporalio/activity';
import { z } from 'zod';
import { compileLimitsOf } from '../common/compile-limits';
import type { Config } from '../common/config';
import { FailureType } from '../common/failure-types';
import { inPool } from '../common/in-pool';
import { isTerminal, overallVerdict, VERDICTS, type SubmissionStatus, type Verdict } from '../common/submission';
import type { ProblemStore } from '../db/problem-store';
import type { SubmissionRecord } from '../db/submission-entity';
import { compareOutput } from '../judge/compare/compare-output';
import { judgeGroups } from '../judge/judge-groups';
import { countCases, type PlannedCase } from '../problems/judging-plan';
import { comparisonFor } from '../problems/problem-comparison';
import type { ProblemPackage } from '../problems/problem-model';
import type { TestFiles } from '../storage/cached-test-files';
import type { SubmissionOutcome, SubmissionStore } from '../db/submission-store';
import type { LanguageDefinition } from '../runtimes/language';
import { expandCommand } from './command';
import type { ActivityDeps } from './deps';
import { judgeRun } from './judge/verdict';
import { runtimeOf } from './runtime-of';
import type { SandboxFile, SandboxResult, SandboxSpec } from '../sandbox';
import { Semaphore } from './semaphore';
import { toRunResult } from './to-run-result';

/**
 * What a judging attempt has done so far, kept in its heartbeat: a retry skips the cases
 * already judged (their results are stored). It compiles again: artifacts are not in it.
 */
const progressSchema = z.object({
  verdicts: z.array(z.enum(VERDICTS).nullable()),
});
type Progress = z.infer<typeof progressSchema>;

/** The outcome of a judged submission, as the workflow records it. */
export interface JudgeOutcome {
  status: SubmissionStatus;
  verdict: Verdict | null;
}

/** What judging reads and writes of a submission. */
export type JudgingStore = Pick<SubmissionStore, 'get' | 'transition' | 'saveCompile' | 'saveRun' | 'saveTestResult' | 'finish'>;

/** What the judging activity needs from the worker process. */
export interface JudgeDeps extends Pick<ActivityDeps, 'sandbox' | 'logger' | 'images'> {
  store: JudgingStore;
  config: Pick<Config, 'sandboxSlots' | 'dockerRuntime' | 'workerId'>;
  /** The versions of problems that submissions name. */
  problems: Pick<ProblemStore, 'getVersion'>;
  /** Their test data, by content address (through this worker's cache). */
  testFiles: TestFiles;
}

/** One attempt's submission on this host: its language and image, and the files of /box. */
interface Judging {
  submissionId: string;
  record: SubmissionRecord;
  language: LanguageDefinition;
  image: string;
  /** The submitted files, then (once compiled) the artifacts, which replace files of their names. */
  files: readonly SandboxFile[];
  progress: Progress;
}

const encoder = new TextEncoder();

/** The files a submission's /box starts with: its extra files, then the source under the language's name. */
function submittedFiles(record: SubmissionRecord, sourceFile: string): SandboxFile[] {
  return [
    ...record.files.map((file) => ({ path: file.path, content: encoder.encode(file.content) })),
    { path: sourceFile, content: encoder.encode(record.source) },
  ];
}

/**
 * The judging activity, `claimAndJudge`: any worker of the workflow's queue takes it. The
 * submission goes from the database into memory and from there into the sandbox; nothing of
 * it is written to this host's disk, and the compiled artifacts stay in memory for the runs.
 */
export function createJudgeActivities(deps: JudgeDeps) {
  const { store, config } = deps;
  // One judge may run several cases at once; together they never exceed the host's slots.
  const slots = new Semaphore(config.sandboxSlots);

  /**
   * Runs one sandbox, heartbeating (with the progress, so it is never lost) so that a lost
   * worker is noticed and a cancellation reaches the container.
   */
  async function sandbox(
    judging: Judging,
    spec: Omit<SandboxSpec, 'runtime' | 'image' | 'files' | 'env'>,
  ): Promise<SandboxResult> {
    const context = Context.current();
    // Infrastructure errors (SandboxInfrastructureError) propagate and stay retryable;
    // program outcomes always come back as results.
    return slots.use(() =>
      deps.sandbox.run(
        { ...spec, image: judging.image, files: judging.files, env: judging.language.env ?? {}, runtime: config.dockerRuntime },
        {
          logger: deps.logger.child({ submissionId: judging.submissionId }),
          signal: context.cancellationSignal,
          onProgress: () => context.heartbeat(judging.progress),
        },
      ),
    );
  }

  /** Compiles in the sandbox; the artifacts, or null when it did not compile. */
  async function compile(judging: Judging, compileCommand: readonly string[]): Promise<readonly SandboxFile[] | null> {
    const result = await sandbox(judging, {
      command: expandCommand(compileCommand, '$OPTIONS', judging.record.compilerOptions),
      mode: 'compile',
      collect: judging.language.artifacts ?? [],
      limits: compileLimitsOf(judging.language),
    });
    await store.saveCompile(judging.submissionId, toRunResult(result));
    return result.exitCode === 0 && result.signal === null && result.limitExceeded === null ? result.artifacts : null;
  }

  /** Runs the program once, judges and stores it: case `index`, or the single run when null. */
  async function run(judging: Judging, index: number | null): Promise<Verdict> {
    const { record, submissionId } = judging;
    const testCase = index === null ? null : record.testCases[index];
    const stdin = testCase ? testCase.stdin : record.stdin;
    const result = await sandbox(judging, {
      command: expandCommand(judging.language.run, '$ARGS', record.args),
      mode: 'run',
      ...(stdin !== null ? { stdin: encoder.encode(stdin) } : {}),
      limits: record.limits,
    });
    const verdict = judgeRun(result, testCase?.expectedOutput ?? null);
    if (index === null) await store.saveRun(submissionId, toRunResult(result));
    else await store.saveTestResult(submissionId, { index, verdict, result: toRunResult(result), name: null, score: null });
    return verdict;
  }

  /**
   * Runs the program on one of the problem's cases and judges it as the default output validator
   * does (its flags from the package); stores the result under the case's number and name.
   */
  async function runProblemCase(judging: Judging, problem: ProblemPackage, planned: PlannedCase): Promise<Verdict> {
    const { testCase, group, index } = planned;
    const stdin = await deps.testFiles.read(testCase.input.sha256);
    const result = await sandbox(judging, {
      command: expandCommand(judging.language.run, '$ARGS', judging.record.args),
      mode: 'run',
      stdin,
      limits: judging.record.limits,
    });
    let verdict = judgeRun(result, null);
    if (verdict === 'ACCEPTED') {
      const answer = await deps.testFiles.read(testCase.answer.sha256);
      const compared = await compareOutput(comparisonFor(problem, group), answer, encoder.encode(result.stdout));
      if (!compared.accepted) verdict = 'WRONG_ANSWER';
    }
    const score = testCase.points === null ? null : verdict === 'ACCEPTED' ? testCase.points : 0;
    await store.saveTestResult(judging.submissionId, { index, verdict, result: toRunResult(result), name: testCase.name, score });
    return verdict;
  }

  /** The problem version a submission names; a missing one cannot be judged, however often it is retried. */
  async function problemOf(record: SubmissionRecord): Promise<ProblemPackage | null> {
    if (record.problemId === null || record.problemVersion === null) return null;
    const version = await deps.problems.getVersion(record.problemId, record.problemVersion);
    if (!version)
      throw ApplicationFailure.nonRetryable(
        `problem ${record.problemId} version ${record.problemVersion} does not exist (deleted after the submission?)`,
        FailureType.ProblemMissing,
      );
    return version.definition;
  }

  /** The progress a retried attempt left in its last heartbeat, or a fresh start. */
  function progressOf(runs: number): Progress {
    const parsed = progressSchema.safeParse(Context.current().info.heartbeatDetails);
    if (parsed.success && parsed.data.verdicts.length === runs) return parsed.data;
    return { verdicts: new Array<Verdict | null>(runs).fill(null) };
  }

  /** Stores the outcome: subscribers see it at once. */
  async function finish(submissionId: string, verdict: Verdict, score?: SubmissionOutcome['score']): Promise<JudgeOutcome> {
    await store.finish(submissionId, { status: 'COMPLETED', verdict, error: null, ...(score ? { score } : {}) });
    deps.logger.info({ submissionId, status: 'COMPLETED', verdict }, 'finished');
    return { status: 'COMPLETED', verdict };
  }

  return {
    /**
     * Judges a submission from start to end on whichever worker took the activity: compiles,
     * runs every case not yet judged (at most `parallelRuns` at once), stores each result and
     * the outcome; statuses reach subscribers through the store. A retry, here or on another
     * worker, compiles again but keeps the verdicts its last heartbeat carried (their results
     * are stored already); a retry whose previous attempt stored the outcome but could not
     * report it returns that outcome.
     */
    async claimAndJudge(submissionId: string, parallelRuns: number): Promise<JudgeOutcome> {
      const record = await store.get(submissionId);
      if (!record)
        throw ApplicationFailure.nonRetryable(`submission ${submissionId} does not exist`, FailureType.SubmissionMissing);
      if (isTerminal(record.status)) return { status: record.status, verdict: record.verdict };
      const { language, image, version } = runtimeOf(deps, record.language);
      await store.transition(submissionId, 'PREPARING', { workerId: config.workerId, languageVersion: version });
      deps.logger.info({ submissionId, worker: config.workerId }, 'claimed');
      const problem = await problemOf(record);
      const runs = problem ? countCases(problem) : record.testCases.length;
      const judging: Judging = {
        submissionId,
        record,
        language,
        image,
        files: submittedFiles(record, language.sourceFile),
        progress: progressOf(Math.max(runs, 1)),
      };
      if (language.compile) {
        await store.transition(submissionId, 'COMPILING');
        const artifacts = await compile(judging, language.compile);
        if (!artifacts) return finish(submissionId, 'COMPILATION_ERROR');
        judging.files = [...judging.files, ...artifacts];
      }
      await store.transition(submissionId, 'RUNNING');
      if (problem) {
        const judgement = await judgeGroups(problem, {
          parallelRuns,
          judgeCase: async (planned) => {
            const done = judging.progress.verdicts[planned.index];
            if (done) return done;
            const verdict = await runProblemCase(judging, problem, planned);
            judging.progress.verdicts[planned.index] = verdict;
            Context.current().heartbeat(judging.progress);
            return verdict;
          },
        });
        const { verdict, score, maxScore, groups } = judgement;
        return finish(submissionId, verdict, { score, maxScore, groups });
      }
      const verdicts = await inPool(Math.max(runs, 1), parallelRuns, async (i) => {
        const done = judging.progress.verdicts[i];
        if (done) return done;
        const verdict = await run(judging, runs === 0 ? null : i);
        judging.progress.verdicts[i] = verdict;
        Context.current().heartbeat(judging.progress);
        return verdict;
      });
      return finish(submissionId, overallVerdict(verdicts));
    },
  };
}

/** The judging activity as the workflow calls it. */
export type JudgeActivities = ReturnType<typeof createJudgeActivities>;
