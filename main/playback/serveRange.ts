/**
 * Answers one HTTP request with a recorded range as fMP4 (or a JSON refusal), streaming segment
 * by segment and waiting for the client to read: a slow or vanished client holds one segment at
 * most, and a client that goes away stops the reading at once.
 */
import type { ServerResponse } from 'node:http';
import type { PlaybackGetCode } from '../../preload/api.js';
import type { FootageSpan } from '../recording/segmentIndex.js';
import { openRecordedStream } from './recordedStream.js';
import type { GetQuery } from './getQuery.js';

export function refuse(response: ServerResponse, status: number, code: PlaybackGetCode, headers: Record<string, string> = {}): void {
  if (response.headersSent) return void response.destroy();
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers }).end(JSON.stringify({ code }));
}

/** Resolves once the client can take more, or is gone (then false). */
export function drained(response: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ok: boolean) => () => {
      response.off('drain', onDrain);
      response.off('close', onClose);
      resolve(ok);
    };
    const onDrain = done(true);
    const onClose = done(false);
    response.once('drain', onDrain);
    response.once('close', onClose);
  });
}

/**
 * Serves `query` from `segments` (a stream's footage, oldest first); returns the span served
 * (epoch ms), or null when nothing was (then X-Next-Ms says where footage resumes, if it does).
 */
export async function serveRange(
  response: ServerResponse,
  segments: readonly FootageSpan[],
  query: GetQuery,
  extraHeaders: Record<string, string> = {},
  readFailed?: (path: string) => void,
): Promise<{ from: number; to: number } | null> {
  const stream = await openRecordedStream(segments, query, undefined, readFailed);
  if (!stream.ok) {
    const next = stream.nextMs;
    refuse(response, 404, 'nothing_recorded', { ...extraHeaders, ...(next !== null ? { 'x-next-ms': String(next) } : {}) });
    return null;
  }
  response.writeHead(200, { 'content-type': 'video/mp4', 'cache-control': 'no-store', 'x-start-ms': String(stream.startMs), ...extraHeaders });
  try {
    for await (const chunk of stream.chunks) {
      if (response.destroyed) break;
      if (!response.write(chunk) && !(await drained(response))) break;
    }
  } finally {
    await stream.chunks.return();
  }
  response.end();
  return { from: stream.startMs, to: stream.endMs() };
}
