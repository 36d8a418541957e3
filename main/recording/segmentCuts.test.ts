import { describe, expect, it } from 'vitest';
import { beforeKeyframe, endForState, endForWriteError, replayedByNextRun, writerRetryDelay, type OpenSegment } from './segmentCuts.js';

const avc = Buffer.from([0x17, 0, 1, 2, 3]);
// The monotonic clock started 400 000 ms behind the wall clock when the segment did.
const open: OpenSegment = { startTs: 5000, clockOffset: 1_000_000 - 5000, wallOffset: 400_000, config: avc };
/**
 * A keyframe `streamMs` into the stream: `wallDrift` sets the machine's clock (the wall moves, the
 * monotonic clock does not), `late` delays its arrival (both clocks move on), as a busy moment does.
 */
const at = (streamMs: number, wallDrift = 0, config = avc, late = 0) => ({ timestamp: 5000 + streamMs, now: 1_000_000 + streamMs + late + wallDrift, monotonic: 600_000 + streamMs + late, config });

describe('where a segment is cut', () => {
  it('starts the first segment at the first keyframe', () => {
    expect(beforeKeyframe(null, at(0), 60_000)).toBe('start');
  });

  it('carries on before the length, and cuts at the first keyframe at or past it', () => {
    expect(beforeKeyframe(open, at(59_000), 60_000)).toBeNull();
    expect(beforeKeyframe(open, at(60_000), 60_000)).toBe('length');
    expect(beforeKeyframe(open, at(61_000), 60_000)).toBe('length');
  });

  it('cuts when the codec or picture size changes (a new sequence header)', () => {
    expect(beforeKeyframe(open, at(1000, 0, Buffer.from([0x17, 0, 9, 9])), 60_000)).toBe('format_change');
  });

  it('cuts when the wall clock jumps more than 2 s against the stream, either way, and not for jitter', () => {
    expect(beforeKeyframe(open, at(1000, 1900), 60_000)).toBeNull();
    expect(beforeKeyframe(open, at(1000, -1900), 60_000)).toBeNull();
    expect(beforeKeyframe(open, at(1000, 2100), 60_000)).toBe('clock_jump');
    expect(beforeKeyframe(open, at(1000, -3600_000), 60_000)).toBe('clock_jump');
  });

  it('does not call frames that come late from a busy moment a clock jump, but does a stream that leapt or runs far behind', () => {
    expect(beforeKeyframe(open, at(3000, 0, avc, 3000), 60_000)).toBeNull(); // held 3 s (a conversion starting beside the copy)
    expect(beforeKeyframe(open, at(3000, 0, avc, 9000), 60_000)).toBeNull();
    expect(beforeKeyframe(open, at(3000, 0, avc, 11_000), 60_000)).toBe('clock_jump'); // a camera clock running slow
    expect(beforeKeyframe(open, at(3000, 0, avc, -2100), 60_000)).toBe('clock_jump'); // timestamps leapt forward: never early
    expect(beforeKeyframe(open, at(3000, 0, avc, -1900), 60_000)).toBeNull();
  });

  it('after an output switch, gives the replayed GOP to the next segment only: the switched one ends before it, or leaves nothing when it was all of it', () => {
    const keyframe = Buffer.from([0, 0, 0, 3, 0x26, 0x01, 0xaf]);
    const sameBytes = Buffer.from(keyframe); // the server's cached GOP, sent again to the new run
    const other = Buffer.from([0, 0, 0, 3, 0x26, 0x01, 0xb0]);
    // The held GOP began at 9000, after the segment's first keyframe (5000): only it is replayed.
    expect(replayedByNextRun(open, { timestamp: 9000, data: keyframe }, sameBytes)).toBe('gop');
    // The segment is that one GOP (cut for length just before the switch): all of it is in the next one.
    expect(replayedByNextRun(open, { timestamp: 5000, data: keyframe }, sameBytes)).toBe('segment');
    // A new run starting at another keyframe (a camera without a GOP cache): the segment keeps all it has.
    expect(replayedByNextRun(open, { timestamp: 9000, data: keyframe }, other)).toBeNull();
    // Part of the GOP is written already (longer than a fragment): nothing can be taken back.
    expect(replayedByNextRun(open, null, sameBytes)).toBeNull();
  });

  it('waits longer after each writer in a row that left nothing, up to 30 s', () => {
    expect([0, 1, 2, 3, 5, 6, 20].map(writerRetryDelay)).toEqual([0, 1000, 2000, 4000, 16_000, 30_000, 30_000]);
  });

  it('says a write that failed for want of space is a full disk, and any other is the writer failing', () => {
    expect(endForWriteError('ENOSPC')).toBe('disk_full');
    expect(endForWriteError('EDQUOT')).toBe('disk_full');
    expect(endForWriteError('EIO')).toBe('writer_failed');
    expect(endForWriteError('ESTALLED')).toBe('writer_failed');
    expect(endForWriteError(undefined)).toBe('writer_failed');
  });

  it('names the gap after a dropped stream by the session’s state', () => {
    expect(endForState('unauthorized')).toBe('unauthorized');
    expect(endForState('offline')).toBe('offline');
    expect(endForState('reconnecting')).toBe('offline');
    expect(endForState('stalled')).toBe('offline');
  });
});
