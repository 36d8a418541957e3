/**
 * The headless transport: `/api` WebSocket frames carrying the same calls and push events as
 * Electron IPC, answered by the same dispatch; and `POST /api/call` for calls too large for a
 * frame (a spreadsheet, a preset file), made on behalf of a socket's caller.
 *
 * What one client can cost is bounded: a socket has at most MAX_IN_FLIGHT calls being answered,
 * pushes to a socket that does not read are held (the newest per camera) instead of queued, and a
 * socket that lets answers pile up past ANSWER_BACKLOG_LIMIT is cut off.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebSocket } from 'ws';
import {
  API_CALL_PATH,
  API_CALLER_HEADER,
  API_PATH,
  type ApiCallFrame,
  type ApiServerFrame,
  type PushEvent,
  type Result,
} from '../preload/api.js';
import type { HttpHandler, LoopbackServer, UpgradeRoute } from './engine/serve/loopbackServer.js';
import type { Services } from './services.js';

/** Calls of one socket being answered at once: a 64-tile wall opens 64 streams together, and saves the wall besides. */
export const MAX_IN_FLIGHT = 128;
/** A socket with this much unsent data gets no more pushes until it reads. */
export const PUSH_BACKLOG_LIMIT = 1024 * 1024;
/** A socket with this much unsent data is not reading at all: it is closed. */
export const ANSWER_BACKLOG_LIMIT = 16 * 1024 * 1024;
/** An HTTP call's body: a 5 MB file is about 6.7 MB of base64, plus the JSON around it. */
export const MAX_HTTP_CALL_BYTES = 8 * 1024 * 1024;
const HELD_PUSH_CHECK_MS = 250;

type ApiServices = Pick<Services, 'dispatch' | 'onPush' | 'callerGone'>;

export function parseFrame(data: unknown): ApiCallFrame | null {
  try {
    const frame = JSON.parse(String(data)) as Partial<ApiCallFrame> | null;
    if (!frame || typeof frame.id !== 'number' || !Number.isSafeInteger(frame.id) || typeof frame.channel !== 'string') return null;
    return { id: frame.id, channel: frame.channel, payload: frame.payload };
  } catch {
    return null;
  }
}

const busy: Result<unknown> = { ok: false, code: 'unavailable', message: `too many calls at once (at most ${MAX_IN_FLIGHT})` };

/** The dispatch, never rejecting: a handler that throws is an internal error for its caller. */
async function answer(services: ApiServices, frame: ApiCallFrame, callerId: string): Promise<Result<unknown>> {
  try {
    return await services.dispatch(frame.channel, frame.payload, callerId);
  } catch {
    return { ok: false, code: 'internal', message: 'internal error' };
  }
}

/** The key under which a held push waits: the newest status per camera and profile, one of each other event. */
function pushKey(event: PushEvent, payload: unknown): string {
  if (event !== 'stream.status') return event;
  const status = payload as { cameraId?: string; profile?: string } | null;
  return `${event}:${status?.cameraId}:${status?.profile}`;
}

interface Caller {
  callerId: string;
  inFlight: number;
}

export interface ApiRoutes {
  route: UpgradeRoute;
  http: HttpHandler;
}

