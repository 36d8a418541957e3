/**
 * The StreamEngine owns every Session. One Session per (camera, profile), shared by every tile in
 * every window that shows it; it starts with the first viewer and stops a grace period after the
 * last one leaves, so a tile that re-mounts (layout switch, tour step) reuses the running ffmpeg.
 * Whether a viewer decodes H.265 splits a camera's session only where it must (`canServe`): an
 * H.264 camera, or one whose session converts to H.264 anyway, gives one pull to every viewer.
 * When it must split (a page whose decoder refused the H.265 it claimed asks for H.264 instead),
 * the older session is stopped as soon as it has no viewer, without the grace period: the camera's
 * uplink gives one pull at a time, and the new session starts with the codec the old one learned.
 */
import type { Profile, StreamStatus } from '../../../preload/api.js';
import type { SessionSource } from '../producer/ffmpegArgs.js';
import type { Logger } from '../../lib/logger.js';
import type { Container } from '../container/mediaUnit.js';
import { Session, type Viewer, type ViewerMode } from './session.js';
import { TranscodeBudget } from '../producer/transcodeBudget.js';
import { TypedEmitter } from '../../lib/typedEmitter.js';
import { canServe, worthWaitingFor } from './sharedSession.js';
import type { CurrentPicture } from './sessionTypes.js';

export interface EngineOptions {
  /** The camera's source for a profile, with credentials; null when the camera does not exist. */
  resolveSource(cameraId: string, profile: Profile): SessionSource | null;
  /** The ffmpeg binary to use, or null when none was found. */
  ffmpegPath(): string | null;
  log: Logger;
  graceMs?: number;
  /** Cameras that may be transcoded at once (H.265 for a viewer that cannot decode it). */
  transcodeLimit?: number;
  stallMs?: number;
  startTimeoutMs?: number;
}

interface EngineEvents {
  status: StreamStatus;
  /** A camera's sessions were stopped on purpose (edited, removed, no longer allowed): its viewers end now. */
  cameraClosed: string;
}

export class UnknownCameraError extends Error {}

/** What a viewer needs: the camera's profile, and whether it decodes H.265 itself. */
export interface StreamRequest {
  cameraId: string;
  profile: Profile;
  acceptsHevc: boolean;
}

const key = ({ cameraId, profile, acceptsHevc }: StreamRequest) => `${cameraId}:${profile}:${acceptsHevc ? 'hevc' : 'avc'}`;
/** How long `prepare` waits to learn which container a new session delivers. */
const PREPARE_WAIT_MS = 4000;
/** How long a viewer that cannot decode H.265 waits to learn whether the camera's running session serves it too (its own would take as long to start). */
const CODEC_WAIT_MS = 15_000;

/** Settles once the session knows which container it delivers, or after PREPARE_WAIT_MS. */
async function settled(session: Session): Promise<void> {
  if (session.outputSettled) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      offOutput();
      offStatus();
      resolve();
    };
    const timer = setTimeout(done, PREPARE_WAIT_MS);
    const offOutput = session.on('output', done);
    const offStatus = session.on('status', () => session.outputSettled && done());
  });
}

/**
 * Settles once the session knows the camera's codec, has failed, or after CODEC_WAIT_MS. Polled:
 * the codec comes from ffmpeg's stderr, which can be read after its first output, with no event.
 */
async function codecKnown(session: Session): Promise<void> {
  const startedAt = Date.now();
  const done = () => session.cameraCodec !== null || session.closed || !['idle', 'starting', 'live'].includes(session.status().state) || Date.now() - startedAt > CODEC_WAIT_MS;
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 100));
}

export class StreamEngine extends TypedEmitter<EngineEvents> {
  private readonly sessions = new Map<string, Session>();
  private readonly graceTimers = new Map<string, NodeJS.Timeout>();
  /** Sessions a newer one for the same camera and profile replaced: they stop with their last viewer. */
  private readonly superseded = new Set<string>();
  /** Sessions asked to outlive their last viewer (a tile refreshing a still picture): until when. */
  private readonly warmUntil = new Map<string, number>();
  private readonly transcodeBudget: TranscodeBudget;
  /** Sessions still stopping their ffmpeg (after a grace period ran out, or a camera change). */
  private readonly stopping = new Set<Promise<void>>();
  private isClosed = false;

  constructor(private readonly options: EngineOptions) {
    super();
    this.transcodeBudget = new TranscodeBudget(options.transcodeLimit);
  }

  /**
   * Starts (or finds) the session a viewer will attach to and tells which container it delivers,
   * so the player is made for the right one. The session stays up for the grace period even if
   * no viewer comes.
   */
  async prepare(request: StreamRequest): Promise<Container> {
    // A session still learning the camera's codec may turn out to serve this viewer too.
    const other = this.sessions.get(key({ ...request, acceptsHevc: !request.acceptsHevc }));
    if (other && !this.sessions.has(key(request)) && worthWaitingFor(other, request.acceptsHevc)) await codecKnown(other);
    const { id, session } = this.sessionFor(request);
    if (session.viewerCount === 0) this.scheduleClose(id);
    session.expectViewer();
    await settled(session);
    return session.container;
  }

