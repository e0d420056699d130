import { GraphQLError, GraphQLScalarType } from 'graphql';
import type { Resolvers } from './generated/resolvers-types';

/**
 * An unexpected failure while serving one submission. It carries the submission id to the
 * log (see format-error.ts); clients only ever see "internal server error".
 */
export class SubmissionFailure extends Error {
  constructor(
    readonly submissionId: string,
    cause: unknown,
  ) {
    super(`internal error serving submission ${submissionId}`, { cause });
    this.name = 'SubmissionFailure';
  }
}

type Resolver = (parent: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => unknown;

/**
 * Wraps every resolver so that an unexpected error names the submission it concerned: the
 * parent's id on Submission fields, the `id` argument elsewhere. Errors meant for clients
 * (GraphQLError) pass through untouched.
 */
export function withSubmissionIds(resolvers: Resolvers): Resolvers {
  const wrapped: Record<string, unknown> = {};
  for (const [typeName, fields] of Object.entries(resolvers)) {
    if (fields instanceof GraphQLScalarType || typeof fields !== 'object' || fields === null) {
      wrapped[typeName] = fields;
      continue;
    }
    const idOf = (parent: unknown, args: Record<string, unknown>): string | undefined => {
      const candidate = typeName === 'Submission' ? (parent as { id?: unknown } | null)?.id : args.id;
      return typeof candidate === 'string' ? candidate : undefined;
    };
    const type: Record<string, unknown> = {};
    for (const [field, resolver] of Object.entries(fields as Record<string, unknown>)) {
      if (typeof resolver === 'function') {
        type[field] = guard(resolver as Resolver, idOf, false);
      } else if (resolver && typeof resolver === 'object' && 'subscribe' in resolver && typeof resolver.subscribe === 'function') {
        type[field] = { ...resolver, subscribe: guard(resolver.subscribe as Resolver, idOf, true) };
      } else {
        type[field] = resolver;
      }
    }
    wrapped[typeName] = type;
  }
  return wrapped as Resolvers;
}

function guard(resolver: Resolver, idOf: (parent: unknown, args: Record<string, unknown>) => string | undefined, stream: boolean): Resolver {
  return (parent, args, context, info) => {
    const tag = (error: unknown): unknown => {
      const id = idOf(parent, args);
      return error instanceof GraphQLError || id === undefined ? error : new SubmissionFailure(id, error);
    };
    try {
      const result = resolver(parent, args, context, info);
      if (result instanceof Promise) {
        return result.then(
          (value: unknown) => (stream ? guardStream(value, tag) : value),
          (error: unknown) => {
            throw tag(error);
          },
        );
      }
      return stream ? guardStream(result, tag) : result;
    } catch (error) {
      throw tag(error);
    }
  };
}

function guardStream(value: unknown, tag: (error: unknown) => unknown): unknown {
  if (!value || typeof value !== 'object' || !(Symbol.asyncIterator in value)) return value;
  const source = value as AsyncIterable<unknown>;
  return (async function* () {
    try {
      yield* source;
    } catch (error) {
      throw tag(error);
    }
  })();
}
