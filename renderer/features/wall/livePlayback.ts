import type { Profile, Refusal, WallApi } from '../../../preload/api';
import { backoffDelay, JITTER_TWENTY_PERCENT, type BackoffPolicy } from '../../../preload/backoff';
import type { Failure } from '../../state/failure';
import { hevcDecoderRefusal, webCodecsDecodesHevc } from '../../lib/hevc';
import { refusalOf } from '../../ui/refusals';
import { STILL_EVERY_MS, type ProbedVideo } from '../budget';
import { MseEngine, mseAvailable } from './mseEngine';
import { PlaybackWatch } from './playbackWatch';
import { engineFor, freshPlayerOnReturn, type EngineEvents, type EngineKind, type PlayerChoice, type PlayerEngine } from './playerEngine';
import { WebCodecsEngine, webCodecsAvailable } from './webcodecs/webCodecsEngine';

/** A player that failed opens again after 1 s, 2 s, 4 s … at most 10 s, 20 % either side. */
const RETRY: BackoffPolicy = { baseMs: 1000, capMs: 10_000, jitter: JITTER_TWENTY_PERCENT };
/**
 * The stream waited this long between main and this page (main stamps its clock before each
 * keyframe; one machine, one clock): pictures that late are not live, however small the player's
 * buffer looks. A new socket (kernel buffers dropped) starts again from the newest GOP.
 */
export const MAX_TRANSIT_MS = 1500;
/**
 * A keyframe this late (and the pictures after it) is not shown as live: the tile says its
 * picture stopped until a keyframe arrives on time. With decoding after it, a picture shown as
 * live is then under a second old (issue 16). The budget steps down from 0.8 s (pressure.ts).
 */
export const LATE_PICTURE_MS = 800;
/** Late keyframes in a row before a new socket is taken, and the least time between two such. */
const LATE_KEYFRAMES = 3;
const LATE_RESTART_EVERY_MS = 30_000;

export type PlaybackProblem =
  | { kind: 'mse_unsupported' }
  | { kind: 'open_failed'; failure: Failure }
  | { kind: 'media_error'; detail: string }
  /** This console may not show the camera now (consent ended, out of scope): no retrying. */
  | { kind: 'withheld'; refusal: Refusal }
  /** The camera no longer exists. */
  | { kind: 'gone' };

export interface PlaybackEvents {
  onProblem(problem: PlaybackProblem | null): void;
  /** A new player is being opened: no picture until its first frame. */
  onOpening(): void;
  /** The first frame of a (re)opened stream is on screen. */
  onFirstFrame(): void;
  /** The picture stopped advancing at this time, or (null) moves again. */
  onFrozen(since: number | null): void;
  /** The player had drifted behind the live edge and jumped back to it. */
  onCaughtUp(): void;
}

export interface PlaybackSource {
  cameraId: string;
  profile: Profile;
  hevc: boolean;
  /** Keyframes only (about 1 picture a second), for a tile stepped down by the decode budget. */
  keyframes?: boolean;
  /** Which player the console's setting asks for; `auto` when absent. */
  player?: PlayerChoice;
  /** A still picture (budget level 3), refreshed from a keyframe now and then: keyframes only, decoded seldom. */
  still?: boolean;
}

/**
 * Plays one camera stream into one <video>, and keeps it playing: on a player error, a closed
 * stream socket or a frozen picture it tears the engine down and opens a new one after a backoff.
 * The engine is WebCodecs or mpegts.js (engineFor); a stream WebCodecs cannot decode here falls
 * back to mpegts.js at once. `stop()` ends everything it started; nothing survives the tile.
 */
export class LivePlayback {
  private engine: PlayerEngine | null = null;
  private engineKind: EngineKind | null;
  /** Counts opens: an open that finds a newer one started while it waited gives way. */
  private openGeneration = 0;
  /** The pending "first frame" callback of the engine playing now, cancelled with it. */
  private firstFrameCallback: number | null = null;
  private stopped = false;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Refused by the access rules: waits for `retry()` instead of asking again and again. */
  private withheld = false;
  private readonly watch: PlaybackWatch;
  /** Names the open viewer for `stream.setMode`. */
  private viewerId: string | null = null;
  private keyframes: boolean;
  private still: boolean;
  private lateInARow = 0;
  private lastLateRestartAt = -Infinity;
  /** Main's clock comes before each keyframe: the time between two is the camera's GOP. */
  private lastKeyframeSentAt: number | null = null;
  private keyframeEveryMs: number | null = null;
  /** When the last keyframe reached this page, on this page's clock (the watchdog's). */
  private lastKeyframeArrivedAt: number | null = null;
  /** The watchdog's "picture stopped since", and the late stream's: the tile is told the earlier. */
  private watchFrozenSince: number | null = null;
  private lateSince: number | null = null;
  private reportedFrozen: number | null = null;

