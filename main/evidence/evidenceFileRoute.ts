/**
 * `/evidence-file/<ticket>`: an evidence file served to the page that asked for it, so the
 * console can show a snapshot or play a clip without file:// (which the page may not read). A
 * ticket names one file for one caller, was issued after the access rules allowed it, and
 * lapses after a few minutes; within that time a player may ask for byte ranges (seeking).
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpHandler } from '../engine/serve/loopbackServer.js';

const PATH = /^\/evidence-file\/([A-Za-z0-9_-]{20,64})$/;
const TICKET_TTL_MS = 10 * 60_000;
const MAX_TICKETS = 256;
const TYPES: Record<string, string> = { jpg: 'image/jpeg', mp4: 'video/mp4' };

interface FileTicket {
  path: string;
  expiresAt: number;
}

export class EvidenceFileTickets {
  private readonly tickets = new Map<string, FileTicket>();

  constructor(private readonly now: () => number = Date.now) {}

  /** A ticket for `path`; the address the page loads is `/evidence-file/<ticket>` on the loopback server. */
  issue(path: string): string {
    this.sweep();
    const id = randomBytes(18).toString('base64url');
    this.tickets.set(id, { path, expiresAt: this.now() + TICKET_TTL_MS });
    return id;
  }

  pathOf(id: string): string | null {
    const ticket = this.tickets.get(id);
    if (!ticket || ticket.expiresAt <= this.now()) return null;
    return ticket.path;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, ticket] of this.tickets) if (ticket.expiresAt <= now) this.tickets.delete(id);
    while (this.tickets.size >= MAX_TICKETS) this.tickets.delete(this.tickets.keys().next().value!);
  }
}

export const evidenceFilePath = (ticket: string) => `/evidence-file/${ticket}`;

/** `bytes=a-b` within a file of `size` bytes, or null for a range we do not serve (then the whole file). */
export function byteRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return null;
  const start = match[1] === '' ? Math.max(0, size - Number(match[2])) : Number(match[1]);
  const end = match[1] === '' || match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start > end || start >= size ? 'unsatisfiable' : { start, end };
}

async function serve(path: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) return void response.writeHead(404).end();
  const type = TYPES[path.slice(path.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';
  const headers = { 'content-type': type, 'accept-ranges': 'bytes', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
  const range = byteRange(request.headers.range, info.size);
  if (range === 'unsatisfiable') return void response.writeHead(416, { 'content-range': `bytes */${info.size}` }).end();
  const { start, end } = range ?? { start: 0, end: info.size - 1 };
  response.writeHead(range ? 206 : 200, {
    ...headers,
    'content-length': String(Math.max(0, end - start + 1)),
    ...(range ? { 'content-range': `bytes ${start}-${end}/${info.size}` } : {}),
  });
  if (request.method === 'HEAD' || info.size === 0) return void response.end();
  const stream = createReadStream(path, { start, end });
  stream.on('error', () => response.destroy());
  response.once('close', () => stream.destroy());
  stream.pipe(response);
}

export function evidenceFileRoute(tickets: EvidenceFileTickets): HttpHandler {
  return (request, response, url) => {
    const match = PATH.exec(url.pathname);
    if (!match) return false;
    const path = request.method === 'GET' || request.method === 'HEAD' ? tickets.pathOf(match[1]!) : null;
    if (!path) {
      response.writeHead(404).end();
      return true;
    }
    void serve(path, request, response).catch(() => response.destroy());
    return true;
  };
}
