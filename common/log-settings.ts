import { z } from 'zod';

/** How log lines look: JSON for machines (files, collectors), one readable line per event for a person. */
export type LogFormat = 'json' | 'pretty';

/** pino's levels, quietest last. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The variables logging reads, part of the configuration's schema: the process-wide logger
 * exists before any configuration is loaded, so it reads them itself, through these.
 */
export const logEnvSchema = {
  LOG_LEVEL: z.enum(LOG_LEVELS).optional(),
  SANDFLOW_LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
};

export interface LogSettings {
  level: LogLevel;
  format: LogFormat;
}

/**
 * LOG_LEVEL, else `warn` under NODE_ENV=test and `info` otherwise. SANDFLOW_LOG_FORMAT=json|pretty
 * when set, else pretty exactly when stdout is a terminal, so `scripts/start.sh` greets a person
 * with readable lines and a pipe still gets JSON. A value outside the allowed ones counts as
 * unset here, so the logger can still report it: loadConfig refuses it, naming the variable.
 */
export function logSettings(env: NodeJS.ProcessEnv, stdoutIsTerminal: boolean): LogSettings {
  const level = logEnvSchema.LOG_LEVEL.safeParse(env.LOG_LEVEL);
  const format = logEnvSchema.SANDFLOW_LOG_FORMAT.safeParse(env.SANDFLOW_LOG_FORMAT);
  return {
    level: (level.success ? level.data : undefined) ?? (env.NODE_ENV === 'test' ? 'warn' : 'info'),
    format: (format.success ? format.data : undefined) ?? (stdoutIsTerminal ? 'pretty' : 'json'),
  };
}
