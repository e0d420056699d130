import {
  getOperationAST,
  getVariableValues,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { OperationLimits } from '../pipeline/operation-limits';
import { apiError, withCode } from './error-codes';

/**
 * One GraphQL request as a transport received it. `source` is a query still to parse and
 * validate (graphql-ws); `document` one the transport parsed and validated already with the
 * same parse options and rules (Apollo, configured from {@link OperationLimits}).
 */
export type OperationRequest = ({ source: string; document?: undefined } | { document: DocumentNode; source?: undefined }) & {
  operationName?: string | null | undefined;
  /** The variables as sent, not yet coerced. */
  variables?: Readonly<Record<string, unknown>> | null | undefined;
};

/** What `execute`/`subscribe` run, with the operation they will pick; or why nothing runs. */
export type PreparedOperation<Context> =
  | { args: ExecutionArgs & { contextValue: Context }; operation: OperationDefinitionNode; errors?: undefined }
  | { errors: readonly GraphQLError[]; args?: undefined; operation?: undefined };

/** The parts of the executor preparing an operation needs. */
export interface PreparationStages {
  schema: GraphQLSchema;
  limits: OperationLimits;
}

/**
 * Every check an operation passes before a resolver runs, in order, for both transports:
 * parse, validate (graphql-js's rules and the limits'), pick the operation, check the
 * variables, then the limits that need them (the cost). The first stage that fails refuses
 * the operation with all its errors, each with a code of the catalogue (error-codes.ts).
 */
export function prepareOperation<Context>(
  stages: PreparationStages,
  request: OperationRequest,
  context: Context,
): PreparedOperation<Context> {
  const { schema, limits } = stages;
  let document: DocumentNode;
  if (request.document) {
    document = request.document;
  } else {
    try {
      document = parse(request.source, limits.parseOptions);
    } catch (error) {
      return { errors: [withCode(error, 'GRAPHQL_PARSE_FAILED')] };
    }
    const invalid = validate(schema, document, [...specifiedRules, ...limits.validationRules]);
    if (invalid.length > 0) return { errors: invalid.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED')) };
  }
  const operationName = request.operationName ?? undefined;
  const operation = getOperationAST(document, operationName);
  if (!operation) {
    // Validation has made sure there is at least one operation: several, and none of this name.
    const message = operationName
      ? `Unknown operation named "${operationName}".`
      : 'Must provide operation name if query contains multiple operations.';
    return { errors: [apiError('OPERATION_RESOLUTION_FAILURE', message)] };
  }
  const variables = request.variables ?? undefined;
  // graphql-js's own bound on coercion errors during execution, so a refusal lists as many.
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 50 });
  if (coerced.errors) return { errors: coerced.errors.map((error) => withCode(error, 'BAD_USER_INPUT')) };
  const refused = limits.check({ schema, document, operation, variables });
  if (refused) return { errors: [refused] };
  // The raw values: execution coerces them itself, and coercing twice breaks custom scalars.
  return { args: { schema, document, operationName, variableValues: variables, contextValue: context }, operation };
}
