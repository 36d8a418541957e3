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
}

/** Ignore a tile's first readings after its picture (re)starts: start-up is not pressure. */
export const WARM_UP_MS = 5000;
const RISING_READINGS = 3;

/** Turns one tile's <video> into readings, one per call (call about once a second). */
export class TileMeter {
  private last: { at: number; total: number; dropped: number; video: ProbedVideo } | null = null;
  private since: number | null = null;
  private latencies: number[] = [];

  /** Null while warming up, paused, or after the video changed. */
  read(video: ProbedVideo | null, now: number): TileReading | null {
    const quality = video?.getVideoPlaybackQuality?.();
    if (!video || !quality || video.paused || video.buffered.length === 0) {
      this.reset();
      return null;
    }
    const last = this.last;
    this.last = { at: now, total: quality.totalVideoFrames, dropped: quality.droppedVideoFrames, video };
    if (!last || last.video !== video || quality.totalVideoFrames < last.total || now <= last.at) {
      this.since = now;
      this.latencies = [];
      return null;
    }
    this.since ??= now;
    const latency = Math.max(0, video.buffered.end(video.buffered.length - 1) - video.currentTime);
    this.latencies = [...this.latencies, latency].slice(-RISING_READINGS);
    if (now - this.since < WARM_UP_MS) return null;
    const seconds = (now - last.at) / 1000;
    const dropped = (quality.droppedVideoFrames - last.dropped) / seconds;
    const presented = (quality.totalVideoFrames - last.total) / seconds - dropped;
    const rising = this.latencies.length === RISING_READINGS && this.latencies.every((value, i) => i === 0 || value > this.latencies[i - 1]! + 0.05);
    return { fps: Math.max(0, presented), droppedFps: Math.max(0, dropped), latency, latencyRising: rising };
  }

  reset(): void {
    this.last = null;
    this.since = null;
    this.latencies = [];
  }
}

export interface Load {
  mainCpu: number;
  ffmpegCpu: number;
  cores: number;
}

export interface PressureThresholds {
  /** Presenting below this share of the source's frame rate is pressure. */
  minFpsShare: number;
  /** Dropping more than this share of the source's frames is pressure. */
  maxDropShare: number;
  /** Behind live by more than this (s) is pressure; the player itself jumps at 2 s. */
  maxLatency: number;
  /** Latency rising counts only above this (s). */
  risingFrom: number;
  /** Main's and its ffmpegs' CPU, as a share of all cores: pressure above, calm below. */
  cpuHigh: number;
  cpuCalm: number;
  /** A tile counts as calm when presenting at least this share of its source rate. */
  calmFpsShare: number;
}

// Conservative: only clear pressure counts, so a normal wall stays at full quality.
export const DEFAULT_THRESHOLDS: PressureThresholds = {
  minFpsShare: 0.6,
  maxDropShare: 0.2,
  maxLatency: 2,
  risingFrom: 1,
  cpuHigh: 0.95,
  cpuCalm: 0.75,
  calmFpsShare: 0.85,
};

export interface TileObservation {
  reading: TileReading | null;
  /** The source's frame rate (StreamStatus.fps), if known. */
  sourceFps: number | null;
  level: Level;
}

export type TileVerdict = 'pressure' | 'calm' | 'unknown';

export function tileVerdict({ reading, sourceFps, level }: TileObservation, limits: PressureThresholds = DEFAULT_THRESHOLDS): TileVerdict {
  if (level === 3 || reading === null) return 'unknown';
  if (reading.latency > limits.maxLatency) return 'pressure';
  if (reading.latencyRising && reading.latency > limits.risingFrom) return 'pressure';
  // Keyframes-only tiles present ~1 fps by design: only their latency says anything.
  if (level === 2 || sourceFps === null || sourceFps < 5) return reading.latency < limits.risingFrom ? 'calm' : 'unknown';
  if (reading.fps < sourceFps * limits.minFpsShare) return 'pressure';
  if (reading.droppedFps > sourceFps * limits.maxDropShare) return 'pressure';
  return reading.fps >= sourceFps * limits.calmFpsShare && reading.droppedFps === 0 && reading.latency < limits.risingFrom ? 'calm' : 'unknown';
}

/** The whole wall's signal: high on any clear pressure; low only when every measured tile is calm and the CPU is too. */
export function pressureSignal(tiles: readonly TileObservation[], load: Load | null, limits: PressureThresholds = DEFAULT_THRESHOLDS): PressureSignal & { reasons: string[] } {
  const reasons: string[] = [];
  const verdicts = tiles.map((tile) => tileVerdict(tile, limits));
  verdicts.forEach((verdict, index) => verdict === 'pressure' && reasons.push(`tile ${index}`));
  const cpuShare = load && load.cores > 0 ? (load.mainCpu + load.ffmpegCpu) / (load.cores * 100) : null;
  if (cpuShare !== null && cpuShare > limits.cpuHigh) reasons.push('cpu');
  const high = reasons.length > 0;
  const low = !high && verdicts.every((verdict) => verdict !== 'pressure') && (cpuShare === null || cpuShare < limits.cpuCalm);
  return { high, low, reasons };
}
