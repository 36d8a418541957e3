/**
 * Measuring decode pressure, cheaply: once a second each tile's <video> is read (frame counters
 * from getVideoPlaybackQuality, and the distance to the live edge); no per-frame work, no React.
 * The machine's CPU is not read: only the player's own figures say whether a tile keeps up.
 */
import type { Level, PressureSignal } from './ladder';

export interface ProbedVideo {
  currentTime: number;
  readonly paused: boolean;
  readonly buffered: { readonly length: number; end(index: number): number };
  getVideoPlaybackQuality?(): { totalVideoFrames: number; droppedVideoFrames: number };
  /** `transitMs`: how long the stream's last keyframe waited between main and the page. */
  readonly dataset?: { readonly transitMs?: string };
}

export interface TileReading {
  /** Frames presented per second over the last interval. */
  fps: number;
  /** Frames dropped per second over the last interval. */
  droppedFps: number;
  /** Seconds buffered ahead of the playhead: how far behind live the picture is. */
  latency: number;
  /** Latency grew on each of the last readings. */
  latencyRising: boolean;
  /** Seconds the stream waited between main and the page (before the player's buffer), if known. */
  transit: number | null;
}

/**
 * How long this console holds a picture before it is on screen, ms: the wait between main and
 * the page (stamped before each keyframe) plus the player's own (its buffer, or for WebCodecs the
 * time from arrival to decoded frame). The camera's own delay comes before and is not in it.
 */
export function hostLatencyMs(probe: ProbedVideo | null): number | null {
  if (!probe) return null;
  const transit = Number(probe.dataset?.transitMs ?? NaN);
  const { buffered } = probe;
  const player = buffered.length > 0 ? Math.max(0, buffered.end(buffered.length - 1) - probe.currentTime) * 1000 : NaN;
  if (!Number.isFinite(transit) && !Number.isFinite(player)) return null;
  return Math.round((Number.isFinite(transit) ? transit : 0) + (Number.isFinite(player) ? player : 0));
}

/**
 * Ignore a tile's first readings after its picture (re)starts: start-up is not pressure. Counted
 * from the first frame, not from the first reading: a WebCodecs tile has its probe before its
 * socket has brought a keyframe, and sixteen tiles opening at once may wait seconds for theirs.
 */
export const WARM_UP_MS = 5000;
/** Frame rates are counted over this long: one second of counters is too coarse at 15 fps. */
export const RATE_WINDOW_MS = 3000;
const RISING_READINGS = 3;

interface Counters {
  at: number;
  total: number;
  dropped: number;
}

/** Turns one tile's <video> into readings, one per call (call about once a second). */
export class TileMeter {
  private video: ProbedVideo | null = null;
  private counters: Counters[] = [];
  private since: number | null = null;
  private latencies: number[] = [];

  /** Null while warming up, paused, or after the video changed. */
  read(video: ProbedVideo | null, now: number): TileReading | null {
    const quality = video?.getVideoPlaybackQuality?.();
    if (!video || !quality || video.paused || video.buffered.length === 0) {
      this.reset();
      return null;
    }
    const last = this.counters.at(-1);
    const current = { at: now, total: quality.totalVideoFrames, dropped: quality.droppedVideoFrames };
    // No frame yet: the picture has not started, and its warm-up neither.
    if (!last || this.video !== video || current.total < last.total || now <= last.at || current.total === 0) {
      this.reset();
      this.video = video;
      this.counters = [current];
      this.since = now;
      return null;
    }
    // Keep the readings of the rate window and the newest one at least that old to measure from
    // (timers drift: the reading from "3 s ago" may be 3.02 s old).
    const from = this.counters.findLastIndex((c) => now - c.at >= RATE_WINDOW_MS);
    this.counters = [...this.counters.slice(Math.max(0, from)), current];
    const latency = Math.max(0, video.buffered.end(video.buffered.length - 1) - video.currentTime);
    this.latencies = [...this.latencies, latency].slice(-RISING_READINGS);
    if (now - (this.since ?? now) < WARM_UP_MS) return null;
    const first = this.counters[0]!;
    const seconds = (now - first.at) / 1000;
    const dropped = (current.dropped - first.dropped) / seconds;
    const presented = (current.total - first.total) / seconds - dropped;
    const rising = this.latencies.length === RISING_READINGS && this.latencies.every((value, i) => i === 0 || value > this.latencies[i - 1]! + 0.05);
    const transitMs = Number(video.dataset?.transitMs ?? NaN);
    return { fps: Math.max(0, presented), droppedFps: Math.max(0, dropped), latency, latencyRising: rising, transit: Number.isFinite(transitMs) ? transitMs / 1000 : null };
  }

