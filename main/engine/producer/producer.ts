/**
 * A producer is what feeds a session its bytes: ffmpeg reading a camera (ffmpegProducer.ts), or
 * the engine pulling a media server's FLV itself (flvPullProducer.ts). Everything after it — the
 * splitter, GOP cache, pre-roll, viewers, states, backoff, stall watchdog and timestamp stitching
 * — is the session's, and the same for both.
 *
 * A producer lives as long as its session and does one run at a time: `start` begins a run,
 * `data` events carry its bytes, and exactly one `exit` ends it (also after `stop`).
 */
import type { StreamState } from '../../../preload/api.js';
import type { OutputMode } from './ffmpegArgs.js';
import type { FailureState, VideoInfo } from './ffmpegLog.js';
import { TypedEmitter } from '../../lib/typedEmitter.js';

/** A failure a producer can name; `ffmpeg_missing` and `bad_url` are final. */
export type ProducerFailure = FailureState | Extract<StreamState, 'ffmpeg_missing' | 'bad_url'>;

export interface ProducerExit {
  /** Null for a plain disconnect: the session then says `reconnecting` or `offline`. */
  failure: ProducerFailure | null;
  /** The producer's last words for the status (the session redacts secrets from them). */
  detail: string;
}

export interface ProducerEvents {
  data: Buffer;
  /** The camera's video as it arrived (MPEG-TS), beside a converted `data`: for recorders. */
  original: Buffer;
  exit: ProducerExit;
}

export interface Producer {
  /** The outputs this producer can deliver; the session never asks for another. */
  readonly outputs: readonly OutputMode[];
  /** The child process of the current run, if the producer has one. */
  readonly pid: number | null;
  /** A run is under way (started, and its `exit` not yet emitted). */
  readonly running: boolean;
  /**
   * Begins a run. Never throws and never emits synchronously: failures arrive as `exit`. With
   * `original`, a transcode run also emits the camera's video as it arrives (`original` events).
   */
  start(output: OutputMode, options?: { original?: boolean }): void;
  /** Ends the current run; `note` is added to the exit's detail. Idempotent. */
  stop(note?: string): void;
  /** Resolves once no run is under way (its connection closed, its process gone). */
  stopped(): Promise<void>;
  /** What the producer has learned of the video in the current (or last) run. */
  videoInfo(): VideoInfo | null;
  on<K extends keyof ProducerEvents>(event: K, listener: (payload: ProducerEvents[K]) => void): () => void;
}

/** The run bookkeeping both producers share: one `exit` per run, and waiting for it. */
export abstract class ProducerBase extends TypedEmitter<ProducerEvents> {
  private runActive = false;

  get running(): boolean {
    return this.runActive;
  }

  stopped(): Promise<void> {
    if (!this.runActive) return Promise.resolve();
    return new Promise((resolve) => {
      const off = this.on('exit', () => {
        off();
        resolve();
      });
    });
  }

  protected beginRun(): void {
    this.runActive = true;
  }

  /** Ends the run once; later calls for the same run are ignored. */
  protected endRun(exit: ProducerExit): void {
    if (!this.runActive) return;
    this.runActive = false;
    this.emit('exit', exit);
  }
}
