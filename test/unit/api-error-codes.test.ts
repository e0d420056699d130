import fs from 'node:fs';
import path from 'node:path';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { apiError, ERROR_CODES, isClientCode, withCode } from '../../api/execution/error-codes';
import { httpResponse } from '../../api/execution/http-response';
import { maskErrors } from '../../api/pipeline/mask-errors';
import { capturingLogger } from '../support/capturing-logger';

const API = path.join(__dirname, '..', '..', 'api');

/** Every TypeScript file of api/ except the generated types, with its text. */
function apiSources(): Array<{ file: string; text: string }> {
  const entries = fs.readdirSync(API, { recursive: true, encoding: 'utf8' });
  return entries
    .filter((entry) => entry.endsWith('.ts') && !entry.startsWith(`generated${path.sep}`))
    .map((entry) => ({ file: entry, text: fs.readFileSync(path.join(API, entry), 'utf8') }));
}

describe('the error-code catalogue', () => {
  it('holds every code api/ writes, whichever way it is written', () => {
    const used = new Map<string, string>();
    // `code: 'X'`, `apiError('X'`, `withCode(…, 'X')`, `HttpError(401, 'X'` and `'X' satisfies ErrorCode`.
    const patterns = [
      /\bcode: '([A-Z_]+)'/g,
      /\bapiError\(\s*'([A-Z_]+)'/g,
      /\bwithCode\([^,]+,\s*'([A-Z_]+)'\)/g,
      /\bHttpError\(\d+,\s*'([A-Z_]+)'/g,
      /'([A-Z_]+)' satisfies ErrorCode/g,
    ];
    for (const { file, text } of apiSources()) {
      for (const pattern of patterns) for (const match of text.matchAll(pattern)) used.set(match[1] ?? '', file);
    }
    // The scan finds what it is meant to find: the codes of the refusals written in several ways.
    expect([...used.keys()]).toEqual(
      expect.arrayContaining([
        'UNAUTHENTICATED',
        'NOT_FOUND',
        'QUERY_TOO_COSTLY',
        'GRAPHQL_PARSE_FAILED',
        'INTERNAL_SERVER_ERROR',
        'FORBIDDEN',
      ]),
    );
    const unknown = [...used].filter(([code]) => !Object.hasOwn(ERROR_CODES, code));
    expect(unknown).toEqual([]);
  });

  it('is the only place a GraphQLError is given a code: everything else goes through apiError', () => {
    const offenders = apiSources()
      .filter(({ file }) => file !== path.join('execution', 'error-codes.ts'))
      .flatMap(({ file, text }) =>
        [...text.matchAll(/new GraphQLError\(/g)].map((match) => ({ file, call: text.slice(match.index, match.index + 400) })),
      )
      // A GraphQLError without extensions has no code: it is internal, and masked as such.
      .filter(({ call }) => /^new GraphQLError\((?:[^()]|\([^()]*\))*\bextensions\b/.test(call))
      .map(({ file }) => file);
    expect(offenders).toEqual([]);
  });

  it('holds every code Apollo Server raises on HTTP, so the WebSocket path can raise the same', () => {
    for (const code of Object.values(ApolloServerErrorCode)) expect(ERROR_CODES).toHaveProperty(code);
  });

  it('lets only the catalogue build coded errors: an unknown code is a type error', () => {
    // @ts-expect-error 'TEAPOT' is not in ERROR_CODES
    const error = apiError('TEAPOT', 'short and stout');
    expect(error.extensions.code).toBe('TEAPOT');
    expect(apiError('NOT_FOUND', 'id: submission x does not exist', { field: 'id' }).extensions).toEqual({
      code: 'NOT_FOUND',
      field: 'id',
    });
  });

  it('masks an error whose code is not in the catalogue as internal, and knows only INTERNAL_SERVER_ERROR as internal', () => {
    const { logger, lines } = capturingLogger();
    const stray = new GraphQLError('SELECT secret FROM submissions', { extensions: { code: 'SOMETHING_ELSE' } });
    expect(maskErrors(logger)(stray.toJSON(), stray)).toEqual({
      message: 'internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(lines).toHaveLength(1);
    expect(Object.keys(ERROR_CODES).filter((code) => !isClientCode(code))).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(isClientCode('SOMETHING_ELSE')).toBe(false);
  });

  it('gives a code to an error without one, and keeps the code an error has', () => {
    const plain = new GraphQLError('Syntax Error: Expected Name, found <EOF>.');
    expect(withCode(plain, 'GRAPHQL_PARSE_FAILED')).toMatchObject({
      message: plain.message,
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
    const own = apiError('BAD_USER_INPUT', 'query: fields may be nested at most 5 deep (this operation nests 6)', {
      field: 'query',
    });
    expect(withCode(own, 'GRAPHQL_VALIDATION_FAILED')).toBe(own);
    expect(withCode(new Error('/srv/secret'), 'BAD_USER_INPUT')).toMatchObject({
      message: 'invalid request',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});

describe('httpResponse', () => {
  const formatted = (error: GraphQLError) => ({ ...error.toJSON(), path: ['submit'] });

  it('is 400 for an operation refused before execution, whatever its codes', () => {
    const refused = httpResponse({ errors: [apiError('QUERY_TOO_COSTLY', 'query: costs 2000').toJSON()] }, true);
    expect(refused.http.status).toBe(400);
    expect(refused.body).toEqual({
      kind: 'single',
      singleResult: { errors: [{ message: 'query: costs 2000', extensions: { code: 'QUERY_TOO_COSTLY' } }] },
    });
  });

  it('is 200 (no status) for an executed operation whose errors have no status of their own', () => {
    const answer = httpResponse(
      {
        data: { submit: null },
        errors: [formatted(apiError('BAD_USER_INPUT', 'source: must not be empty', { field: 'source' }))],
      },
      false,
    );
    expect(answer.http.status).toBeUndefined();
    expect([...answer.http.headers]).toEqual([]);
  });

  it('prefers UNAVAILABLE (503) over RATE_LIMITED (429), with the Retry-After of the error it chose', () => {
    const errors = [
      formatted(apiError('RATE_LIMITED', 'submit: rate limit reached', { retryAfterSeconds: 7 })),
      formatted(apiError('UNAVAILABLE', 'database: temporarily unavailable', { retryAfterSeconds: 5 })),
    ];
    const answer = httpResponse({ data: null, errors }, false);
    expect(answer.http.status).toBe(503);
    expect(answer.http.headers.get('retry-after')).toBe('5');
  });
});
