/**
 * The last resort: an exception or a rejected promise that nothing caught is logged, and the
 * console keeps serving. A wall that goes dark at 3 a.m. because one handler forgot a catch is
 * worse than a wall that logs the mistake and goes on showing the other cameras.
 */
import type { Logger } from './lib/logger.js';

interface ProcessEvents {
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

const describe = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));

/** Installs the handlers; returns a function that removes them. */
export function installLastResort(log: Logger, target: ProcessEvents = process): () => void {
  const onException = (error: Error) => log.error('uncaught exception: the console keeps running', { error: describe(error) });
  const onRejection = (reason: unknown) => log.error('unhandled rejection: the console keeps running', { error: describe(reason) });
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('uncaughtException', onException);
    target.off('unhandledRejection', onRejection);
  };
}
