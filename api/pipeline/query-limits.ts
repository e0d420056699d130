import {
  Kind,
  type ASTNode,
  type GraphQLError,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { apiError } from '../execution/error-codes';

export interface QueryLimits {
  /** Deepest allowed nesting of fields; `{ a { b } }` is 2. */
  maxDepth: number;
  /** Most field selections allowed in one operation, fragments counted wherever they are spread. */
  maxFields: number;
}

interface Cost {
  depth: number;
  fields: number;
}

/**
 * Bounds how much work one operation can ask for: its depth and its number of field
 * selections. Fragments are expanded (memoized, so a fragment spread a thousand times is
 * measured once and counted a thousand times), which defeats the "billion laughs" shape
 * that a plain AST walk would miss.
 *
 * Introspection (`__schema`, `__type`, `__typename`) adds no depth: the standard
 * introspection query is 12 deep through its `ofType` chain. It still counts as fields, and
 * Apollo turns introspection off in production, where nothing but tools need it.
 */
export function queryLimitsRule(limits: QueryLimits): (context: ValidationContext) => ASTVisitor {
  return (context) => {
    const fragments = new Map<string, Cost>();
    const measuring = new Set<string>();

    const fragmentCost = (fragment: FragmentDefinitionNode): Cost => {
      const name = fragment.name.value;
      const known = fragments.get(name);
      if (known) return known;
      // A cycle is NoFragmentCyclesRule's to report; here it just must not recurse forever.
      if (measuring.has(name)) return { depth: 0, fields: 0 };
      measuring.add(name);
      const cost = selectionCost(fragment.selectionSet);
      measuring.delete(name);
      fragments.set(name, cost);
      return cost;
    };

    const selectionCost = (selectionSet: SelectionSetNode): Cost => {
      let depth = 0;
      let fields = 0;
      for (const selection of selectionSet.selections) {
        let inner: Cost;
        if (selection.kind === Kind.FIELD) {
          const below = selection.selectionSet ? selectionCost(selection.selectionSet) : { depth: 0, fields: 0 };
          const introspection = selection.name.value.startsWith('__');
          inner = { depth: introspection ? 0 : below.depth + 1, fields: below.fields + 1 };
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          inner = selectionCost(selection.selectionSet);
        } else {
          const fragment = context.getFragment(selection.name.value);
          inner = fragment ? fragmentCost(fragment) : { depth: 0, fields: 0 };
        }
        depth = Math.max(depth, inner.depth);
        fields += inner.fields;
        // Beyond the limit the exact figure no longer matters; stopping keeps huge inputs cheap.
        if (fields > limits.maxFields) break;
      }
      return { depth, fields };
    };

    return {
      OperationDefinition(operation) {
        const cost = selectionCost(operation.selectionSet);
        if (cost.depth > limits.maxDepth) {
          context.reportError(
            limitError(
              'depth',
              limits.maxDepth,
              `query: fields may be nested at most ${limits.maxDepth} deep (this operation nests ${cost.depth})`,
              operation,
            ),
          );
        }
        if (cost.fields > limits.maxFields) {
          context.reportError(
            limitError(
              'fields',
              limits.maxFields,
              `query: at most ${limits.maxFields} field selections are allowed per operation, fragments counted at each spread (this operation has ${cost.fields} or more)`,
              operation,
            ),
          );
        }
        return false;
      },
    };
  };
}

function limitError(limit: 'depth' | 'fields', maximum: number, message: string, node: ASTNode): GraphQLError {
  return apiError('BAD_USER_INPUT', message, { field: 'query', limit, maximum }, { nodes: node });
}

/**
 * Tokens allowed in one query document: a bound on parsing work, checked by the parser before
 * any rule runs. Far above what maxFields admits, so only abuse meets it; sources and inputs
 * travel as variables, which are JSON and not tokens.
 */
export const MAX_QUERY_TOKENS = 20_000;

/**
 * graphql-js reports the token limit as a syntax error; this rewrites it as the limit it is.
 * Returns undefined for any other message.
 */
export function tokenLimitMessage(message: string): string | undefined {
  // graphql-js 16 spells it "more that"; accept the corrected spelling too.
  const match = /contains more th(?:at|an) (\d+) tokens/.exec(message);
  return match ? `query: at most ${match[1]} tokens are allowed per document` : undefined;
}
