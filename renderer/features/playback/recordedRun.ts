/** One read of a playback tile: what it asked the recorder for, and how far it has got. */
import type { Sample } from './fmp4Demuxer';

/**
 * A reverse read covers this much recorded time at 1×, speed times more when faster: with one
 * keyframe decoded per 1/KEYFRAMES_PER_SECOND s of wall time it holds at most 16 pictures.
 */
const REVERSE_WINDOW_MS = 2000;
/** Recorded time one reverse read covers: wider when faster, so a read lasts about as long at any speed. */
export const reverseWindow = (speed: number) => REVERSE_WINDOW_MS * Math.max(1, speed);

export interface Run {
  readonly abort: AbortController;
  readonly keyframes: boolean;
  /** Keyframes only: the spacing (ms of recorded time) asked of the recorder; 0 for every frame. */
  readonly spacing: number;
  readonly direction: 1 | -1;
  /** Forward: the time sought. Reverse: the start of the window fetched last. */
  from: number;
  /** Reverse: the end of the first window; forward: unused. */
  readonly to: number;
  /** Decode time of the last sample read (forward): where a continuation starts. */
  lastRead: number | null;
  /** Decode time of the last keyframe decoded (pacing of the keyframes-only modes). */
  lastKeyFed: number | null;
  readonly samples: Sample[];
  /** The answer being read has ended. */
  ended: boolean;
  /** Nothing recorded from here (forward) until this time (null: nowhere later). */
  gapUntil: number | null | undefined;
  /**
   * Forward: a continuation that brought nothing new (the live edge of the segment being
   * recorded) is asked again no sooner than this (performance.now()): the recorder writes a
   * fragment a second, and asking in a loop would read the file over and over.
   */
  continueAfter: number;
  /** Resolves the reader waiting for room in `samples`. */
  wake: (() => void) | null;
  /** The decoder must start again at a keyframe (after a reset). */
  needsKey: boolean;
  /** The decoder was flushed after the last sample read. */
  flushed: boolean;
}

export function newRun(pos: number, keyframes: boolean, direction: 1 | -1, spacing = 0): Run {
  return {
    abort: new AbortController(),
    keyframes,
    spacing: keyframes ? spacing : 0,
    direction,
    from: pos,
    to: pos,
    lastRead: null,
    lastKeyFed: null,
    samples: [],
    ended: false,
    gapUntil: undefined,
    continueAfter: 0,
    wake: null,
    needsKey: true,
    flushed: false,
  };
}
