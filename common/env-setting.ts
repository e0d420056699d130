import { z } from 'zod';

/** What the configuration schema records about a value read from one environment variable. */
export interface EnvSetting {
  /** The variable's name, e.g. `PORT`. */
  variable: string;
  /**
   * The default as docs/configuration.md shows it: the value in backquotes, or what a computed
   * one is. Absent: unset is valid and means what the setting's documentation says.
   */
  shownDefault?: string | undefined;
}

/** Every schema that reads a variable, with its variable: how loadConfig finds its input and names its errors. */
const envSettings = new WeakMap<z.core.$ZodType, EnvSetting>();

/** How a default is given to {@link fromEnv}. */
export type EnvDefault =
  /** The value as it would be set in the environment; parsed by the setting's own schema, so it is checked like any other. */
  | string
  | {
      /** Computed when the variable is unset (e.g. from the machine), then parsed like a set value. */
      compute: () => string;
      /** What docs/configuration.md says it is. */
      shown: string;
    };

/**
 * A setting read from environment variable `variable`, parsed by `schema`; unset takes `fallback`
 * when given (else `schema` must accept undefined). The one place a variable is declared.
 */
export function fromEnv<T extends z.ZodType>(variable: string, schema: T): T;
export function fromEnv<T extends z.ZodType>(variable: string, schema: T, fallback: EnvDefault): z.ZodPreprocess<T>;
export function fromEnv<T extends z.ZodType>(variable: string, schema: T, fallback?: EnvDefault): T | z.ZodPreprocess<T> {
  if (fallback === undefined) {
    envSettings.set(schema, { variable });
    return schema;
  }
  const compute = typeof fallback === 'string' ? () => fallback : fallback.compute;
  const withDefault = z.preprocess((value) => value ?? compute(), schema);
  envSettings.set(withDefault, { variable, shownDefault: typeof fallback === 'string' ? `\`${fallback}\`` : fallback.shown });
  return withDefault;
}

/** A schema read from the environment: settings, and nested objects grouping them. */
export type EnvShape = z.core.$ZodShape;

/** One variable of a shape, and where its value lands in the parsed object. */
export interface EnvVariable extends EnvSetting {
  path: string[];
}

/** Every variable a shape reads, depth first in declaration order. */
export function envVariablesOf(shape: EnvShape, path: string[] = []): EnvVariable[] {
  return Object.entries(shape).flatMap(([key, schema]) => {
    const setting = envSettings.get(schema);
    if (setting) return [{ ...setting, path: [...path, key] }];
    if (schema instanceof z.ZodObject) return envVariablesOf(schema.shape, [...path, key]);
    throw new Error(
      `configuration schema: ${[...path, key].join('.')} is neither a setting made by fromEnv nor an object of them`,
    );
  });
}

/** The object a shape parses: each setting's variable from `env`, at the setting's place. */
export function envInputOf(shape: EnvShape, env: NodeJS.ProcessEnv): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(shape).map(([key, schema]): [string, unknown] => {
      const setting = envSettings.get(schema);
      if (setting) return [key, env[setting.variable]];
      if (schema instanceof z.ZodObject) return [key, envInputOf(schema.shape, env)];
      throw new Error(`configuration schema: ${key} is neither a setting made by fromEnv nor an object of them`);
    }),
  );
}
