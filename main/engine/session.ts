/**
 * One Session per (camera, profile): a supervised ffmpeg child whose FLV output is fanned out to
 * every viewer of that camera. It restarts ffmpeg with backoff when it fails or stalls, stitches
 * the timeline across restarts so open players keep going, and reports honest states.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Profile, StreamState, StreamStatus } from '../../preload/api.js';
import { RETRY, RETRY_UNAUTHORIZED, backoffDelay } from './backoff.js';
import { redact } from './cameraUrl.js';
import { buildFfmpegArgs, type SessionSource } from './ffmpegArgs.js';
import { classifyFailure, parseVideoInfo, type VideoInfo } from './ffmpegLog.js';
import { FlvSplitter, TAG_VIDEO, type FlvEvent } from './flv.js';
import { GopCache } from './gopCache.js';
import { StreamMeter } from './streamMeter.js';
import { childRegistry } from './childRegistry.js';
import { TypedEmitter } from './typedEmitter.js';
import type { Logger } from './logger.js';

export interface Viewer {
  send(chunk: Buffer): void;
  /** Bytes accepted but not yet written to the network. */
  readonly backlog: number;
  /** The session is gone (camera removed or edited): close the connection. */
  end(): void;
}

export interface SessionOptions {
  cameraId: string;
  profile: Profile;
  source: SessionSource;
  /** null when no ffmpeg could be found: the session reports `ffmpeg_missing`. */
  ffmpegPath: string | null;
  log: Logger;
  /** No frame for this long while live means stalled. */
  stallMs?: number;
  /** No first frame for this long after a start means the attempt failed. */
  startTimeoutMs?: number;
  random?: () => number;
}

interface SessionEvents {
  status: StreamStatus;
}

/** A viewer more than this far behind is skipped to the next keyframe. */
const MAX_VIEWER_BACKLOG = 2 * 1024 * 1024;
const LOG_TAIL_BYTES = 8192;
const KILL_GRACE_MS = 2000;
const STATS_EVERY_MS = 2000;
/** Gap put between the last frame of one ffmpeg run and the first of the next, in ms. */
const RESTART_GAP_MS = 40;

type ViewerPhase = { phase: 'waiting' } | { phase: 'streaming'; needKeyframe: boolean };

export class Session extends TypedEmitter<SessionEvents> {
  readonly cameraId: string;
  readonly profile: Profile;
  private readonly options: Required<Omit<SessionOptions, 'ffmpegPath'>> & { ffmpegPath: string | null };
  private readonly viewers = new Map<Viewer, ViewerPhase>();
  private readonly cache = new GopCache();
  private readonly meter = new StreamMeter();
  private child: ChildProcess | null = null;
  private splitter = new FlvSplitter();
  private logTail = '';
  private input: VideoInfo | null = null;
  private state: StreamState = 'idle';
  private since = Date.now();
  private detail: string | null = null;
  private lastFrameAt: number | null = null;
  private attempt = 0;
  private retryAt: number | null = null;
  private liveThisRun = false;
  private stalledThisRun = false;
  private wideProbe = false;
  private timestampShift = 0;
  private runFirstTs: number | null = null;
  private lastOutTs: number | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private startTimer: NodeJS.Timeout | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private isClosed = false;

  constructor(options: SessionOptions) {
    super();
    this.cameraId = options.cameraId;
    this.profile = options.profile;
    this.options = { stallMs: 5000, startTimeoutMs: 15_000, random: Math.random, ...options };
  }

