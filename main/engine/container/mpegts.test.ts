import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { GopCache } from '../fanout/gopCache.js';
import { TsSplitter } from './mpegts.js';

/** A real MPEG-TS stream from ffmpeg: 3 s of H.265, one keyframe per second. */
function realHevcTs(): Buffer {
  return execFileSync('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=15', '-t', '3',
    '-c:v', 'libx265', '-preset', 'ultrafast', '-x265-params', 'keyint=15:min-keyint=15:log-level=error',
    '-f', 'mpegts', '-mpegts_flags', '+resend_headers', 'pipe:1',
  ], { maxBuffer: 64 * 1024 * 1024 });
}

describe('TsSplitter', () => {
  const ts = realHevcTs();

  it('cuts whole packets, finds PAT/PMT and one keyframe per second of a real H.265 stream', () => {
    const units = new TsSplitter().push(ts);
    expect(units.every((u) => u.bytes.length === 188 && u.bytes[0] === 0x47)).toBe(true);
    expect(units.some((u) => u.slot === 'ts-pat')).toBe(true);
    expect(units.some((u) => u.slot === 'ts-pmt')).toBe(true);
    expect(units.filter((u) => u.keyframe)).toHaveLength(3);
    expect(units.filter((u) => u.frameStart)).toHaveLength(45);
  });

  it('gives the same units whatever the chunking', () => {
    const splitter = new TsSplitter();
    const units = [];
    for (let i = 0; i < ts.length; i += 1000) units.push(...splitter.push(ts.subarray(i, i + 1000)));
    expect(Buffer.concat(units.map((u) => u.bytes))).toEqual(ts);
  });

  it('lets a late viewer start at PAT, PMT and the last keyframe', () => {
    const cache = new GopCache();
    for (const unit of new TsSplitter().push(ts)) cache.add(unit);
    const snapshot = new TsSplitter().push(Buffer.concat(cache.snapshot()));
    expect(snapshot[0]!.slot).toBe('ts-pat');
    expect(snapshot[1]!.slot).toBe('ts-pmt');
    expect(snapshot[2]!.keyframe).toBe(true);
    expect(snapshot.filter((u) => u.keyframe)).toHaveLength(1);
  });
});
