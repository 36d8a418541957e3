/**
 * A playback session's /get answered from another recorder: the remote's fMP4 is passed to the
 * page as it arrives, under our own session and ticket, so the page never learns the remote's
 * address or token. The reader's pace sets the remote's (backpressure both ways); a page that goes
 * away aborts the remote request. The remote's failures become our codes, with the detail beside.
 */
import type { ServerResponse } from 'node:http';
import type { GetQuery } from './getQuery.js';
import { getRemote, listRemote, saidCode, statusFailure, type RemoteFailure, type RemoteRecorder } from './remoteRecorder.js';
import { drained, refuse } from './serveRange.js';

function fail(response: ServerResponse, failure: RemoteFailure, headers: Record<string, string>): void {
  if (response.headersSent) return void response.destroy();
  response
    .writeHead(failure.problem === 'remote_timeout' ? 504 : 502, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers })
    .end(JSON.stringify({ code: failure.problem, detail: failure.detail }));
}

/** Where the remote's footage resumes after `at`, from its /list (our console says it in X-Next-Ms; MediaMTX does not). */
async function nextOnRemote(remote: RemoteRecorder, at: number): Promise<number | null> {
  const listed = await listRemote(remote);
  return listed.ok ? (listed.spans.find((span) => span.from > at)?.from ?? null) : null;
}

export async function proxyRemote(response: ServerResponse, remote: RemoteRecorder, query: GetQuery, headers: Record<string, string>): Promise<{ from: number; to: number } | null> {
  const readerGone = new AbortController();
  response.once('close', () => readerGone.abort());
  const answer = await getRemote(remote, query, readerGone.signal);
  if (!answer.ok) return fail(response, answer, headers), null;
  const remoteResponse = answer.response;
  if (remoteResponse.status === 404) {
    await remoteResponse.body?.cancel().catch(() => undefined);
    const said = Number(remoteResponse.headers.get('x-next-ms'));
    const next = remoteResponse.headers.has('x-next-ms') && Number.isFinite(said) ? said : await nextOnRemote(remote, query.start);
    refuse(response, 404, 'nothing_recorded', { ...headers, ...(next !== null ? { 'x-next-ms': String(next) } : {}) });
    return null;
  }
  if (!remoteResponse.ok || !remoteResponse.body) return fail(response, statusFailure(remoteResponse.status, await saidCode(remoteResponse)), headers), null;
  // Our recorder says where its answer starts; MediaMTX starts its answer at the time asked.
  const said = Number(remoteResponse.headers.get('x-start-ms'));
  const startMs = remoteResponse.headers.has('x-start-ms') && Number.isFinite(said) ? said : query.start;
  response.writeHead(200, { 'content-type': 'video/mp4', 'cache-control': 'no-store', 'x-start-ms': String(startMs), ...headers });
  const reader = remoteResponse.body.getReader();
  let complete = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        complete = true;
        break;
      }
      if (response.destroyed) break;
      if (!response.write(value) && !(await drained(response))) break;
    }
  } catch {
    // The remote went away half way: the page has what came, and asks again from there.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  if (complete) response.end();
  else response.destroy();
  return { from: startMs, to: query.end };
}
