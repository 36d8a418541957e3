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

interface OutputStream {
  on(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
  destroy(): unknown;
}

/**
 * Installs the handlers; returns a function that removes them. stdout and stderr get an error
 * listener too: when their reader goes away (the terminal that started a headless console is
 * closed, a log collector stops), each write fails with EPIPE. Unheard, that error became an
 * uncaught exception, logged to stderr, failing again: a loop that spun a core at 70–90 % and
 * starved the API. A broken stream is closed and left alone; the console goes on without it.
 */
export function installLastResort(log: Logger, target: ProcessEvents = process, streams: readonly OutputStream[] = [process.stdout, process.stderr]): () => void {
  const onStreamError = streams.map((stream) => {
    const listener = () => void stream.destroy();
    stream.on('error', listener);
    return () => stream.off('error', listener);
  });
  const onException = (error: Error) => log.error('uncaught exception: the console keeps running', { error: describe(error) });
  const onRejection = (reason: unknown) => log.error('unhandled rejection: the console keeps running', { error: describe(reason) });
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return () => {
    for (const remove of onStreamError) remove();
    target.off('uncaughtException', onException);
    target.off('unhandledRejection', onRejection);
  };
}
