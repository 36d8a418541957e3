/**
 * Open playback sessions: each names the caller it was opened for, the camera and profile, and a
 * secret the session's URL carries, so a /get is served only to that page, for that camera, and
 * its range is checked against that caller's access. A session remembers the range it served, so
 * its stop is audited with what was watched. A page or socket that goes closes its sessions.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Profile } from '../../preload/api.js';
import type { RemoteRecorder } from './remoteRecorder.js';

export interface PlaybackSession {
  id: string;
  secret: string;
  callerId: string;
  cameraId: string;
  profile: Profile;
  /** Another recorder the footage is read from (through this console); null for this console's own. */
  remote: RemoteRecorder | null;
  /** Epoch ms of the footage served so far; null until the first /get. */
  watchedFrom: number | null;
  watchedTo: number | null;
}

/** Per caller: a wall of 16 tiles, each reopened a few times, stays well under this. */
const MAX_PER_CALLER = 64;

export class PlaybackSessions {
  private readonly sessions = new Map<string, PlaybackSession>();

  /** `onClosed` audits the stop (with the range watched), however the session ended. */
  constructor(private readonly onClosed: (session: PlaybackSession) => void) {}

  open(callerId: string, cameraId: string, profile: Profile, remote: RemoteRecorder | null = null): PlaybackSession {
    const mine = [...this.sessions.values()].filter((session) => session.callerId === callerId);
    // A page that never closes what it opens cannot grow memory: its oldest session goes.
    if (mine.length >= MAX_PER_CALLER) this.close(mine[0]!.id);
    const session: PlaybackSession = { id: `pb-${randomBytes(9).toString('base64url')}`, secret: randomBytes(18).toString('base64url'), callerId, cameraId, profile, remote, watchedFrom: null, watchedTo: null };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The session if `secret` is its own; null for an unknown, closed or guessed one. */
  redeem(id: string | null, secret: string | null): PlaybackSession | null {
    const session = id ? this.sessions.get(id) : undefined;
    if (!session || !secret) return null;
    const a = Buffer.from(secret);
    const b = Buffer.from(session.secret);
    return a.length === b.length && timingSafeEqual(a, b) ? session : null;
  }

  /** The caller's own session; null when it is not theirs or already closed. */
  owned(id: string, callerId: string): PlaybackSession | null {
    const session = this.sessions.get(id);
    return session && session.callerId === callerId ? session : null;
  }

  served(session: PlaybackSession, from: number, to: number): void {
    session.watchedFrom = session.watchedFrom === null ? from : Math.min(session.watchedFrom, from);
    session.watchedTo = session.watchedTo === null ? to : Math.max(session.watchedTo, to);
  }

  close(id: string): boolean {
    const session = this.sessions.get(id);
    if (!session) return false;
    this.sessions.delete(id);
    this.onClosed(session);
    return true;
  }

  /** The page or socket of `callerId` is gone: its sessions end now. */
  closeCaller(callerId: string): number {
    const ids = [...this.sessions.values()].filter((session) => session.callerId === callerId).map((session) => session.id);
    for (const id of ids) this.close(id);
    return ids.length;
  }

  closeAll(): void {
    for (const id of [...this.sessions.keys()]) this.close(id);
  }

  get size(): number {
    return this.sessions.size;
  }
}
