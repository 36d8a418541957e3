/**
 * `/stream/<cameraId>/<main|sub>`: one WebSocket per tile, carrying the session's FLV bytes.
 * WebSockets, not HTTP-FLV: Chromium caps HTTP/1.1 at 6 connections per host, so a 7th tile
 * would stall; WebSockets have no such cap.
 */
import type { WebSocket } from 'ws';
import { PROFILES, type Profile } from '../../../preload/api.js';
import type { UpgradeRoute } from './loopbackServer.js';
import type { Logger } from '../../lib/logger.js';
import { UnknownCameraError, type StreamEngine } from '../session/streamEngine.js';
import type { Viewer } from '../session/session.js';

const PATH = /^\/stream\/([A-Za-z0-9_-]{1,64})\/(main|sub)$/;

/** WebSocket close codes the player side can tell apart. */
export const CLOSE_UNKNOWN_CAMERA = 4404;
export const CLOSE_FORBIDDEN = 4403;
export const CLOSE_SESSION_ENDED = 4000;

export function streamPath(cameraId: string, profile: Profile): string {
  return `/stream/${cameraId}/${profile}`;
}

/**
 * The URL a tile's player opens: the launch token, the one-time ticket naming the caller it was
 * handed to, and `hevc=1` to ask for H.265 as is when the viewer can decode it.
 */
export function streamUrl(port: number, token: string, cameraId: string, profile: Profile, acceptsHevc: boolean, ticket: string, keyframesOnly = false): string {
  return `ws://127.0.0.1:${port}${streamPath(cameraId, profile)}?token=${token}&ticket=${ticket}${acceptsHevc ? '&hevc=1' : ''}${keyframesOnly ? '&mode=keyframes' : ''}`;
}

/** What to do when an admitted viewer starts and stops (the audit of who watched). */
export interface Admission {
  attached(viewer: Viewer): void;
  detached(): void;
}

export interface StreamRouteOptions {
  engine: StreamEngine;
  log: Logger;
  /** Checks the socket when it opens (not only when its URL was handed out); null refuses. */
  admit(cameraId: string, profile: Profile, query: URLSearchParams): Admission | null;
}

export function createStreamRoute({ engine, log, admit }: StreamRouteOptions): UpgradeRoute {
  return {
    match(pathname) {
      const m = PATH.exec(pathname);
      return m && PROFILES.includes(m[2] as Profile) ? { cameraId: m[1]!, profile: m[2]! } : null;
    },
    accept(socket: WebSocket, params, request) {
      const cameraId = params.cameraId!;
      const profile = params.profile as Profile;
      const query = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams;
      const admission = admit(cameraId, profile, query);
      if (!admission) {
        socket.close(CLOSE_FORBIDDEN, 'forbidden');
        return;
      }
      const viewer: Viewer = {
        send: (chunk) => socket.send(chunk, { binary: true }),
        get backlog() {
          return socket.bufferedAmount;
        },
        end: () => socket.close(CLOSE_SESSION_ENDED, 'session ended'),
      };
      let detachViewer: () => void;
      try {
        const mode = query.get('mode') === 'keyframes' ? 'keyframes' : 'full';
        detachViewer = engine.attach({ cameraId, profile, acceptsHevc: query.get('hevc') === '1' }, viewer, mode);
      } catch (error) {
        if (!(error instanceof UnknownCameraError)) log.error('stream attach failed', { camera: cameraId, error: String(error) });
        socket.close(CLOSE_UNKNOWN_CAMERA, 'unknown camera');
        return;
      }
      admission.attached(viewer);
      let detached = false;
      const detach = () => {
        if (detached) return;
        detached = true;
        detachViewer();
        admission.detached();
      };
      socket.once('close', detach);
      socket.once('error', detach);
      // Tiles never send anything; anything they do send is ignored.
      socket.on('message', () => {});
    },
  };
}
