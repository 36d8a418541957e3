/**
 * The recorder API opened to the LAN (admin's choice, off by default): a second listener on the
 * address and port the admin chose, serving `/list` and `/get` and nothing else of this console,
 * with its own token (not the launch token, which never leaves this PC). Every request is
 * audited with the address it came from (a timeline's repeated /list once per camera in ten
 * minutes: listAudit.ts); an address that keeps sending a wrong token is turned
 * away unheard for a while. The loopback stream server is untouched by any of this.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { Socket } from 'node:net';
import type { Profile, RecorderLanProblem } from '../../preload/api.js';
import type { AccessService } from '../access/accessService.js';
import { requestUrl } from '../engine/serve/loopbackServer.js';
import type { Logger } from '../lib/logger.js';
import type { FootageSpan } from '../recording/segmentIndex.js';
import { FailureLimiter } from './failureLimiter.js';
import type { DetailSegment } from './listDetail.js';
import { ListAuditGate } from './listAudit.js';
import { RECORDER_API_CALLER, createRecorderApiRoute, recorderPath, tokenOf } from './recorderApiRoute.js';
import { refuse } from './serveRange.js';

export interface RecorderLanBinding {
  /** An address of this PC, or 0.0.0.0 (every address) when the admin chose it. */
  host: string;
  port: number;
  token: string;
}

export interface RecorderLanOptions {
  access: AccessService;
  /** One stream's footage, the minute being recorded included (RecordingService.footage). */
  footage(cameraId: string, profile: Profile): Promise<FootageSpan[]>;
  /** A segment of that footage could not be read (RecordingService.readFailed). */
  readFailed?(path: string): void;
  /** Its segments' activity and end reasons over a range (RecordingService.segments), for /list's detail. */
  segments?(cameraId: string, profile: Profile, from: number, to: number): Promise<DetailSegment[]>;
  /** The ffmpeg that converts H.265 footage for a reader that asks `convert=h264`. */
  ffmpegPath?(): string | null;
  log: Logger;
  limiter?: FailureLimiter;
  listAudit?: ListAuditGate;
}

const PARSE_BASE = 'http://recorder.lan';
/** `host:port` as a client may send it in Host, for the URLs /list names. */
const HOST_HEADER = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

export function bindProblem(error: unknown): RecorderLanProblem {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EADDRINUSE') return 'address_in_use';
  if (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT' || code === 'ENOTFOUND') return 'address_unavailable';
  if (code === 'EACCES' || code === 'EPERM') return 'no_permission';
  return 'failed';
}

export class RecorderLanListener {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private binding: RecorderLanBinding | null = null;
  private readonly limiter: FailureLimiter;
  private readonly listAudit: ListAuditGate;
  private readonly route;

  constructor(private readonly options: RecorderLanOptions) {
    this.limiter = options.limiter ?? new FailureLimiter();
    this.listAudit = options.listAudit ?? new ListAuditGate();
    this.route = createRecorderApiRoute({
      server: { originFor: (request) => this.originFor(request), tokenMatches: (candidate) => this.tokenMatches(candidate) },
      access: options.access,
      footage: options.footage,
      ...(options.readFailed ? { readFailed: options.readFailed } : {}),
      ...(options.segments ? { segments: options.segments } : {}),
      ...(options.ffmpegPath ? { ffmpegPath: options.ffmpegPath } : {}),
      log: options.log,
      requester: (request) => `LAN ${remoteOf(request)}`,
    });
  }

  /** Where it listens now (the port the system gave for port 0), or null when closed. */
  get address(): { host: string; port: number } | null {
    const address = this.server?.address();
    return this.binding && address && typeof address === 'object' ? { host: this.binding.host, port: address.port } : null;
  }

  /** Listens with `binding`, closing any listener before; the problem when it cannot. */
  async open(binding: RecorderLanBinding): Promise<RecorderLanProblem | null> {
    // Same address and port (a rotated token): the new token applies from the next request, nothing is dropped.
    if (this.server && this.binding?.host === binding.host && this.binding.port === binding.port) {
      this.binding = binding;
      return null;
    }
    await this.close();
    const server = createServer((request, response) => this.onRequest(request, response));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('error', () => {});
      socket.once('close', () => this.sockets.delete(socket));
    });
    server.on('clientError', (_error, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      else socket.destroy();
    });
    // A request's headers must arrive within 10 s: a LAN client cannot hold sockets open forever.
    server.headersTimeout = 10_000;
    server.requestTimeout = 0; // a long /get streams for as long as the reader reads
    const problem = await new Promise<RecorderLanProblem | null>((resolve) => {
      server.once('error', (error) => resolve(bindProblem(error)));
      server.listen(binding.port, binding.host, () => resolve(null));
    });
    if (problem) {
      this.options.log.warn('recorder API could not listen on the LAN', { host: binding.host, port: binding.port, problem });
      server.close();
      return problem;
    }
    server.on('error', (error) => this.options.log.warn('recorder API listener error', { error: String(error) }));
    this.server = server;
    this.binding = binding;
    this.options.log.info('recorder API open to the LAN', { host: binding.host, port: this.address?.port });
    return null;
  }

  /** Stops listening and drops every connection; nothing is served on the LAN afterwards. */
  close(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.binding = null;
    if (!server) return Promise.resolve();
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => server.close(() => resolve()));
  }

  private tokenMatches(candidate: string | null): boolean {
    const token = this.binding?.token;
    if (!candidate || !token) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private originFor(request: IncomingMessage): string {
    const host = request.headers.host;
    return host && HOST_HEADER.test(host) ? `http://${host}` : `http://${this.binding?.host}:${this.address?.port}`;
  }

  private onRequest(request: IncomingMessage, response: ServerResponse): void {
    request.on('error', () => {});
    response.on('error', () => {});
    const url = requestUrl(request.url, PARSE_BASE);
    // Nothing but the recorder API answers here: no page, no API, no stream, no evidence file.
    if (!url || (url.pathname !== '/list' && url.pathname !== '/get')) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    const remote = remoteOf(request);
    const { access } = this.options;
    if (this.limiter.blocked(remote)) return refuse(response, 429, 'forbidden', { 'retry-after': '60' });
    if (!this.tokenMatches(tokenOf(request, url))) {
      this.limiter.failed(remote);
      access.record(RECORDER_API_CALLER, { action: 'refused', detail: `${url.pathname}: wrong or missing token, LAN ${remote}` });
      return refuse(response, 401, 'forbidden');
    }
    if (url.pathname === '/list') this.auditList(remote, url.searchParams.get('path') ?? '');
    try {
      this.route(request, response, url);
    } catch (error) {
      this.options.log.error('recorder API request failed', { path: url.pathname, error: String(error) });
      refuse(response, 500, 'internal');
    }
  }

  /** A lookup of a camera's recordings, written once per (address, camera) in the gate's window (listAudit.ts). */
  private auditList(remote: string, path: string): void {
    const cameraId = recorderPath(path)?.cameraId;
    const known = cameraId !== undefined && this.options.access.hasCamera(cameraId);
    if (!this.listAudit.admit(remote, cameraId ?? path)) return;
    this.options.access.record(RECORDER_API_CALLER, { action: 'recorder_list', ...(known ? { cameraId } : {}), detail: `${path}, LAN ${remote}`.slice(0, 200) });
  }
}

function remoteOf(request: IncomingMessage): string {
  return request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? 'unknown';
}
