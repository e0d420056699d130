import { makeExecutableSchema } from '@graphql-tools/schema';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { apiError } from '../../api/execution/error-codes';
import { prepareOperation, type OperationRequest } from '../../api/execution/prepare-operation';
import type { OperationLimits } from '../../api/pipeline/operation-limits';
import { queryLimitsRule } from '../../api/pipeline/query-limits';

const schema = makeExecutableSchema({
  typeDefs: 'type Item { id: ID! next: Item } type Query { item(id: ID!): Item items(first: Int): [Item!]! }',
  resolvers: {},
});

/** Small limits, so that each stage can be met: 60 tokens, depth 2, 10 fields, and a "cost" of more than 3 root fields. */
const limits: OperationLimits = {
  parseOptions: { maxLexicalTokens: 60 },
  validationRules: [queryLimitsRule({ maxDepth: 2, maxFields: 10 })],
  check: ({ operation }) =>
    operation.selectionSet.selections.length > 3 ? apiError('QUERY_TOO_COSTLY', 'query: costs too much') : undefined,
};

const context = { client: 'alpha' };

function refusal(request: OperationRequest): Array<{ message: string; code: unknown }> {
  const prepared = prepareOperation({ schema, limits }, request, context);
  return (prepared.errors ?? []).map((error) => ({ message: error.message, code: error.extensions.code }));
}

describe('prepareOperation', () => {
  it('refuses at the first stage that fails, with the code of that stage', () => {
    expect(refusal({ source: '{ items { id ' })).toEqual([
      { message: expect.stringMatching(/^Syntax Error/), code: 'GRAPHQL_PARSE_FAILED' },
    ]);
    expect(refusal({ source: `{ ${'__typename '.repeat(61)} }` })).toEqual([
      { message: expect.stringMatching(/more that 60 tokens/), code: 'GRAPHQL_PARSE_FAILED' },
    ]);
    expect(refusal({ source: '{ nope }' })).toEqual([
      { message: 'Cannot query field "nope" on type "Query".', code: 'GRAPHQL_VALIDATION_FAILED' },
    ]);
    // A limit rule's own code survives validation.
    expect(refusal({ source: '{ items { next { id } } }' })).toEqual([
      { message: expect.stringMatching(/^query: fields may be nested at most 2 deep/), code: 'BAD_USER_INPUT' },
    ]);
    expect(refusal({ source: 'query A { items { id } } query B { items { id } }' })).toEqual([
      { message: 'Must provide operation name if query contains multiple operations.', code: 'OPERATION_RESOLUTION_FAILURE' },
    ]);
    expect(refusal({ source: 'query A { items { id } }', operationName: 'B' })).toEqual([
      { message: 'Unknown operation named "B".', code: 'OPERATION_RESOLUTION_FAILURE' },
    ]);
    expect(refusal({ source: '{ a: items { id } b: items { id } c: items { id } d: items { id } }' })).toEqual([
      { message: 'query: costs too much', code: 'QUERY_TOO_COSTLY' },
    ]);
  });

  it('reports every variable that does not fit, beyond the twenty the WebSocket path once stopped at', () => {
    const count = 30;
    const definitions = Array.from({ length: count }, (_, i) => `$v${i}: Int!`).join(', ');
    const fields = Array.from({ length: count }, (_, i) => `a${i}: items(first: $v${i}) { id }`).join(' ');
    const errors = refusal({ document: parse(`query(${definitions}) { ${fields} }`) });
    expect(errors).toHaveLength(count);
    expect(errors[0]).toEqual({ message: 'Variable "$v0" of required type "Int!" was not provided.', code: 'BAD_USER_INPUT' });
  });

  it('checks the variables before the cost: a refusal names what the client must fix first', () => {
    expect(
      refusal({
        source: 'query($n: Int) { a: items(first: $n) { id } b: items { id } c: items { id } d: items { id } }',
        variables: { n: 'ten' },
      }),
    ).toEqual([{ message: expect.stringMatching(/^Variable "\$n" got invalid value "ten"/), code: 'BAD_USER_INPUT' }]);
  });

  it('answers a document the transport parsed exactly as the same query as text', () => {
    const source = 'query A { items { id } } query B { items { id } }';
    expect(refusal({ document: parse(source), operationName: 'C' })).toEqual(refusal({ source, operationName: 'C' }));
  });

  it('hands execution the document, the chosen operation, the raw variables and the context', () => {
    const source = 'query A { items { id } } query B($id: ID!) { item(id: $id) { id } }';
    const prepared = prepareOperation({ schema, limits }, { source, operationName: 'B', variables: { id: '7' } }, context);
    expect(prepared.errors).toBeUndefined();
    expect(prepared.operation?.name?.value).toBe('B');
    expect(prepared.args).toMatchObject({ schema, operationName: 'B', variableValues: { id: '7' }, contextValue: context });
  });
});
