import mpegts from 'mpegts.js';
import type { Profile, Refusal, WallApi } from '../../../preload/api';
import { backoffDelay } from '../../lib/backoff';
import type { Failure } from '../../state/failure';
import { refusalOf } from '../../ui/refusals';
import { PlaybackWatch } from './playbackWatch';

// Low latency without a worker: stash off, gentle liveSync, hard chasing only as a backstop, and a
// bounded backward buffer (the default keeps 180 s, ~90 MB per tile at 4 Mbps). liveSync speeds
// up only above its max and stops at its target, so the buffer settles anywhere between the two:
// 0.12–0.3 s (two to four frames at 15 fps) instead of 0.25–0.5 s took ~150 ms off every tile.
const PLAYER_CONFIG: mpegts.Config = {
  enableWorker: false,
  enableStashBuffer: false,
  lazyLoad: false,
  liveSync: true,
  liveSyncMaxLatency: 0.3,
  liveSyncTargetLatency: 0.12,
  liveSyncPlaybackRate: 1.2,
  liveBufferLatencyChasing: true,
  liveBufferLatencyMaxLatency: 1.5,
  liveBufferLatencyMinRemain: 0.3,
  autoCleanupSourceBuffer: true,
  autoCleanupMaxBackwardDuration: 20,
  autoCleanupMinBackwardDuration: 10,
};

const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 10_000;
/**
 * The stream waited this long between main and this page (main stamps its clock before each
 * keyframe; one machine, one clock): pictures that late are not live, however small the player's
 * buffer looks. A new socket (kernel buffers dropped) starts again from the newest GOP.
 */
export const MAX_TRANSIT_MS = 1500;
/** Late keyframes in a row before a new socket is taken, and the least time between two such. */
const LATE_KEYFRAMES = 3;
const LATE_RESTART_EVERY_MS = 30_000;
const CLOCK_TAG_NAME = 'vwSent';

// The wall runs for months; mpegts.js's info and debug logging would pile up in the console.
mpegts.LoggingControl.applyConfig({ enableVerbose: false, enableDebug: false, enableInfo: false });

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
}

/**
 * Plays one camera stream into one <video>, and keeps it playing: on an mpegts.js error, a closed
 * stream socket or a frozen picture it tears the player down and opens a new one after a backoff.
 * `stop()` ends everything it started; nothing survives the tile.
 */
export class LivePlayback {
  private player: mpegts.Player | null = null;
  private stopped = false;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Refused by the access rules: waits for `retry()` instead of asking again and again. */
  private withheld = false;
  private readonly watch: PlaybackWatch;
  /** Names the open viewer for `stream.setMode`. */
  private viewerId: string | null = null;
  private keyframes: boolean;
  private lateInARow = 0;
  private lastLateRestartAt = -Infinity;
  /** Main's clock comes before each keyframe: the time between two is the camera's GOP. */
  private lastKeyframeSentAt: number | null = null;
  private keyframeEveryMs: number | null = null;

  constructor(
    private readonly api: WallApi,
    readonly source: PlaybackSource,
    readonly video: HTMLVideoElement,
    private readonly events: PlaybackEvents,
  ) {
    this.keyframes = source.keyframes === true;
    this.watch = new PlaybackWatch(video, {
      onPlaying: () => {
        if (this.attempt > 0) {
          this.attempt = 0;
          this.events.onProblem(null);
        }
      },
      onFrozen: (since) => this.events.onFrozen(since),
      onCaughtUp: () => this.events.onCaughtUp(),
      onGiveUp: () => this.restart(),
    });
    this.watch.setSparse(this.keyframes);
  }

