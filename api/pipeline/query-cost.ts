import {
  getVariableValues,
  Kind,
  type GraphQLError,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { Config } from '../../common/config';
import { servedLanguages } from '../../runtimes/served-languages';
import { apiError } from '../execution/error-codes';

/**
 * What fields cost, in units of one plain field. The weights follow the work and the bytes a
 * field can cause, so that the figure refuses amplification (many aliases of an expensive
 * field, big pages of big fields) before any resolver runs.
 */
export const FIELD_COSTS = {
  /** A value read from what its parent already loaded (a column, a nested JSON object). */
  field: 1,
  /** A text that may hold up to the run's output limit (megabytes): stdout, stderr. */
  largeText: 10,
  /** A field that makes a database round trip of its own (a submission by id, a page, test results). */
  lookup: 100,
  /** queueStats: database counts plus two Temporal RPCs; cached, but still the dearest field. */
  queueStats: 1000,
} as const;

/** `Type.field` → weight, for the fields that cost more than one plain field (before their children). */
const WEIGHTS: ReadonlyMap<string, number> = new Map([
  ['RunResult.stdout', FIELD_COSTS.largeText],
  ['RunResult.stderr', FIELD_COSTS.largeText],
  ['Query.submission', FIELD_COSTS.lookup],
  ['Query.submissions', FIELD_COSTS.lookup],
  ['Query.languages', FIELD_COSTS.lookup],
  ['Query.queueStats', FIELD_COSTS.queueStats],
  ['Submission.testResults', FIELD_COSTS.lookup],
  ['Mutation.submit', FIELD_COSTS.lookup],
  ['Mutation.cancelSubmission', FIELD_COSTS.lookup],
  ['Mutation.retrySubmission', FIELD_COSTS.lookup],
  ['Subscription.submissionUpdated', FIELD_COSTS.lookup],
]);

/** Page size of `submissions` when the caller gives no `first` (the resolver's default). */
export const DEFAULT_PAGE = 20;

export interface QueryCostOptions {
  /** Largest cost one operation may have (SANDFLOW_MAX_QUERY_COST). */
  maximum: number;
  /** Longest `testResults` list a submission can have: the deployment's test case maximum. */
  maxTestCases: number;
  /** Longest `languages` list: the languages this deployment serves. */
  languages: number;
}

/**
 * How many items a list field can return, known before execution: the page size asked for,
 * or the deployment's bound. Their children are paid once per item.
 */
function listSize(key: string, args: Record<string, unknown>, options: QueryCostOptions): number {
  if (key === 'Query.submissions') return typeof args.first === 'number' && args.first > 0 ? args.first : DEFAULT_PAGE;
  if (key === 'Submission.testResults') return options.maxTestCases;
  if (key === 'Query.languages') return options.languages;
  return 1;
}

function estimator(options: QueryCostOptions): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    const key = `${type.name}.${field.name}`;
    return (WEIGHTS.get(key) ?? FIELD_COSTS.field) + listSize(key, args, options) * childComplexity;
  };
}

/**
 * The cost of the operation `operationName` of `document` with `variables`: fragments counted
 * at every spread, `@skip`/`@include` honoured, list children multiplied by their size.
 * Undefined when the variables do not fit the operation: execution reports that itself.
 */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | undefined,
  options: QueryCostOptions,
): number | undefined {
  if (getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 1 }).errors) return undefined;
  // Only the chosen operation (and the fragments), so the library never has to match names.
  const single: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [operation, ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)],
  };
  try {
    return getComplexity({ schema, query: single, variables: { ...variables }, estimators: [estimator(options)] });
  } catch {
    // The library gives up on documents with too many nodes to walk: dearer than anything allowed.
    return Number.POSITIVE_INFINITY;
  }
}

/** QUERY_TOO_COSTLY naming the cost and the maximum; undefined when the operation is affordable. */
export function costError(cost: number | undefined, maximum: number): GraphQLError | undefined {
  if (cost === undefined || cost <= maximum) return undefined;
  const shown = Number.isFinite(cost) ? String(cost) : 'too large to count';
  return apiError(
    'QUERY_TOO_COSTLY',
    `query: costs ${shown}, more than the maximum of ${maximum} per operation; ask for fewer aliases, smaller pages (first), fewer testResults or fewer large fields (stdout, stderr, queueStats)`,
    { field: 'query', cost: Number.isFinite(cost) ? cost : null, maximum },
  );
}

/** The cost options a deployment's configuration implies; both transports use the same. */
export function queryCostOptions(config: Pick<Config, 'apiCosts' | 'maxInput' | 'languages'>): QueryCostOptions {
  return {
    maximum: config.apiCosts.maxQueryCost,
    maxTestCases: config.maxInput.testCases,
    languages: servedLanguages(config).length,
  };
}
