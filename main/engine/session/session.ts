/**
 * One Session per (camera, profile, viewer capability): a supervised producer (ffmpeg reading the
 * camera, or a pull of a media server's FLV) whose output is fanned out to every viewer. It
 * restarts the producer with backoff when it fails or stalls, learns the camera's codec and picks
 * the output a viewer can play, and reports honest states. Its decisions are pure functions beside
 * it: sessionExit (what follows a run), sessionRetry (when, and what to call the camera meanwhile)
 * and sessionRun (a run's output, state and watchdog); what viewers get is sessionBroadcast.
 */
import type { Profile, StreamState, StreamStatus } from '../../../preload/api.js';
import type { OutputMode } from '../producer/ffmpegArgs.js';
import { redact } from '../../domain/cameraUrl.js';
import { FfmpegProducer } from '../producer/ffmpegProducer.js';
import type { VideoInfo } from '../producer/ffmpegLog.js';
import { FlvPullProducer } from '../producer/flvPullProducer.js';
import type { Container, MediaUnit } from '../container/mediaUnit.js';
import type { Producer, ProducerExit } from '../producer/producer.js';
import { SessionBroadcast } from './sessionBroadcast.js';
import { afterExit, isFinal } from './sessionExit.js';
import { planRetry, type RetryHistory, type RetryPlan } from './sessionRetry.js';
import { chooseOutput, containerOf, newRunState, originalContainerOf, stopRunTimers, watchRun, type RunState } from './sessionRun.js';
import { sourceSecrets } from '../source/sessionSource.js';
import { SESSION_DEFAULTS, type CurrentPicture, type ResolvedSessionOptions, type SessionEvents, type SessionOptions } from './sessionTypes.js';
import { OriginalFeed } from '../fanout/originalFeed.js';
import { StreamMeter } from '../fanout/streamMeter.js';
import { TypedEmitter } from '../../lib/typedEmitter.js';
import type { Viewer, ViewerMode } from '../fanout/viewerSet.js';

export type { Viewer, ViewerMode } from '../fanout/viewerSet.js';
export type { SessionOptions } from './sessionTypes.js';

/** How long a `prepare` counts as a tile on its way: it opens its socket within seconds. */
const EXPECTED_VIEWER_MS = 15_000;
/** How often a running session checks its camera still sends frames. */
const WATCHDOG_MS = 500;
/** A live session pushes its figures (fps, bitrate, viewers) this often. */
const STATS_EVERY_MS = 1000;
/** The tiles' words (the details click) when no conversion slot is free for them. */
const TRANSCODE_BUDGET_FULL = 'transcode budget: too many cameras are being converted at once';

/** Tiles refused for want of a conversion slot while the recorders' copy runs: tried again like a failed run. */
interface TileRefusalState {
  attempt: number;
  retryAt: number | null;
  timer: NodeJS.Timeout | null;
}

export class Session extends TypedEmitter<SessionEvents> {
  readonly cameraId: string;
  readonly profile: Profile;
  private readonly options: ResolvedSessionOptions;
  private readonly broadcast: SessionBroadcast;
  /** Recorders: the camera's video as it arrives, whatever the tiles get. */
  private readonly originals = new OriginalFeed();
  /** A tile was prepared for and may attach until then: its pictures are wanted already. */
  private expectedUntil = 0;
  /** When the watchdog last pushed a live session's figures. */
  private reportedAt = 0;
  /** When only recorders are left watching a conversion: ends it after the grace period. */
  private conversionCheck: NodeJS.Timeout | null = null;
  private readonly meter = new StreamMeter();
  private readonly producer: Producer;
  private readonly secrets: string[];
  /** The current run, or the last one between runs. */
  private run: RunState = newRunState('flv-copy');
  /** What the producer last learned of the camera's video; its codec picks each run's output. */
  private info: VideoInfo | null = null;
  private state: StreamState = 'idle';
  private since = Date.now();
  private detail: string | null = null;
  private lastFrameAt: number | null = null;
  private attempt = 0;
  private retryAt: number | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  /**
   * Set while the tiles need a conversion the budget has no slot for and recorders watch: the run
   * copies the camera's H.265 for the recorders, the tiles get nothing and are told why. Recording
   * never waits on the tiles' budget (issue 17).
   */
  private refusal: TileRefusalState | null = null;
  private isClosed = false;