  reset(): void {
    this.video = null;
    this.counters = [];
    this.since = null;
    this.latencies = [];
  }
}

export interface PressureThresholds {
  /** Presenting below this share of the source's frame rate is pressure. */
  minFpsShare: number;
  /** Dropping more than this share of the source's frames is pressure. */
  maxDropShare: number;
  /** Behind live by more than this (s) is pressure; the player itself jumps at 1.5 s. */
  maxLatency: number;
  /** Latency rising counts only above this (s). */
  risingFrom: number;
  /** The stream arriving this late (s) is pressure: the page cannot keep up with its sockets. */
  maxTransit: number;
  /** A tile counts as calm when presenting at least this share of its source rate. */
  calmFpsShare: number;
}

// A tile that shows three frames in four is visibly stuttering; one at nine in ten is fine.
export const DEFAULT_THRESHOLDS: PressureThresholds = {
  minFpsShare: 0.75,
  maxDropShare: 0.1,
  maxLatency: 1.2,
  risingFrom: 0.8,
  maxTransit: 0.8,
  calmFpsShare: 0.9,
};

export interface TileObservation {
  reading: TileReading | null;
  /** The source's frame rate (StreamStatus.fps), if known. */
  sourceFps: number | null;
  level: Level;
  /** The tile's budget key, to name it in the reasons (else its index). */
  key?: string;
}

/** `between`: neither clearly struggling nor comfortably keeping up; `unknown`: nothing to read. */
export type TileVerdict = 'pressure' | 'calm' | 'between' | 'unknown';

/** A verdict and, for pressure, the figure that made it (technical detail for data-budget-reason). */
export interface TileFinding {
  verdict: TileVerdict;
  why: string | null;
}

const secs = (value: number) => `${value.toFixed(2)} s`;

export function tileFinding({ reading, sourceFps, level }: TileObservation, limits: PressureThresholds = DEFAULT_THRESHOLDS): TileFinding {
  const pressure = (why: string): TileFinding => ({ verdict: 'pressure', why });
  const other = (verdict: TileVerdict): TileFinding => ({ verdict, why: null });
  if (level === 3 || reading === null) return other('unknown');
  if (reading.latency > limits.maxLatency) return pressure(`behind ${secs(reading.latency)}`);
  if (reading.transit !== null && reading.transit > limits.maxTransit) return pressure(`late from main ${secs(reading.transit)}`);
  if (reading.latencyRising && reading.latency > limits.risingFrom) return pressure(`behind and rising ${secs(reading.latency)}`);
  // Keyframes-only tiles present ~1 fps by design: only their latency says anything.
  if (level === 2 || sourceFps === null || sourceFps < 5) return other(reading.latency < limits.risingFrom ? 'calm' : 'between');
  if (reading.fps < sourceFps * limits.minFpsShare) return pressure(`${reading.fps.toFixed(1)} fps of ${sourceFps}`);
  if (reading.droppedFps > sourceFps * limits.maxDropShare) return pressure(`dropped ${reading.droppedFps.toFixed(1)}/s of ${sourceFps}`);
  return other(reading.fps >= sourceFps * limits.calmFpsShare && reading.droppedFps === 0 && reading.latency < limits.risingFrom ? 'calm' : 'between');
}

export function tileVerdict(observation: TileObservation, limits: PressureThresholds = DEFAULT_THRESHOLDS): TileVerdict {
  return tileFinding(observation, limits).verdict;
}