  constructor(
    private readonly api: WallApi,
    readonly source: PlaybackSource,
    readonly video: HTMLVideoElement,
    private readonly events: PlaybackEvents,
  ) {
    this.keyframes = source.keyframes === true;
    this.still = source.still === true;
    this.engineKind = engineFor(source.player ?? 'auto', webCodecsAvailable(), mseAvailable());
    this.watch = new PlaybackWatch(() => this.engine?.watched ?? video, {
      onPlaying: () => {
        if (this.attempt > 0) {
          this.attempt = 0;
          this.events.onProblem(null);
        }
      },
      onFrozen: (since) => {
        this.watchFrozenSince = since;
        this.reportFrozen();
      },
      onCaughtUp: () => this.events.onCaughtUp(),
      onGiveUp: () => this.restart(),
    });
    this.watch.setSparse(this.keyframes, this.sparseEveryMs());
  }

  /** How far apart the pictures of a sparse stream are: the camera's GOP, or a still's refresh. */
  private sparseEveryMs(): number | null {
    return this.still ? Math.max(this.keyframeEveryMs ?? 0, STILL_EVERY_MS) : this.keyframeEveryMs;
  }

  /** A still picture, or moving pictures again, on the engine playing now and the next one. */
  setStill(still: boolean): void {
    if (this.still === still) return;
    this.still = still;
    this.engine?.setStillEvery?.(still ? STILL_EVERY_MS : null);
    this.watch.setSparse(this.keyframes, this.sparseEveryMs());
  }

  start(): void {
    if (this.engineKind === null) {
      this.events.onProblem({ kind: 'mse_unsupported' });
      return;
    }
    void this.open();
  }

  /** The camera may be shown again (it is back in the list): ask main once more. */
  retry(): void {
    if (this.stopped || !this.withheld) return;
    this.withheld = false;
    this.attempt = 0;
    this.events.onProblem(null);
    void this.open();
  }

  /** Full rate, or keyframes only: switched on the open viewer, or on the next open. */
  setMode(keyframes: boolean): void {
    if (this.keyframes === keyframes) return;
    this.keyframes = keyframes;
    this.watch.setSparse(keyframes, this.sparseEveryMs());
    const viewerId = this.viewerId;
    if (this.stopped || !this.engine || viewerId === null) return;
    void this.api.invoke('stream.setMode', { viewerId, mode: keyframes ? 'keyframes' : 'full' }).then((result) => {
      // The viewer is gone (or never took the mode): the next one opens in the wanted mode.
      if (!this.stopped && this.viewerId === viewerId && !(result.ok && result.value.ok)) this.restart();
    });
  }

  /** What the decode budget's meter reads of the engine playing now, if one is. */
  probe(): ProbedVideo | null {
    return this.engine?.probe ?? null;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.watch.stop();
    this.destroyEngine();
  }

  private async open(): Promise<void> {
    this.events.onOpening();
    const { cameraId, profile } = this.source;
    const kind = this.engineKind ?? 'mse';
    // Only the newest open may install an engine: a retry and a fallback must never both do.
    const generation = ++this.openGeneration;
    // Asked as the engine can play it: H.265 as is (MPEG-TS) where this engine decodes it, else
    // the host transcodes to H.264 (the tile says so).
    const hevc = kind === 'webcodecs' ? await webCodecsDecodesHevc() : this.source.hevc;
    if (this.stopped || generation !== this.openGeneration) return;
    const keyframes = this.keyframes;
    const result = await this.api.invoke('stream.open', keyframes ? { cameraId, profile, hevc, keyframesOnly: true } : { cameraId, profile, hevc });
    if (this.stopped || generation !== this.openGeneration) return;
    if (!result.ok) {
      // Asking again would only be refused again (and audited each time): wait to be told.
      const refusal = refusalOf(result);
      if (refusal) {
        this.withheld = true;
        return this.events.onProblem({ kind: 'withheld', refusal });
      }
      if (result.code === 'not_found') return this.events.onProblem({ kind: 'gone' });
      this.events.onProblem({ kind: 'open_failed', failure: result });
      this.retryLater();
      return;
    }
    this.viewerId = result.value.viewerId;
    if (this.engine) this.destroyEngine();
    let engine: PlayerEngine | null = null;
    // H.265 as the camera sends it (MPEG-TS), for a decoder that said it decodes H.265.
    const passedThrough = kind === 'webcodecs' && hevc && result.value.type === 'mpegts';
    // An engine's events count only while it is the one playing: a replaced engine says nothing.
    const events = this.eventsFor(() => engine !== null && this.engine === engine, passedThrough);
    engine = kind === 'webcodecs' ? new WebCodecsEngine(this.video, events) : new MseEngine(this.video, events);
    this.engine = engine;
    this.video.dataset.player = kind;
    if (this.still) engine.setStillEvery?.(STILL_EVERY_MS);
    engine.load(result.value.url, result.value.type);
    this.whenFirstFrame(engine);
    this.watch.start();
    // The mode changed while the viewer was being opened.
    if (this.keyframes !== keyframes) {
      const wanted = this.keyframes;
      this.keyframes = keyframes;
      this.setMode(wanted);
    }
  }

