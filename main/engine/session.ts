/**
 * One Session per (camera, profile, viewer capability): a supervised producer (ffmpeg reading the
 * camera, or a pull of a media server's FLV) whose output is fanned out to every viewer. It
 * restarts the producer with backoff when it fails or stalls, stitches the FLV timeline across
 * restarts so open players keep going, learns the camera's codec and picks the output a viewer
 * can play, and reports honest states.
 */
import type { Profile, StreamState, StreamStatus } from '../../preload/api.js';
import { RECENTLY_LIVE_MS, RETRY, RETRY_RECENTLY_LIVE, RETRY_UNAUTHORIZED, backoffDelay } from './backoff.js';
import { redact } from '../domain/cameraUrl.js';
import type { OutputMode } from './ffmpegArgs.js';
import { FfmpegProducer } from './ffmpegProducer.js';
import type { VideoInfo } from './ffmpegLog.js';
import { FlvSplitter, setFlvTimestamp } from './flv.js';
import { FlvPullProducer } from './flvPullProducer.js';
import { GopCache } from './gopCache.js';
import type { Logger } from '../lib/logger.js';
import type { Container, Demuxer, MediaUnit } from './mediaUnit.js';
import { TsSplitter } from './mpegts.js';
import { PreRollBuffer } from './preRoll.js';
import type { Producer, ProducerExit } from './producer.js';
import { sourceSecrets, type SessionSource } from './sessionSource.js';
import { StreamMeter } from './streamMeter.js';
import type { TranscodeBudget } from './transcodeBudget.js';
import { TypedEmitter } from './typedEmitter.js';
import { ViewerSet, type Viewer, type ViewerMode } from './viewerSet.js';

export type { Viewer, ViewerMode } from './viewerSet.js';


export interface SessionOptions {
  cameraId: string;
  profile: Profile;
  source: SessionSource;
  /** null when no ffmpeg could be found: an ffmpeg-read source reports `ffmpeg_missing`. */
  ffmpegPath: string | null;
  log: Logger;
  /** Whether this session's viewers decode H.265 themselves. */
  acceptsHevc?: boolean;
  transcodeBudget?: TranscodeBudget;
  /** Seconds of video kept for clips that start before the click; 0 keeps none. */
  preRollSeconds?: number;
  /** No frame for this long while live means stalled. */
  stallMs?: number;
  /** No first frame for this long after a start means the attempt failed. */
  startTimeoutMs?: number;
  random?: () => number;
  /** Makes the producer; by default ffmpeg, or a relay pull for an `flv-pull` source. Tests inject their own. */
  createProducer?: () => Producer;
}

interface SessionEvents {
  status: StreamStatus;
  /** The first unit of a run arrived: the output container is now certain. */
  output: Container;
}

const STATS_EVERY_MS = 2000;
/** Gap put between the last frame of one run and the first of the next, in ms. */
const RESTART_GAP_MS = 40;
const TERMINAL: StreamState[] = ['ffmpeg_missing', 'bad_url'];


export class Session extends TypedEmitter<SessionEvents> {
  readonly cameraId: string;
  readonly profile: Profile;
  private readonly options: Required<Omit<SessionOptions, 'ffmpegPath' | 'transcodeBudget' | 'createProducer'>> &
    Pick<SessionOptions, 'ffmpegPath' | 'transcodeBudget'>;
  private readonly viewers = new ViewerSet();
  private readonly cache = new GopCache();
  private readonly meter = new StreamMeter();
  private readonly preRoll: PreRollBuffer;
  private readonly producer: Producer;
  private readonly secrets: string[];
  private demuxer: Demuxer = new FlvSplitter();
  private mode: OutputMode = 'flv-copy';
  private deliveredContainer: Container | null = null;
  private outputSeenThisRun = false;
  private holdsTranscode = false;
  private info: VideoInfo | null = null;
  private sourceCodec: string | null = null;
  private state: StreamState = 'idle';
  private since = Date.now();
  private detail: string | null = null;
  private lastFrameAt: number | null = null;
  private attempt = 0;
  private retryAt: number | null = null;
  private liveThisRun = false;
  private stalledThisRun = false;
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
    this.options = { stallMs: 4000, startTimeoutMs: 15_000, random: Math.random, acceptsHevc: false, preRollSeconds: 10, ...options };
    this.preRoll = new PreRollBuffer(this.options.preRollSeconds);
    this.secrets = sourceSecrets(options.source);
    const { source, ffmpegPath, log } = options;
    const logFields = { camera: this.cameraId, profile: this.profile };
    this.producer =
      options.createProducer?.() ??
      (source.kind === 'flv-pull' ? new FlvPullProducer({ source, log, logFields }) : new FfmpegProducer({ ffmpegPath, source, log, logFields }));
    this.producer.on('data', (chunk) => this.onData(chunk));
    this.producer.on('exit', (exit) => this.onExit(exit));
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** The ffmpeg process of the current run; null between runs and for a relay pull. */
  get pid(): number | null {
    return this.producer.pid;
  }