  /** Adds a viewer; returns the function that removes it. Throws UnknownCameraError. */
  attach(request: StreamRequest, viewer: Viewer, mode: ViewerMode = 'full'): () => void {
    const { id, session } = this.sessionFor(request);
    this.cancelGrace(id);
    session.attach(viewer, mode);
    return this.detacher(id, session, viewer);
  }

  /**
   * Attaches a recorder of the camera's video as it arrives (FLV for H.264, MPEG-TS for H.265;
   * `Session.originalContainer`), never converted: on the session tiles already use when one runs,
   * whatever it gives them, so the camera keeps its one pull. Returns the function that removes it.
   */
  attachOriginal(cameraId: string, profile: Profile, viewer: Viewer): () => void {
    const { id, session } = this.sessionFor(this.runningRequest(cameraId, profile, { cameraId, profile, acceptsHevc: false }));
    this.cancelGrace(id);
    session.attachOriginal(viewer);
    return this.detacher(id, session, viewer);
  }

  /** Removes the viewer once, however often called; the session's grace period starts when it was the last. */
  private detacher(id: string, session: Session, viewer: Viewer): () => void {
    let detached = false;
    return () => {
      if (detached) return;
      detached = true;
      session.detach(viewer);
      if (session.viewerCount === 0 && this.sessions.get(id) === session) this.scheduleClose(id);
    };
  }

  /**
   * Attaches a clip recorder: it gets the session's pre-roll, then the live stream. The session
   * is started if needed and kept while the recorder is attached.
   */
  attachRecorder(request: StreamRequest, recorder: Viewer): { detach: () => void; preRollFrom: number | null; container: Container } {
    const { id, session } = this.sessionFor(request);
    this.cancelGrace(id);
    const preRollFrom = session.attachRecorder(recorder);
    const detach = () => {
      session.detach(recorder);
      if (session.viewerCount === 0 && this.sessions.get(id) === session) this.scheduleClose(id);
    };
    return { detach, preRollFrom, container: session.container };
  }

  /**
   * The picture now, for a still or a snapshot: the cached GOP, taken by a short-lived viewer.
   * `keepWarmMs` keeps the session that long after (a tile asking for a still every few seconds
   * would otherwise restart the camera's ffmpeg, and wait for its first GOP, every time). A session
   * whose tiles get nothing (its run copies an H.265 camera for recorders) gives the recorders'
   * picture at once, or says at once why it has none: no tile is prepared for, so no conversion.
   */
  async currentPicture(request: StreamRequest, { timeoutMs = 10_000, keepWarmMs = 0, keyframeOnly = false } = {}): Promise<CurrentPicture> {
    const servingId = this.servingId(request);
    const recorders = servingId ? this.sessions.get(servingId)!.recordersPicture(keyframeOnly) : null;
    if (recorders) return recorders;
    const container = await this.prepare(request);
    const units: Buffer[] = [];
    let resolveFirst: () => void = () => {};
    const first = new Promise<void>((resolve) => (resolveFirst = resolve));
    // A viewer's first delivery is the whole cached GOP in one go; that is the picture.
    let taking = true;
    const collector: Viewer = {
      send: (chunk) => {
        if (!taking) return;
        units.push(chunk);
        queueMicrotask(() => {
          taking = false;
          resolveFirst();
        });
      },
      backlog: 0,
      end: () => resolveFirst(),
    };
    const detach = this.attach(request, collector, keyframeOnly ? 'keyframes' : 'full');
    const timer = setTimeout(resolveFirst, timeoutMs);
    await first;
    clearTimeout(timer);
    const id = this.servingId(request);
    if (keepWarmMs > 0 && id) this.warmUntil.set(id, Date.now() + keepWarmMs);
    detach();
    return units.length > 0 ? { ok: true, units, container } : { ok: false, why: `no picture from the camera (waited up to ${Math.round(timeoutMs / 1000)} s)` };
  }

  /**
   * The request of a session already running for this camera and profile, whichever way it
   * delivers H.265, else `fallback`: a still must not open a second pull from the camera.
   */
  runningRequest(cameraId: string, profile: Profile, fallback: StreamRequest): StreamRequest {
    for (const acceptsHevc of [fallback.acceptsHevc, !fallback.acceptsHevc]) {
      const request = { cameraId, profile, acceptsHevc };
      if (this.sessions.has(key(request))) return request;
    }
    return fallback;
  }

  /**
   * Where a still or a snapshot takes its picture: the camera's running session, whichever way it
   * delivers H.265, else a new one that passes H.265 through (ffmpeg decodes it for the JPEG: no
   * conversion, no transcode slot). Asked for the H.264 a tile without a decoder gets, a snapshot
   * of a camera a tile plays as H.265 started a second session: a second pull, and a conversion.
   */
  pictureRequest(cameraId: string, profile: Profile): StreamRequest {
    return this.runningRequest(cameraId, profile, { cameraId, profile, acceptsHevc: true });
  }