  constructor(options: SessionOptions) {
    super();
    this.cameraId = options.cameraId;
    this.profile = options.profile;
    this.options = { ...SESSION_DEFAULTS, ...options };
    this.broadcast = new SessionBroadcast(this.options.preRollSeconds);
    this.secrets = sourceSecrets(options.source);
    const { source, ffmpegPath, log } = options;
    const logFields = { camera: this.cameraId, profile: this.profile };
    this.producer =
      options.createProducer?.() ??
      (source.kind === 'flv-pull' ? new FlvPullProducer({ source, log, logFields }) : new FfmpegProducer({ ffmpegPath, source, log, logFields }));
    this.producer.on('data', (chunk) => this.onData(chunk));
    this.producer.on('original', (chunk) => this.onOriginal(chunk));
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
    return this.broadcast.size + this.originals.size;
  }

  /** Made for viewers that decode H.265 (an H.265 camera is then passed through, not converted). */
  get acceptsHevc(): boolean {
    return this.options.acceptsHevc;
  }

  /** The camera's own codec, once a run has learned it. */
  get cameraCodec(): string | null {
    return (this.producer.videoInfo() ?? this.info)?.inputCodec ?? this.options.cameraCodec ?? null;
  }

  /** The container viewers get from the current (or next) run. */
  get container(): Container {
    // Refused tiles are made for the conversion they will get once a slot frees.
    if (this.refusal) return containerOf('flv-transcode');
    return containerOf(this.run.switching ? this.outputFor(this.cameraCodec) : this.run.output);
  }

  /** The container recorders get the camera's video in (`attachOriginal`), in the current run. */
  get originalContainer(): Container {
    return originalContainerOf(this.run.output);
  }

  /**
   * The picture now when this run gives the tiles none of its video — an H.265 camera copied for its
   * recorders alone, no tile yet or the tiles refused a conversion: the recorders' cached GOP, the
   * camera's own video, which ffmpeg decodes for a still with no conversion slot. Asked of the
   * tiles' side instead, a still waited for a picture that never came (10 s), or claimed a
   * conversion for a tile that is not there. Null when the tiles are served: their picture is it.
   */
  recordersPicture(keyframeOnly: boolean): CurrentPicture | null {
    if (this.options.acceptsHevc || this.run.output !== 'ts-copy') return null;
    const picture = this.originals.picture(keyframeOnly);
    if (picture) return { ok: true, ...picture };
    return { ok: false, why: this.refusal ? TRANSCODE_BUDGET_FULL : `no picture yet: the camera is ${this.state}` };
  }

  /** Whether the current state is final until the camera's settings change. */
  get terminal(): boolean {
    return isFinal(this.state);
  }

  /** True once a run delivered output, or the session is failing and will not know soon. */
  get outputSettled(): boolean {
    if (this.run.switching) return false;
    return this.run.outputSeen || (this.state !== 'starting' && this.state !== 'idle');
  }

  start(): void {
    if (this.isClosed || this.producer.running || this.retryTimer) return;
    this.setState('starting', null);
    this.startRun();
  }

  attach(viewer: Viewer, mode: ViewerMode = 'full'): void {
    if (this.isClosed) throw new Error('session is closed');
    if (this.broadcast.has(viewer)) return;
    this.broadcast.add(viewer, mode);
    this.emitStatus();
    this.reconsiderOutput();
  }

  /**
   * Adds a viewer of the camera's video as it arrives (a recorder): it never gets a conversion.
   * When it is the only kind watching, an H.265 camera is copied, not converted for nobody.
   */
  attachOriginal(viewer: Viewer): void {
    if (this.isClosed) throw new Error('session is closed');
    if (this.originals.has(viewer)) return;
    this.originals.add(viewer);
    this.emitStatus();
    this.scheduleConversionCheck();
  }

  /** A tile is on its way (its player is being made): from now its pictures are wanted. */
  expectViewer(): void {
    this.expectedUntil = Date.now() + EXPECTED_VIEWER_MS;
    this.reconsiderOutput();
    this.scheduleConversionCheck();
  }

  /** Full rate, or keyframes only (a tile under decode pressure); resumes on a keyframe. */
  setViewerMode(viewer: Viewer, mode: ViewerMode): boolean {
    return this.broadcast.setMode(viewer, mode);
  }

  hasViewer(viewer: Viewer): boolean {
    return this.broadcast.has(viewer) || this.originals.has(viewer);
  }

