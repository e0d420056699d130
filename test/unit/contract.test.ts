import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, DangerousChangeType, findBreakingChanges, findDangerousChanges, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SCHEMA_PATH } from '../../api/server';

const ROOT = path.resolve(__dirname, '../..');
const CONTRACT_PATH = path.resolve(ROOT, '../shared/contract/schema.graphql');

/**
 * Everything in `ours` that a client written against the contract could notice: graphql-js's
 * breaking changes (a type, field, argument, enum value, union member, interface or directive
 * gone, a kind or type changed incompatibly, a new required argument or input field), and of
 * its dangerous changes the one that changes what an existing request means: a default value.
 * Additions (types, fields, optional arguments and input fields, enum values) are allowed.
 */
function contractDifferences(contract: GraphQLSchema, ours: GraphQLSchema): string[] {
  const breaking = findBreakingChanges(contract, ours);
  const defaults = findDangerousChanges(contract, ours).filter((c) => c.type === DangerousChangeType.ARG_DEFAULT_VALUE_CHANGE);
  return [...breaking, ...defaults].map((c) => `${c.type}: ${c.description}`);
}

const contractSdl = fs.readFileSync(CONTRACT_PATH, 'utf8');
const schemaSdl = fs.readFileSync(SCHEMA_PATH, 'utf8');

/** Our schema with one textual edit: the edit must exist, or the self-test proves nothing. */
function tampered(find: string | RegExp, replace: string): GraphQLSchema {
  const edited = schemaSdl.replace(find, replace);
  if (edited === schemaSdl) throw new Error(`edit ${String(find)} changed nothing`);
  return buildSchema(edited);
}

describe('the public contract (../shared/contract/schema.graphql)', () => {
  it('is contained, unchanged, in schema/schema.graphql', () => {
    expect(contractDifferences(buildSchema(contractSdl), buildSchema(schemaSdl))).toEqual([]);
  });

  it('would catch every kind of drift', () => {
    const contract = buildSchema(contractSdl);
    const cases: Array<[GraphQLSchema, string]> = [
      [tampered(/\bQueueStats\b/g, 'QueueStatistics'), 'TYPE_REMOVED: QueueStats was removed.'],
      [
        tampered('enum Verdict {', 'type Verdict { x: Int }\nenum Unused {'),
        'TYPE_CHANGED_KIND: Verdict changed from an Enum type to an Object type.',
      ],
      [
        tampered('  testResults: [TestResult!]!', '  testResults: [TestResult]!'),
        'FIELD_CHANGED_KIND: Submission.testResults changed type from [TestResult!]! to [TestResult]!.',
      ],
      [
        tampered('  executionTimeMs: Int\n', '  executionTimeMillis: Int\n'),
        'FIELD_REMOVED: Submission.executionTimeMs was removed.',
      ],
      [
        tampered('submission(id: ID!)', 'submission(id: String!)'),
        'ARG_CHANGED_KIND: Query.submission arg id has changed type from ID! to String!.',
      ],
      [tampered('submissions(first: Int,', 'submissions(count: Int,'), 'ARG_REMOVED: Query.submissions arg first was removed.'],
      [
        tampered('queueStats: QueueStats!', 'queueStats(region: String!): QueueStats!'),
        'REQUIRED_ARG_ADDED: A required arg region on Query.queueStats was added.',
      ],
      [
        tampered('  TIME_LIMIT_EXCEEDED\n', ''),
        'VALUE_REMOVED_FROM_ENUM: TIME_LIMIT_EXCEEDED was removed from enum type Verdict.',
      ],
      [
        tampered('  stdin: String\n  "Extra files', '  stdin: String!\n  "Extra files'),
        'FIELD_CHANGED_KIND: SubmitInput.stdin changed type from String to String!.',
      ],
      [
        tampered('  idempotencyKey: String\n', '  idempotencyKey: String\n  priority: Int!\n'),
        'REQUIRED_INPUT_FIELD_ADDED: A required field priority on input type SubmitInput was added.',
      ],
      [
        tampered('input FileInput {\n  path: String!', 'input FileInput {\n  name: String!'),
        'FIELD_REMOVED: FileInput.path was removed.',
      ],
    ];
    for (const [schema, problem] of cases) expect(contractDifferences(contract, schema)).toContain(problem);
    // The contract sets no defaults today; one that did must keep it.
    const withDefault = buildSchema(contractSdl.replace('submissions(first: Int,', 'submissions(first: Int = 20,'));
    expect(contractDifferences(withDefault, tampered('submissions(first: Int,', 'submissions(first: Int = 50,'))).toEqual([
      'ARG_DEFAULT_VALUE_CHANGE: Query.submissions arg first has changed defaultValue from 20 to 50.',
    ]);
  });

  it('allows additions that no client can notice', () => {
    const extended = tampered('queueStats: QueueStats!', 'queueStats: QueueStats!\n  health(verbose: Boolean): String');
    expect(contractDifferences(buildSchema(contractSdl), extended)).toEqual([]);
    // An output that promises more (never null now) breaks no reader.
    const narrowed = tampered('  verdict: Verdict\n  limits: Limits!', '  verdict: Verdict!\n  limits: Limits!');
    expect(contractDifferences(buildSchema(contractSdl), narrowed)).toEqual([]);
  });
});
