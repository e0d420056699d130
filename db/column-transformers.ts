import type { ValueTransformer } from 'typeorm';
import type { z } from 'zod';

/**
 * Times are epoch milliseconds in a bigint column: one portable type for SQLite and
 * PostgreSQL that sorts correctly (PostgreSQL returns bigint as a string).
 */
export const epochMs: ValueTransformer = {
  to: (value: Date | null | undefined) => (value == null ? value : value.getTime()),
  from: (value: string | number | null) => (value == null ? null : new Date(Number(value))),
};

/**
 * JSON in a text column, portable across both databases, read back through `schema`;
 * `fallback` stands in for NULL.
 */
export function json<T>(schema: z.ZodType<T>, fallback: T): ValueTransformer {
  return {
    to: (value: T | undefined) => (value === undefined ? undefined : JSON.stringify(value ?? fallback)),
    from: (value: string | null) => (value == null ? fallback : schema.parse(JSON.parse(value))),
  };
}

/** JSON in a nullable text column, read back through `schema`: NULL stays null. */
export function jsonNullable<T>(schema: z.ZodType<T>): ValueTransformer {
  return {
    to: (value: T | null | undefined) => (value === undefined ? undefined : value === null ? null : JSON.stringify(value)),
    from: (value: string | null) => (value == null ? null : schema.parse(JSON.parse(value))),
  };
}

/** JSON in a NOT NULL text column, read back through `schema`. */
export function jsonRequired<T>(schema: z.ZodType<T>): ValueTransformer {
  return {
    to: (value: T | undefined) => (value === undefined ? undefined : JSON.stringify(value)),
    from: (value: string) => schema.parse(JSON.parse(value)),
  };
}

/** A bigint column read as a number (PostgreSQL returns bigint as a string); for byte counts well below 2^53. */
export const bigintNumber: ValueTransformer = {
  to: (value: number | undefined) => value,
  from: (value: string | number | null) => (value == null ? null : Number(value)),
};
