/**
 * The sandbox itself could not do its job: Docker unreachable, image missing, container
 * not created or started, the supervisor failing before the program ran. Never a verdict
 * on the program: callers retry or report an internal error.
 */
export class SandboxInfrastructureError extends Error {
  override readonly name = 'SandboxInfrastructureError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The caller's AbortSignal fired; the container was killed and removed. */
export class SandboxAbortedError extends Error {
  /** 'AbortError', like the DOM's, so generic abort handling recognises it. */
  override readonly name = 'AbortError';

  constructor(message = 'sandbox run aborted') {
    super(message);
  }
}

/** A short description of anything thrown, for messages and logs. */
export function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
