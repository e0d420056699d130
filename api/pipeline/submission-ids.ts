import { GraphQLError, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

/**
 * An unexpected failure while serving one submission. It carries the submission id to the
 * log (see mask-errors.ts); clients only ever see "internal server error" (or UNAVAILABLE).
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

type Resolver = GraphQLFieldResolver<unknown, unknown>;
type IdOf = (parent: unknown, args: Record<string, unknown>) => string | undefined;

/**
 * Makes every resolver of `schema` name the submission its unexpected errors concern: the
 * parent's id on Submission fields, the `id` argument elsewhere. Applied once to the schema
 * both transports execute, so no resolver and no transport can miss it. Errors meant for
 * clients (GraphQLError) pass through untouched; fields without a resolver of their own read
 * a property and cannot fail this way, so they stay as they are.
 */
export function tagSubmissionIds(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const idOf: IdOf =
      type.name === 'Submission' ? (parent) => idProperty(parent) : (_parent, args) => stringOrUndefined(args.id);
    for (const field of Object.values(type.getFields())) {
      // graphql-js reads these properties at execution; replacing them here is the one step that wraps both transports.
      if (field.resolve) field.resolve = guard(field.resolve, idOf, false);
      if (field.subscribe) field.subscribe = guard(field.subscribe, idOf, true);
    }
  }
  return schema;
}

function guard(resolver: Resolver, idOf: IdOf, stream: boolean): Resolver {
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
  if (!isAsyncIterable(value)) return value;
  return (async function* () {
    try {
      yield* value;
    } catch (error) {
      throw tag(error);
    }
  })();
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

function idProperty(parent: unknown): string | undefined {
  return typeof parent === 'object' && parent !== null && 'id' in parent ? stringOrUndefined(parent.id) : undefined;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
