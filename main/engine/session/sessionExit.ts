/**
 * What a session does once a run of its producer has ended: the supervisor's one decision, as a
 * pure function of what the session knows at that moment.
 */
import type { StreamState } from '../../../preload/api.js';
import type { OutputMode } from '../producer/ffmpegArgs.js';
import type { ProducerFailure } from '../producer/producer.js';
import { disconnectedState, planRetry, type RetryHistory, type RetryPlan } from './sessionRetry.js';

/** Failures no retry can mend: they stay until ffmpeg is installed or the camera's settings change. */
export const FINAL_STATES = ['ffmpeg_missing', 'bad_url'] as const;
export type FinalState = (typeof FINAL_STATES)[number];

export const isFinal = (state: StreamState | null): state is FinalState => FINAL_STATES.includes(state as FinalState);

export interface RunEnd extends RetryHistory {
  /** The session was closed (its own stop ended the run). */
  closed: boolean;
  /** The reason the producer named; null for a plain disconnect, and after a stop. */
  failure: ProducerFailure | null;
  /** The producer's last words, secrets already redacted. */
  detail: string;
  /** What this run delivered. */
  output: OutputMode;
  /** What the camera's codec, as known now, calls for. */
  neededOutput: OutputMode;
  /** The run delivered a frame. */
  wentLive: boolean;
  /** The stall watchdog stopped the run. */
  stalled: boolean;
  /** The session stopped the run itself to start one with another output. */
  switching: boolean;
}

export type AfterExit =
  | { kind: 'closed' }
  | { kind: 'final'; state: FinalState; detail: string | null }
  /** The camera's codec is now known and needs another output, or the viewers changed what it must be: start again at once; no attempt is counted. */
  | { kind: 'restart-now' }
  /** `endPlayers`: the open players cannot follow into the next run (MPEG-TS timelines are not stitched). */
  | ({ kind: 'retry'; endPlayers: boolean } & RetryPlan);

export function afterExit(end: RunEnd): AfterExit {
  if (end.closed) return { kind: 'closed' };
  if (isFinal(end.failure)) return { kind: 'final', state: end.failure, detail: end.detail || null };
  if (end.neededOutput !== end.output && (!end.wentLive || end.switching)) return { kind: 'restart-now' };
  const endPlayers = end.wentLive && end.output === 'ts-copy';
  const state = end.stalled ? 'stalled' : (end.failure ?? disconnectedState(end.wentLive, end.attempt + 1));
  return { kind: 'retry', endPlayers, ...planRetry(state, end.detail, end) };
}
