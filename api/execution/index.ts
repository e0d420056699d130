import { makeExecutableSchema } from '@graphql-tools/schema';
import {
  execute,
  subscribe,
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { SubmitRateLimiter } from '../../db/submit-rate-limiter';
import { WorkerRegistry } from '../../db/worker-registry';
import type { CallingClient } from '../auth';
import type { ApiContext, ApiServices } from '../context';
import type { QueueStats, Resolvers } from '../generated/resolvers-types';
import { authenticateRequest, type Authentication, type CredentialSource } from '../pipeline/authenticate';
import { maskErrors } from '../pipeline/mask-errors';
import { operationLimits, type OperationLimits } from '../pipeline/operation-limits';
import { responseTooLarge } from '../pipeline/response-size';
import { tagSubmissionIds } from '../pipeline/submission-ids';
import { queueStats } from '../queue-stats';
import { cachedQueueStats } from '../queue-stats-cache';
import { prepareOperation, type OperationRequest, type PreparedOperation } from './prepare-operation';

/** The two ways into the API. */
export type Transport = 'http' | 'websocket';

/**
 * The one GraphQL execution path of the API, whichever transport carried the operation:
 * authentication, the context, every check before execution (prepare-operation.ts),
 * execution over the one schema, error masking with the catalogue's codes, and the response
 * cap. HTTP (Apollo, through apollo-plugin.ts) and WebSocket (graphql-ws hooks in
 * websocket.ts) only carry operations in and answers out.
 */
export interface Executor {
  /** The executable schema, resolver errors tagged with their submission (submission-ids.ts). */
  readonly schema: GraphQLSchema;
  /** Parse options, validation rules and the variable-dependent checks (cost); Apollo parses and validates HTTP requests with these. */
  readonly limits: OperationLimits;
  /** This process's shared, cached queueStats (also exported as metrics). */
  readonly queueStats: () => Promise<QueueStats>;
  /** The calling client of an `Authorization` value, or the UNAUTHENTICATED refusal naming where the token goes. */
  authenticate(authorization: unknown, source: CredentialSource): Authentication;
  /** The context an operation of `client` executes with. */
  contextFor(client: CallingClient): ApiContext;
  /** Everything before execution: what to execute, or the refusal. */
  prepare(request: OperationRequest, context: ApiContext): PreparedOperation<ApiContext>;
  /** Runs a prepared query or mutation. */
  execute(args: ExecutionArgs): ReturnType<typeof execute>;
  /** Starts a prepared subscription: its stream, or the errors of its start. */
  subscribe(args: ExecutionArgs): ReturnType<typeof subscribe>;
  /** A result as the client gets it: errors masked (only client errors keep their message). */
  formatResult(result: ExecutionResult, transport: Transport): FormattedExecutionResult;
  /** Errors as the client gets them. */
  formatErrors(errors: readonly GraphQLError[], transport: Transport): GraphQLFormattedError[];
  /** Masks one error Apollo formatted itself (its own refusals over HTTP: parse, validation, bad requests). */
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  /** The refusal of a response of `bytes` over SANDFLOW_MAX_RESPONSE_KB (logged), or undefined. */
  responseRefusal(bytes: number, client?: string): GraphQLError | undefined;
}

/** Composes the executor once per API process. */
export function createExecutor(services: ApiServices, definition: { typeDefs: string; resolvers: Resolvers }): Executor {
  const { config, logger } = services;
  const schema = tagSubmissionIds(makeExecutableSchema(definition));
  const limits = operationLimits(config);
  // One switch for both transports (common/config.ts): stack traces are for developers.
  const stackTraces = !config.production;
  const formatError = maskErrors(logger, { stackTraces });
  // Shared by both transports and every replica (database), so switching transport doubles nothing.
  const submitLimiter = new SubmitRateLimiter(services.dataSource);
  const workers = new WorkerRegistry(services.dataSource);
  const sharedQueueStats = cachedQueueStats(() => queueStats({ ...services, workers }), {
    ttlMs: config.apiCosts.queueStatsCacheMs,
  });
  const { maxResponseBytes } = config.apiCosts;

  const formatErrors = (errors: readonly GraphQLError[], transport: Transport): GraphQLFormattedError[] =>
    errors.map((error) => {
      const formatted = error.toJSON();
      // As Apollo did for HTTP; graphql-ws clients never got stack traces, and still do not.
      if (!stackTraces || transport !== 'http') return formatError(formatted, error);
      return formatError({ ...formatted, extensions: { ...formatted.extensions, stacktrace: error.stack?.split('\n') } }, error);
    });

  return {
    schema,
    limits,
    queueStats: sharedQueueStats,
    authenticate: (authorization, source) => authenticateRequest(config, authorization, source),
    contextFor: (client) => ({ ...services, client, submitLimiter, queueStats: sharedQueueStats }),
    prepare: (request, context) => prepareOperation({ schema, limits }, request, context),
    execute,
    subscribe,
    formatResult: ({ errors, ...rest }, transport) => (errors ? { ...rest, errors: formatErrors(errors, transport) } : rest),
    formatErrors,
    formatError,
    responseRefusal(bytes, client) {
      if (bytes <= maxResponseBytes) return undefined;
      logger.warn({ client, bytes, maxBytes: maxResponseBytes }, 'response over SANDFLOW_MAX_RESPONSE_KB refused');
      return responseTooLarge(bytes, maxResponseBytes);
    },
  };
}
