import fs from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isRequiredArgument,
  isRequiredInputField,
  isUnionType,
  OperationTypeNode,
  print,
  astFromValue,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { SCHEMA_PATH } from '../../api/server';

const ROOT = path.resolve(__dirname, '../..');
const CONTRACT_PATH = path.resolve(ROOT, '../shared/contract/schema.graphql');

function kindOf(type: GraphQLNamedType): string {
  return type.constructor.name.replace(/^GraphQL/, '').replace(/Type$/, '');
}

function defaultOf(value: GraphQLArgument | GraphQLInputField): string {
  if (value.defaultValue === undefined) return 'none';
  const ast = astFromValue(value.defaultValue, value.type);
  return ast ? print(ast) : 'none';
}

/**
 * Everything the contract promises that `ours` lacks or spells differently: types and their
 * kinds, root operation types, fields and their exact types (nullability and list wrapping
 * included), arguments with types and defaults, input fields, enum values, union members,
 * interfaces, directives. Additions are allowed only where no existing client can notice:
 * a new argument or input field on a contract type must be optional.
 */
function contractDifferences(contract: GraphQLSchema, ours: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const operation of [OperationTypeNode.QUERY, OperationTypeNode.MUTATION, OperationTypeNode.SUBSCRIPTION]) {
    const expected = contract.getRootType(operation)?.name;
    const actual = ours.getRootType(operation)?.name;
    if (expected !== actual) problems.push(`${operation} root type: contract ${expected ?? 'none'}, schema ${actual ?? 'none'}`);
  }
  for (const directive of contract.getDirectives()) {
    if (!ours.getDirective(directive.name)) problems.push(`directive @${directive.name} is missing`);
  }

  const compareArgs = (where: string, expected: readonly GraphQLArgument[], actual: readonly GraphQLArgument[]) => {
    for (const arg of expected) {
      const mine = actual.find((a) => a.name === arg.name);
      if (!mine) problems.push(`${where}(${arg.name}:) is missing`);
      else if (String(mine.type) !== String(arg.type)) problems.push(`${where}(${arg.name}:) is ${String(mine.type)}, contract says ${String(arg.type)}`);
      else if (defaultOf(mine) !== defaultOf(arg)) problems.push(`${where}(${arg.name}:) defaults to ${defaultOf(mine)}, contract says ${defaultOf(arg)}`);
    }
    for (const arg of actual) {
      if (!expected.some((a) => a.name === arg.name) && isRequiredArgument(arg)) problems.push(`${where}(${arg.name}:) is a new required argument`);
    }
  };

  for (const expected of Object.values(contract.getTypeMap())) {
    if (expected.name.startsWith('__')) continue;
    const actual = ours.getType(expected.name);
    if (!actual) {
      problems.push(`type ${expected.name} is missing`);
      continue;
    }
    if (kindOf(actual) !== kindOf(expected)) {
      problems.push(`type ${expected.name} is a ${kindOf(actual)}, contract says ${kindOf(expected)}`);
      continue;
    }
    if ((isObjectType(expected) || isInterfaceType(expected)) && (isObjectType(actual) || isInterfaceType(actual))) {
      for (const iface of expected.getInterfaces()) {
        if (!actual.getInterfaces().some((i) => i.name === iface.name)) problems.push(`${expected.name} no longer implements ${iface.name}`);
      }
      const fields = actual.getFields();
      for (const field of Object.values(expected.getFields())) {
        const mine = fields[field.name];
        if (!mine) problems.push(`field ${expected.name}.${field.name} is missing`);
        else if (String(mine.type) !== String(field.type)) problems.push(`field ${expected.name}.${field.name} is ${String(mine.type)}, contract says ${String(field.type)}`);
        else compareArgs(`${expected.name}.${field.name}`, field.args, mine.args);
      }
    } else if (isInputObjectType(expected) && isInputObjectType(actual)) {
      const fields = actual.getFields();
      for (const field of Object.values(expected.getFields())) {
        const mine = fields[field.name];
        if (!mine) problems.push(`input field ${expected.name}.${field.name} is missing`);
        else if (String(mine.type) !== String(field.type)) problems.push(`input field ${expected.name}.${field.name} is ${String(mine.type)}, contract says ${String(field.type)}`);
        else if (defaultOf(mine) !== defaultOf(field)) problems.push(`input field ${expected.name}.${field.name} defaults to ${defaultOf(mine)}, contract says ${defaultOf(field)}`);
      }
      for (const field of Object.values(fields)) {
        if (!expected.getFields()[field.name] && isRequiredInputField(field)) problems.push(`input field ${expected.name}.${field.name} is a new required field`);
      }
    } else if (isEnumType(expected) && isEnumType(actual)) {
      for (const value of expected.getValues()) {
        if (!actual.getValue(value.name)) problems.push(`enum value ${expected.name}.${value.name} is missing`);
      }
    } else if (isUnionType(expected) && isUnionType(actual)) {
      for (const member of expected.getTypes()) {
        if (!actual.getTypes().some((t) => t.name === member.name)) problems.push(`union ${expected.name} lost member ${member.name}`);
      }
    }
  }
  return problems;
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
      [tampered(/\bQueueStats\b/g, 'QueueStatistics'), 'type QueueStats is missing'],
      [tampered('enum Verdict {', 'type Verdict { x: Int }\nenum Unused {'), 'type Verdict is a Object, contract says Enum'],
      [tampered('  verdict: Verdict\n  limits: Limits!', '  verdict: Verdict!\n  limits: Limits!'), 'field Submission.verdict is Verdict!, contract says Verdict'],
      [tampered('  testResults: [TestResult!]!', '  testResults: [TestResult]!'), 'field Submission.testResults is [TestResult]!, contract says [TestResult!]!'],
      [tampered('  executionTimeMs: Int\n', '  executionTimeMillis: Int\n'), 'field Submission.executionTimeMs is missing'],
      [tampered('submission(id: ID!)', 'submission(id: String!)'), 'Query.submission(id:) is String!, contract says ID!'],
      [tampered('submissions(first: Int,', 'submissions(count: Int,'), 'Query.submissions(first:) is missing'],
      [tampered('submissions(first: Int,', 'submissions(first: Int = 20,'), 'Query.submissions(first:) defaults to 20, contract says none'],
      [tampered('queueStats: QueueStats!', 'queueStats(region: String!): QueueStats!'), 'Query.queueStats(region:) is a new required argument'],
      [tampered('  TIME_LIMIT_EXCEEDED\n', ''), 'enum value Verdict.TIME_LIMIT_EXCEEDED is missing'],
      [tampered('  stdin: String\n  "Extra files', '  stdin: String!\n  "Extra files'), 'input field SubmitInput.stdin is String!, contract says String'],
      [tampered('  idempotencyKey: String\n', '  idempotencyKey: String\n  priority: Int!\n'), 'input field SubmitInput.priority is a new required field'],
      [tampered('input FileInput {\n  path: String!', 'input FileInput {\n  name: String!'), 'input field FileInput.path is missing'],
    ];
    for (const [schema, problem] of cases) expect(contractDifferences(contract, schema)).toContain(problem);
  });

  it('allows additions that no client can notice', () => {
    const extended = tampered('queueStats: QueueStats!', 'queueStats: QueueStats!\n  health(verbose: Boolean): String');
    expect(contractDifferences(buildSchema(contractSdl), extended)).toEqual([]);
  });
});