  /**
   * Attaches a recorder: it first gets the headers and the pre-roll (the last seconds, from a
   * keyframe), then the live stream. Returns when the pre-roll's first frame arrived, or null
   * when there is none yet (the recorder then starts at the next keyframe, like any viewer).
   */
  attachRecorder(viewer: Viewer): number | null {
    const startedAt = this.broadcast.addRecorder(viewer);
    if (startedAt === null) this.attach(viewer);
    else this.emitStatus();
    return startedAt;
  }

  detach(viewer: Viewer): void {
    if (this.broadcast.delete(viewer)) {
      this.emitStatus();
      if (this.broadcast.size === 0) this.scheduleConversionCheck();
    }
    if (this.originals.delete(viewer)) this.emitStatus();
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
      cameraCodec: this.cameraCodec,
      transcoding: this.run.output === 'flv-transcode' && this.producer.running,
      viewers: this.viewerCount,
      attempt: this.attempt,
      retryAt: this.retryAt,
      ...(this.refusal ? { refused: { state: 'unsupported_codec' as const, detail: TRANSCODE_BUDGET_FULL, retryAt: this.refusal.retryAt } } : {}),
    };
  }

  /** Stops the producer and every timer, and ends every viewer. Safe to call any number of times. */
  close(): Promise<void> {
    if (this.isClosed) return this.producer.stopped();
    this.isClosed = true;
    this.clearTimers();
    if (this.conversionCheck) clearTimeout(this.conversionCheck);
    this.conversionCheck = null;
    this.broadcast.close();
    this.originals.close();
    this.clearRefusal();
    this.releaseTranscode();
    const gone = this.producer.stopped();
    this.producer.stop();
    this.state = 'idle';
    this.since = Date.now();
    this.emit('status', this.status());
    return gone;
  }

  // ------------------------------------------------------------------ one run

  private startRun(): void {
    this.retryTimer = null;
    this.retryAt = null;
    if (this.options.source.problem) return this.setState('bad_url', redact(this.options.source.problem, this.secrets));
    const previousOutput = this.run.output;
    const wanted = this.outputFor(this.info?.inputCodec ?? this.options.cameraCodec ?? null);
    const slot = wanted === 'flv-transcode' && (this.options.transcodeBudget?.acquire() ?? true);
    // No slot to convert for the tiles: recorders still get the camera's H.265 as it arrives.
    const tilesRefused = wanted === 'flv-transcode' && !slot && this.recordersCarryOn();
    const run = (this.run = newRunState(tilesRefused ? 'ts-copy' : wanted));
    run.holdsTranscode = slot;
    // Another output than the last run's (a tile came to an H.265 camera or left it, whether the run
    // was ended for it or ended by itself before it went live): recorders end their segment and say so.
    const switched = run.output !== previousOutput;
    if (run.output === 'flv-transcode' && !slot) {
      this.clearRefusal(); // no recorder: the session itself waits for a slot, in the same words
      return this.retryLater(planRetry('unsupported_codec', TRANSCODE_BUDGET_FULL, this.retryHistory()));
    }
    if (tilesRefused) this.refuseTiles();
    else {
      this.clearRefusal();
      this.broadcast.beginRun(containerOf(run.output));
    }
    this.originals.beginRun(originalContainerOf(run.output), switched);
    // MPEG-TS carries H.265 as it arrives: the recorders' copy beside a conversion (other codecs are not recorded).
    this.producer.start(run.output, { original: this.cameraCodec === 'hevc' });
    run.startTimer = setTimeout(() => this.onStartTimeout(), this.options.startTimeoutMs);
    // Every half second: a frozen camera is called stalled within stallMs + 0.5 s (the promise is
    // 5 s), with room for a busy machine's late timer; a 1 s tick left none (5047 ms seen at load 8).
    run.watchdog = setInterval(() => this.checkHealth(), WATCHDOG_MS);
  }

  private outputFor(codec: string | null) {
    return chooseOutput(codec, this.options.acceptsHevc, this.producer.outputs, this.picturesWanted());
  }

  /** The output the next run will write: what the viewers need, or the recorders' copy when no slot could convert it. */
  private plannedOutput(codec: string | null): OutputMode {
    const wanted = this.outputFor(codec);
    return wanted === 'flv-transcode' && !this.transcodeSlotFree() && this.recordersCarryOn() ? 'ts-copy' : wanted;
  }

  /** Recorders watch and can be fed the camera's video as it arrives, whatever the tiles get. */
  private recordersCarryOn(): boolean {
    return this.originals.size > 0 && this.producer.outputs.includes('ts-copy');
  }

  private transcodeSlotFree(): boolean {
    return this.options.transcodeBudget?.free ?? true;
  }

  /** Someone wants pictures, not only the camera's video as it arrives: a tile, a tile on its way, or nobody yet at all. */
  private picturesWanted(): boolean {
    return this.broadcast.size > 0 || Date.now() < this.expectedUntil || this.originals.size === 0;
  }

  /**
   * Ends the run when its output no longer fits who watches — a tile came to an H.265 camera only
   * recorders had, or only recorders are left on its conversion — and the next run starts at once
   * (one reconnect to the camera; never a second pull).
   */
  private reconsiderOutput(): void {
    if (this.isClosed || !this.producer.running || this.run.switching || !this.run.outputSeen) return;
    // Only H.265 is copied for recorders and converted for tiles. Any other camera keeps its run: a
    // demo camera's generated input (rawvideo) chose another output than its run's and every tile's
    // attach ended the run, so 3 of 4 demo tiles never went live.
    if (this.cameraCodec !== 'hevc') return;
    const wanted = this.outputFor(this.cameraCodec);
    if (wanted === this.run.output) return this.clearRefusal();
    // A conversion the budget has no slot for: the run (and the recording) goes on untouched, the tiles are told why.
    if (wanted === 'flv-transcode' && !this.transcodeSlotFree() && this.recordersCarryOn()) return this.refuseTiles();
    this.run.switching = true;
    this.producer.stop('the viewers need another output');
  }

  /** Looks again once a tile on its way and the grace period have passed: a conversion only recorders watch ends. */
  private scheduleConversionCheck(): void {
    if (this.isClosed || this.originals.size === 0 || this.broadcast.size > 0) return;
    if (this.conversionCheck) clearTimeout(this.conversionCheck);
    const wait = Math.max(0, this.expectedUntil - Date.now()) + this.options.conversionGraceMs;
    this.conversionCheck = setTimeout(() => {
      this.conversionCheck = null;
      this.reconsiderOutput();
    }, wait);
  }

  private onData(chunk: Buffer): void {
    if (this.isClosed) return;
    let units: MediaUnit[];
    try {
      units = this.run.demuxer.push(chunk);
    } catch (error) {
      this.options.log.warn('stream is not the expected container', { camera: this.cameraId, error: String(error) });
      // Said in the status too: the log alone leaves the clerk looking at a bare "reconnecting".
      this.producer.stop(`the stream is not ${this.container === 'flv' ? 'FLV' : 'MPEG-TS'}`);
      return;
    }
    if (units.length > 0 && !this.run.outputSeen) this.onFirstOutput();
    const now = Date.now();
    for (const unit of units) this.forward(unit, now);
  }

  private onFirstOutput(): void {
    this.run.outputSeen = true;
    if (!this.refusal) this.broadcast.deliver(this.container);
    if (!this.run.original) this.originals.deliver(this.originalContainer);
    this.emit('output', this.container);
    this.reconsiderOutput(); // a tile may have come while this run was starting
  }

  private forward(unit: MediaUnit, now: number): void {
    // A copy run's output is the camera's video as it arrives: recorders get it too.
    const copied = this.run.original === null;
    // Refused tiles get nothing (it is H.265 they cannot decode); the recorders get all of it.
    const toTiles = this.refusal === null;
    if (toTiles && !this.broadcast.keep(unit, now, this.run)) {
      if (copied) this.originals.push(unit); // the FLV header: kept for newcomers only
      return;
    }
    this.meter.record(now, unit.bytes.length, unit.frameStart);
    // Kept, counted, said live, then sent: status listeners have always seen it in this order.
    if (unit.frameStart) this.onFrame(now);
    if (toTiles) this.broadcast.send(unit);
    if (copied) this.originals.push(unit);
  }

  /** The camera's video as it arrives, which a transcode run writes beside its H.264: to the recorders. */
  private onOriginal(chunk: Buffer): void {
    const original = this.run.original;
    if (this.isClosed || !original || original.broken) return;
    let units: MediaUnit[];
    try {
      units = original.splitter.push(chunk);
    } catch (error) {
      // The tiles' conversion goes on; only the recorders lose this run.
      original.broken = true;
      this.options.log.warn('the camera\'s own video is not MPEG-TS', { camera: this.cameraId, error: String(error) });
      return;
    }
    if (units.length > 0 && !original.seen) {
      original.seen = true;
      this.originals.deliver('mpegts');
    }
    for (const unit of units) this.originals.push(unit);
  }

  private onFrame(now: number): void {
    this.lastFrameAt = now;
    if (this.run.live) return;
    this.run.live = true;
    this.attempt = 0;
    if (this.run.startTimer) clearTimeout(this.run.startTimer);
    this.run.startTimer = null;
    this.learnVideoInfo();
    this.setState('live', null);
  }

  private checkHealth(): void {
    if (!this.producer.running) return;
    const now = Date.now();
    const health = watchRun({
      live: this.run.live,
      msSinceLastFrame: this.msSinceLastFrame(now),
      stallMs: this.options.stallMs,
      saysLive: this.state === 'live',
      msInState: now - this.since,
    });
    // Fresh figures once a second, however often the watchdog looks.
    if (health === 'report' && now - this.reportedAt >= STATS_EVERY_MS) {
      this.reportedAt = now;
      this.emitStatus();
    }
    if (health !== 'stalled') return;
    this.run.stalled = true;
    this.setState('stalled', null);
    this.producer.stop();
  }

  private onStartTimeout(): void {
    if (!this.producer.running || this.run.live) return;
    this.producer.stop(`no picture within ${Math.round(this.options.startTimeoutMs / 1000)} s`);
  }

  private onExit(exit: ProducerExit): void {
    this.clearTimers();
    // Between runs nothing is converted: a camera away for hours must not keep another from the slot.
    this.releaseTranscode();
    const { run } = this;
    const next = afterExit({
      closed: this.isClosed,
      failure: exit.failure,
      detail: redact(exit.detail, this.secrets),
      output: run.output,
      // Planned, not wanted: a refused conversion must not restart a recorders' copy at once, again and again.
      neededOutput: this.plannedOutput((this.producer.videoInfo() ?? this.info)?.inputCodec ?? null),
      wentLive: run.live,
      stalled: run.stalled,
      switching: run.switching,
      ...this.retryHistory(),
    });
    if (next.kind === 'closed') return;
    if (next.kind === 'final') return this.setState(next.state, next.detail);
    this.learnVideoInfo();
    if (next.kind === 'restart-now') {
      this.retryTimer = setTimeout(() => this.startRun(), 0);
      return;
    }
    // Recorders follow a new MPEG-TS timeline themselves (they cut a segment there).
    // Refused tiles were sent nothing of this run: they simply wait on.
    if (next.endPlayers && !this.refusal) this.broadcast.endAll();
    this.retryLater(next);
  }

  private retryHistory(): RetryHistory {
    return { attempt: this.attempt, msSinceLastFrame: this.msSinceLastFrame(Date.now()), random: this.options.random };
  }

  private retryLater({ state, detail, attempt, delayMs }: RetryPlan): void {
    this.attempt = attempt;
    this.retryAt = Date.now() + delayMs;
    this.setState(state, detail);
    this.retryTimer = setTimeout(() => this.startRun(), delayMs);
  }

  // ------------------------------------------------------------------ helpers

  private msSinceLastFrame(now: number): number | null {
    return this.lastFrameAt === null ? null : now - this.lastFrameAt;
  }

  private learnVideoInfo(): void {
    this.info = this.producer.videoInfo() ?? this.info;
  }

  /** The tiles wait for a conversion slot (see `refusal`); tried again with the failed runs' backoff. */
  private refuseTiles(): void {
    if (this.refusal?.timer) return; // refused already, the next try is set
    if (!this.refusal) this.broadcast.withhold();
    const plan = planRetry('unsupported_codec', TRANSCODE_BUDGET_FULL, { ...this.retryHistory(), attempt: this.refusal?.attempt ?? 0 });
    const timer = setTimeout(() => this.retryConversion(), plan.delayMs);
    this.refusal = { attempt: plan.attempt, retryAt: Date.now() + plan.delayMs, timer };
    this.emitStatus();
  }

  /** Switches to the conversion if a slot freed, else refuses again; between runs the next run decides. */
  private retryConversion(): void {
    if (!this.refusal) return;
    this.refusal.timer = null;
    this.reconsiderOutput();
  }

  private clearRefusal(): void {
    if (!this.refusal) return;
    if (this.refusal.timer) clearTimeout(this.refusal.timer);
    this.refusal = null;
    this.emitStatus();
  }

  private releaseTranscode(): void {
    if (!this.run.holdsTranscode) return;
    this.run.holdsTranscode = false;
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
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    stopRunTimers(this.run);
  }
}
