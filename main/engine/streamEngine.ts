/**
 * The StreamEngine owns every Session. One Session per (camera, profile), shared by every tile in
 * every window that shows it; it starts with the first viewer and stops a grace period after the
 * last one leaves, so a tile that re-mounts (layout switch, tour step) reuses the running ffmpeg.
 */
import type { Profile, StreamStatus } from '../../preload/api.js';
import type { SessionSource } from './ffmpegArgs.js';
import type { Logger } from './logger.js';
import { Session, type Viewer } from './session.js';
import { TypedEmitter } from './typedEmitter.js';

export interface EngineOptions {
  /** The camera's source for a profile, with credentials; null when the camera does not exist. */
  resolveSource(cameraId: string, profile: Profile): SessionSource | null;
  /** The ffmpeg binary to use, or null when none was found. */
  ffmpegPath(): string | null;
  log: Logger;
  graceMs?: number;
  stallMs?: number;
  startTimeoutMs?: number;
}

interface EngineEvents {
  status: StreamStatus;
}

export class UnknownCameraError extends Error {}

const key = (cameraId: string, profile: Profile) => `${cameraId}:${profile}`;

export class StreamEngine extends TypedEmitter<EngineEvents> {
  private readonly sessions = new Map<string, Session>();
  private readonly graceTimers = new Map<string, NodeJS.Timeout>();
  private isClosed = false;

  constructor(private readonly options: EngineOptions) {
    super();
  }

  /** Adds a viewer; returns the function that removes it. Throws UnknownCameraError. */
  attach(cameraId: string, profile: Profile, viewer: Viewer): () => void {
    if (this.isClosed) throw new Error('engine is closed');
    const id = key(cameraId, profile);
    let session = this.sessions.get(id);
    if (!session) {
      const source = this.options.resolveSource(cameraId, profile);
      if (!source) throw new UnknownCameraError(`no camera ${cameraId} (${profile})`);
      session = new Session({
        cameraId,
        profile,
        source,
        ffmpegPath: this.options.ffmpegPath(),
        log: this.options.log,
        ...(this.options.stallMs ? { stallMs: this.options.stallMs } : {}),
        ...(this.options.startTimeoutMs ? { startTimeoutMs: this.options.startTimeoutMs } : {}),
      });
      session.on('status', (status) => this.emit('status', status));
      this.sessions.set(id, session);
      session.start();
    }
    this.cancelGrace(id);
    session.attach(viewer);
    const attached = session;
    let detached = false;
    return () => {
      if (detached) return;
      detached = true;
      attached.detach(viewer);
      if (attached.viewerCount === 0 && this.sessions.get(id) === attached) this.scheduleClose(id);
    };
  }

  statuses(): StreamStatus[] {
    return [...this.sessions.values()].map((session) => session.status());
  }

  /** ffmpeg processes currently running, for health reports and tests. */
  runningPids(): number[] {
    return [...this.sessions.values()].flatMap((session) => (session.pid === null ? [] : [session.pid]));
  }

  /** Stops a camera's sessions now (it was edited or removed); its viewers must reconnect. */
  async closeCamera(cameraId: string): Promise<void> {
    const closing: Promise<void>[] = [];
    for (const [id, session] of this.sessions) {
      if (session.cameraId !== cameraId) continue;
      this.cancelGrace(id);
      this.sessions.delete(id);
      closing.push(session.close());
    }
    await Promise.all(closing);
  }

  async close(): Promise<void> {
    this.isClosed = true;
    for (const id of this.graceTimers.keys()) this.cancelGrace(id);
    const closing = [...this.sessions.values()].map((session) => session.close());
    this.sessions.clear();
    await Promise.all(closing);
  }

  private scheduleClose(id: string): void {
    this.cancelGrace(id);
    const timer = setTimeout(() => {
      this.graceTimers.delete(id);
      const session = this.sessions.get(id);
      if (!session || session.viewerCount > 0) return;
      this.sessions.delete(id);
      void session.close();
    }, this.options.graceMs ?? 5000);
    this.graceTimers.set(id, timer);
  }

  private cancelGrace(id: string): void {
    const timer = this.graceTimers.get(id);
    if (timer) clearTimeout(timer);
    this.graceTimers.delete(id);
  }
}
