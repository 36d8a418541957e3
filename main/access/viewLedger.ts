/**
 * Views as the records count them: a caller's view of a camera starts when a picture of it was
 * delivered (the camera's session is live while the caller's viewer is attached) and stops when
 * the caller's last viewer of it has been gone longer than a player takes to reopen. The page's
 * player reconnects with a new socket, the host retries its camera: neither is a view.
 */
import type { Profile } from '../../preload/api.js';

/**
 * The page's player reopens within 12 s (10 s backoff cap, 20 % jitter), plus up to 4 s for the
 * host to learn a new session's container: a shorter gap would count its reconnects as views.
 */
export const VIEW_GAP_MS = 20_000;

export type ViewAction = 'view_start' | 'view_stop';

interface View {
  callerId: string;
  cameraId: string;
  /** Attached viewers by profile. */
  viewers: Map<Profile, number>;
  /** The profile whose picture started the view (said in the records). */
  startedWith: Profile | null;
  stopTimer: ReturnType<typeof setTimeout> | null;
}

export class ViewLedger {
  private readonly views = new Map<string, View>();

  constructor(
    private readonly record: (callerId: string, action: ViewAction, cameraId: string, profile: Profile) => void,
    private readonly gapMs = VIEW_GAP_MS,
  ) {}

  /** A caller's viewer was attached; `live`: its session delivers pictures now (a late joiner gets one at once). */
  attached(callerId: string, cameraId: string, profile: Profile, live: boolean): void {
    const key = `${callerId}\n${cameraId}`;
    const view = this.views.get(key) ?? { callerId, cameraId, viewers: new Map(), startedWith: null, stopTimer: null };
    this.views.set(key, view);
    if (view.stopTimer) clearTimeout(view.stopTimer);
    view.stopTimer = null;
    view.viewers.set(profile, (view.viewers.get(profile) ?? 0) + 1);
    if (live) this.start(view, profile);
  }

  /** A session of the camera delivers pictures: every caller watching that profile now sees it. */
  live(cameraId: string, profile: Profile): void {
    for (const view of this.views.values()) if (view.cameraId === cameraId && (view.viewers.get(profile) ?? 0) > 0) this.start(view, profile);
  }

  detached(callerId: string, cameraId: string, profile: Profile): void {
    const key = `${callerId}\n${cameraId}`;
    const view = this.views.get(key);
    if (!view) return;
    const left = (view.viewers.get(profile) ?? 1) - 1;
    if (left > 0) view.viewers.set(profile, left);
    else view.viewers.delete(profile);
    if (view.viewers.size > 0) return;
    if (view.startedWith === null) return void this.views.delete(key);
    view.stopTimer = setTimeout(() => this.stop(key), this.gapMs);
  }

  /** The host is closing the camera's sessions (edited, removed, consent ran out): its views end now, without waiting for the sockets. */
  endCamera(cameraId: string): void {
    for (const [key, view] of this.views) if (view.cameraId === cameraId) this.stop(key);
  }

  /**
   * Someone else now sits at this caller (a person unlocked, or locked): each of its views
   * stops as the one before and starts again as the one after, so every span names who watched.
   */
  handOver(callerId: string, change: () => void): void {
    const open = [...this.views.values()].filter((view) => view.callerId === callerId && view.startedWith !== null);
    for (const view of open) this.record(callerId, 'view_stop', view.cameraId, view.startedWith!);
    change();
    for (const view of open) this.record(callerId, 'view_start', view.cameraId, view.startedWith!);
  }

  /** Writes the stop of every view still counted (the console is closing). */
  close(): void {
    for (const key of [...this.views.keys()]) this.stop(key);
  }

  private start(view: View, profile: Profile): void {
    if (view.startedWith !== null) return;
    view.startedWith = profile;
    this.record(view.callerId, 'view_start', view.cameraId, profile);
  }

  private stop(key: string): void {
    const view = this.views.get(key);
    if (!view) return;
    if (view.stopTimer) clearTimeout(view.stopTimer);
    this.views.delete(key);
    if (view.startedWith !== null) this.record(view.callerId, 'view_stop', view.cameraId, view.startedWith);
  }
}
