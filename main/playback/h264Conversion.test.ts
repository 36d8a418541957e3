import { describe, expect, it } from 'vitest';
import { initSegment } from '../recording/fmp4Muxer.js';
import { needsConversion, sampleEntryOf } from './h264Conversion.js';

const track = (codec: 'h264' | 'h265') => ({ codec, config: Buffer.from([1, 2, 3, 4]), width: 640, height: 360, timescale: 90_000 });

describe('converting recorded H.265 for a page that cannot decode it', () => {
  it("reads the sample entry of the joined stream's init: only what is not H.264 is converted", () => {
    expect(sampleEntryOf(initSegment(track('h265')))).toBe('hvc1');
    expect(sampleEntryOf(initSegment(track('h264')))).toBe('avc1');
    expect(sampleEntryOf(Buffer.from('not an init at all'))).toBeNull();
    expect(['hvc1', 'hev1', 'avc1', 'avc3', null].map(needsConversion)).toEqual([true, true, false, false, false]);
  });
});
