/**
 * Structured log lines. Every field passes through `redact`, so a camera URL with credentials
 * that slips into a log call still never reaches the log.
 */
import { redact } from '../domain/cameraUrl.js';

export type Fields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
}

export type LogSink = (line: string) => void;

/**
 * stderr, unless its reader went away (a closed terminal, a stopped log collector): a write to a
 * broken pipe comes back as an error, which must not become a loop of logging the failure to log.
 */
export function stderrSink(line: string): void {
  const stream = process.stderr;
  if (stream.destroyed || !stream.writable) return;
  stream.write(line + '\n');
}

export function createLogger(sink: LogSink = stderrSink, secrets: () => readonly string[] = () => []): Logger {
  const write = (level: string, message: string, fields: Fields = {}) => {
    const parts = Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${key}=${JSON.stringify(value)}`);
    sink(redact(`${new Date().toISOString()} ${level} ${message}${parts.length ? ' ' + parts.join(' ') : ''}`, secrets()));
  };
  return {
    info: (message, fields) => write('INFO', message, fields),
    warn: (message, fields) => write('WARN', message, fields),
    error: (message, fields) => write('ERROR', message, fields),
  };
}

/** A logger that drops everything: for tests that assert on behaviour, not on log lines. */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
