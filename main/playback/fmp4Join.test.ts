/**
 * The fMP4 maths on hand-made files: fragments written by fragmentBytes read back sample for
 * sample, and segments joined from the keyframe at or before the start onto one timeline.
 */
import { describe, expect, it } from 'vitest';
import { readInit, readSamples, type Fmp4Init } from './fmp4Read.js';
import { fragmentBytes, type OutSample } from '../recording/mp4Write.js';
import { Fmp4Joiner } from './fmp4Join.js';

const box = (type: string, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
};
const words = (...values: number[]) => Buffer.concat(values.map((v) => { const b = Buffer.alloc(4); b.writeUInt32BE(v >>> 0); return b; }));

const TIMESCALE = 1000;
/** ftyp + moov of one video track (id 1), with `codec` standing for its sample description. */
function initBytes(codec: string): Buffer {
  const tkhd = box('tkhd', words(3, 0, 0, 1, 0));
  const mdhd = box('mdhd', words(0, 0, 0, TIMESCALE, 0));
  const stsd = box('stsd', words(0, 1), box('avc1', Buffer.from(codec)));
  const trak = box('trak', tkhd, box('mdia', mdhd, box('minf', box('stbl', stsd))));
  const mvex = box('mvex', box('trex', words(0, 1, 1, 0, 0, 0)));
  return Buffer.concat([box('ftyp', Buffer.from('isom'), words(512)), box('moov', trak, mvex)]);
}

const KEY = 0x0200_0000;
const DELTA = 0x0101_0000;
/** A segment of `seconds` at 10 fps with a keyframe each second; each sample's data names its time. */
function segment(codec: string, seconds: number, baseDts = 0): { bytes: Buffer; init: Fmp4Init } {
  const parts = [initBytes(codec)];
  for (let s = 0; s < seconds; s += 1) {
    const samples: OutSample[] = Array.from({ length: 10 }, (_, i) => ({ duration: 100, flags: i === 0 ? KEY : DELTA, cto: 0, data: Buffer.from(`t${s * 1000 + i * 100};`) }));
    parts.push(fragmentBytes(s + 1, 1, baseDts + s * 1000, samples));
  }
  const bytes = Buffer.concat(parts);
  return { bytes, init: readInit(bytes)! };
}

/** The joined output read back: its decode times, sample data and whether each is a keyframe. */
function readBack(chunks: Buffer[]) {
  const bytes = Buffer.concat(chunks);
  const init = readInit(bytes)!;
  return readSamples(bytes, init).map((s) => ({ dts: s.dts, duration: s.duration, key: (s.flags & 0x10000) === 0, data: bytes.toString('latin1', s.offset, s.offset + s.size) }));
}

describe('fragments', () => {
  it('read back exactly what was written, sample for sample', () => {
    const { bytes, init } = segment('A', 2, 5000);
    expect(init).toMatchObject({ timescale: TIMESCALE, trackId: 1 });
    const samples = readSamples(bytes, init);
    expect(samples).toHaveLength(20);
    expect(samples[0]).toMatchObject({ dts: 5000, duration: 100, flags: KEY });
    expect(samples[11]).toMatchObject({ dts: 6100, flags: DELTA });
    expect(bytes.toString('latin1', samples[11]!.offset, samples[11]!.offset + samples[11]!.size)).toBe('t1100;');
  });
});