export function createApiRoutes(services: ApiServices, server: Pick<LoopbackServer, 'tokenMatches' | 'originAllowed'>): ApiRoutes {
  /** Caller keys of open sockets: an HTTP call acts as that socket's caller, and only while it is open. */
  const callers = new Map<string, Caller>();

  const route: UpgradeRoute = {
    match: (pathname) => (pathname === API_PATH ? {} : null),
    accept(socket: WebSocket) {
      const caller: Caller = { callerId: `ws-${randomBytes(8).toString('hex')}`, inFlight: 0 };
      const key = randomBytes(18).toString('base64url');
      callers.set(key, caller);
      const held = new Map<string, ApiServerFrame>();
      let heldTimer: ReturnType<typeof setInterval> | null = null;

      const send = (frame: ApiServerFrame) => {
        if (socket.readyState !== socket.OPEN) return;
        if (socket.bufferedAmount > ANSWER_BACKLOG_LIMIT) {
          socket.terminate();
          return;
        }
        socket.send(JSON.stringify(frame));
      };
      const flushHeld = () => {
        if (socket.bufferedAmount > PUSH_BACKLOG_LIMIT) return;
        for (const frame of held.values()) send(frame);
        held.clear();
        if (heldTimer) clearInterval(heldTimer);
        heldTimer = null;
      };
      const unsubscribe = services.onPush((event, payload) => {
        if (socket.bufferedAmount <= PUSH_BACKLOG_LIMIT && held.size === 0) {
          send({ event, payload });
          return;
        }
        held.set(pushKey(event, payload), { event, payload });
        heldTimer ??= setInterval(flushHeld, HELD_PUSH_CHECK_MS);
      });
      send({ caller: key });

      socket.on('message', (data, isBinary) => {
        const frame = isBinary ? null : parseFrame(data);
        if (!frame) {
          socket.close(1003, 'malformed frame');
          return;
        }
        if (caller.inFlight >= MAX_IN_FLIGHT) {
          send({ id: frame.id, result: busy });
          return;
        }
        caller.inFlight += 1;
        void answer(services, frame, caller.callerId).then((result) => {
          caller.inFlight -= 1;
          send({ id: frame.id, result });
        });
      });
      socket.once('close', () => {
        callers.delete(key);
        if (heldTimer) clearInterval(heldTimer);
        held.clear();
        unsubscribe();
        services.callerGone(caller.callerId);
      });
    },
  };

  const reply = (response: ServerResponse, status: number, body: unknown) => {
    if (response.headersSent) return;
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  };

  const http: HttpHandler = (request: IncomingMessage, response: ServerResponse, url: URL) => {
    if (url.pathname !== API_CALL_PATH) return false;
    if (request.method !== 'POST') {
      reply(response, 405, { error: 'POST only' });
      return true;
    }
    if (!server.originAllowed(request.headers.origin)) {
      reply(response, 403, { error: 'origin not allowed' });
      return true;
    }
    if (!server.tokenMatches(url.searchParams.get('token'))) {
      reply(response, 401, { error: 'token required' });
      return true;
    }
    const key = request.headers[API_CALLER_HEADER];
    const caller = typeof key === 'string' ? callers.get(key) : undefined;
    if (!caller) {
      reply(response, 403, { error: 'no open API socket for this caller' });
      return true;
    }
    if (Number(request.headers['content-length'] ?? 0) > MAX_HTTP_CALL_BYTES) {
      reply(response, 413, { error: `a call may carry at most ${MAX_HTTP_CALL_BYTES} bytes` });
      request.resume();
      return true;
    }
    const chunks: Buffer[] = [];
    let bytes = 0;
    request.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_HTTP_CALL_BYTES) {
        // Answered at once; the rest of the body is read and dropped so the page gets the answer.
        if (!response.headersSent) reply(response, 413, { error: `a call may carry at most ${MAX_HTTP_CALL_BYTES} bytes` });
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (response.headersSent) return;
      // The socket closed while the body was arriving: its caller is gone, and so is the call.
      if (callers.get(key as string) !== caller) {
        reply(response, 403, { error: 'no open API socket for this caller' });
        return;
      }
      const frame = parseFrame(Buffer.concat(chunks).toString('utf8'));
      if (!frame) {
        reply(response, 400, { error: 'malformed call' });
        return;
      }
      if (caller.inFlight >= MAX_IN_FLIGHT) {
        reply(response, 200, { id: frame.id, result: busy });
        return;
      }
      caller.inFlight += 1;
      void answer(services, frame, caller.callerId).then((result) => {
        caller.inFlight -= 1;
        reply(response, 200, { id: frame.id, result });
      });
    });
    return true;
  };

  return { route, http };
}
