/**
 * This console's recorder in MediaMTX's playback shape, so one client reads it and a MediaMTX
 * server alike: `GET /list?path=<camera>/<main|sub>` → `[{start, duration, url}]` (RFC 3339,
 * seconds), and `GET /get?path=…&start=…&duration=…&format=fmp4` → fMP4 as the player's route
 * sends it. On the stream server (loopback), with the launch token (`?token=` or a Bearer header),
 * and, when the admin opens it, on a LAN listener with its own token (recorderLan.ts).
 * Only cameras this console may show are served, and a household's footage only where the
 * owner's consent at this console's level covered it, each refusal in its own code (the reader
 * words it: listDetail.ts, remoteRecorder.ts); every /get is audited. /list adds our own detail.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PLAYBACK_GET_CODES, PROFILES, type PlaybackGetCode, type Profile } from '../../preload/api.js';
import type { AccessService } from '../access/accessService.js';
import type { HttpHandler } from '../engine/serve/loopbackServer.js';
import type { Logger } from '../lib/logger.js';
import type { FootageSpan } from '../recording/segmentIndex.js';
import { parseGetQuery, parseInstant } from './getQuery.js';
import { activityStepFor, spanDetail, type DetailSegment } from './listDetail.js';
import { spansOf } from './recordedSpan.js';
import { refuse, serveRange } from './serveRange.js';

/** Who the audit names for a reader of /get: another console or a tool, not a page of this one. */
export const RECORDER_API_CALLER = 'recorder-api';

const PATH = /^([A-Za-z0-9_-]{1,64})\/(main|sub)$/;

export function recorderPath(path: string | null): { cameraId: string; profile: Profile } | null {
  const m = path ? PATH.exec(path) : null;
  return m && PROFILES.includes(m[2] as Profile) ? { cameraId: m[1]!, profile: m[2] as Profile } : null;
}

/** Who may read (the token) and the origin /list's URLs name: the loopback stream server, or the LAN listener. */
export interface RecorderApiGate {
  originFor(request: IncomingMessage): string;
  tokenMatches(candidate: string | null): boolean;
}

export const tokenOf = (request: IncomingMessage, url: URL): string | null => url.searchParams.get('token') ?? /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? null;

export interface RecorderApiOptions {
  server: RecorderApiGate;
  access: AccessService;
  /** One stream's footage, oldest first, the minute being recorded included (RecordingService.footage). */
  footage(cameraId: string, profile: Profile): Promise<FootageSpan[]>;
  /** A segment of that footage could not be read (RecordingService.readFailed: gone by hand, it leaves the catalog). */
  readFailed?(path: string): void;
  /** Its segments over a range with their sidecars' activity and end reasons (RecordingService.segments), for /list's detail. */
  segments?(cameraId: string, profile: Profile, from: number, to: number): Promise<DetailSegment[]>;
  log: Logger;
  /** Named in the audit of each /get: e.g. `LAN 10.0.0.7` for the LAN listener; nothing on loopback. */
  requester?: (request: IncomingMessage) => string;
  /** The ffmpeg that converts H.265 footage for a reader that asks `convert=h264`; null: sent as recorded. */
  ffmpegPath?(): string | null;
}

const iso = (at: number) => new Date(at).toISOString();
const codeOf = (refusal: string): PlaybackGetCode => ((PLAYBACK_GET_CODES as readonly string[]).includes(refusal) ? (refusal as PlaybackGetCode) : 'forbidden');

