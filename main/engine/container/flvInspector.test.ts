import { describe, expect, it } from 'vitest';
import { FlvInspector } from './flvInspector.js';
import { readFlvMetadata } from './flvMetadata.js';
import { flvStream, metadataTag } from './flvTestData.js';

function inspect(bytes: Buffer, chunk = bytes.length) {
  const inspector = new FlvInspector();
  let verdict = inspector.push(bytes.subarray(0, chunk));
  for (let i = chunk; i < bytes.length && verdict.kind !== 'refused'; i += chunk) verdict = inspector.push(bytes.subarray(i, i + chunk));
  return { verdict, inspector };
}

describe('FlvInspector', () => {
  it.each([1, 5, 64, 100_000])('plays H.264 and reads its size and rate from the metadata (%i-byte chunks)', (chunk) => {
    const { verdict, inspector } = inspect(flvStream('h264'), chunk);
    expect(verdict).toEqual({ kind: 'playable', info: { codec: 'h264', inputCodec: 'h264', width: 1280, height: 720, fps: 25 } });
    expect(inspector.keyframeSeen).toBe(true);
  });

  it('waits until the first video tag before deciding', () => {
    const stream = flvStream('h264');
    expect(inspect(stream.subarray(0, 13)).verdict).toEqual({ kind: 'undecided' });
    expect(inspect(stream.subarray(0, 13)).inspector.headerSeen).toBe(true);
  });

  it.each([
    ['H.265 with codec id 12', 'hevc' as const, 'codec id 12'],
    ['enhanced FLV', 'enhanced-hevc' as const, 'hvc1'],
  ])('refuses %s as not played over relay-flv yet', (_name, video, says) => {
    const { verdict } = inspect(flvStream(video));
    expect(verdict).toMatchObject({ kind: 'refused' });
    expect(verdict.kind === 'refused' && verdict.detail).toContain(says);
    expect(verdict.kind === 'refused' && verdict.detail).toContain('relay-rtsp');
  });

  it('refuses an answer that is not FLV, and shows how it starts', () => {
    const { verdict } = inspect(Buffer.from('<!DOCTYPE html><html><body>login</body></html>'));
    expect(verdict).toEqual({ kind: 'refused', detail: 'the relay did not answer with FLV (starts with "<!DOCTYPE html><html><bo")' });
  });
});

describe('readFlvMetadata', () => {
  it('reads the video fields past @setDataFrame, nested objects and strings', () => {
    expect(readFlvMetadata(metadataTag({ width: 640, height: 360, framerate: 15, videocodecid: 7 }))).toEqual({ width: 640, height: 360, framerate: 15, videocodecid: 7 });
  });

  it('gives up quietly on a truncated tag', () => {
    const tag = metadataTag({ width: 640, height: 360, framerate: 15, videocodecid: 7 });
    tag.writeUIntBE(40, 1, 3); // claims less data than the array needs
    expect(readFlvMetadata(tag)).toBeNull();
  });
});
