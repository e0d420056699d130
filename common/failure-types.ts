/**
 * ApplicationFailure types shared by activities and the workflow. Kept apart from both so
 * the workflow bundle imports no activity code.
 */
export const FailureType = {
  SubmissionMissing: 'SubmissionMissing',
  LanguageUnavailable: 'LanguageUnavailable',
  /** The problem version the submission names was deleted before it could be judged. */
  ProblemMissing: 'ProblemMissing',
  /** The host's container engine did not answer for longer than the outage budget (SANDFLOW_ENGINE_OUTAGE_BUDGET_MS). */
  EngineUnavailable: 'SandboxEngineUnavailable',
} as const;
