import { GraphQLError, parse, validate, buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { maskErrors } from '../../api/pipeline/mask-errors';
import { SubmissionFailure } from '../../api/pipeline/submission-ids';
import { capturingLogger } from '../support/capturing-logger';

/** As graphql-js hands a resolver's error to the formatter: located, with the original inside. */
function located(original: Error, path: string[]): GraphQLError {
  return new GraphQLError(original.message, { path, originalError: original });
}

describe('maskErrors', () => {
  it('hides an internal error (stack, host path, SQL) and logs it with the submission id', () => {
    const { logger, lines } = capturingLogger();
    const cause = new Error('SQLITE_ERROR: no such table: test_results (/srv/sandflow/data/sandflow.sqlite)');
    const error = located(new SubmissionFailure('1b4e28ba-2fa1-11d2-883f-0016d3cca427', cause), ['submission', 'testResults']);
    const formatted = maskErrors(logger)(
      { ...error.toJSON(), extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at /srv/x.js:1'] } },
      error,
    );
    expect(formatted).toEqual({
      message: 'internal server error',
      path: ['submission', 'testResults'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(formatted)).not.toMatch(/srv|SQLITE|stack/);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      submissionId: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
      msg: 'internal error in a GraphQL operation',
    });
    expect(JSON.stringify(lines[0]?.err)).toMatch(/no such table: test_results/);
  });

  it('finds the submission id under the extra wrapping graphql-ws gives a failing subscription stream', () => {
    const { logger, lines } = capturingLogger();
    const failure = new SubmissionFailure('1b4e28ba-2fa1-11d2-883f-0016d3cca427', new Error('connection terminated'));
    const wrapped = new GraphQLError(failure.message, { originalError: failure });
    expect(maskErrors(logger)(wrapped.toJSON(), wrapped).message).toBe('internal server error');
    expect(lines[0]).toMatchObject({
      submissionId: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
      err: { message: 'connection terminated' },
    });
  });

  it('treats an error without a client code as internal, even a GraphQLError', () => {
    const { logger, lines } = capturingLogger();
    const error = located(new GraphQLError('DateTime must be a Date'), ['submission', 'queuedAt']);
    expect(maskErrors(logger)(error.toJSON(), error).message).toBe('internal server error');
    expect(lines).toHaveLength(1);
    expect(lines[0]?.submissionId).toBeUndefined();
  });

  it('passes client errors through unchanged, minus any stack trace', () => {
    const { logger, lines } = capturingLogger();
    for (const code of ['BAD_USER_INPUT', 'UNAUTHENTICATED', 'RATE_LIMITED', 'NOT_FOUND', 'GRAPHQL_VALIDATION_FAILED']) {
      const error = new GraphQLError('first: must be between 1 and 100 (got 0)', { extensions: { code, field: 'first' } });
      const formatted = maskErrors(logger)({ ...error.toJSON(), extensions: { ...error.extensions, stacktrace: ['x'] } }, error);
      expect(formatted).toEqual({ message: 'first: must be between 1 and 100 (got 0)', extensions: { code, field: 'first' } });
    }
    expect(lines).toEqual([]);
  });

  it("gives a query-limit rule's error back its own code after Apollo filed it as a validation failure", () => {
    const { logger } = capturingLogger();
    const rule = new GraphQLError('query: fields may be nested at most 10 deep (this operation nests 11)', {
      extensions: { code: 'BAD_USER_INPUT', field: 'query', limit: 'depth' },
    });
    // What Apollo's ValidationError wraps it into.
    const apollo = new GraphQLError(rule.message, {
      originalError: rule,
      extensions: { ...rule.extensions, code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(maskErrors(logger)(apollo.toJSON(), apollo).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'query',
      limit: 'depth',
    });
    // An ordinary validation error keeps GRAPHQL_VALIDATION_FAILED.
    const [plain] = validate(buildSchema('type Query { a: Int }'), parse('{ b }'));
    const wrapped = new GraphQLError(plain?.message ?? '', {
      originalError: plain,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(maskErrors(logger)(wrapped.toJSON(), wrapped).extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('reports the parser token limit as BAD_USER_INPUT on the query', () => {
    const { logger } = capturingLogger();
    const error = new GraphQLError('Syntax Error: Document contains more that 20000 tokens. Parsing aborted.', {
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
    expect(maskErrors(logger)(error.toJSON(), error)).toEqual({
      message: 'query: at most 20000 tokens are allowed per document',
      extensions: { code: 'BAD_USER_INPUT', field: 'query' },
    });
  });

  it('keeps stack traces of client errors only when asked (outside production), never of internal ones', () => {
    const { logger } = capturingLogger();
    const internal = located(new Error('SQLITE_BUSY'), ['submission']);
    const client = new GraphQLError('first: must be between 1 and 100 (got 0)', {
      extensions: { code: 'BAD_USER_INPUT', field: 'first' },
    });
    const withStack = (error: GraphQLError) => ({
      ...error.toJSON(),
      extensions: {
        ...error.extensions,
        code: error.extensions.code ?? 'INTERNAL_SERVER_ERROR',
        stacktrace: ['Error: SQLITE_BUSY', '    at /srv/x.js:1'],
      },
    });
    expect(maskErrors(logger, { stackTraces: true })(withStack(client), client).extensions?.stacktrace).toEqual([
      'Error: SQLITE_BUSY',
      '    at /srv/x.js:1',
    ]);
    for (const error of [internal, client]) {
      expect(maskErrors(logger, { stackTraces: false })(withStack(error), error).extensions).not.toHaveProperty('stacktrace');
      expect(maskErrors(logger)(withStack(error), error).extensions).not.toHaveProperty('stacktrace');
    }
    // The stack of an internal error starts with its message: it stays hidden even in development.
    expect(JSON.stringify(maskErrors(logger, { stackTraces: true })(withStack(internal), internal))).not.toMatch(/SQLITE|srv/);
    expect(
      maskErrors(logger, { stackTraces: true })({ ...internal.toJSON(), extensions: { code: 'INTERNAL_SERVER_ERROR' } }, internal)
        .message,
    ).toBe('internal server error');
  });
});
