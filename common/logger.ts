import pino from 'pino';
import pretty from 'pino-pretty';

export type Logger = pino.Logger;

/** How log lines look: JSON for machines (files, collectors), one readable line per event for a person. */
export type LogFormat = 'json' | 'pretty';

/**
 * SANDFLOW_LOG_FORMAT=json|pretty when set; otherwise pretty exactly when stdout is a terminal,
 * so `scripts/start.sh` greets a person with readable lines and a pipe still gets JSON.
 */
export function logFormat(env: NodeJS.ProcessEnv, stdoutIsTerminal: boolean): LogFormat {
  const chosen = env.SANDFLOW_LOG_FORMAT;
  if (chosen === 'json' || chosen === 'pretty') return chosen;
  return stdoutIsTerminal ? 'pretty' : 'json';
}

export interface LoggerOptions {
  level: string;
  format: LogFormat;
  /** Where lines go; stdout when omitted. */
  destination?: NodeJS.WritableStream;
  /** ANSI colours in the pretty format (default: when writing to a terminal without NO_COLOR). */
  colorize?: boolean;
}

/** A pino logger writing `format`; the pretty one is synchronous, so a crash loses no line. */
export function createLogger(options: LoggerOptions): Logger {
  const base = { name: 'sandflow', level: options.level };
  if (options.format === 'json') return options.destination ? pino(base, options.destination) : pino(base);
  const colorize = options.colorize ?? (!options.destination && process.stdout.isTTY === true && !process.env.NO_COLOR);
  const stream = pretty({
    destination: options.destination ?? 1,
    sync: true,
    colorize,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,name',
    // Some libraries log multi-line messages (the workflow bundler's report): still one line per event.
    messageFormat: (log, messageKey) => String(log[messageKey] ?? '').trimEnd().replace(/\s*\n\s*/g, ' ⏎ '),
  });
  return pino(base, stream);
}

/**
 * The process-wide structured logger. Library code takes a child of it carrying the
 * submission id (`logger.child({ submissionId })`) rather than logging bare.
 */
export const logger: Logger = createLogger({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
  format: logFormat(process.env, process.stdout.isTTY === true),
});
