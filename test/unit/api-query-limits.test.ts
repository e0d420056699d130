import fs from 'node:fs';
import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { queryLimitsRule, tokenLimitMessage } from '../../api/pipeline/query-limits';
import { SCHEMA_PATH } from '../../api/server';

const schema = buildSchema(fs.readFileSync(SCHEMA_PATH, 'utf8'));

function check(query: string, maxDepth = 10, maxFields = 300) {
  return validate(schema, parse(query), [...specifiedRules, queryLimitsRule({ maxDepth, maxFields })]).map((e) => ({
    message: e.message,
    extensions: e.extensions,
  }));
}

const FULL_SUBMISSION = `{ submission(id: "x") { id status verdict limits { cpuTimeMs } compile { stdout } run { stdout }
  testResults { index verdict result { stdout stderr exitCode signal cpuTimeMs wallTimeMs memoryKb truncated } } } }`;

describe('queryLimitsRule', () => {
  it('accepts ordinary operations', () => {
    expect(check(FULL_SUBMISSION)).toEqual([]);
    expect(
      check(
        '{ submissions(first: 100) { edges { cursor node { id status } } pageInfo { hasNextPage endCursor } } queueStats { queued } }',
      ),
    ).toEqual([]);
  });

  it('accepts the standard introspection query: tools need it and introspection adds no depth', () => {
    expect(check(getIntrospectionQuery())).toEqual([]);
  });

  it('rejects an operation nested deeper than the limit, naming the limit', () => {
    // submission > testResults > result > stdout is 4 deep.
    const errors = check(FULL_SUBMISSION, 3);
    expect(errors).toEqual([
      {
        message: 'query: fields may be nested at most 3 deep (this operation nests 4)',
        extensions: { code: 'BAD_USER_INPUT', field: 'query', limit: 'depth', maximum: 3 },
      },
    ]);
  });

  it('counts depth through fragments and inline fragments', () => {
    const query = `query { submission(id: "x") { ...A } }
      fragment A on Submission { testResults { ... on TestResult { result { ...B } } } }
      fragment B on RunResult { stdout }`;
    expect(check(query, 4)).toEqual([]);
    expect(check(query, 3)[0]?.message).toMatch(/nests 4/);
  });

  it('rejects too many fields, counting a fragment at every spread (no "billion laughs")', () => {
    // Each fragment spreads the one below ten times: 2 × 10^3 fields from a few hundred bytes.
    const spreads = `fragment F0 on QueueStats { queued running }
      fragment F1 on QueueStats { ${Array.from({ length: 10 }, () => '...F0').join(' ')} }
      fragment F2 on QueueStats { ${Array.from({ length: 10 }, () => '...F1').join(' ')} }
      fragment F3 on QueueStats { ${Array.from({ length: 10 }, () => '...F2').join(' ')} }`;
    const query = `{ queueStats { ...F3 } } ${spreads}`;
    const errors = check(query);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/^query: at most 300 field selections are allowed per operation/);
    expect(errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query', limit: 'fields', maximum: 300 });
  });

  it('counts aliases as fields', () => {
    const aliases = Array.from({ length: 11 }, (_, i) => `q${i}: queueStats { queued }`).join(' ');
    expect(check(`{ ${aliases} }`, 10, 21)[0]?.message).toMatch(/at most 21 field selections/);
    expect(check(`{ ${aliases} }`, 10, 22)).toEqual([]);
  });

  it('survives fragment cycles (another rule reports them)', () => {
    const errors = check(
      '{ queueStats { ...A } } fragment A on QueueStats { queued ...B } fragment B on QueueStats { running ...A }',
    );
    expect(errors.every((e) => !String(e.extensions.code ?? '').includes('BAD_USER_INPUT'))).toBe(true);
    expect(errors.length).toBeGreaterThan(0);
  });
});

describe('tokenLimitMessage', () => {
  it("turns graphql-js's token-limit syntax error into a limit message", () => {
    let message = '';
    try {
      parse(`{ ${'queueStats { queued } '.repeat(100)} }`, { maxLexicalTokens: 50 });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(tokenLimitMessage(message)).toBe('query: at most 50 tokens are allowed per document');
    expect(tokenLimitMessage('Syntax Error: Expected Name, found "}".')).toBeUndefined();
  });
});
