import mpegts from 'mpegts.js';
import type { WallApi } from '../../../preload/api';
import { backoffDelay } from '../../lib/backoff';
import type { Failure } from '../../state/failure';

// Low latency without a worker: stash off, gentle liveSync (~250 ms behind), hard chasing only as
// a backstop, and a bounded backward buffer (the default keeps 180 s, ~90 MB per tile at 4 Mbps).
const PLAYER_CONFIG: mpegts.Config = {
  enableWorker: false,
  enableStashBuffer: false,
  lazyLoad: false,
  liveSync: true,
  liveSyncMaxLatency: 0.5,
  liveSyncTargetLatency: 0.25,
  liveSyncPlaybackRate: 1.2,
  liveBufferLatencyChasing: true,
  liveBufferLatencyMaxLatency: 2.0,
  liveBufferLatencyMinRemain: 0.3,
  autoCleanupSourceBuffer: true,
  autoCleanupMaxBackwardDuration: 20,
  autoCleanupMinBackwardDuration: 10,
};

const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 10_000;
const WATCHDOG_EVERY_MS = 2000;
/** No advance of the picture for this long reloads the player, even if the socket looks fine. */
const STALL_RELOAD_MS = 12_000;

// The wall runs for months; mpegts.js's info and debug logging would pile up in the console.
mpegts.LoggingControl.applyConfig({ enableVerbose: false, enableDebug: false, enableInfo: false });

export type PlaybackProblem =
  | { kind: 'mse_unsupported' }
  | { kind: 'open_failed'; failure: Failure }
  | { kind: 'media_error'; detail: string };

/**
 * Plays one camera's main stream into one <video>, and keeps it playing: on an mpegts.js error,
 * a closed stream socket or a frozen picture it tears the player down and opens a new one after a
 * backoff. `stop()` ends everything it started; nothing survives the tile.
 */
export class LivePlayback {
  private player: mpegts.Player | null = null;
  private stopped = false;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private lastTime = -1;
  private lastProgressAt = 0;

  constructor(
    private readonly api: WallApi,
    private readonly cameraId: string,
    private readonly video: HTMLVideoElement,
    private readonly onProblem: (problem: PlaybackProblem | null) => void,
  ) {}

  start(): void {
    if (!mpegts.getFeatureList().mseLivePlayback) {
      this.onProblem({ kind: 'mse_unsupported' });
      return;
    }
    void this.open();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.watchdog);
    this.destroyPlayer();
  }

  private async open(): Promise<void> {
    const result = await this.api.invoke('stream.open', { cameraId: this.cameraId, profile: 'main' });
    if (this.stopped) return;
    if (!result.ok) {
      this.onProblem({ kind: 'open_failed', failure: result });
      this.retryLater();
      return;
    }
    const player = mpegts.createPlayer({ type: result.value.type, isLive: true, url: result.value.url }, PLAYER_CONFIG);
    this.player = player;
    player.on(mpegts.Events.ERROR, this.onPlayerError);
    // A live stream never completes: completion means the stream socket closed.
    player.on(mpegts.Events.LOADING_COMPLETE, this.onStreamClosed);
    player.attachMediaElement(this.video);
    player.load();
    void Promise.resolve(player.play()).catch(() => {
      // Autoplay of a muted video is allowed; a rejected play() is retried by the watchdog.
    });
    this.lastTime = -1;
    this.lastProgressAt = Date.now();
    clearInterval(this.watchdog);
    this.watchdog = setInterval(this.checkProgress, WATCHDOG_EVERY_MS);
  }

  private readonly onPlayerError = (type: string, detail: string, info?: { msg?: string }) => {
    this.onProblem({ kind: 'media_error', detail: [type, detail, info?.msg].filter(Boolean).join(': ') });
    this.restart();
  };

  private readonly onStreamClosed = () => this.restart();

  private readonly checkProgress = () => {
    const time = this.video.currentTime;
    if (time !== this.lastTime) {
      this.lastTime = time;
      this.lastProgressAt = Date.now();
      if (time > 0 && this.attempt > 0) {
        this.attempt = 0;
        this.onProblem(null);
      }
    } else if (Date.now() - this.lastProgressAt > STALL_RELOAD_MS) {
      this.restart();
    }
  };

  private restart(): void {
    if (this.stopped || !this.player) return;
    clearInterval(this.watchdog);
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
    player.off(mpegts.Events.ERROR, this.onPlayerError);
    player.off(mpegts.Events.LOADING_COMPLETE, this.onStreamClosed);
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
