import fs from 'node:fs';
import { buildSchema, getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { costError, FIELD_COSTS, queryCost, queryCostOptions } from '../../api/pipeline/query-cost';
import { SCHEMA_PATH } from '../../api/server';
import { loadConfig } from '../../common/config';

const schema = buildSchema(fs.readFileSync(SCHEMA_PATH, 'utf8'));
/** The defaults: SANDFLOW_MAX_QUERY_COST 5000, 100 test cases. */
const options = queryCostOptions(loadConfig({ SANDFLOW_LANGUAGES: 'python,c' }));

function cost(query: string, variables?: Record<string, unknown>): number | undefined {
  const document = parse(query);
  const operation = getOperationAST(document);
  if (!operation) throw new Error('no operation');
  return queryCost(schema, document, operation, variables, options);
}

const aliases = (n: number, selection: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${selection}`).join(' ')} }`;

/** Everything a judge's backend reads about one submission, every test case's output included. */
const FULL_SUBMISSION = `{ submission(id: "x") {
  id language status verdict error queuedAt startedAt completedAt executionTimeMs totalTimeMs
  limits { cpuTimeMs wallTimeMs memoryMb processes outputKb }
  compile { stdout stderr exitCode signal cpuTimeMs wallTimeMs memoryKb truncated }
  run { stdout stderr exitCode signal cpuTimeMs wallTimeMs memoryKb truncated }
  testResults { index verdict result { stdout stderr exitCode signal cpuTimeMs wallTimeMs memoryKb truncated } } } }`;

describe('queryCost', () => {
  it('refuses the reported amplification: 60 aliases of submission { run { stdout } }, naming the cost and the maximum', () => {
    const query = aliases(60, 'submission(id: "x") { run { stdout } }');
    const measured = cost(query);
    expect(measured).toBe(60 * (FIELD_COSTS.lookup + 1 + FIELD_COSTS.largeText));
    const error = costError(measured, options.maximum);
    expect(error?.message).toBe(
      `query: costs ${measured}, more than the maximum of 5000 per operation; ask for fewer aliases, smaller pages (first), fewer testResults or fewer large fields (stdout, stderr, queueStats)`,
    );
    expect(error?.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', field: 'query', cost: measured, maximum: 5000 });
  });

  it('admits what ordinary clients ask for under the defaults', () => {
    for (const query of [
      FULL_SUBMISSION,
      '{ submission(id: "x") { status verdict } }',
      '{ submissions(first: 100) { edges { cursor node { id status verdict language queuedAt } } pageInfo { hasNextPage endCursor } } }',
      '{ submissions { edges { node { testResults { verdict } } } } }',
      '{ queueStats { queued running workers maxConcurrency totalSubmissions backlog } languages { id name } }',
    ]) {
      expect(costError(cost(query), options.maximum), query).toBeUndefined();
    }
  });

  it('counts stdout and stderr as large fields', () => {
    const small = cost('{ submission(id: "x") { run { exitCode } } }') ?? 0;
    expect(cost('{ submission(id: "x") { run { stdout } } }')).toBe(small - 1 + FIELD_COSTS.largeText);
    expect(cost('{ submission(id: "x") { run { stdout stderr } } }')).toBe(small - 1 + 2 * FIELD_COSTS.largeText);
  });

  it('multiplies a page by its size: first as a literal, as a variable, or the default 20', () => {
    const node = 1 + 1 + 1 + FIELD_COSTS.largeText; // edges, node, run, stdout
    const page = (first: number) => FIELD_COSTS.lookup + first * node;
    const query = 'query($first: Int) { submissions(first: $first) { edges { node { run { stdout } } } } }';
    expect(cost('{ submissions(first: 100) { edges { node { run { stdout } } } } }')).toBe(page(100));
    expect(cost(query, { first: 50 })).toBe(page(50));
    expect(cost(query, {})).toBe(page(20));
  });

  it('multiplies testResults by the deployment test case maximum', () => {
    expect(cost('{ submission(id: "x") { testResults { verdict } } }')).toBe(FIELD_COSTS.lookup + FIELD_COSTS.lookup + 100 * 1);
    const fewer = queryCostOptions(loadConfig({ SANDFLOW_MAX_TEST_CASES: '10' }));
    const document = parse('{ submission(id: "x") { testResults { verdict } } }');
    const operation = getOperationAST(document);
    if (!operation) throw new Error('no operation');
    expect(queryCost(schema, document, operation, undefined, fewer)).toBe(FIELD_COSTS.lookup + FIELD_COSTS.lookup + 10);
  });

  it('allows a few queueStats per operation, not 140', () => {
    expect(costError(cost(aliases(4, 'queueStats { queued }')), options.maximum)).toBeUndefined();
    expect(costError(cost(aliases(6, 'queueStats { queued }')), options.maximum)?.extensions.code).toBe('QUERY_TOO_COSTLY');
    expect(costError(cost(aliases(140, 'queueStats { queued }')), options.maximum)?.extensions.code).toBe('QUERY_TOO_COSTLY');
  });

  it('counts a fragment at every spread and honours @skip', () => {
    const once = cost('{ submission(id: "x") { run { stdout } } }');
    const spread = cost(
      '{ a: submission(id: "x") { ...F } b: submission(id: "y") { ...F } } fragment F on Submission { run { stdout } }',
    );
    expect(spread).toBe(2 * (once ?? 0));
    expect(cost('query($s: Boolean!) { submission(id: "x") { run { stdout @skip(if: $s) exitCode } } }', { s: true })).toBe(
      FIELD_COSTS.lookup + 1 + 1,
    );
  });

  it('leaves variables that do not fit the operation to execution', () => {
    expect(cost('query($first: Int!) { submissions(first: $first) { pageInfo { hasNextPage } } }', {})).toBeUndefined();
    expect(costError(undefined, 10)).toBeUndefined();
  });
});
