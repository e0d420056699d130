import type { ApolloServerPlugin } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLError, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { SubmitRateLimiter } from '../../db/submit-rate-limiter';
import type { CallingClient } from '../auth';
import type { ErrorCode } from '../execution/error-codes';
import type { ApiContext, ApiServices } from '../context';
import type { QueueStats, Resolvers } from '../generated/resolvers-types';
import { queueStats } from '../queue-stats';
import { cachedQueueStats } from '../queue-stats-cache';
import { authenticateRequest, type Authentication, type CredentialSource } from './authenticate';
import { maskErrors } from './mask-errors';
import { operationLimits, type OperationLimits } from './operation-limits';
import { responseTooLarge } from './response-size';
import { tagSubmissionIds } from './submission-ids';

/**
 * What every GraphQL operation goes through, whichever transport carried it: authentication,
 * the operation limits, the submission-id tagging of resolver errors, error masking and the
 * response cap. HTTP (Apollo, through `apolloPlugin` and the options server.ts passes it) and
 * WebSocket (graphql-ws hooks in websocket.ts) both call these and nothing else, so a rule
 * added here holds on both.
 */
export interface RequestPipeline {
  /** The executable schema, resolver errors tagged with their submission (submission-ids.ts). */
  readonly schema: GraphQLSchema;
  /** Parse options, validation rules and the variable-dependent checks (cost). */
  readonly limits: OperationLimits;
  /** This process's shared, cached queueStats (also exported as metrics). */
  readonly queueStats: () => Promise<QueueStats>;
  /** The calling client of an `Authorization` value, or the UNAUTHENTICATED refusal. */
  authenticate(authorization: unknown, source: CredentialSource): Authentication;
  /** The context an operation of `client` executes with. */
  contextFor(client: CallingClient): ApiContext;
  /** Masks one error for a client (Apollo's formatError signature). */
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  /** Masks errors a transport formats itself (graphql-ws); HTTP-only extensions are dropped. */
  formatErrors(errors: readonly GraphQLError[]): GraphQLFormattedError[];
  /** The refusal of a response of `bytes` over SANDFLOW_MAX_RESPONSE_KB (logged), or undefined. */
  responseRefusal(bytes: number, client?: string): GraphQLError | undefined;
  /** The same stages as an Apollo plugin: the operation checks, and Retry-After on UNAVAILABLE. */
  readonly apolloPlugin: ApolloServerPlugin<ApiContext>;
}

/** Composes the pipeline once per API process. */
export function createRequestPipeline(services: ApiServices, definition: { typeDefs: string; resolvers: Resolvers }): RequestPipeline {
  const { config, logger } = services;
  const schema = tagSubmissionIds(makeExecutableSchema(definition));
  const limits = operationLimits(config);
  // One switch for both transports (common/config.ts): stack traces are for developers.
  const formatError = maskErrors(logger, { stackTraces: !config.production });
  // Shared by both transports and every replica (database), so switching transport doubles nothing.
  const submitLimiter = new SubmitRateLimiter(services.dataSource);
  const sharedQueueStats = cachedQueueStats(() => queueStats(services), { ttlMs: config.apiCosts.queueStatsCacheMs });
  const { maxResponseBytes } = config.apiCosts;

  return {
    schema,
    limits,
    queueStats: sharedQueueStats,
    authenticate: (authorization, source) => authenticateRequest(config, authorization, source),
    contextFor: (client) => ({ ...services, client, submitLimiter, queueStats: sharedQueueStats }),
    formatError,
    formatErrors: (errors) =>
      errors.map((error) => {
        // Apollo reads http (status, Retry-After) off errors; a socket has no use for it.
        const { http: _http, ...extensions } = error.extensions;
        return formatError({ ...error.toJSON(), extensions }, error);
      }),
    responseRefusal(bytes, client) {
      if (bytes <= maxResponseBytes) return undefined;
      logger.warn({ client, bytes, maxBytes: maxResponseBytes }, 'response over SANDFLOW_MAX_RESPONSE_KB refused');
      return responseTooLarge(bytes, maxResponseBytes);
    },
    apolloPlugin: {
      async requestDidStart() {
        return {
          async didResolveOperation({ schema: executing, document, operation, request }) {
            if (!operation) return;
            const refusal = limits.check({ schema: executing, document, operation, variables: request.variables });
            if (refusal) throw refusal;
          },
          async willSendResponse({ response }) {
            if (response.body.kind !== 'single') return;
            const unavailable: ErrorCode = 'UNAVAILABLE';
            const retryAfter = response.body.singleResult.errors?.find((e) => e.extensions?.code === unavailable)?.extensions?.retryAfterSeconds;
            if (typeof retryAfter !== 'number') return;
            response.http.status = 503;
            response.http.headers.set('retry-after', String(retryAfter));
          },
        };
      },
    },
  };
}
