import { compileLimitsOf } from './compile-limits';
import type { Limits } from './limits';

/** Slack per attempt over the sandboxes' own wall limits: container creation, image start-up, removal. */
export const SANDBOX_OVERHEAD_MS = 60_000;

/** What of a submission and its language bounds how long judging it may take. */
export interface JudgingWork {
  /** The language; a compiled one (with `compile`) adds its compile's wall limit. */
  language: { readonly compile?: readonly string[]; readonly compileLimits?: Partial<Limits> };
  /** Test cases; 0 means one run. */
  testCount: number;
  /** Each run's wall limit. */
  runWallTimeMs: number;
  /** How long a job may wait for an unanswering container engine (sandbox/engine-outage-sandbox.ts). */
  engineOutageBudgetMs: number;
}

/**
 * The deadline of one judging attempt, the one place it is computed: the compile's wall limit,
 * then every run's, one after the other (a host's slots are shared, so a submission's runs may
 * not overlap at all), the engine outage budget a job may spend waiting without losing its
 * attempt, and the sandboxes' overhead, once.
 */
export function judgingDeadlineMs(work: JudgingWork): number {
  const compileMs = work.language.compile ? compileLimitsOf(work.language).wallTimeMs : 0;
  return compileMs + Math.max(work.testCount, 1) * work.runWallTimeMs + work.engineOutageBudgetMs + SANDBOX_OVERHEAD_MS;
}