  get viewerCount(): number {
    return this.viewers.size;
  }

  /** The container viewers get from the current (or next) run. */
  get container(): Container {
    return this.mode === 'ts-copy' ? 'mpegts' : 'flv';
  }

  /** Whether the current state is final until the camera's settings change. */
  get terminal(): boolean {
    return TERMINAL.includes(this.state);
  }

  /** True once a run delivered output, or the session is failing and will not know soon. */
  get outputSettled(): boolean {
    return this.outputSeenThisRun || (this.state !== 'starting' && this.state !== 'idle');
  }

  start(): void {
    if (this.isClosed || this.producer.running || this.retryTimer) return;
    this.setState('starting', null);
    this.run();
  }

  attach(viewer: Viewer, mode: ViewerMode = 'full'): void {
    if (this.isClosed) throw new Error('session is closed');
    if (this.viewers.has(viewer)) return;
    this.viewers.add(viewer, this.cache, mode);
    this.emitStatus();
  }

  /** Full rate, or keyframes only (a tile under decode pressure); resumes on a keyframe. */
  setViewerMode(viewer: Viewer, mode: ViewerMode): boolean {
    return this.viewers.setMode(viewer, mode);
  }

  hasViewer(viewer: Viewer): boolean {
    return this.viewers.has(viewer);
  }

