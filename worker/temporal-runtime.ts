import { Runtime, type LogLevel, type LogMetadata, type Logger as TemporalLogger } from '@temporalio/worker';
import type { Logger } from '../common/logger';

let installed = false;

/**
 * Routes the Temporal SDK's own logs (worker state changes, core messages) into our
 * structured logger at our level. Must run before the first worker or native connection;
 * the SDK allows one install per process, so later calls do nothing.
 */
export function installTemporalRuntime(logger: Logger): void {
  if (installed) return;
  installed = true;
  const sdk = logger.child({ component: 'temporal-sdk' });
  const forward: TemporalLogger = {
    log: (level: LogLevel, message: string, meta?: LogMetadata) => {
      // The host-queue worker has activities only, by design; the SDK warns about it at every start.
      if (message.startsWith('No workflows registered')) level = 'DEBUG';
      const fn = level === 'ERROR' ? sdk.error : level === 'WARN' ? sdk.warn : level === 'INFO' ? sdk.info : sdk.debug;
      fn.call(sdk, meta ?? {}, message);
    },
    trace: (message, meta) => sdk.trace(meta ?? {}, message),
    debug: (message, meta) => sdk.debug(meta ?? {}, message),
    info: (message, meta) => sdk.info(meta ?? {}, message),
    warn: (message, meta) => forward.log('WARN', message, meta),
    error: (message, meta) => sdk.error(meta ?? {}, message),
  };
  // bin/sandflow.ts owns SIGINT/SIGTERM and stops the workers itself, in order; the SDK's
  // own handlers would stop them behind its back and leave that sequence hanging.
  Runtime.install({ logger: forward, shutdownSignals: [] });
}
