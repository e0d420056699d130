import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from '../../common/logger';
import { diskFull, isDiskFull } from '../disk-space';
import { isClientCode, type ErrorCode } from '../execution/error-codes';
import { databaseUnavailable, isDatabaseUnavailable } from './database-unavailable';
import { tokenLimitMessage } from './query-limits';
import { SubmissionFailure } from './submission-ids';

export interface MaskErrorsOptions {
  /**
   * Keep the stack trace Apollo puts in `extensions.stacktrace` of client errors
   * (config.production off): a developer's aid that names files and lines, so never for
   * production, and never on internal errors, whose message it would reveal.
   */
  stackTraces?: boolean;
}

/**
 * Hides internal errors (stack traces, host paths, SQL) from clients and logs them instead,
 * with the submission id when one is known; client errors pass through with their own code.
 * A database that cannot answer (down, restarting, locked, too slow) is UNAVAILABLE with the
 * seconds to wait, not an internal error. The executor's one formatter (api/execution/index.ts).
 */
export function maskErrors(logger: Logger, options: MaskErrorsOptions = {}) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    const stack =
      options.stackTraces && formatted.extensions?.stacktrace !== undefined
        ? { stacktrace: formatted.extensions.stacktrace }
        : {};
    // The catalogue says which codes carry messages written for clients (error-codes.ts).
    if (isClientCode(code)) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      const tokens = code === 'GRAPHQL_PARSE_FAILED' ? tokenLimitMessage(formatted.message) : undefined;
      if (tokens)
        return {
          message: tokens,
          extensions: { ...extensions, code: 'BAD_USER_INPUT' satisfies ErrorCode, field: 'query', ...stack },
        };
      return { ...formatted, extensions: { ...extensions, code: ownCode(error) ?? code, ...stack } };
    }
    const original = rootCause(error);
    const failure = original instanceof SubmissionFailure ? original : undefined;
    const log = failure ? logger.child({ submissionId: failure.submissionId }) : logger;
    if (isDiskFull(failure?.cause ?? original)) {
      log.error({ err: failure?.cause ?? original, path: formatted.path }, 'disk full during a GraphQL operation');
      const full = diskFull(String(formatted.path?.[0] ?? 'operation'));
      return { message: full.message, ...(formatted.path ? { path: formatted.path } : {}), extensions: full.extensions };
    }
    if (isDatabaseUnavailable(failure?.cause ?? original)) {
      log.warn({ err: failure?.cause ?? original, path: formatted.path }, 'database unavailable during a GraphQL operation');
      const unavailable = databaseUnavailable();
      return {
        message: unavailable.message,
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: unavailable.extensions,
      };
    }
    log.error({ err: failure?.cause ?? original, path: formatted.path }, 'internal error in a GraphQL operation');
    // Never a stack trace here, development or not: its first line is the hidden message.
    return {
      message: 'internal server error',
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' satisfies ErrorCode },
    };
  };
}

/**
 * Apollo files every validation error under GRAPHQL_VALIDATION_FAILED; an error from one of
 * our own rules (query-limits.ts) keeps the code it was raised with.
 */
function ownCode(error: unknown): ErrorCode | undefined {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  const code = original instanceof GraphQLError ? original.extensions.code : undefined;
  return isClientCode(code) ? code : undefined;
}

/**
 * What was actually thrown: resolver errors arrive wrapped in a located GraphQLError, and
 * graphql-ws wraps a failing subscription stream once more.
 */
function rootCause(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current;
}
