import mpegts from 'mpegts.js';
import { CLOCK_TAG_NAME } from '../../../preload/streamClock';
import type { EngineEvents, PlayerEngine } from './playerEngine';

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

// The wall runs for months; mpegts.js's info and debug logging would pile up in the console.
mpegts.LoggingControl.applyConfig({ enableVerbose: false, enableDebug: false, enableInfo: false });

/** Whether this browser can play live streams through Media Source Extensions. */
export const mseAvailable = (): boolean => mpegts.getFeatureList().mseLivePlayback;

/** mpegts.js into the <video>: the compatible path, and the one for H.265 passed through. */
export class MseEngine implements PlayerEngine {
  readonly kind = 'mse';
  private player: mpegts.Player | null = null;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly events: EngineEvents,
  ) {}

  get watched(): HTMLVideoElement {
    return this.video;
  }

  get probe(): HTMLVideoElement {
    return this.video;
  }

  load(url: string, type: 'flv' | 'mpegts'): void {
    const player = mpegts.createPlayer({ type, isLive: true, url }, PLAYER_CONFIG);
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
  }

  private readonly onPlayerError = (type: string, detail: string, info?: { msg?: string }) => {
    this.events.onError([type, detail, info?.msg].filter(Boolean).join(': '));
  };

  private readonly onStreamClosed = () => this.events.onClosed();

  private readonly onScriptData = (data: Record<string, unknown>) => {
    const sentAt = data[CLOCK_TAG_NAME];
    if (typeof sentAt === 'number') this.events.onClock(sentAt);
  };

  destroy(): void {
    const player = this.player;
    if (!player) return;
    this.player = null;
    player.off(mpegts.Events.ERROR, this.onPlayerError);
    player.off(mpegts.Events.LOADING_COMPLETE, this.onStreamClosed);
    player.off(mpegts.Events.SCRIPTDATA_ARRIVED, this.onScriptData);
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
