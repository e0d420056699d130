import { ApplicationFailure, Context } from '@temporalio/activity';
import { z } from 'zod';
import { FailureType } from '../common/failure-types';
import { inPool } from '../common/in-pool';
import { isTerminal, overallVerdict, VERDICTS, type SubmissionStatus, type Verdict } from '../common/submission';
import type { LanguageDefinition } from '../runtimes/language';
import { expandCommand } from './command';
import { compileLimitsOf } from './compile-limits';
import type { ActivityDeps } from './deps';
import { judgeRun } from './judge/verdict';
import { runtimeOf } from './runtime-of';
import type { SandboxResult, SandboxSpec } from './sandbox';
import { Semaphore } from './semaphore';
import { toRunResult } from './to-run-result';
import { Workspace, type WorkspacePlan } from './workspace';

/**
 * What a judging attempt has done so far, kept in its heartbeat: a retry skips the cases
 * already judged (their results are stored). It compiles again: artifacts are not in it.
 */
const progressSchema = z.object({
  verdicts: z.array(z.enum(VERDICTS).nullable()),
});
type Progress = z.infer<typeof progressSchema>;

/** A claimed submission's workspace, plan, language and image on this host. */
interface Opened {
  workspace: Workspace;
  plan: WorkspacePlan;
  language: LanguageDefinition;
  image: string;
}

/** The outcome of a judged submission, as the workflow records it. */
export interface JudgeOutcome {
  status: SubmissionStatus;
  verdict: Verdict | null;
}

/** The judging activity, `claimAndJudge`: any worker of the workflow's queue takes it. */
export function createJudgeActivities(deps: ActivityDeps) {
  const { store, config } = deps;
  // One judge may run several cases at once; together they never exceed the host's slots.
  const slots = new Semaphore(config.sandboxSlots);

  /**
   * Runs one sandbox, heartbeating (with `progress`, so it is never lost) so that a lost worker
   * is noticed and a cancellation reaches the container.
   */
  async function sandbox(submissionId: string, spec: Omit<SandboxSpec, 'runtime'>, progress: Progress): Promise<SandboxResult> {
    const context = Context.current();
    // Infrastructure errors (SandboxInfrastructureError) propagate and stay retryable;
    // program outcomes always come back as results.
    return slots.use(() =>
      deps.sandbox.run(
        { ...spec, runtime: config.dockerRuntime },
        {
          logger: deps.logger.child({ submissionId }),
          signal: context.cancellationSignal,
          onProgress: () => context.heartbeat(progress),
        },
      ),
    );
  }

  /** Compiles in the sandbox and keeps the artifact in the workspace; whether it compiled. */
  async function compileStep(submissionId: string, opened: Opened, progress: Progress): Promise<boolean> {
    const { workspace, plan, language, image } = opened;
    if (!language.compile) return true;
    const result = await sandbox(
      submissionId,
      {
        image,
        command: expandCommand(language.compile, '$OPTIONS', plan.compilerOptions),
        hostDir: workspace.boxDir,
        mode: 'compile',
        collect: language.artifacts ?? [],
        env: language.env ?? {},
        limits: compileLimitsOf(language),
      },
      progress,
    );
    await store.saveCompile(submissionId, toRunResult(result));
    return result.exitCode === 0 && result.signal === null && result.limitExceeded === null;
  }

  /** Runs the program once, judges and stores it: case `index`, or the single run when null. */
  async function runStep(submissionId: string, opened: Opened, index: number | null, progress: Progress): Promise<Verdict> {
    const { workspace, plan, language, image } = opened;
    const result = await sandbox(
      submissionId,
      {
        image,
        command: expandCommand(language.run, '$ARGS', plan.args),
        hostDir: workspace.boxDir,
        mode: 'run',
        stdinFile: workspace.stdinFile(index ?? 0),
        env: language.env ?? {},
        limits: plan.limits,
      },
      progress,
    );
    const expected = index === null ? null : await workspace.readExpected(index);
    const verdict = judgeRun(result, expected);
    if (index === null) await store.saveRun(submissionId, toRunResult(result));
    else await store.saveTestResult(submissionId, { index, verdict, result: toRunResult(result) });
    return verdict;
  }

  /** The progress a retried attempt left in its last heartbeat, or a fresh start. */
  function progressOf(runs: number): Progress {
    const parsed = progressSchema.safeParse(Context.current().info.heartbeatDetails);
    if (parsed.success && parsed.data.verdicts.length === runs) return parsed.data;
    return { verdicts: new Array<Verdict | null>(runs).fill(null) };
  }

  /** Stores the outcome: subscribers see it at once. */
  async function finishJudging(submissionId: string, verdict: Verdict): Promise<JudgeOutcome> {
    await store.finish(submissionId, { status: 'COMPLETED', verdict, error: null });
    deps.logger.info({ submissionId, status: 'COMPLETED', verdict }, 'finished');
    return { status: 'COMPLETED', verdict };
  }

  /**
   * Compiles, runs every case not yet judged (at most `parallelRuns` at once), stores each
   * result and the outcome. Statuses reach subscribers through the store.
   */
  async function judgeOpened(submissionId: string, opened: Opened, parallelRuns: number, progress: Progress): Promise<JudgeOutcome> {
    const runs = opened.plan.testCount;
    if (opened.language.compile) {
      await store.transition(submissionId, 'COMPILING');
      if (!(await compileStep(submissionId, opened, progress))) return finishJudging(submissionId, 'COMPILATION_ERROR');
    }
    await store.transition(submissionId, 'RUNNING');
    const verdicts = await inPool(Math.max(runs, 1), parallelRuns, async (i) => {
      const done = progress.verdicts[i];
      if (done) return done;
      const verdict = await runStep(submissionId, opened, runs === 0 ? null : i, progress);
      progress.verdicts[i] = verdict;
      Context.current().heartbeat(progress);
      return verdict;
    });
    return finishJudging(submissionId, overallVerdict(verdicts));
  }

  return {
    /**
     * Judges a submission from start to end on whichever worker took the activity: writes its
     * files here, then compiles and runs them (judgeOpened). A retry, here or on another
     * worker, writes the files afresh and compiles again, but keeps the verdicts its last
     * heartbeat carried (their results are stored already); a retry whose previous attempt
     * stored the outcome but could not report it returns that outcome.
     */
    async claimAndJudge(submissionId: string, parallelRuns: number): Promise<JudgeOutcome> {
      const record = await store.get(submissionId);
      if (!record) throw ApplicationFailure.nonRetryable(`submission ${submissionId} does not exist`, FailureType.SubmissionMissing);
      if (isTerminal(record.status)) return { status: record.status, verdict: record.verdict };
      const { version, ...runtime } = runtimeOf(deps, record.language);
      const workspace = Workspace.of(deps.workspaceRoot, submissionId);
      try {
        const plan = await workspace.write(record, runtime.language.sourceFile);
        await store.transition(submissionId, 'PREPARING', { workerId: config.workerId, languageVersion: version });
        deps.logger.info({ submissionId, worker: config.workerId }, 'claimed');
        return await judgeOpened(submissionId, { workspace, plan, ...runtime }, parallelRuns, progressOf(Math.max(plan.testCount, 1)));
      } finally {
        await workspace.remove();
      }
    },
  };
}

/** The judging activity as the workflow calls it. */
export type JudgeActivities = ReturnType<typeof createJudgeActivities>;
