/**
 * `GET /playback/get?session=…&ticket=…&token=…&start=…&duration=…[&keyframes=1]`: the renderer's
 * player reads recorded footage here, on the stream server (loopback, the launch token). The
 * session names the caller and the camera; every request is checked again against that caller's
 * access for the time asked (a household's consent must cover it), and the answer stops where
 * the consent ended. A session opened on another recorder (the site's recordings source) is
 * answered from there, through this route (remoteProxy.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PLAYBACK_GET_CODES, type PlaybackGetCode, type Profile } from '../../preload/api.js';
import type { AccessService } from '../access/accessService.js';
import type { HttpHandler, LoopbackServer } from '../engine/serve/loopbackServer.js';
import type { Logger } from '../lib/logger.js';
import type { FootageSpan } from '../recording/segmentIndex.js';
import { parseGetQuery } from './getQuery.js';
import type { PlaybackSessions } from './playbackSessions.js';
import { refuse, serveRange } from './serveRange.js';
import { proxyRemote } from './remoteProxy.js';

export const PLAYBACK_GET_PATH = '/playback/get';

export function playbackUrl(port: number, token: string, sessionId: string, secret: string): string {
  return `http://127.0.0.1:${port}${PLAYBACK_GET_PATH}?session=${sessionId}&ticket=${secret}&token=${token}`;
}

export interface PlaybackRouteOptions {
  server: LoopbackServer;
  sessions: PlaybackSessions;
  access: AccessService;
  /** When a camera's household consent ends (epoch ms); null for none. */
  consentEnds(cameraId: string): number | null;
  /** One stream's footage, oldest first, the minute being recorded included (RecordingService.footage). */
  footage(cameraId: string, profile: Profile): Promise<FootageSpan[]>;
  /** A segment of that footage could not be read (RecordingService.readFailed: gone by hand, it leaves the catalog). */
  readFailed?(path: string): void;
  /** The ffmpeg that converts H.265 footage for a page that asks `convert=h264`; null: sent as recorded. */
  ffmpegPath?(): string | null;
  log: Logger;
}

const refusalCode = (refusal: string): PlaybackGetCode => ((PLAYBACK_GET_CODES as readonly string[]).includes(refusal) ? (refusal as PlaybackGetCode) : 'forbidden');

export function createPlaybackRoute(options: PlaybackRouteOptions): HttpHandler {
  const { server, sessions, access, log } = options;
  return (request: IncomingMessage, response: ServerResponse, url: URL) => {
    if (url.pathname !== PLAYBACK_GET_PATH) return false;
    // The Electron page (app://) reads across origins: only our own pages may, and read our headers.
    const origin = request.headers.origin;
    const cors: Record<string, string> = origin && server.originAllowed(origin) ? { 'access-control-allow-origin': origin, 'access-control-expose-headers': 'X-Start-Ms, X-Next-Ms', vary: 'Origin' } : {};
    if (request.method !== 'GET') return refuse(response, 400, 'bad_request', cors), true;
    if (!server.tokenMatches(url.searchParams.get('token'))) return refuse(response, 401, 'forbidden', cors), true;
    const session = sessions.redeem(url.searchParams.get('session'), url.searchParams.get('ticket'));
    if (!session) return refuse(response, 403, 'session_closed', cors), true;
    const parsed = parseGetQuery(url.searchParams);
    if (!parsed.ok) return refuse(response, 400, 'bad_request', cors), true;
    const decision = access.decideCamera(session.callerId, session.cameraId, 'view', undefined, parsed.value.start);
    if (!decision.ok) return refuse(response, 403, refusalCode(decision.refusal), cors), true;
    const consentEnd = options.consentEnds(session.cameraId);
    const query = { ...parsed.value, end: consentEnd === null ? parsed.value.end : Math.min(parsed.value.end, consentEnd) };
    void (async () => {
      if (session.remote) {
        // Another recorder's footage, passed through: the same checks above, its address and token never sent.
        const served = await proxyRemote(response, session.remote, query, cors);
        if (served) sessions.served(session, served.from, served.to);
        return;
      }
      const served = await serveRange(response, await options.footage(session.cameraId, session.profile), query, cors, options.readFailed, options.ffmpegPath?.() ?? null);
      if (served) sessions.served(session, served.from, served.to);
    })().catch((error: unknown) => {
      log.warn('playback request failed', { camera: session.cameraId, error: String(error) });
      if (!response.headersSent) refuse(response, 500, 'internal', cors);
      else response.destroy();
    });
    return true;
  };
}
