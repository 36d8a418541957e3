/**
 * The console's only listening socket: 127.0.0.1, a random port, and a token made fresh at every
 * launch. WebSocket upgrades must also come from an allowed Origin and name a loopback Host, so
 * neither another web page nor a DNS-rebinding trick can reach a camera.
 *
 * Nothing a client sends can end the process: every socket has an error listener before anything
 * else can fail on it, a path that does not parse gets 400, and a route or handler that throws is
 * logged and answered (500, or close code 1011).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { silentLogger, type Logger } from '../../lib/logger.js';

/** The largest WebSocket frame a client may send; larger calls go over HTTP (apiRoute). */
export const MAX_FRAME_BYTES = 1024 * 1024;

export interface UpgradeRoute {
  /** Matches the path; returns route params or null. */
  match(pathname: string): Record<string, string> | null;
  /** Called after token, Host and Origin checks passed. */
  accept(socket: WebSocket, params: Record<string, string>, request: IncomingMessage): void;
}

export type HttpHandler = (request: IncomingMessage, response: ServerResponse, url: URL) => boolean;

export interface LoopbackServerOptions {
  /** Origins allowed to open WebSockets, besides the server's own http origin. */
  extraOrigins?: string[];
  /** Fixed port (tests, kiosk bookmarks); default is a random free port. */
  port?: number;
  token?: string;
  log?: Logger;
}

/**
 * The request's path and query as a URL on our origin, or null when it is not an origin-form
 * path: `//host/x` would otherwise name another host, and some strings do not parse at all.
 */
export function requestUrl(raw: string | undefined, origin: string): URL | null {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//')) return null;
  try {
    const url = new URL(raw, origin);
    // A backslash or a tab after the first slash also names another host once parsed.
    return url.origin === origin ? url : null;
  } catch {
    return null;
  }
}

export class LoopbackServer {
  readonly token: string;
  private readonly server: Server;
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: MAX_FRAME_BYTES });
  private readonly routes: UpgradeRoute[] = [];
  private readonly httpHandlers: HttpHandler[] = [];
  private readonly sockets = new Set<Duplex>();
  private boundPort = 0;
  private readonly log: Logger;

  constructor(private readonly options: LoopbackServerOptions = {}) {
    this.token = options.token ?? randomBytes(24).toString('base64url');
    this.log = options.log ?? silentLogger;
    this.server = createServer((request, response) => this.onRequest(request, response));
    this.server.on('upgrade', (request, socket, head) => this.onUpgrade(request, socket, head));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      // A reset or a half-sent request must never surface as an unhandled 'error'.
      socket.on('error', () => {});
      socket.once('close', () => this.sockets.delete(socket));
    });
    this.server.on('clientError', (_error, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      else socket.destroy();
    });
    this.wss.on('error', (error) => this.log.warn('websocket server error', { error: String(error) }));
  }

  get port(): number {
    return this.boundPort;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.boundPort}`;
  }

  addUpgradeRoute(route: UpgradeRoute): void {
    this.routes.push(route);
  }

  addHttpHandler(handler: HttpHandler): void {
    this.httpHandlers.push(handler);
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, '127.0.0.1', () => {
        this.server.off('error', reject);
        const address = this.server.address();
        this.boundPort = typeof address === 'object' && address ? address.port : 0;
        resolve();
      });
    });
  }

  /** Closes the listener and every open connection. */
  close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  tokenMatches(candidate: string | null): boolean {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private hostAllowed(host: string | undefined): boolean {
    return host === `127.0.0.1:${this.boundPort}` || host === `localhost:${this.boundPort}`;
  }

  originAllowed(origin: string | undefined): boolean {
    if (origin === undefined) return false;
    const own = [this.origin, `http://localhost:${this.boundPort}`];
    return own.includes(origin) || (this.options.extraOrigins ?? []).includes(origin);
  }

  private onRequest(request: IncomingMessage, response: ServerResponse): void {
    request.on('error', () => {});
    response.on('error', () => {});
    if (!this.hostAllowed(request.headers.host)) {
      response.writeHead(421).end();
      return;
    }
    const url = requestUrl(request.url, this.origin);
    if (!url) {
      response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('bad request');
      return;
    }
    try {
      for (const handler of this.httpHandlers) if (handler(request, response, url)) return;
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    } catch (error) {
      this.log.error('http handler failed', { path: url.pathname, error: String(error) });
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end();
    }
  }

  private onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => {});
    // Refused sockets are destroyed once the answer is out: a client that never closes holds nothing.
    const refuse = (status: number) => {
      socket.end(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
    };
    const url = requestUrl(request.url, this.origin);
    if (!url) return refuse(400);
    if (!this.hostAllowed(request.headers.host)) return refuse(421);
    if (!this.originAllowed(request.headers.origin)) return refuse(403);
    if (!this.tokenMatches(url.searchParams.get('token'))) return refuse(401);
    for (const route of this.routes) {
      const params = route.match(url.pathname);
      if (!params) continue;
      this.wss.handleUpgrade(request, socket, head, (ws) => {
        // Invalid UTF-8, an oversized or malformed frame: ws reports it here, then closes.
        ws.on('error', (error) => this.log.warn('websocket closed on a bad frame', { path: url.pathname, error: String(error) }));
        try {
          route.accept(ws, params, request);
        } catch (error) {
          this.log.error('websocket route failed', { path: url.pathname, error: String(error) });
          ws.close(1011, 'internal error');
        }
      });
      return;
    }
    refuse(404);
  }
}
