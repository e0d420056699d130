import { ApplicationFailure, Context } from '@temporalio/activity';
import { FailureType } from '../common/failure-types';
import type { Verdict } from '../common/submission';
import type { LanguageDefinition } from '../runtimes/language';
import { expandCommand } from './command';
import { compileLimitsOf } from './compile-limits';
import type { ActivityDeps } from './deps';
import { judgeRun } from './judge/verdict';
import { runtimeOf } from './runtime-of';
import type { SandboxResult, SandboxSpec } from './sandbox';
import { toRunResult } from './to-run-result';
import { Workspace, type WorkspacePlan } from './workspace';

/**
 * Activities on one host's own task queue: they use the workspace that host's claim wrote,
 * so a compiled artifact never travels between machines.
 */
export function createHostActivities(deps: ActivityDeps) {
  const { store, config } = deps;

  async function open(submissionId: string): Promise<{ workspace: Workspace; plan: WorkspacePlan; language: LanguageDefinition; image: string }> {
    const workspace = Workspace.of(deps.workspaceRoot, submissionId);
    if (!(await workspace.exists())) {
      throw ApplicationFailure.nonRetryable(`workspace of ${submissionId} is gone from ${config.workerId}`, FailureType.WorkspaceLost);
    }
    const plan = await workspace.readPlan();
    return { workspace, plan, ...runtimeOf(deps, plan.language) };
  }

  /** Runs one sandbox, heartbeating so a lost worker is noticed and a cancellation reaches the container. */
  async function sandbox(submissionId: string, spec: Omit<SandboxSpec, 'runtime'>): Promise<SandboxResult> {
    const context = Context.current();
    // Infrastructure errors (SandboxInfrastructureError) propagate and stay retryable;
    // program outcomes always come back as results.
    return deps.sandbox.run(
      { ...spec, runtime: config.dockerRuntime },
      {
        logger: deps.logger.child({ submissionId }),
        signal: context.cancellationSignal,
        onProgress: () => context.heartbeat(),
      },
    );
  }

  return {
    /** Compiles in place; the artifact stays in this host's workspace. Returns whether it compiled. */
    async compile(submissionId: string): Promise<boolean> {
      const { workspace, plan, language, image } = await open(submissionId);
      if (!language.compile) return true;
      const result = await sandbox(submissionId, {
        image,
        command: expandCommand(language.compile, '$OPTIONS', plan.compilerOptions),
        hostDir: workspace.boxDir,
        mode: 'compile',
        collect: language.artifacts ?? [],
        env: language.env ?? {},
        limits: compileLimitsOf(language),
      });
      await store.saveCompile(submissionId, toRunResult(result));
      return result.exitCode === 0 && result.signal === null && result.limitExceeded === null;
    },

    /**
     * Runs the program once and judges it: test case `index`, or with `index` null the single
     * run of a submission without test cases.
     */
    async run(submissionId: string, index: number | null): Promise<Verdict> {
      const { workspace, plan, language, image } = await open(submissionId);
      const result = await sandbox(submissionId, {
        image,
        command: expandCommand(language.run, '$ARGS', plan.args),
        hostDir: workspace.boxDir,
        mode: 'run',
        stdinFile: workspace.stdinFile(index ?? 0),
        env: language.env ?? {},
        limits: plan.limits,
      });
      const expected = index === null ? null : await workspace.readExpected(index);
      const verdict = judgeRun(result, expected);
      if (index === null) await store.saveRun(submissionId, toRunResult(result));
      else await store.saveTestResult(submissionId, { index, verdict, result: toRunResult(result) });
      return verdict;
    },

    async cleanup(submissionId: string): Promise<void> {
      await Workspace.of(deps.workspaceRoot, submissionId).remove();
    },
  };
}

export type HostActivities = ReturnType<typeof createHostActivities>;
