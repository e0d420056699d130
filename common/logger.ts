import pino from 'pino';

export type Logger = pino.Logger;

/**
 * The process-wide structured logger. Library code takes a child of it carrying the
 * submission id (`logger.child({ submissionId })`) rather than logging bare.
 */
export const logger: Logger = pino({
  name: 'sandflow',
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
});
