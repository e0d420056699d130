import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { apiError } from '../execution/error-codes';

/** ISO-8601 UTC timestamps, as the contract says. */
export const DateTime = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString();
    throw new GraphQLError('DateTime must be a Date');
  },
  parseValue: (value) => parse(value),
  parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
});

function parse(value: unknown): Date {
  const date = typeof value === 'string' ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) throw apiError('BAD_USER_INPUT', 'DateTime must be an ISO-8601 string');
  return date;
}
