/**
 * One run of a session's producer: the output it delivers, everything the session tracks about
 * it, and the watchdog's look at it. A run's state is made fresh for each run, so nothing of one
 * run leaks into the next.
 */
import type { OutputMode } from '../producer/ffmpegArgs.js';
import { FlvSplitter } from '../container/flv.js';
import type { Container, Demuxer } from '../container/mediaUnit.js';
import { TsSplitter } from '../container/mpegts.js';

export interface RunState {
  readonly output: OutputMode;
  /** Splits this run's bytes; a fresh one, so a broken stream cannot spoil the next run. */
  readonly demuxer: Demuxer;
  /** The camera's own video a transcode run writes beside its output (null for a copy run: the output is that). */
  readonly original: { splitter: Demuxer; seen: boolean; broken: boolean } | null;
  /** The session ended this run to start one with another output (a tile came to a recorder's H.265, or left it). */
  switching: boolean;
  /** The first unit arrived: the output container is certain. */
  outputSeen: boolean;
  /** A frame arrived: the camera went live in this run. */
  live: boolean;
  /** The stall watchdog stopped this run. */
  stalled: boolean;
  /** This run converts and holds a slot of the transcode budget, given back when it ends. */
  holdsTranscode: boolean;
  /** Added to this run's FLV timestamps to continue the previous runs' timeline; set at its first frame. */
  timestampShift: number | null;
  startTimer: NodeJS.Timeout | null;
  watchdog: NodeJS.Timeout | null;
}

export function newRunState(output: OutputMode): RunState {
  const demuxer = output === 'ts-copy' ? new TsSplitter() : new FlvSplitter();
  return {
    output,
    demuxer,
    original: output === 'flv-transcode' ? { splitter: new TsSplitter(), seen: false, broken: false } : null,
    switching: false,
    outputSeen: false,
    live: false,
    stalled: false,
    holdsTranscode: false,
    timestampShift: null,
    startTimer: null,
    watchdog: null,
  };
}

export function stopRunTimers(run: RunState): void {
  if (run.startTimer) clearTimeout(run.startTimer);
  if (run.watchdog) clearInterval(run.watchdog);
  run.startTimer = run.watchdog = null;
}

export function containerOf(output: OutputMode): Container {
  return output === 'ts-copy' ? 'mpegts' : 'flv';
}

/** The container of the camera's video as it arrives (what recorders get): a transcode run writes it as MPEG-TS beside its FLV. */
export function originalContainerOf(output: OutputMode): Container {
  return output === 'flv-copy' ? 'flv' : 'mpegts';
}

/**
 * The output for a camera's codec (null while unknown): copied where the viewer can play it,
 * converted to H.264 where not, and what the producer can give at all. `picturesWanted` is false
 * when only recorders watch: they take H.265 as it arrives, and nothing is converted for nobody.
 */
export function chooseOutput(codec: string | null, acceptsHevc: boolean, outputs: readonly OutputMode[], picturesWanted = true): OutputMode {
  let wanted: OutputMode = 'flv-transcode';
  if (codec === null || codec === 'h264') wanted = 'flv-copy';
  else if (codec === 'hevc' && (acceptsHevc || !picturesWanted)) wanted = 'ts-copy';
  // A relay pull delivers what the relay sends (and refuses what the wall cannot play as is).
  return outputs.includes(wanted) ? wanted : 'flv-copy';
}

/** A live state this old gets its figures pushed at each watchdog tick (the meter's window is 2 s too). */
export const STATS_AFTER_MS = 2000;

export interface RunHealth {
  /** The run delivered a frame. */
  live: boolean;
  /** Since the session's last frame, in ms; null if it never had one. */
  msSinceLastFrame: number | null;
  /** No frame for longer than this while live means stalled. */
  stallMs: number;
  /** The session says `live` (not, say, `stalled` while its run winds down). */
  saysLive: boolean;
  /** Since the session's state last changed, in ms. */
  msInState: number;
}

/** The watchdog's look at a running run, twice a second: stop it as stalled, push fresh figures, or nothing. */
export function watchRun({ live, msSinceLastFrame, stallMs, saysLive, msInState }: RunHealth): 'stalled' | 'report' | 'quiet' {
  // A frozen camera keeps its RTSP session open and ffmpeg never exits by itself; a relay
  // whose publisher froze keeps its FLV connection open the same way.
  if (live && msSinceLastFrame !== null && msSinceLastFrame > stallMs) return 'stalled';
  return saysLive && msInState >= STATS_AFTER_MS ? 'report' : 'quiet';
}