  start(): void {
    if (!mpegts.getFeatureList().mseLivePlayback) {
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
    this.watch.setSparse(keyframes, this.keyframeEveryMs);
    const viewerId = this.viewerId;
    if (this.stopped || !this.player || viewerId === null) return;
    void this.api.invoke('stream.setMode', { viewerId, mode: keyframes ? 'keyframes' : 'full' }).then((result) => {
      // The viewer is gone (or never took the mode): the next one opens in the wanted mode.
      if (!this.stopped && this.viewerId === viewerId && !(result.ok && result.value.ok)) this.restart();
    });
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.watch.stop();
    this.destroyPlayer();
  }

  private async open(): Promise<void> {
    this.events.onOpening();
    const { cameraId, profile, hevc } = this.source;
    const keyframes = this.keyframes;
    const result = await this.api.invoke('stream.open', keyframes ? { cameraId, profile, hevc, keyframesOnly: true } : { cameraId, profile, hevc });
    if (this.stopped) return;
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
    const player = mpegts.createPlayer({ type: result.value.type, isLive: true, url: result.value.url }, PLAYER_CONFIG);
    this.player = player;
    player.on(mpegts.Events.ERROR, this.onPlayerError);
    // A live stream never completes: completion means the stream socket closed.
    player.on(mpegts.Events.LOADING_COMPLETE, this.onStreamClosed);
    player.on(mpegts.Events.SCRIPTDATA_ARRIVED, this.onScriptData);
    player.attachMediaElement(this.video);
    player.load();
    void Promise.resolve(player.play()).catch(() => {
      // Autoplay of a muted video is allowed; a rejected play() is retried by the watchdog.
    });
    this.whenFirstFrame(player);
    this.watch.start();
    // The mode changed while the viewer was being opened.
    if (this.keyframes !== keyframes) {
      const wanted = this.keyframes;
      this.keyframes = keyframes;
      this.setMode(wanted);
    }
  }

  private whenFirstFrame(player: mpegts.Player): void {
    const done = () => {
      if (this.player === player && !this.stopped) this.events.onFirstFrame();
    };
    if (typeof this.video.requestVideoFrameCallback === 'function') this.video.requestVideoFrameCallback(done);
    else this.video.addEventListener('playing', done, { once: true });
  }

  private readonly onPlayerError = (type: string, detail: string, info?: { msg?: string }) => {
    this.events.onProblem({ kind: 'media_error', detail: [type, detail, info?.msg].filter(Boolean).join(': ') });
    this.restart();
  };

  private readonly onStreamClosed = () => this.restart();

  private readonly onScriptData = (data: Record<string, unknown>) => {
    const sentAt = data[CLOCK_TAG_NAME];
    if (typeof sentAt !== 'number') return;
    if (this.lastKeyframeSentAt !== null && sentAt > this.lastKeyframeSentAt) {
      this.keyframeEveryMs = sentAt - this.lastKeyframeSentAt;
      this.watch.setSparse(this.keyframes, this.keyframeEveryMs);
    }
    this.lastKeyframeSentAt = sentAt;
    const transit = Math.max(0, Date.now() - sentAt);
    // Read by the decode budget's meter (and visible to tests): how late this stream arrives.
    this.video.dataset.transitMs = String(Math.round(transit));
    this.lateInARow = transit > MAX_TRANSIT_MS ? this.lateInARow + 1 : 0;
    // When the page itself is too slow a new socket is late again at once: restart seldom, and
    // leave the rest to the decode budget, which sees the transit as pressure.
    const now = Date.now();
    if (this.lateInARow >= LATE_KEYFRAMES && now - this.lastLateRestartAt >= LATE_RESTART_EVERY_MS) {
      this.lastLateRestartAt = now;
      this.lateInARow = 0;
      this.restart();
    }
  };

  private restart(): void {
    if (this.stopped || !this.player) return;
    this.watch.stop();
    // Tear down outside mpegts.js's own event dispatch, which still uses the player after emitting.
    const player = this.player;
    setTimeout(() => {
      if (this.player === player) this.destroyPlayer();
    }, 0);
    this.retryLater();
  }

  private retryLater(): void {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (this.player) this.destroyPlayer();
      void this.open();
    }, backoffDelay(this.attempt++, RETRY_MIN_MS, RETRY_MAX_MS));
  }

  private destroyPlayer(): void {
    const player = this.player;
    if (!player) return;
    this.player = null;
    this.viewerId = null;
    player.off(mpegts.Events.ERROR, this.onPlayerError);
    player.off(mpegts.Events.LOADING_COMPLETE, this.onStreamClosed);
    player.off(mpegts.Events.SCRIPTDATA_ARRIVED, this.onScriptData);
    delete this.video.dataset.transitMs;
    // Each step on its own: a half-broken player must still release its socket and MediaSource.
    for (const step of [player.pause, player.unload, player.detachMediaElement, player.destroy]) {
      try {
        step.call(player);
      } catch (error) {
        console.warn('player teardown step failed', error);
      }
    }
  }
}
