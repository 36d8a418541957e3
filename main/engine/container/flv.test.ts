import { describe, expect, it } from 'vitest';
import { CLOCK_TAG_NAME, ContainerFormatError, FlvSplitter, TAG_SCRIPT, TAG_VIDEO, flvClockTag, flvTimestamp } from './flv.js';
import { GopCache } from '../fanout/gopCache.js';
import type { MediaUnit } from './mediaUnit.js';
import { endlessGop, flvTag } from './flvTestData.js';

const HEADER = Buffer.from([0x46, 0x4c, 0x56, 1, 1, 0, 0, 0, 9, 0, 0, 0, 0]);

const tag = flvTag;
const avcConfig = () => tag(TAG_VIDEO, 0, [0x17, 0, 0, 0, 0, 1, 2, 3]);
const keyframe = (ts: number) => tag(TAG_VIDEO, ts, [0x17, 1, 0, 0, 0, 9, 9]);
const interframe = (ts: number) => tag(TAG_VIDEO, ts, [0x27, 1, 0, 0, 0, 8]);
const metadata = () => tag(TAG_SCRIPT, 0, [2, 0, 10, ...Buffer.from('onMetaData')]);

function splitAll(bytes: Buffer, chunk: number): MediaUnit[] {
  const splitter = new FlvSplitter();
  const events: MediaUnit[] = [];
  for (let i = 0; i < bytes.length; i += chunk) events.push(...splitter.push(bytes.subarray(i, i + chunk)));
  return events;
}

describe('FlvSplitter', () => {
  const stream = Buffer.concat([HEADER, metadata(), avcConfig(), keyframe(0), interframe(67), keyframe(0x1000000 + 5)]);

  it.each([1, 7, 13, 64, 100_000])('finds the same tags whatever the chunking (%i bytes)', (size) => {
    const events = splitAll(stream, size);
    expect(events.map((e) => `${e.slot ?? 'frame'}:${e.keyframe ? 'K' : ''}@${e.timestamp}`)).toEqual([
      'flv-header:@null',
      'flv-metadata:@0',
      'flv-video-config:@0',
      'frame:K@0',
      'frame:@67',
      `frame:K@${0x1000000 + 5}`,
    ]);
    expect(Buffer.concat(events.map((e) => e.bytes))).toEqual(stream);
  });

  it('hands out frames as views of their chunk (no copy per tag) and headers as copies of their own, which a run keeps', () => {
    const stream = Buffer.concat([HEADER, metadata(), avcConfig(), keyframe(0), interframe(40)]);
    const chunk = Buffer.alloc(stream.length); // never from the pool small copies come from
    stream.copy(chunk);
    const units = new FlvSplitter().push(chunk);
    const before = units.map((unit) => Buffer.from(unit.bytes));
    chunk.fill(0); // the reader's buffer, gone or reused
    expect(units.map((unit, i) => `${unit.slot ?? 'frame'}: ${unit.bytes.equals(before[i]!) ? 'kept' : 'the chunk'}`)).toEqual([
      'flv-header: kept',
      'flv-metadata: kept',
      'flv-video-config: kept',
      'frame: the chunk',
      'frame: the chunk',
    ]);
  });

  it('refuses a stream that is not FLV', () => {
    expect(() => new FlvSplitter().push(Buffer.from('MPEG-TS is not FLV'))).toThrow(ContainerFormatError);
  });
});

describe('GopCache', () => {
  const feed = (cache: GopCache, ...parts: Buffer[]) => {
    const splitter = new FlvSplitter();
    for (const event of splitter.push(Buffer.concat([HEADER, ...parts]))) cache.add(event);
  };

  it('gives a late viewer header, metadata, sequence header and the frames since the last keyframe', () => {
    const cache = new GopCache();
    feed(cache, metadata(), avcConfig(), keyframe(0), interframe(67), keyframe(1000), interframe(1067));
    expect(Buffer.concat(cache.snapshot())).toEqual(Buffer.concat([HEADER, metadata(), avcConfig(), keyframe(1000), interframe(1067)]));
  });

  it('holds at most 8 MB when a camera sends one keyframe and then minutes of P-frames', () => {
    const cache = new GopCache();
    const splitter = new FlvSplitter();
    let peak = 0;
    for (const part of endlessGop(10 * 60 * 25, 4096)) {
      for (const unit of splitter.push(part)) cache.add(unit);
      peak = Math.max(peak, cache.frames().reduce((sum, unit) => sum + unit.bytes.length, 0));
    }
    console.log(`GOP cache held at most ${(peak / 1024 / 1024).toFixed(1)} MB of a 58.6 MB GOP`);
    expect(peak).toBeLessThanOrEqual(8 * 1024 * 1024);
    // No viewer is offered P-frames without their keyframe.
    expect(cache.ready).toBe(false);
  });

  it('after giving up a GOP over its cap, serves late viewers again from the next keyframe', () => {
    const cache = new GopCache();
    const splitter = new FlvSplitter();
    for (const part of endlessGop(3000, 4096)) for (const unit of splitter.push(part)) cache.add(unit);
    expect(cache.ready).toBe(false);
    for (const unit of splitter.push(Buffer.concat([keyframe(120_040), interframe(120_080)]))) cache.add(unit);
    expect(cache.ready).toBe(true);
    expect(cache.frames().map((unit) => [unit.keyframe, unit.timestamp])).toEqual([
      [true, 120_040],
      [false, 120_080],
    ]);
  });

  it('is not ready until a keyframe has arrived', () => {
    const cache = new GopCache();
    feed(cache, avcConfig(), interframe(0), interframe(67));
    expect(cache.ready).toBe(false);
    expect(cache.snapshot()).toEqual([]);
  });
});

describe('the clock tag', () => {
  it('is a script tag the splitter reads back whole, naming the host clock', () => {
    const tag = flvClockTag(1234, 1_732_851_234_567);
    const units = new FlvSplitter().push(Buffer.concat([HEADER, tag]));
    expect(units.map((u) => u.slot)).toEqual(['flv-header', 'flv-metadata']);
    expect(units[1]!.bytes).toEqual(tag);
    expect(flvTimestamp(tag)).toBe(1234);
    const name = tag.toString('latin1', 14, 14 + CLOCK_TAG_NAME.length);
    expect(name).toBe(CLOCK_TAG_NAME);
    expect(tag.readDoubleBE(14 + CLOCK_TAG_NAME.length + 1)).toBe(1_732_851_234_567);
  });
});
