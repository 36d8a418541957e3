import type { Profile, WallApi } from '../../../preload/api';
import type { ProbedVideo } from '../budget';
import { LivePlayback, type PlaybackProblem, type PlaybackSource } from './livePlayback';

export interface SwitchingEvents {
  onProblem(problem: PlaybackProblem | null): void;
  onFrozen(since: number | null): void;
  onCaughtUp(): void;
  /** Whether the video in front shows a picture of the current stream. */
  onPicture(shown: boolean): void;
  /** The profile of the picture in front now. */
  onFront(profile: Profile): void;
}

/** A new stream that shows no frame within this long is brought to the front anyway, to show why. */
const SWITCH_TIMEOUT_MS = 15_000;

const same = (a: PlaybackSource, b: PlaybackSource) => a.cameraId === b.cameraId && a.profile === b.profile && a.hevc === b.hevc && (a.player ?? 'auto') === (b.player ?? 'auto');

/**
 * Two <video>s per tile, so switching between main and sub stream never shows black: the new
 * stream starts on the hidden video, and the two swap when the new one presents its first frame.
 */
export class SwitchingPlayback {
  private current: LivePlayback | null = null;
  private pending: LivePlayback | null = null;
  private front: 0 | 1 = 0;
  private switchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly api: WallApi,
    private readonly videos: readonly [HTMLVideoElement, HTMLVideoElement],
    private readonly events: SwitchingEvents,
  ) {
    this.markFront();
  }

  /** Plays this source (switching without black if another one plays), or nothing (null). */
  show(source: PlaybackSource | null): void {
    if (source === null) return this.stop();
    // Keyframes or full rate is switched on the open viewer: no new stream, no swap.
    if (this.current && same(this.current.source, source)) {
      this.current.setMode(source.keyframes === true);
      this.current.setStill(source.still === true);
      return this.dropPending();
    }
    if (this.pending && same(this.pending.source, source)) {
      this.pending.setMode(source.keyframes === true);
      return this.pending.setStill(source.still === true);
    }
    if (!this.current) {
      this.current = this.play(source, this.front);
      this.events.onFront(source.profile);
      return;
    }
    this.dropPending();
    const back = this.front === 0 ? 1 : 0;
    const pending = this.play(source, back);
    this.pending = pending;
    this.switchTimer = setTimeout(() => this.promote(pending), SWITCH_TIMEOUT_MS);
  }

  /** What the decode budget's meter reads of the player in front, while a stream plays there. */
  frontProbe(): ProbedVideo | null {
    return this.current?.probe() ?? null;
  }

  /** A refused camera may be shown again: the players waiting on a refusal ask once more. */
  retry(): void {
    this.current?.retry();
    this.pending?.retry();
  }

  stop(): void {
    this.dropPending();
    this.current?.stop();
    this.current = null;
    this.events.onPicture(false);
    this.events.onProblem(null);
    this.events.onFrozen(null);
  }

  private play(source: PlaybackSource, video: 0 | 1): LivePlayback {
    const playback: LivePlayback = new LivePlayback(this.api, source, this.videos[video], {
      onProblem: (problem) => this.current === playback && this.events.onProblem(problem),
      onFrozen: (since) => this.current === playback && this.events.onFrozen(since),
      onCaughtUp: () => this.current === playback && this.events.onCaughtUp(),
      onOpening: () => this.current === playback && this.events.onPicture(false),
      onFirstFrame: () => {
        if (this.pending === playback) this.promote(playback);
        else if (this.current === playback) this.events.onPicture(true);
      },
    });
    playback.start();
    return playback;
  }

  private promote(playback: LivePlayback): void {
    if (this.pending !== playback) return;
    clearTimeout(this.switchTimer);
    const old = this.current;
    this.current = playback;
    this.pending = null;
    this.front = this.front === 0 ? 1 : 0;
    // Swapped in the DOM at once, not through a React render: the old player is stopped right
    // after, and must not be on top for even one frame without a picture.
    this.markFront();
    old?.stop();
    this.events.onFront(playback.source.profile);
    this.events.onPicture(true);
    this.events.onProblem(null);
    this.events.onFrozen(null);
  }

  private markFront(): void {
    this.videos.forEach((video, index) => {
      const front = index === this.front;
      video.toggleAttribute('data-front', front);
      video.dataset.testid = front ? 'tile-video' : 'tile-video-standby';
    });
  }

  private dropPending(): void {
    clearTimeout(this.switchTimer);
    this.pending?.stop();
    this.pending = null;
  }
}
