/**
 * Answers one HTTP request with a recorded range as fMP4 (or a JSON refusal), streaming fragment
 * by fragment and waiting for the client to read: a slow or vanished client holds one fragment at
 * most, and a client that goes away stops the reading at once.
 */
import type { ServerResponse } from 'node:http';
import type { PlaybackGetCode } from '../../preload/api.js';
import type { FootageSpan } from '../recording/segmentIndex.js';
import { openRecordedStream } from './recordedStream.js';
import { asH264 } from './h264Conversion.js';
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
 * With `convert=h264` and an `ffmpegPath`, footage in another codec goes out converted
 * (h264Conversion.ts), with the same times; without ffmpeg it goes out as recorded.
 */
export async function serveRange(
  response: ServerResponse,
  segments: readonly FootageSpan[],
  query: GetQuery,
  extraHeaders: Record<string, string> = {},
  readFailed?: (path: string) => void,
  ffmpegPath: string | null = null,
): Promise<{ from: number; to: number } | null> {
  const stream = await openRecordedStream(segments, query, readFailed);
  if (!stream.ok) {
    const next = stream.nextMs;
    refuse(response, 404, 'nothing_recorded', { ...extraHeaders, ...(next !== null ? { 'x-next-ms': String(next) } : {}) });
    return null;
  }
  const closed = new AbortController();
  response.once('close', () => closed.abort());
  const answer = { startMs: stream.startMs };
  const chunks = query.convert === 'h264' && ffmpegPath ? asH264(stream.chunks, ffmpegPath, { keyframesOnly: query.keyframesOnly, timescale: stream.timescale }, closed.signal, answer) : stream.chunks;
  // Headers with the first bytes: a conversion that fails before any is answered 500, not an empty
  // video, and a converted answer's start is known by then.
  const headers = () => ({ 'content-type': 'video/mp4', 'cache-control': 'no-store', 'x-start-ms': String(Math.round(answer.startMs)), ...extraHeaders });
  try {
    for await (const chunk of chunks) {
      if (response.destroyed) break;
      if (!response.headersSent) response.writeHead(200, headers());
      if (!response.write(chunk) && !(await drained(response))) break;
    }
  } finally {
    await chunks.return();
    await stream.chunks.return();
  }
  if (!response.headersSent) response.writeHead(200, headers());
  response.end();
  return { from: stream.startMs, to: stream.endMs() };
}