export function createRecorderApiRoute({ server, access, footage, segments, readFailed, log, requester, ffmpegPath }: RecorderApiOptions): HttpHandler {

  /**
   * MediaMTX's /list with its `start`/`end` (spans overlapping them; all without). With a range,
   * each span carries our detail (listDetail.ts); without one (where footage begins or resumes) it
   * would mean reading a month of sidecars for nothing, so none.
   */
  async function list(origin: string, response: ServerResponse, url: URL, cameraId: string, profile: Profile): Promise<void> {
    // Consent that has ended still lists what it covered (kept by a lock); one never given lists nothing.
    const refusal = access.withheld(cameraId);
    if (refusal && refusal !== 'consent_expired') return refuse(response, 403, codeOf(refusal));
    const until = access.footageUntil(cameraId);
    const from = parseInstant(url.searchParams.get('start')) ?? -Infinity;
    const to = parseInstant(url.searchParams.get('end')) ?? Infinity;
    const spans = spansOf(await footage(cameraId, profile))
      .map((span) => ({ from: span.from, to: until === null ? span.to : Math.min(span.to, until) }))
      .filter((span) => span.to > span.from && span.to > from && span.from < to);
    const range = spans.length > 0 ? { from: Math.max(from, spans[0]!.from), to: Math.min(to, spans.at(-1)!.to) } : null;
    const detailed = segments && range && Number.isFinite(from) && Number.isFinite(to) ? await segments(cameraId, profile, range.from, range.to) : null;
    const step = range ? activityStepFor(range.to - range.from) : 1;
    const path = `${cameraId}/${profile}`;
    const body = spans.map((span) => ({
      start: iso(span.from),
      duration: (span.to - span.from) / 1000,
      url: `${origin}/get?path=${encodeURIComponent(path)}&start=${encodeURIComponent(iso(span.from))}&duration=${(span.to - span.from) / 1000}&format=fmp4`,
      ...(detailed && range ? spanDetail(span, detailed, step, range) : {}),
    }));
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  }

  async function get(request: IncomingMessage, response: ServerResponse, url: URL, cameraId: string, profile: Profile): Promise<void> {
    const parsed = parseGetQuery(url.searchParams);
    if (!parsed.ok) return refuse(response, 400, 'bad_request');
    const refusal = access.withheld(cameraId, parsed.value.start);
    if (refusal) return refuse(response, 403, codeOf(refusal));
    const until = access.footageUntil(cameraId);
    const query = { ...parsed.value, end: until === null ? parsed.value.end : Math.min(parsed.value.end, until) };
    const via = requester ? `/get, ${requester(request)}` : '/get';
    access.record(RECORDER_API_CALLER, { action: 'playback_start', cameraId, detail: `${profile} ${iso(query.start)} (${via})` });
    const served = await serveRange(response, await footage(cameraId, profile), query, {}, readFailed, ffmpegPath?.() ?? null);
    access.record(RECORDER_API_CALLER, { action: 'playback_stop', cameraId, detail: `${profile} ${served ? `${iso(served.from)} – ${iso(served.to)}` : 'nothing shown'} (${via})` });
  }

  return (request, response, url) => {
    if (url.pathname !== '/list' && url.pathname !== '/get') return false;
    if (request.method !== 'GET') return refuse(response, 400, 'bad_request'), true;
    if (!server.tokenMatches(tokenOf(request, url))) return refuse(response, 401, 'forbidden'), true;
    const target = recorderPath(url.searchParams.get('path'));
    if (!target) return refuse(response, 400, 'bad_request'), true;
    // Past the token the reader is a console an admin gave it to: it is told a camera it may not have
    // (out of this console's scope) from one this console does not know, so its officer reads which.
    if (!access.hasCamera(target.cameraId)) return refuse(response, 404, 'nothing_recorded'), true;
    if (access.withheld(target.cameraId) === 'out_of_scope') return refuse(response, 403, 'out_of_scope'), true;
    void (url.pathname === '/list' ? list(server.originFor(request), response, url, target.cameraId, target.profile) : get(request, response, url, target.cameraId, target.profile)).catch((error: unknown) => {
      log.warn('recorder api request failed', { path: url.pathname, error: String(error) });
      if (!response.headersSent) refuse(response, 500, 'internal');
      else response.destroy();
    });
    return true;
  };
}
