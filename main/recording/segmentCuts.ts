/**
 * Where a recording is cut into segments: only ever before a keyframe (each segment must start
 * decodable), when the segment is long enough, the camera's codec or picture size changed (its
 * sequence header is new), or the clocks jumped: the machine's clock was set (NTP, by hand) or
 * the stream's timestamps leapt. Pure: the recorder passes the clocks in.
 */

/**
 * Why a segment ended; from `output_switched` on also why the gap after it exists. Sidecars keep
 * it: a reason is only ever added (older sidecars stay readable), never renamed.
 * `output_switched`: the session began a run with another output for the same pull (an H.265
 * camera copied for recorders alone, converted once a tile comes, copied again when it leaves);
 * the reconnect costs a moment of footage, usually less than a seam.
 */
export const SEGMENT_ENDS = ['length', 'format_change', 'clock_jump', 'output_switched', 'offline', 'unauthorized', 'disk_full', 'console_stopped', 'writer_failed'] as const;
export type SegmentEnd = (typeof SEGMENT_ENDS)[number];

/** A wall clock set this much forward or back (against a clock nothing sets) has jumped. */
export const CLOCK_JUMP_MS = 2000;
/**
 * A stream whose frames arrive this much later than its timestamps say, with the machine's clock
 * not set meanwhile, runs on a wrong clock (a camera's running slow). Less is a busy moment: ffmpeg
 * or main held the frames (a conversion starting beside the copy, a loaded machine) and they come
 * in a burst; cutting there split a recording with a false "clock jump" (seen at 2–3 s under load).
 */
export const LATE_STREAM_MS = 10_000;

export interface OpenSegment {
  /** FLV timestamp (ms) of its first keyframe. */
  startTs: number;
  /**
   * Wall clock minus stream clock, the least seen over its frames: a frame is never early, only
   * late (a camera or server replaying its cached GOP at connect, a busy network), so the least is
   * the live one. A segment's frames happened at `timestamp + clockOffset`.
   */
  clockOffset: number;
  /** Wall clock minus the monotonic clock when it started: moved by setting the machine's clock only. */
  wallOffset: number;
  /** The sequence header it was started with. */
  config: Buffer;
}

export interface Keyframe {
  timestamp: number;
  /** The wall clock when it arrived. */
  now: number;
  /** A clock nothing sets (performance.now()) when it arrived. */
  monotonic: number;
  /** The sequence header in force for it. */
  config: Buffer;
}

/** The machine's clock was set by more than CLOCK_JUMP_MS since `open` began. */
export const clockWasSet = (open: OpenSegment, now: number, monotonic: number) => Math.abs(now - monotonic - open.wallOffset) > CLOCK_JUMP_MS;

/** What to do before this keyframe: start the first segment, cut (and why), or carry on. */
export function beforeKeyframe(open: OpenSegment | null, frame: Keyframe, lengthMs: number): 'start' | SegmentEnd | null {
  if (!open) return 'start';
  if (!frame.config.equals(open.config)) return 'format_change';
  if (clockWasSet(open, frame.now, frame.monotonic)) return 'clock_jump';
  // A frame is never early: arriving well ahead of the segment's clock, its timestamps leapt forward.
  const late = frame.now - frame.timestamp - open.clockOffset;
  if (late < -CLOCK_JUMP_MS || late > LATE_STREAM_MS) return 'clock_jump';
  if (frame.timestamp - open.startTs >= lengthMs) return 'length';
  return null;
}

/**
 * What the next run replays of a segment an output switch ended, from the GOP it still holds
 * unwritten: a camera (or its server) sends a new connection its cached GOP first, the very
 * pictures the last run sent live. Kept in both segments they were recorded twice, and the next
 * segment began up to a GOP before this one ended (−0.5 to −0.7 s seams at 1 s GOPs). Same
 * keyframe, byte for byte: `gop`, this segment ends before it (the next one, which starts at it,
 * keeps those pictures); `segment` when it is the segment's first GOP: all of it is in the next one.
 * null when the next run starts elsewhere, or the GOP is partly written already (`held` null: a
 * GOP over a fragment's length); then pictures may stay twice, at their true times.
 */
export function replayedByNextRun(open: Pick<OpenSegment, 'startTs'>, held: { timestamp: number; data: Buffer } | null, nextKeyframe: Buffer): 'gop' | 'segment' | null {
  if (held === null || !held.data.equals(nextKeyframe)) return null;
  return held.timestamp > open.startTs ? 'gop' : 'segment';
}

/**
 * How long to wait before starting another segment after `failures` segments in a row left no
 * playable file (nothing can be written there at all): 1 s, doubling, at most 30 s, rather than a
 * new file at every keyframe.
 */
export function writerRetryDelay(failures: number): number {
  return failures <= 0 ? 0 : Math.min(30_000, 1000 * 2 ** (failures - 1));
}

/** Why a segment ends when writing its file failed: a full disk (or quota) is said as such, and retention looks for room. */
export function endForWriteError(code: string | undefined): SegmentEnd {
  return code === 'ENOSPC' || code === 'EDQUOT' ? 'disk_full' : 'writer_failed';
}

/** The gap reason a session's state gives a segment that ends because the stream stopped. */
export function endForState(state: string): SegmentEnd {
  return state === 'unauthorized' ? 'unauthorized' : 'offline';
}