  /**
   * Attaches a recorder: it first gets the headers and the pre-roll (the last seconds, from a
   * keyframe), then the live stream. Returns when the pre-roll's first frame arrived, or null
   * when there is none yet (the recorder then starts at the next keyframe, like any viewer).
   */
  attachRecorder(viewer: Viewer): number | null {
    const { startedAt, units } = this.preRoll.snapshot();
    if (startedAt === null || units.length === 0 || this.cache.headerUnits().length === 0) {
      this.attach(viewer);
      return null;
    }
    for (const chunk of [...this.cache.headerUnits(), ...units]) viewer.send(chunk);
    this.viewers.addStarted(viewer);
    this.emitStatus();
    return startedAt;
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
      width: this.info?.width ?? null,
      height: this.info?.height ?? null,
      codec: this.info?.codec ?? null,
      transcoding: this.mode === 'flv-transcode' && this.producer.running,
      viewers: this.viewers.size,
      attempt: this.attempt,
      retryAt: this.retryAt,
    };
  }

  /** Stops the producer and every timer, and ends every viewer. Safe to call any number of times. */
  close(): Promise<void> {
    if (this.isClosed) return this.producer.stopped();
    this.isClosed = true;
    this.clearTimers();
    this.viewers.endAll();
    this.cache.clear();
    this.preRoll.clear();
    this.releaseTranscode();
    const gone = this.producer.stopped();
    this.producer.stop();
    this.state = 'idle';
    this.since = Date.now();
    this.emit('status', this.status());
    return gone;
  }

  // ------------------------------------------------------------------ one run

  private run(): void {
    this.retryTimer = null;
    this.retryAt = null;
    if (this.options.source.problem) return this.setState('bad_url', redact(this.options.source.problem, this.secrets));
    this.mode = this.chooseMode();
    if (this.mode === 'flv-transcode' && !this.acquireTranscode()) {
      return this.scheduleRetry('unsupported_codec', 'transcode budget: too many cameras are being converted at once');
    }
    this.demuxer = this.mode === 'ts-copy' ? new TsSplitter() : new FlvSplitter();
    this.liveThisRun = this.stalledThisRun = this.outputSeenThisRun = false;
    this.runFirstTs = null;
    this.cache.clear();
    this.preRoll.clear();
    this.viewers.resync();
    this.producer.start(this.mode);
    this.startTimer = setTimeout(() => this.onStartTimeout(), this.options.startTimeoutMs);
    this.watchdog = setInterval(() => this.checkHealth(), 1000);
  }

  private chooseMode(): OutputMode {
    const codec = this.sourceCodec;
    let wanted: OutputMode = 'flv-transcode';
    if (codec === null || codec === 'h264') wanted = 'flv-copy';
    else if (codec === 'hevc' && this.options.acceptsHevc) wanted = 'ts-copy';
    // A relay pull delivers what the relay sends (and refuses what the wall cannot play as is).
    return this.producer.outputs.includes(wanted) ? wanted : 'flv-copy';
  }

  private onData(chunk: Buffer): void {
    if (this.isClosed) return;
    let units: MediaUnit[];
    try {
      units = this.demuxer.push(chunk);
    } catch (error) {
      this.options.log.warn('stream is not the expected container', { camera: this.cameraId, error: String(error) });
      // Said in the status too: the log alone leaves the clerk looking at a bare "reconnecting".
      this.producer.stop(`the stream is not ${this.container === 'flv' ? 'FLV' : 'MPEG-TS'}`);
      return;
    }
    if (units.length > 0 && !this.outputSeenThisRun) this.onFirstOutput();
    const now = Date.now();
    for (const unit of units) this.forward(unit, now);
  }

  private onFirstOutput(): void {
    this.outputSeenThisRun = true;
    const container = this.container;
    // Players were made for the other container: they must reconnect and be made anew.
    if (this.deliveredContainer !== null && this.deliveredContainer !== container) this.viewers.endAll();
    this.deliveredContainer = container;
    this.emit('output', container);
  }

  private forward(unit: MediaUnit, now: number): void {
    if (unit.slot === 'flv-header') {
      this.cache.add(unit); // open FLV players already have a header: only newcomers get this one
      return;
    }
    if (unit.frameStart && unit.timestamp !== null) this.stitchTimestamp(unit.bytes, unit.timestamp);
    this.cache.add(unit);
    if (this.options.preRollSeconds > 0) this.preRoll.add(unit, now);
    this.meter.record(now, unit.bytes.length, unit.frameStart);
    if (unit.frameStart) this.onFrame(now);
    this.viewers.forward(unit, this.cache);
  }

  /** Keeps one continuous FLV timeline across restarts, so open players simply continue. */
  private stitchTimestamp(bytes: Buffer, timestamp: number): void {
    if (this.runFirstTs === null) {
      this.runFirstTs = timestamp;
      this.timestampShift = this.lastOutTs === null ? 0 : this.lastOutTs + RESTART_GAP_MS - timestamp;
    }
    const out = timestamp + this.timestampShift;
    setFlvTimestamp(bytes, out);
    this.lastOutTs = out;
  }

  private onFrame(now: number): void {
    this.lastFrameAt = now;
    if (this.liveThisRun) return;
    this.liveThisRun = true;
    this.attempt = 0;
    if (this.startTimer) clearTimeout(this.startTimer);
    this.startTimer = null;
    this.learnVideoInfo();
    this.setState('live', null);
  }

  private checkHealth(): void {
    if (!this.producer.running) return;
    const now = Date.now();
    if (this.liveThisRun && this.lastFrameAt !== null && now - this.lastFrameAt > this.options.stallMs) {
      // A frozen camera keeps its RTSP session open and ffmpeg never exits by itself; a relay
      // whose publisher froze keeps its FLV connection open the same way.
      this.stalledThisRun = true;
      this.setState('stalled', null);
      this.producer.stop();
      return;
    }
    if (this.state === 'live' && now - this.since >= STATS_EVERY_MS) this.emitStatus();
  }

  private onStartTimeout(): void {
    if (!this.producer.running || this.liveThisRun) return;
    this.producer.stop(`no picture within ${Math.round(this.options.startTimeoutMs / 1000)} s`);
  }

  private onExit(exit: ProducerExit): void {
    this.clearTimers();
    // Between runs nothing is converted: a camera away for hours must not keep another from the slot.
    this.releaseTranscode();
    if (this.isClosed) return;
    const detail = redact(exit.detail, this.secrets);
    if (exit.failure === 'ffmpeg_missing' || exit.failure === 'bad_url') return this.setState(exit.failure, detail || null);
    const modeBefore = this.mode;
    this.learnVideoInfo();
    if (this.chooseMode() !== modeBefore && !this.liveThisRun) {
      // The camera's codec is now known and needs another output: try again at once.
      this.retryTimer = setTimeout(() => this.run(), 0);
      return;
    }
    if (this.liveThisRun && this.container === 'mpegts') this.viewers.endAll(); // TS timelines are not stitched
    const failure: StreamState = this.stalledThisRun
      ? 'stalled'
      : (exit.failure ?? (this.liveThisRun || this.attempt < 3 ? 'reconnecting' : 'offline'));
    this.scheduleRetry(failure, detail);
  }

  private scheduleRetry(failure: StreamState, detail: string): void {
    this.attempt += 1;
    const recentlyLive = this.lastFrameAt !== null && Date.now() - this.lastFrameAt < RECENTLY_LIVE_MS;
    const policy = failure === 'unauthorized' ? RETRY_UNAUTHORIZED : recentlyLive ? RETRY_RECENTLY_LIVE : RETRY;
    const delay = backoffDelay(this.attempt, policy, this.options.random());
    this.retryAt = Date.now() + delay;
    this.setState(failure, detail);
    this.retryTimer = setTimeout(() => this.run(), delay);
  }

  // ------------------------------------------------------------------ helpers

  private learnVideoInfo(): void {
    const info = this.producer.videoInfo();
    if (!info) return;
    this.info = info;
    this.sourceCodec = info.inputCodec;
  }

  private acquireTranscode(): boolean {
    if (this.holdsTranscode) return true;
    this.holdsTranscode = this.options.transcodeBudget?.acquire() ?? true;
    return this.holdsTranscode;
  }

  private releaseTranscode(): void {
    if (!this.holdsTranscode) return;
    this.holdsTranscode = false;
    this.options.transcodeBudget?.release();
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

  private clearTimers(): void {
    for (const timer of [this.retryTimer, this.startTimer]) if (timer) clearTimeout(timer);
    if (this.watchdog) clearInterval(this.watchdog);
    this.retryTimer = this.startTimer = this.watchdog = null;
  }
}