describe('joining recorded segments', () => {
  const T = 1_800_000_000_000;
  it('starts at the keyframe at or before the start and ends before the end', () => {
    const joiner = new Fmp4Joiner({ start: T + 1500, end: T + 2300, keyframesOnly: false });
    const { bytes, init } = segment('A', 4, 90_000);
    const out = readBack([...joiner.addSegment(bytes, init, readSamples(bytes, init), T), ...joiner.finish()]);
    expect(joiner.startMs).toBe(T + 1000);
    expect(out[0]).toMatchObject({ dts: 0, key: true, data: 't1000;' });
    expect(out.at(-1)).toMatchObject({ dts: 1200, data: 't2200;' });
    expect(joiner.endMs).toBe(T + 2300);
  });

  it('puts the next segment where the wall clock says, never overlapping, on one sequence of fragments', () => {
    const joiner = new Fmp4Joiner({ start: T + 2500, end: T + 10_000, keyframesOnly: false });
    const a = segment('A', 3, 0);
    const b = segment('A', 3, 777_000); // its own clock: only its wall-clock start matters
    const c = segment('A', 3, 0);
    const chunks = [
      ...joiner.addSegment(a.bytes, a.init, readSamples(a.bytes, a.init), T),
      ...joiner.addSegment(b.bytes, b.init, readSamples(b.bytes, b.init), T + 3000),
      // Named 50 ms early (a seam): it follows on, it does not overlap.
      ...joiner.addSegment(c.bytes, c.init, readSamples(c.bytes, c.init), T + 5950),
      ...joiner.finish(),
    ];
    const out = readBack(chunks);
    expect(out.map((s) => s.dts)).toEqual(Array.from({ length: 70 }, (_, i) => i * 100)); // 2.0 s … 8.9 s on the wall, 100 ms apart
    expect(out[10]).toMatchObject({ dts: 1000, key: true, data: 't0;' }); // b's first sample, 3 s on the wall
    const sequences = chunks.slice(1).map((chunk) => chunk.readUInt32BE(8 + 8 + 4));
    expect(sequences).toEqual(sequences.map((_, i) => i + 1));
  });

  it('keeps a real gap between segments as a jump in time', () => {
    const joiner = new Fmp4Joiner({ start: T, end: T + 60_000, keyframesOnly: false });
    const a = segment('A', 1);
    const b = segment('A', 1);
    const out = readBack([...joiner.addSegment(a.bytes, a.init, readSamples(a.bytes, a.init), T), ...joiner.addSegment(b.bytes, b.init, readSamples(b.bytes, b.init), T + 20_000), ...joiner.finish()]);
    expect(out[10]!.dts).toBe(20_000);
  });

  it('stops at a segment with another codec or picture size', () => {
    const joiner = new Fmp4Joiner({ start: T, end: T + 60_000, keyframesOnly: false });
    const a = segment('A', 2);
    const b = segment('B', 2);
    const out = readBack([...joiner.addSegment(a.bytes, a.init, readSamples(a.bytes, a.init), T), ...joiner.addSegment(b.bytes, b.init, readSamples(b.bytes, b.init), T + 2000)]);
    expect(joiner.done).toBe(true);
    expect(out).toHaveLength(20);
  });

  it('keeps only keyframes when asked, each lasting its whole GOP', () => {
    const joiner = new Fmp4Joiner({ start: T + 500, end: T + 3500, keyframesOnly: true });
    const { bytes, init } = segment('A', 4);
    const out = readBack([...joiner.addSegment(bytes, init, readSamples(bytes, init), T), ...joiner.finish()]);
    expect(out.map((s) => [s.dts, s.duration, s.key, s.data])).toEqual([
      [0, 1000, true, 't0;'],
      [1000, 1000, true, 't1000;'],
      [2000, 1000, true, 't2000;'],
      [3000, 500, true, 't3000;'], // the range ends half way through the last GOP
    ]);
  });

  it('keeps keyframes no closer than the spacing asked, each lasting until the next one kept', () => {
    // 16× at 8 pictures a second: 2 s of recording between two keyframes decoded. A 1 s GOP
    // sends every other keyframe, not every one for the player to throw half away.
    const joiner = new Fmp4Joiner({ start: T, end: T + 5500, keyframesOnly: true, keyframeSpacingMs: 2000 });
    const { bytes, init } = segment('A', 6);
    const out = readBack([...joiner.addSegment(bytes, init, readSamples(bytes, init), T), ...joiner.finish()]);
    expect(out.map((s) => [s.dts, s.duration, s.data])).toEqual([
      [0, 2000, 't0;'],
      [2000, 2000, 't2000;'],
      [4000, 1500, 't4000;'],
    ]);
  });

  it('keeps every keyframe of a GOP a hair shorter than the spacing (8× with a 1 s GOP)', () => {
    const joiner = new Fmp4Joiner({ start: T, end: T + 3000, keyframesOnly: true, keyframeSpacingMs: 1001 });
    const { bytes, init } = segment('A', 3);
    const out = readBack([...joiner.addSegment(bytes, init, readSamples(bytes, init), T), ...joiner.finish()]);
    expect(out.map((s) => s.data)).toEqual(['t0;', 't1000;', 't2000;']);
  });
});