  private whenFirstFrame(engine: PlayerEngine): void {
    const done = () => {
      this.firstFrameCallback = null;
      if (this.engine === engine && !this.stopped) this.events.onFirstFrame();
    };
    if (typeof this.video.requestVideoFrameCallback === 'function') {
      this.firstFrameCallback = this.video.requestVideoFrameCallback(done);
    } else this.video.addEventListener('playing', done, { once: true });
  }

  private eventsFor(current: () => boolean, passedThrough: boolean): EngineEvents {
    return {
      onError: (detail) => {
        if (!current()) return;
        this.events.onProblem({ kind: 'media_error', detail });
        this.restart();
      },
      onClosed: () => current() && this.restart(),
      onClock: (sentAt) => {
        if (!current()) return;
        const arrivedAt = Date.now();
        const fresh = freshPlayerOnReturn(this.engine?.kind, this.watchFrozenSince, this.lastKeyframeArrivedAt);
        // The fresh player's copy of this keyframe (main's newest GOP) is then no second return.
        this.lastKeyframeArrivedAt = arrivedAt;
        if (fresh) return this.freshPlayerAfterStall();
        this.onClock(sentAt);
      },
      onUnsupported: (detail) => {
        if (!current()) return;
        if (passedThrough) {
          // The decoder said yes to H.265, then refused the camera's (a driver that claims more
          // than it decodes): the host's H.264 on this same player, and for every tile of the page.
          hevcDecoderRefusal.set(detail);
          return this.reopenNow();
        }
        if (this.engineKind !== 'webcodecs' || !mseAvailable()) {
          this.events.onProblem({ kind: 'media_error', detail });
          return this.restart();
        }
        // This stream is not for WebCodecs here (e.g. a codec the platform lacks): mpegts.js plays it.
        this.engineKind = 'mse';
        this.reopenNow();
      },
    };
  }

  private onClock(sentAt: number): void {
    if (this.lastKeyframeSentAt !== null && sentAt > this.lastKeyframeSentAt) {
      this.keyframeEveryMs = sentAt - this.lastKeyframeSentAt;
      this.watch.setSparse(this.keyframes, this.sparseEveryMs());
    }
    this.lastKeyframeSentAt = sentAt;
    const transit = Math.max(0, Date.now() - sentAt);
    // Read by the decode budget's meter (and visible to tests): how late this stream arrives.
    this.video.dataset.transitMs = String(Math.round(transit));
    this.lateSince = transit >= LATE_PICTURE_MS ? (this.lateSince ?? sentAt) : null;
    this.reportFrozen();
    this.lateInARow = transit > MAX_TRANSIT_MS ? this.lateInARow + 1 : 0;
    // When the page itself is too slow a new socket is late again at once: restart seldom, and
    // leave the rest to the decode budget, which sees the transit as pressure.
    const now = Date.now();
    if (this.lateInARow >= LATE_KEYFRAMES && now - this.lastLateRestartAt >= LATE_RESTART_EVERY_MS) {
      this.lastLateRestartAt = now;
      this.lateInARow = 0;
      this.restart();
    }
  }

  private reportFrozen(): void {
    const since = this.watchFrozenSince ?? this.lateSince;
    if (since === this.reportedFrozen || this.stopped) return;
    this.reportedFrozen = since;
    this.events.onFrozen(since);
  }

  /**
   * The camera is back after a stall that stopped an mpegts.js tile's picture (freshPlayerOnReturn):
   * the <video> is paused at once, before the returning keyframe is appended behind the frames
   * mpegts.js still holds from before the stall, and a fresh player starts from main's newest GOP,
   * which begins at that keyframe.
   */
  private freshPlayerAfterStall(): void {
    this.video.pause();
    this.reopenNow();
  }

  /** Another engine for the same camera: no backoff, nothing failed. */
  private reopenNow(): void {
    if (this.stopped) return;
    this.watch.stop();
    clearTimeout(this.retryTimer);
    // Outside the engine's own dispatch; the old engine says nothing more (eventsFor).
    const engine = this.engine;
    this.retryTimer = setTimeout(() => {
      if (this.engine === engine) this.destroyEngine();
      if (!this.stopped) void this.open();
    }, 0);
  }

  private restart(): void {
    if (this.stopped || !this.engine) return;
    this.watch.stop();
    // Tear down outside the engine's own event dispatch (mpegts.js still uses the player after emitting).
    const engine = this.engine;
    setTimeout(() => {
      if (this.engine === engine) this.destroyEngine();
    }, 0);
    this.retryLater();
  }

  private retryLater(): void {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (this.engine) this.destroyEngine();
      void this.open();
    }, backoffDelay(++this.attempt, RETRY, Math.random()));
  }

  private destroyEngine(): void {
    const engine = this.engine;
    if (!engine) return;
    this.engine = null;
    this.viewerId = null;
    if (this.firstFrameCallback !== null) this.video.cancelVideoFrameCallback?.(this.firstFrameCallback);
    this.firstFrameCallback = null;
    delete this.video.dataset.transitMs;
    delete this.video.dataset.player;
    // The next stream's first keyframe says afresh whether it is late.
    this.lateSince = null;
    engine.destroy();
  }
}
