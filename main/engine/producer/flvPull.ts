/**
 * One connection to a media server's HTTP(S)-FLV or WS(S)-FLV stream, as a plain byte stream with
 * one named end: what the pull producer and "Test connection" both stand on. The token is in the
 * URL already (where the site's template put it); a relay login goes as HTTP Basic.
 */
import http from 'node:http';
import https from 'node:https';
import WebSocket from 'ws';
import type { Credentials } from '../../domain/cameraUrl.js';
import type { ProducerFailure } from './producer.js';

export interface PullEnd {
  failure: ProducerFailure | null;
  detail: string;
}

export interface PullHandlers {
  onData(chunk: Buffer): void;
  /** Called exactly once, also after `close()`. */
  onEnd(end: PullEnd): void;
}

export interface PullConnection {
  close(): void;
}

export interface PullOptions {
  /** Connecting and waiting for the answer; after that the session's own timers watch the flow. */
  connectTimeoutMs?: number;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE']);
const MAX_REDIRECTS = 3;
const PULL_SCHEMES = ['http:', 'https:', 'ws:', 'wss:'];

/** Names a failed pull: by the server's HTTP status, or by the socket's error code. Pure. */
export function pullFailure(cause: { status: number } | { errorCode: string | undefined }): ProducerFailure | null {
  if ('status' in cause) {
    if (cause.status === 401 || cause.status === 403) return 'unauthorized';
    if (cause.status >= 400 && cause.status < 500) return 'not_found';
    return null; // 5xx: the relay is there but in trouble; retry as a plain disconnect
  }
  if (cause.errorCode === 'ERR_INVALID_URL') return 'bad_url';
  if (cause.errorCode && (UNREACHABLE.has(cause.errorCode) || /^(CERT_|ERR_TLS_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_)/.test(cause.errorCode))) return 'unreachable';
  return null;
}

export function openFlvPull(url: string, credentials: Credentials, handlers: PullHandlers, options: PullOptions = {}): PullConnection {
  let ended = false;
  let closing = false;
  const finish = (result: PullEnd) => {
    if (ended) return;
    ended = true;
    handlers.onEnd(result);
  };
  // Once the console closes the pull, the socket errors that follow are its own doing, not the relay's.
  const end = (result: PullEnd) => {
    if (!closing) finish(result);
  };
  const onData = (chunk: Buffer) => {
    if (!closing && !ended) handlers.onData(chunk);
  };
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (!parsed || !PULL_SCHEMES.includes(parsed.protocol)) {
    setImmediate(() => finish({ failure: 'bad_url', detail: 'the relay URL is not http(s):// or ws(s)://' }));
    return { close: () => {} };
  }
  const headers: Record<string, string> = { 'User-Agent': 'village-wall', ...basicAuth(credentials) };
  const timeoutMs = options.connectTimeoutMs ?? 5000;
  const webSocket = parsed.protocol === 'ws:' || parsed.protocol === 'wss:';
  const connection = webSocket ? pullWebSocket(parsed, headers, timeoutMs, onData, end) : pullHttp(parsed, headers, timeoutMs, onData, end, MAX_REDIRECTS);
  return {
    close() {
      if (closing || ended) return;
      closing = true;
      connection.close();
      setImmediate(() => finish({ failure: null, detail: `closed by the console: ${parsed.href}` }));
    },
  };
}

function pullHttp(url: URL, headers: Record<string, string>, timeoutMs: number, onData: (c: Buffer) => void, end: (e: PullEnd) => void, redirects: number): PullConnection {
  let redirected: PullConnection | null = null;
  const get = url.protocol === 'https:' ? https.get : http.get;
  // agent: false — a live pull is one long response; a pooled keep-alive socket would outlive it.
  const request = get(url, { headers, timeout: timeoutMs, agent: false }, (response) => {
    // Destroying the request mid-body makes the response emit an error: it must always have a listener.
    response.on('error', (error: NodeJS.ErrnoException) => end({ failure: null, detail: `${error.code ?? error.message}: ${url.href}` }));
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 300 && status < 400 && location && redirects > 0) {
      // SRS edges answer with a redirect to the origin that holds the stream.
      redirected = pullHttp(new URL(location, url), headers, timeoutMs, onData, end, redirects - 1);
      response.removeAllListeners('error').on('error', () => {}); // this answer is done with
      request.destroy();
      return;
    }
    if (status !== 200) {
      end({ failure: pullFailure({ status }), detail: `HTTP ${status} ${response.statusMessage ?? ''} from ${url.href}` });
      request.destroy();
      return;
    }
    request.setTimeout(0); // from here the session's start timeout and stall watchdog judge the flow
    response.on('data', onData);
    response.once('end', () => {
      request.destroy();
      end({ failure: null, detail: `the relay ended the stream: ${url.href}` });
    });
  });
  request.once('timeout', () => request.destroy(Object.assign(new Error('no answer in time'), { code: 'ETIMEDOUT' })));
  request.on('error', (error: NodeJS.ErrnoException) => end({ failure: pullFailure({ errorCode: error.code }), detail: `${error.code ?? error.message}: ${url.href}` }));
  return {
    close: () => {
      request.destroy();
      redirected?.close();
    },
  };
}

function pullWebSocket(url: URL, headers: Record<string, string>, timeoutMs: number, onData: (c: Buffer) => void, end: (e: PullEnd) => void): PullConnection {
  const socket = new WebSocket(url, { headers, handshakeTimeout: timeoutMs, perMessageDeflate: false, followRedirects: true, maxRedirects: MAX_REDIRECTS });
  socket.on('unexpected-response', (request, response) => {
    const status = response.statusCode ?? 0;
    end({ failure: pullFailure({ status }), detail: `HTTP ${status} ${response.statusMessage ?? ''} from ${url.href}` });
    response.resume();
    request.destroy();
  });
  socket.on('message', (data, isBinary) => {
    // binaryType is 'nodebuffer': a binary message is one Buffer. Text frames are not FLV.
    if (isBinary && Buffer.isBuffer(data)) onData(data);
  });
  // `on`, not `once`: a refused upgrade or a terminate() while connecting can report a second error.
  socket.on('error', (error: NodeJS.ErrnoException) => {
    const code = error.code ?? (/timed out/i.test(error.message) ? 'ETIMEDOUT' : undefined);
    end({ failure: pullFailure({ errorCode: code }), detail: `${code ?? error.message}: ${url.href}` });
  });
  socket.once('close', (code) => end({ failure: null, detail: `the relay closed the WebSocket (${code}): ${url.href}` }));
  return { close: () => socket.terminate() };
}

function basicAuth({ username, password }: Credentials): Record<string, string> {
  if (!username && !password) return {};
  return { Authorization: `Basic ${Buffer.from(`${username ?? ''}:${password ?? ''}`).toString('base64')}` };
}
