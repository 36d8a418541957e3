import {
  API_CALL_PATH,
  API_CALLER_HEADER,
  API_FRAME_LIMIT,
  API_PATH,
  type ApiCallFrame,
  type ApiServerFrame,
  type Channel,
  type PushEvent,
  type Request,
  type Response,
  type Result,
  type WallApi,
} from '../../preload/api';
import { JITTER_TWENTY_PERCENT, backoffDelay, type BackoffPolicy } from '../../preload/backoff';
import { Observable } from '../lib/observable';
import type { Link, LinkStatus } from './link';
import { unavailable } from './unavailable';

const CALL_TIMEOUT_MS = 15_000;
const RECONNECT: BackoffPolicy = { baseMs: 500, capMs: 10_000, jitter: JITTER_TWENTY_PERCENT };

export function apiSocketUrl(location: Pick<Location, 'protocol' | 'host'>, token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${API_PATH}?token=${encodeURIComponent(token)}`;
}

/** Where a call too large for a frame goes: the same host and token, over HTTP. */
export function apiCallUrl(socketUrl: string): string {
  const url = new URL(socketUrl);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  url.pathname = API_CALL_PATH;
  return url.toString();
}

interface PendingCall {
  id: number;
  frame: string;
  sent: boolean;
  timer: ReturnType<typeof setTimeout>;
  resolve: (result: Result<unknown>) => void;
}

/** The headless transport: one WebSocket to the host, `ApiCallFrame` out, `ApiServerFrame` in. */
export function createWebSocketTransport(url: string): { api: WallApi; link: Link } {
  const link = new Observable<LinkStatus>({ state: 'connecting', failures: 0, everOpened: false });
  const pending = new Map<number, PendingCall>();
  const listeners = new Map<PushEvent, Set<(payload: unknown) => void>>();
  let socket: WebSocket | null = null;
  /** This socket's caller key, for calls sent over HTTP; the host sends it when the socket opens. */
  let callerKey: string | null = null;
  let nextId = 1;

  function connect(): void {
    link.update((s) => ({ ...s, state: 'connecting' }));
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      link.set({ state: 'open', failures: 0, everOpened: true });
      for (const call of pending.values()) send(call);
    };
    ws.onmessage = (message) => receive(message.data);
    ws.onclose = () => {
      socket = null;
      callerKey = null;
      for (const [id, call] of pending) settle(id, call, unavailable('connection to the host was lost'));
      const failures = link.get().failures + 1;
      link.set({ ...link.get(), state: 'closed', failures });
      setTimeout(connect, backoffDelay(failures, RECONNECT, Math.random()));
    };
  }

  function send(call: PendingCall): void {
    if (call.sent || socket?.readyState !== WebSocket.OPEN) return;
    // A spreadsheet or a preset file is larger than a frame may be: it goes over HTTP.
    if (call.frame.length > API_FRAME_LIMIT) {
      if (callerKey) post(call, callerKey);
      return;
    }
    socket.send(call.frame);
    call.sent = true;
  }

  function post(call: PendingCall, key: string): void {
    call.sent = true;
    fetch(apiCallUrl(url), { method: 'POST', headers: { 'content-type': 'application/json', [API_CALLER_HEADER]: key }, body: call.frame })
      .then(async (response) => {
        const frame = (await response.json()) as { result?: Result<unknown>; error?: string };
        settle(call.id, call, frame.result ?? unavailable(`the host refused the call: ${frame.error ?? response.status}`));
      })
      .catch((error: unknown) => settle(call.id, call, unavailable(`the call could not be sent: ${String(error)}`)));
  }

  function settle(id: number, call: PendingCall, result: Result<unknown>): void {
    clearTimeout(call.timer);
    pending.delete(id);
    call.resolve(result);
  }

  function receive(data: unknown): void {
    let frame: ApiServerFrame;
    try {
      frame = JSON.parse(String(data)) as ApiServerFrame;
    } catch {
      console.warn('ignored a frame that is not JSON');
      return;
    }
    if ('caller' in frame) {
      callerKey = frame.caller;
      for (const call of pending.values()) send(call);
      return;
    }
    if ('id' in frame) {
      const call = pending.get(frame.id);
      if (call) settle(frame.id, call, frame.result);
      return;
    }
    for (const listener of [...(listeners.get(frame.event) ?? [])]) {
      try {
        listener(frame.payload);
      } catch (error) {
        console.error(error);
      }
    }
  }

  function invoke<C extends Channel>(channel: C, payload?: Request<C>): Promise<Result<Response<C>>> {
    const id = nextId++;
    const frame: ApiCallFrame = { id, channel, payload };
    return new Promise((resolve) => {
      const call: PendingCall = {
        id,
        frame: JSON.stringify(frame),
        sent: false,
        resolve: resolve as (result: Result<unknown>) => void,
        timer: setTimeout(
          () => settle(id, call, unavailable(`no reply from the host within ${CALL_TIMEOUT_MS / 1000} s`)),
          CALL_TIMEOUT_MS,
        ),
      };
      pending.set(id, call);
      send(call);
    });
  }

  function on(event: PushEvent, listener: (payload: never) => void): () => void {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    const entry = listener as (payload: unknown) => void;
    set.add(entry);
    return () => set.delete(entry);
  }

  connect();
  return { api: { invoke, on } as WallApi, link };
}