  /** The camera's own codec as its running session learned it; null when none runs or it is not known yet. */
  cameraCodec(cameraId: string, profile: Profile): string | null {
    for (const session of this.sessions.values()) if (session.cameraId === cameraId && session.profile === profile && session.cameraCodec) return session.cameraCodec;
    return null;
  }

  /** The key of the running session that serves this request, if one does. */
  private servingId(request: StreamRequest): string | null {
    const own = key(request);
    if (this.sessions.has(own)) return own;
    const other = key({ ...request, acceptsHevc: !request.acceptsHevc });
    const session = this.sessions.get(other);
    return session && canServe(session, request.acceptsHevc) ? other : null;
  }

  /** The session that serves this request: its own, the camera's other one if that can serve it, or a new one. */
  private sessionFor(request: StreamRequest): { id: string; session: Session } {
    if (this.isClosed) throw new Error('engine is closed');
    const serving = this.servingId(request);
    if (serving) return { id: serving, session: this.sessions.get(serving)! };
    const id = key(request);
    const source = this.options.resolveSource(request.cameraId, request.profile);
    if (!source) throw new UnknownCameraError(`no camera ${request.cameraId} (${request.profile})`);
    const older = this.supersede(key({ ...request, acceptsHevc: !request.acceptsHevc }));
    const session = new Session({
      cameraId: request.cameraId,
      profile: request.profile,
      source,
      acceptsHevc: request.acceptsHevc,
      // Its first run then writes what this viewer plays, instead of learning the codec again.
      ...(older?.cameraCodec ? { cameraCodec: older.cameraCodec } : {}),
      transcodeBudget: this.transcodeBudget,
      ffmpegPath: this.options.ffmpegPath(),
      log: this.options.log,
      ...(this.options.graceMs ? { conversionGraceMs: this.options.graceMs } : {}),
      ...(this.options.stallMs ? { stallMs: this.options.stallMs } : {}),
      ...(this.options.startTimeoutMs ? { startTimeoutMs: this.options.startTimeoutMs } : {}),
    });
    session.on('status', (status) => this.emit('status', status));
    this.sessions.set(id, session);
    session.start();
    return { id, session };
  }

  /**
   * The camera's other session (`id`), now that a new one is made for it: stopped at once if no
   * one watches it, else when its last viewer leaves. Returns it (for what it learned), if any.
   */
  private supersede(id: string): Session | null {
    const older = this.sessions.get(id);
    if (!older) return null;
    if (older.viewerCount > 0) this.superseded.add(id);
    else this.closeNow(id, older);
    return older;
  }

  private closeNow(id: string, session: Session): void {
    this.cancelGrace(id);
    this.warmUntil.delete(id);
    this.superseded.delete(id);
    this.sessions.delete(id);
    void this.stop(session);
  }

  /** Switches a viewer between full rate and keyframes only; false if it is not attached. */
  setViewerMode(viewer: Viewer, mode: ViewerMode): boolean {
    for (const session of this.sessions.values()) if (session.hasViewer(viewer)) return session.setViewerMode(viewer, mode);
    return false;
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
    this.emit('cameraClosed', cameraId);
    const closing: Promise<void>[] = [];
    for (const [id, session] of this.sessions) {
      if (session.cameraId !== cameraId) continue;
      this.cancelGrace(id);
      this.superseded.delete(id);
      this.sessions.delete(id);
      closing.push(this.stop(session));
    }
    await Promise.all(closing);
  }

  async close(): Promise<void> {
    this.isClosed = true;
    for (const id of this.graceTimers.keys()) this.cancelGrace(id);
    this.warmUntil.clear();
    for (const session of this.sessions.values()) void this.stop(session);
    this.sessions.clear();
    await Promise.all([...this.stopping]);
  }

  private stop(session: Session): Promise<void> {
    const stopped = session.close().finally(() => this.stopping.delete(stopped));
    this.stopping.add(stopped);
    return stopped;
  }

  private scheduleClose(id: string): void {
    if (this.superseded.has(id)) {
      const session = this.sessions.get(id);
      if (session) return this.closeNow(id, session);
    }
    this.cancelGrace(id);
    const warm = (this.warmUntil.get(id) ?? 0) - Date.now();
    this.warmUntil.delete(id);
    const timer = setTimeout(() => {
      this.graceTimers.delete(id);
      const session = this.sessions.get(id);
      if (!session || session.viewerCount > 0) return;
      this.superseded.delete(id);
      this.sessions.delete(id);
      void this.stop(session);
    }, Math.max(this.options.graceMs ?? 5000, warm));
    this.graceTimers.set(id, timer);
  }

  private cancelGrace(id: string): void {
    const timer = this.graceTimers.get(id);
    if (timer) clearTimeout(timer);
    this.graceTimers.delete(id);
  }
}
