/**
 * What plays a stream socket into a tile's <video>: the WebCodecs engine (each frame on screen as
 * it is decoded) or the mpegts.js engine (Media Source Extensions, the compatible path). The
 * supervisor (LivePlayback) opens the stream, restarts, and watches; an engine only plays.
 */
import type { PlayerChoice } from '../../../preload/api';
import type { ProbedVideo } from '../budget';
import type { WatchedVideo } from './playbackWatch';

export type { PlayerChoice };
export type EngineKind = 'webcodecs' | 'mse';

/**
 * The engine for the console's choice on this browser: WebCodecs where it can run (自动, 低延迟),
 * mpegts.js where asked (兼容) or where WebCodecs cannot run; null when neither can.
 */
export function engineFor(choice: PlayerChoice, webCodecs: boolean, mse: boolean): EngineKind | null {
  if (choice !== 'mpegts' && webCodecs) return 'webcodecs';
  if (mse) return 'mse';
  return webCodecs ? 'webcodecs' : null;
}

/**
 * Whether a tile's still picture (budget level 3) can be the last frame its own decoder showed —
 * no ffmpeg in main, no JPEG round-trip: where WebCodecs plays the tile, FLV or MPEG-TS alike (its
 * demuxer hands a keyframe out as soon as it is whole). mpegts.js tiles get main's JPEG (stream.still).
 */
export function stillFromDecoder(choice: PlayerChoice, webCodecs: boolean, mse: boolean): boolean {
  return engineFor(choice, webCodecs, mse) === 'webcodecs';
}

/**
 * Whether a tile can step down to keyframes only (budget level 2): main sends an FLV viewer each
 * keyframe twice so mpegts.js shows it at once, which it cannot do in MPEG-TS (H.265 passed
 * through to mpegts.js); the WebCodecs player decodes each keyframe as it arrives, in either.
 */
export function keyframeStepFor(choice: PlayerChoice, hevcPassedThrough: boolean, webCodecs: boolean, mse: boolean): boolean {
  return !hevcPassedThrough || engineFor(choice, webCodecs, mse) === 'webcodecs';
}

/**
 * Whether the keyframe reaching a tile now should start a fresh player: the tile's picture stood
 * still since `stoodStillSince` with no keyframe arriving after (`lastKeyframeAt`, same clock), so
 * the stream itself had stopped — the camera stalled — and is back. Only mpegts.js needs it: it
 * holds back the newest frame until the next arrives (and MSE's decoder may hold one more), so the
 * frames from before the stall would be presented first, seconds old, as the tile turns live again
 * (2 of every 3 stalls, tests/e2e/mseStallStale.test.ts); WebCodecs decodes and shows each frame as
 * it arrives. A player stuck while keyframes still arrive is the watchdog's to reload, not this.
 */
export function freshPlayerOnReturn(kind: EngineKind | undefined, stoodStillSince: number | null, lastKeyframeAt: number | null): boolean {
  return kind === 'mse' && stoodStillSince !== null && (lastKeyframeAt === null || lastKeyframeAt <= stoodStillSince);
}

export interface EngineEvents {
  /** The stream or the decoder broke: the supervisor tears down and opens again. */
  onError(detail: string): void;
  /** The stream socket closed: a live stream never ends by itself. */
  onClosed(): void;
  /** The host's clock stamp, sent before each keyframe. */
  onClock(sentAt: number): void;
  /** This engine cannot play this stream here (codec or container): the other engine should. */
  onUnsupported(detail: string): void;
}

export interface PlayerEngine {
  readonly kind: EngineKind;
  /** What the watchdog reads: the <video> itself, or the decoder's output shaped like one. */
  readonly watched: WatchedVideo;
  /** What the decode budget's meter reads: frames shown and dropped, and how far behind live. */
  readonly probe: ProbedVideo;
  load(url: string, type: 'flv' | 'mpegts'): void;
  /** Still pictures: decode one keyframe every `ms` and nothing else (null: every frame it gets). */
  setStillEvery?(ms: number | null): void;
  /** Ends the socket, the decoder and every frame; idempotent. */
  destroy(): void;
}
