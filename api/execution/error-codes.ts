import { GraphQLError, type GraphQLErrorOptions } from 'graphql';

/** What the API promises about one `extensions.code`. */
interface ErrorCodeInfo {
  /** The message is written for the client; otherwise the error is internal and masked (mask-errors.ts). */
  readonly client: boolean;
  /**
   * The HTTP status of an executed operation whose errors include this code (the status of an
   * operation refused before execution is 400 whatever its codes, see http-response.ts).
   */
  readonly httpStatus?: number;
}

/**
 * Every `extensions.code` a GraphQL error of this API can carry, over either transport: the
 * ones sandflow raises and the ones Apollo Server raises on HTTP (which the WebSocket path gives
 * the same errors). Nothing may raise a code outside this list; {@link apiError} only takes these.
 */
export const ERROR_CODES = {
  /** An argument, variable or operation outside what is allowed; `field` names it. */
  BAD_USER_INPUT: { client: true },
  /** The query does not parse. */
  GRAPHQL_PARSE_FAILED: { client: true },
  /** The query does not fit the schema (or asks for introspection in production). */
  GRAPHQL_VALIDATION_FAILED: { client: true },
  /** The HTTP request is not a GraphQL request (Apollo). */
  BAD_REQUEST: { client: true },
  /** No valid API token. */
  UNAUTHENTICATED: { client: true },
  /** A token that may not do this, or a Host the open mode does not serve. */
  FORBIDDEN: { client: true },
  /** A submission that does not exist or belongs to another client. */
  NOT_FOUND: { client: true },
  /** Over the client's submit rate; `retryAfterSeconds` says when to retry. */
  RATE_LIMITED: { client: true, httpStatus: 429 },
  /** Automatic persisted queries (Apollo). */
  PERSISTED_QUERY_NOT_FOUND: { client: true },
  PERSISTED_QUERY_NOT_SUPPORTED: { client: true },
  /** The document has no operation of the name asked for, or several and no name. */
  OPERATION_RESOLUTION_FAILURE: { client: true },
  /** The operation's cost is over SANDFLOW_MAX_QUERY_COST. */
  QUERY_TOO_COSTLY: { client: true },
  /** The response would be over SANDFLOW_MAX_RESPONSE_KB. */
  RESPONSE_TOO_LARGE: { client: true },
  /** More operations on one WebSocket than SANDFLOW_MAX_SUBSCRIPTIONS_PER_CONNECTION. */
  TOO_MANY_SUBSCRIPTIONS: { client: true },
  /** The database or the disk cannot serve it right now; `retryAfterSeconds` says when to retry. */
  UNAVAILABLE: { client: true, httpStatus: 503 },
  /** Problem upload (POST /problems/{id}/versions): a package that cannot be read; `file` names the package file. */
  BAD_PACKAGE: { client: true, httpStatus: 400 },
  /** Problem upload: the id belongs to another client. */
  CONFLICT: { client: true, httpStatus: 409 },
  /** Problem upload: the archive is over SANDFLOW_MAX_PACKAGE_MB. */
  PAYLOAD_TOO_LARGE: { client: true, httpStatus: 413 },
  /** Problem upload: anything but POST. */
  METHOD_NOT_ALLOWED: { client: true, httpStatus: 405 },
  /** Anything else: the message is replaced by "internal server error" and the cause logged. */
  INTERNAL_SERVER_ERROR: { client: false },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The catalogue entry of `code`, or undefined for a value that is not one of ours. */
export function errorCodeInfo(code: unknown): ErrorCodeInfo | undefined {
  const catalogue: Readonly<Record<string, ErrorCodeInfo>> = ERROR_CODES;
  return typeof code === 'string' && Object.hasOwn(catalogue, code) ? catalogue[code] : undefined;
}

/** Whether `code` is a code whose messages are written for clients. */
export function isClientCode(code: unknown): code is ErrorCode {
  return errorCodeInfo(code)?.client === true;
}

/**
 * A GraphQL error of `code` with `details` beside the code in `extensions`: the one way this API
 * builds an error that carries a code, so the type checker keeps every code in the catalogue.
 */
export function apiError(
  code: ErrorCode,
  message: string,
  details: Readonly<Record<string, unknown>> & { code?: never } = {},
  options: Omit<GraphQLErrorOptions, 'extensions'> = {},
): GraphQLError {
  return new GraphQLError(message, { ...options, extensions: { code, ...details } });
}

/**
 * `error` as an error of `code`, keeping its message and location, unless it carries a code
 * already (one of our own validation rules, a scalar's BAD_USER_INPUT). Anything that is not a
 * GraphQLError says nothing a client can use.
 */
export function withCode(error: unknown, code: ErrorCode): GraphQLError {
  if (!(error instanceof GraphQLError)) return apiError(code, 'invalid request');
  if (typeof error.extensions.code === 'string') return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    originalError: error,
    extensions: { ...error.extensions, code },
  });
}
