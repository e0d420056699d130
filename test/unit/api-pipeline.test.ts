import { makeExecutableSchema } from '@graphql-tools/schema';
import { execute, GraphQLError, parse, subscribe } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../api/pipeline/database-unavailable';
import { maskErrors } from '../../api/pipeline/mask-errors';
import { SubmissionFailure, tagSubmissionIds } from '../../api/pipeline/submission-ids';
import { capturingLogger } from '../support/capturing-logger';

const ID = '1b4e28ba-2fa1-11d2-883f-0016d3cca427';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('isDatabaseUnavailable', () => {
  it.each([
    [
      'PostgreSQL shutting down (57P01), as TypeORM wraps it',
      new QueryFailedError('SELECT 1', [], withCode('terminating connection due to administrator command', '57P01')),
    ],
    ['PostgreSQL starting up (57P03)', withCode('the database system is starting up', '57P03')],
    ['a connection exception (class 08)', withCode('connection failure', '08006')],
    ['statement_timeout (57014)', withCode('canceling statement due to statement timeout', '57014')],
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    [
      'a refused connection to several addresses',
      new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], 'connect failed'),
    ],
    ['a pool connection timeout', new Error('timeout exceeded when trying to connect')],
    ['a connection lost mid-query', new Error('Connection terminated unexpectedly')],
    ['SQLite still locked after busy_timeout', new QueryFailedError('INSERT', [], withCode('database is locked', 'SQLITE_BUSY'))],
  ])('recognises %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a syntax error (42601)', withCode('syntax error at or near "SELEC"', '42601')],
    ['a unique violation (23505)', withCode('duplicate key value violates unique constraint', '23505')],
    ['a missing table', new QueryFailedError('SELECT', [], withCode('no such table: submissions', 'SQLITE_ERROR'))],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a message that only mentions a code', new Error('SQLITE_BUSY')],
  ])('does not mistake %s for an outage', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe('maskErrors on a database outage', () => {
  it('answers UNAVAILABLE with retryAfterSeconds (not an internal error) and logs it with the submission id', () => {
    const { logger, lines } = capturingLogger();
    const cause = new QueryFailedError(
      'SELECT secret FROM submissions',
      [],
      withCode('terminating connection due to administrator command', '57P01'),
    );
    const error = new GraphQLError('x', { path: ['submission'], originalError: new SubmissionFailure(ID, cause) });
    const formatted = maskErrors(logger)({ ...error.toJSON(), extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error);
    expect(formatted).toEqual({
      message: expect.stringMatching(/^database: temporarily unavailable; retry in \d+ s$/),
      path: ['submission'],
      extensions: { code: 'UNAVAILABLE', retryAfterSeconds: 5 },
    });
    expect(JSON.stringify(formatted)).not.toMatch(/secret|administrator/);
    expect(lines[0]).toMatchObject({ level: 40, submissionId: ID, msg: 'database unavailable during a GraphQL operation' });
  });
});

describe('tagSubmissionIds', () => {
  const typeDefs = `
    type Submission { id: ID! detail: String }
    type Query { submission(id: ID!): Submission plain: String }
    type Subscription { updates(id: ID!): Submission }`;
  const failing = new Error('connection lost');
  const schema = () =>
    tagSubmissionIds(
      makeExecutableSchema({
        typeDefs,
        resolvers: {
          Query: { submission: (_p: unknown, args: { id: string }) => ({ id: args.id }), plain: () => Promise.reject(failing) },
          Submission: {
            detail: () => {
              throw failing;
            },
          },
          Subscription: {
            updates: {
              subscribe: async function* () {
                yield { updates: { id: ID } };
                throw failing;
              },
            },
          },
        },
      }),
    );

  it("names the parent submission of a failing Submission field, and passes other fields' errors unchanged", async () => {
    const result = await execute({ schema: schema(), document: parse(`{ submission(id: "${ID}") { detail } plain }`) });
    const [detail, plain] = result.errors ?? [];
    expect(detail?.originalError).toBeInstanceOf(SubmissionFailure);
    expect(detail?.originalError).toMatchObject({ submissionId: ID, cause: failing });
    expect(plain?.originalError).toBe(failing);
  });

  it('names the submission of a subscription whose stream fails', async () => {
    const stream = await subscribe({ schema: schema(), document: parse(`subscription { updates(id: "${ID}") { id } }`) });
    if (!(Symbol.asyncIterator in stream)) throw new Error('no stream');
    const seen: unknown[] = [];
    await expect(
      (async () => {
        for await (const item of stream) seen.push(item);
      })(),
    ).rejects.toMatchObject({ submissionId: ID, cause: failing });
    expect(seen).toHaveLength(1);
  });
});
