import pino from 'pino';
import pretty from 'pino-pretty';
import { logSettings, type LogFormat, type LogLevel } from './log-settings';

export type Logger = pino.Logger;

export interface LoggerOptions {
  level: LogLevel;
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
    messageFormat: (log, messageKey) =>
      String(log[messageKey] ?? '')
        .trimEnd()
        .replace(/\s*\n\s*/g, ' ⏎ '),
  });
  return pino(base, stream);
}

/**
 * The process-wide structured logger. Library code takes a child of it carrying the
 * submission id (`logger.child({ submissionId })`) rather than logging bare.
 */
export const logger: Logger = createLogger(logSettings(process.env, process.stdout.isTTY === true));
