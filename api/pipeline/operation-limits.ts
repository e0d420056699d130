import {
  NoSchemaIntrospectionCustomRule,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ParseOptions,
  type ValidationRule,
} from 'graphql';
import type { Config } from '../../common/config';
import { costError, queryCost, queryCostOptions } from './query-cost';
import { MAX_QUERY_TOKENS, queryLimitsRule } from './query-limits';

/** An operation both transports have parsed, validated and picked, about to execute. */
export interface ResolvedOperation {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** The raw variables as sent. */
  variables: Readonly<Record<string, unknown>> | undefined;
}

/** The limits of one deployment on what one operation may ask for, at each point a transport can check them. */
export interface OperationLimits {
  /** Parser bound (tokens per document). */
  parseOptions: ParseOptions;
  /** Rules beyond graphql-js's own: depth and fields, introspection off in production. */
  validationRules: readonly ValidationRule[];
  /** Checks that need the variables (the cost); the first refusal, or undefined. */
  check(operation: ResolvedOperation): GraphQLError | undefined;
}

/** Every operation limit of `config` (SANDFLOW_MAX_QUERY_*), the one definition both transports apply. */
export function operationLimits(
  config: Pick<Config, 'maxQuery' | 'production' | 'apiCosts' | 'maxInput' | 'languages'>,
): OperationLimits {
  const costOptions = queryCostOptions(config);
  return {
    parseOptions: { maxLexicalTokens: MAX_QUERY_TOKENS },
    validationRules: [
      queryLimitsRule({ maxDepth: config.maxQuery.depth, maxFields: config.maxQuery.fields }),
      // Introspection is for developers: off with the stack traces in production.
      ...(config.production ? [NoSchemaIntrospectionCustomRule] : []),
    ],
    check: ({ schema, document, operation, variables }) =>
      costError(queryCost(schema, document, operation, variables, costOptions), costOptions.maximum),
  };
}
