/**
 * Measuring decode pressure, cheaply: once a second each tile's <video> is read (frame counters
 * from getVideoPlaybackQuality, and the distance to the live edge); no per-frame work, no React.
 * Main's CPU comes from `health.load` every few seconds.
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

/** Ignore a tile's first readings after its picture (re)starts: start-up is not pressure. */
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
    if (!last || this.video !== video || current.total < last.total || now <= last.at) {
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

export interface Load {
  mainCpu: number;
  ffmpegCpu: number;
  /** The whole machine, % of all cores (null before the first interval). */
  machineCpu?: number | null;
  cores: number;
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
  /** The machine's CPU (share of all cores): tiles step back up only below this. */
  cpuCalm: number;
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
  cpuCalm: 0.75,
  calmFpsShare: 0.9,
};

export interface TileObservation {
  reading: TileReading | null;
  /** The source's frame rate (StreamStatus.fps), if known. */
  sourceFps: number | null;
  level: Level;
}

/** `between`: neither clearly struggling nor comfortably keeping up; `unknown`: nothing to read. */
export type TileVerdict = 'pressure' | 'calm' | 'between' | 'unknown';

export function tileVerdict({ reading, sourceFps, level }: TileObservation, limits: PressureThresholds = DEFAULT_THRESHOLDS): TileVerdict {
  if (level === 3 || reading === null) return 'unknown';
  if (reading.latency > limits.maxLatency) return 'pressure';
  if (reading.transit !== null && reading.transit > limits.maxTransit) return 'pressure';
  if (reading.latencyRising && reading.latency > limits.risingFrom) return 'pressure';
  // Keyframes-only tiles present ~1 fps by design: only their latency says anything.
  if (level === 2 || sourceFps === null || sourceFps < 5) return reading.latency < limits.risingFrom ? 'calm' : 'between';
  if (reading.fps < sourceFps * limits.minFpsShare) return 'pressure';
  if (reading.droppedFps > sourceFps * limits.maxDropShare) return 'pressure';
  return reading.fps >= sourceFps * limits.calmFpsShare && reading.droppedFps === 0 && reading.latency < limits.risingFrom ? 'calm' : 'between';
}

/** How busy the PC is, as a share of all its cores: the whole machine when known, else main and its ffmpegs. */
export function cpuShare(load: Load | null): number | null {
  if (!load || load.cores <= 0) return null;
  if (typeof load.machineCpu === 'number') return load.machineCpu / 100;
  return (load.mainCpu + load.ffmpegCpu) / (load.cores * 100);
}

/**
 * The whole wall's signal. High only on a tile's own clear pressure (frames late, dropped or
 * skipped, a stream arriving late): a busy CPU is not a reason by itself, since a village PC
 * always runs something else and the wall may still hold. Low only when every measured tile is
 * calm and the CPU is too, so tiles step back up only with room to spare.
 */
export function pressureSignal(tiles: readonly TileObservation[], load: Load | null, limits: PressureThresholds = DEFAULT_THRESHOLDS): PressureSignal & { reasons: string[] } {
  const reasons: string[] = [];
  const verdicts = tiles.map((tile) => tileVerdict(tile, limits));
  verdicts.forEach((verdict, index) => verdict === 'pressure' && reasons.push(`tile ${index}`));
  const cpu = cpuShare(load);
  const unsettled = verdicts.some((verdict) => verdict === 'between');
  const high = reasons.length > 0;
  const low = !high && !unsettled && (cpu === null || cpu < limits.cpuCalm);
  return { high, low, pressured: verdicts.filter((verdict) => verdict === 'pressure').length, reasons };
}
