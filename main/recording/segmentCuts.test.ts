import { describe, expect, it } from 'vitest';
import { beforeKeyframe, endForState, endForWriteError, writerRetryDelay, type OpenSegment } from './segmentCuts.js';

const avc = Buffer.from([0x17, 0, 1, 2, 3]);
const open: OpenSegment = { startTs: 5000, clockOffset: 1_000_000 - 5000, config: avc };
const at = (streamMs: number, wallDrift = 0, config = avc) => ({ timestamp: 5000 + streamMs, now: 1_000_000 + streamMs + wallDrift, config });

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
