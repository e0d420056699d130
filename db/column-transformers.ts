import type { ValueTransformer } from 'typeorm';

/**
 * Times are epoch milliseconds in a bigint column: one portable type for SQLite and
 * PostgreSQL that sorts correctly (PostgreSQL returns bigint as a string).
 */
export const epochMs: ValueTransformer = {
  to: (value: Date | null | undefined) => (value == null ? value : value.getTime()),
  from: (value: string | number | null) => (value == null ? null : new Date(Number(value))),
};

/** JSON in a text column, portable across both databases; `fallback` stands in for NULL. */
export function json<T>(fallback: T): ValueTransformer {
  return {
    to: (value: T | undefined) => (value === undefined ? undefined : JSON.stringify(value ?? fallback)),
    from: (value: string | null) => (value == null ? fallback : (JSON.parse(value) as T)),
  };
}

/** JSON in a nullable text column: NULL stays null. */
export const jsonNullable: ValueTransformer = {
  to: (value: unknown) => (value === undefined ? undefined : value === null ? null : JSON.stringify(value)),
  from: (value: string | null) => (value == null ? null : (JSON.parse(value) as unknown)),
};