  get closed(): boolean {
    return this.isClosed;
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  get viewerCount(): number {
    return this.viewers.size;
  }

  start(): void {
    if (this.isClosed || this.child || this.retryTimer) return;
    this.setState('starting', null);
    this.runFfmpeg();
  }

  attach(viewer: Viewer): void {
    if (this.isClosed) throw new Error('session is closed');
    if (this.viewers.has(viewer)) return;
    if (this.cache.ready) {
      for (const chunk of this.cache.snapshot()) viewer.send(chunk);
      this.viewers.set(viewer, { phase: 'streaming', needKeyframe: false });
    } else {
      this.viewers.set(viewer, { phase: 'waiting' });
    }
    this.emitStatus();
  }

  detach(viewer: Viewer): void {
    if (this.viewers.delete(viewer)) this.emitStatus();
  }

  status(): StreamStatus {
    const { bitrateKbps, fps } = this.state === 'live' ? this.meter.read(Date.now()) : { bitrateKbps: null, fps: null };
    return {
      cameraId: this.cameraId,
      profile: this.profile,
      state: this.state,
      detail: this.detail,
      since: this.since,
      lastFrameAt: this.lastFrameAt,
      bitrateKbps,
      fps,
      width: this.input?.width ?? null,
      height: this.input?.height ?? null,
      codec: this.input?.codec ?? null,
      viewers: this.viewers.size,
      attempt: this.attempt,
      retryAt: this.retryAt,
    };
  }

  /** Stops ffmpeg and every timer. Safe to call any number of times. */
  close(): Promise<void> {
    if (this.isClosed) return this.childGone();
    this.isClosed = true;
    this.clearTimers();
    for (const viewer of this.viewers.keys()) viewer.end();
    this.viewers.clear();
    this.cache.clear();
    const gone = this.childGone();
    this.stopChild();
    this.state = 'idle';
    this.since = Date.now();
    this.emit('status', this.status());
    return gone;
  }

  // ------------------------------------------------------------------ one ffmpeg run

  private runFfmpeg(): void {
    this.retryTimer = null;
    this.retryAt = null;
    const { ffmpegPath, source, log } = this.options;
    if (!ffmpegPath) {
      this.setState('ffmpeg_missing', null);
      return;
    }
    this.splitter = new FlvSplitter();
    this.logTail = '';
    this.liveThisRun = false;
    this.stalledThisRun = false;
    this.runFirstTs = null;
    this.cache.clear();
    for (const [viewer, phase] of this.viewers) {
      if (phase.phase === 'streaming') this.viewers.set(viewer, { phase: 'streaming', needKeyframe: true });
    }
    const args = buildFfmpegArgs(source, { wideProbe: this.wideProbe });
    const child = spawn(ffmpegPath, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    this.child = child;
    childRegistry.add(child);
    log.info('ffmpeg started', { camera: this.cameraId, profile: this.profile, pid: child.pid ?? null, attempt: this.attempt });
    child.stdout!.on('data', (chunk: Buffer) => this.onStdout(child, chunk));
    child.stderr!.on('data', (chunk: Buffer) => {
      this.logTail = (this.logTail + chunk.toString('utf8')).slice(-LOG_TAIL_BYTES);
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'EACCES') {
        childRegistry.delete(child);
        this.child = null;
        this.clearTimers();
        this.setState('ffmpeg_missing', `${error.code}: ${ffmpegPath}`);
      }
    });
    child.once('exit', (code, signal) => this.onExit(child, code, signal));
    this.startTimer = setTimeout(() => this.onStartTimeout(child), this.options.startTimeoutMs);
    this.watchdog = setInterval(() => this.checkHealth(child), 1000);
  }

  private onStdout(child: ChildProcess, chunk: Buffer): void {
    if (child !== this.child) return;
    let events: FlvEvent[];
    try {
      events = this.splitter.push(chunk);
    } catch (error) {
      this.options.log.warn('ffmpeg output is not FLV', { camera: this.cameraId, error: String(error) });
      this.stopChild();
      return;
    }
    const now = Date.now();
    for (const event of events) this.forward(event, now);
  }

  private forward(event: FlvEvent, now: number): void {
    if (event.kind === 'header') {
      this.cache.add(event); // open players already have a header: only newcomers get this one
      return;
    }
    const isFrame = event.type === TAG_VIDEO && !event.sequenceHeader;
    if (isFrame) this.stitchTimestamp(event.bytes, event.timestamp);
    this.cache.add(event);
    this.meter.record(now, event.bytes.length, isFrame);
    if (isFrame) this.onFrame(now);
    for (const [viewer, phase] of this.viewers) {
      if (phase.phase === 'waiting') {
        if (!this.cache.ready) continue;
        for (const chunk of this.cache.snapshot()) viewer.send(chunk);
        this.viewers.set(viewer, { phase: 'streaming', needKeyframe: false });
        continue;
      }
      if (!isFrame) {
        viewer.send(event.bytes); // sequence headers and metadata always go through
        continue;
      }
      if (viewer.backlog > MAX_VIEWER_BACKLOG) {
        phase.needKeyframe = true; // a slow viewer skips ahead; it never holds up the others
        continue;
      }
      if (phase.needKeyframe && !event.keyframe) continue;
      phase.needKeyframe = false;
      viewer.send(event.bytes);
    }
  }

  /** Keeps one continuous timeline across ffmpeg restarts, so open players simply continue. */
  private stitchTimestamp(bytes: Buffer, timestamp: number): void {
    if (this.runFirstTs === null) {
      this.runFirstTs = timestamp;
      this.timestampShift = this.lastOutTs === null ? 0 : this.lastOutTs + RESTART_GAP_MS - timestamp;
    }
    const out = Math.max(0, timestamp + this.timestampShift) >>> 0;
    bytes.writeUIntBE(out & 0xffffff, 4, 3);
    bytes[7] = (out >>> 24) & 0xff;
    this.lastOutTs = out;
  }

  private onFrame(now: number): void {
    this.lastFrameAt = now;
    if (this.liveThisRun) return;
    this.liveThisRun = true;
    this.attempt = 0;
    if (this.startTimer) clearTimeout(this.startTimer);
    this.startTimer = null;
    this.input = parseVideoInfo(redact(this.logTail, this.secrets())) ?? this.input;
    this.setState('live', null);
  }

  private checkHealth(child: ChildProcess): void {
    if (child !== this.child) return;
    const now = Date.now();
    if (this.liveThisRun && this.lastFrameAt !== null && now - this.lastFrameAt > this.options.stallMs) {
      // A frozen camera keeps its RTSP session open and ffmpeg never exits by itself.
      this.stalledThisRun = true;
      this.setState('stalled', null);
      this.stopChild();
      return;
    }
    if (this.state === 'live' && now - this.since >= STATS_EVERY_MS) this.emitStatus();
  }

  private onStartTimeout(child: ChildProcess): void {
    if (child !== this.child || this.liveThisRun) return;
    this.logTail += `\n(no picture within ${Math.round(this.options.startTimeoutMs / 1000)} s)`;
    this.stopChild();
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    childRegistry.delete(child);
    if (child !== this.child) return;
    this.child = null;
    this.clearTimers();
    if (this.isClosed) return;
    const log = redact(this.logTail, this.secrets());
    this.options.log.info('ffmpeg exited', { camera: this.cameraId, profile: this.profile, code, signal });
    const named = classifyFailure(log);
    if (named === 'unsupported_codec' && !this.wideProbe && /Could not find codec parameters/.test(log)) {
      this.wideProbe = true; // some cameras need more than 32 bytes of probing to describe themselves
    }
    const failure: StreamState = this.stalledThisRun
      ? 'stalled'
      : (named ?? (this.liveThisRun || this.attempt < 3 ? 'reconnecting' : 'offline'));
    this.attempt += 1;
    const policy = failure === 'unauthorized' ? RETRY_UNAUTHORIZED : RETRY;
    const delay = backoffDelay(this.attempt, policy, this.options.random());
    this.retryAt = Date.now() + delay;
    this.setState(failure, lastLines(log, 6) || `ffmpeg exited (code ${code ?? signal})`);
    this.retryTimer = setTimeout(() => this.runFfmpeg(), delay);
  }

  // ------------------------------------------------------------------ helpers

  private secrets(): string[] {
    const { password } = this.options.source.credentials;
    return password ? [password] : [];
  }

  private setState(state: StreamState, detail: string | null): void {
    if (state !== this.state) this.since = Date.now();
    this.state = state;
    this.detail = detail;
    if (state !== 'live') this.meter.reset();
    this.emitStatus();
  }

  private emitStatus(): void {
    if (!this.isClosed) this.emit('status', this.status());
  }

  private stopChild(): void {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const hard = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    child.once('exit', () => clearTimeout(hard));
  }

  private childGone(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => child.once('exit', () => resolve()));
  }

  private clearTimers(): void {
    for (const timer of [this.retryTimer, this.startTimer]) if (timer) clearTimeout(timer);
    if (this.watchdog) clearInterval(this.watchdog);
    this.retryTimer = this.startTimer = this.watchdog = null;
  }
}

function lastLines(text: string, count: number): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(-count)
    .join('\n');
}
