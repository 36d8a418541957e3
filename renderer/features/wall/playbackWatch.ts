/**
 * The player's own watchdog, beside the host's: it notices a picture that stopped moving (and
 * says so at once, so a frozen tile never looks live), reloads one frozen for long, and pulls a
 * player that drifted behind the live edge back to it. Reads the <video> once a second: no
 * per-frame work.
 */

export interface WatchedVideo {
  currentTime: number;
  readonly buffered: { readonly length: number; end(index: number): number };
  readonly paused: boolean;
  play(): Promise<void> | void;
}

export interface WatchEvents {
  /** The picture advanced (called on each check while it does). */
  onPlaying(): void;
  onFrozen(since: number | null): void;
  onCaughtUp(): void;
  /** Frozen too long, or drifting again right after a jump: the player should be reloaded. */
  onGiveUp(): void;
}

export const CHECK_EVERY_MS = 1000;
/** No new picture for this long: the tile stops looking live. */
export const FROZEN_AFTER_MS = 3000;
/** No new picture for this long: reload the player, even if the socket looks fine. */
export const RELOAD_AFTER_MS = 12_000;
/** Keyframes only: a new picture every GOP (1–4 s on real cameras), so more patience. */
export const SPARSE_FROZEN_AFTER_MS = 5000;
export const SPARSE_RELOAD_AFTER_MS = 15_000;
/**
 * Seconds of buffered video ahead of the playhead beyond which the tile is too far behind live.
 * A picture also spent ~0.2 s reaching the player, so 1.5 s keeps it under 2 s old.
 */
export const MAX_LATENCY_S = 1.5;
const LIVE_EDGE_MARGIN_S = 0.25;
/** Drifting this soon after a jump means jumping does not help: reload instead. */
const CHASE_AGAIN_MS = 5000;

export class PlaybackWatch {
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastTime = -1;
  private lastProgressAt = 0;
  private hasPlayed = false;
  private frozen = false;
  private lastChaseAt = -Infinity;
  private frozenAfterMs = FROZEN_AFTER_MS;
  private reloadAfterMs = RELOAD_AFTER_MS;

  private readonly watched: () => WatchedVideo;

  /** `video`: the <video>, or a getter of what to watch now (an engine's decoder output). */
  constructor(
    video: WatchedVideo | (() => WatchedVideo),
    private readonly events: WatchEvents,
  ) {
    this.watched = typeof video === 'function' ? video : () => video;
  }

  private get video(): WatchedVideo {
    return this.watched();
  }

  /** (Re)starts watching a freshly opened player. A frozen picture stays reported until it moves. */
  start(): void {
    this.stop();
    this.lastTime = -1;
    this.lastProgressAt = Date.now();
    this.timer = setInterval(() => this.check(), CHECK_EVERY_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Keyframes only (sparse pictures) or full rate: how long a picture may stand still. With the
   * camera's keyframe interval known, a sparse picture may stand for 2.5 of them (cameras with a
   * "smart" codec send one every 8–16 s).
   */
  setSparse(sparse: boolean, keyframeEveryMs: number | null = null): void {
    const gop = sparse && keyframeEveryMs !== null ? keyframeEveryMs : 0;
    this.frozenAfterMs = sparse ? Math.max(SPARSE_FROZEN_AFTER_MS, 2.5 * gop) : FROZEN_AFTER_MS;
    this.reloadAfterMs = sparse ? Math.max(SPARSE_RELOAD_AFTER_MS, 4 * gop) : RELOAD_AFTER_MS;
  }

  private check(): void {
    const now = Date.now();
    const time = this.video.currentTime;
    if (time !== this.lastTime) {
      this.lastTime = time;
      this.lastProgressAt = now;
      if (time > 0) {
        this.hasPlayed = true;
        this.events.onPlaying();
        if (this.frozen) {
          this.frozen = false;
          this.events.onFrozen(null);
        }
      }
    } else {
      const still = now - this.lastProgressAt;
      if (this.hasPlayed && !this.frozen && still >= this.frozenAfterMs) {
        this.frozen = true;
        this.events.onFrozen(this.lastProgressAt);
      }
      if (still > this.reloadAfterMs) {
        this.stop();
        this.events.onGiveUp();
        return;
      }
      if (this.video.paused) void Promise.resolve(this.video.play()).catch(() => undefined);
    }
    this.chaseLiveEdge(now, time);
  }

  private chaseLiveEdge(now: number, time: number): void {
    const { buffered } = this.video;
    if (buffered.length === 0) return;
    const end = buffered.end(buffered.length - 1);
    if (end - time <= MAX_LATENCY_S) return;
    if (now - this.lastChaseAt < CHASE_AGAIN_MS) {
      this.stop();
      this.events.onGiveUp();
      return;
    }
    this.lastChaseAt = now;
    this.video.currentTime = end - LIVE_EDGE_MARGIN_S;
    this.events.onCaughtUp();
  }
}
