import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { MediaFormatError } from '../../../../preload/media/avc';
import { avcCodecString, FlvDemuxer, FlvFormatError, type FlvItem } from './flvDemuxer';

/** Two seconds of H.264 in FLV from the real ffmpeg, as the engine's remux would write it. */
function ffmpegFlv(extra: string[] = []): Uint8Array {
  const run = spawnSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=160x90:rate=15', '-t', '2', '-c:v', 'libx264', '-profile:v', 'high', '-pix_fmt', 'yuv420p', '-g', '15', ...extra, '-an', '-f', 'flv', 'pipe:1'], { maxBuffer: 16 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`ffmpeg failed: ${run.stderr}`);
  return new Uint8Array(run.stdout);
}

/** One FLV tag: type, body, timestamp, with its previous-tag-size trailer. */
function tag(type: number, body: Uint8Array, timestamp = 0): Uint8Array {
  const out = new Uint8Array(11 + body.length + 4);
  out[0] = type;
  out[1] = (body.length >> 16) & 0xff;
  out[2] = (body.length >> 8) & 0xff;
  out[3] = body.length & 0xff;
  out[4] = (timestamp >> 16) & 0xff;
  out[5] = (timestamp >> 8) & 0xff;
  out[6] = timestamp & 0xff;
  out[7] = (timestamp >>> 24) & 0xff;
  out.set(body, 11);
  new DataView(out.buffer).setUint32(11 + body.length, 11 + body.length);
  return out;
}

const FLV_HEADER = new Uint8Array([0x46, 0x4c, 0x56, 1, 1, 0, 0, 0, 9, 0, 0, 0, 0]);

function clockTag(sentAt: number): Uint8Array {
  const name = 'vwSent';
  const body = new Uint8Array(3 + name.length + 9);
  body[0] = 2;
  body[2] = name.length;
  for (let i = 0; i < name.length; i++) body[3 + i] = name.charCodeAt(i);
  body[3 + name.length] = 0;
  new DataView(body.buffer).setFloat64(4 + name.length, sentAt);
  return tag(18, body);
}

function demuxInPieces(bytes: Uint8Array, sizes: () => number): FlvItem[] {
  const demuxer = new FlvDemuxer();
  const items: FlvItem[] = [];
  for (let at = 0; at < bytes.length; ) {
    const n = Math.min(bytes.length - at, sizes());
    items.push(...demuxer.push(bytes.slice(at, at + n)));
    at += n;
  }
  expect(demuxer.pending).toBe(0);
  return items;
}

describe('the FLV demuxer of the WebCodecs player', () => {
  it("reads ffmpeg's FLV: one decoder configuration, then every picture, a keyframe each GOP", () => {
    const items = new FlvDemuxer().push(ffmpegFlv());
    const configs = items.filter((i) => i.kind === 'config');
    const pictures = items.filter((i) => i.kind === 'picture');
    expect(configs).toHaveLength(1);
    expect(configs[0]!.codec).toMatch(/^avc1\.6400[0-9A-F]{2}$/); // High profile, no constraints, a level
    expect(pictures).toHaveLength(30);
    expect(pictures.filter((p) => p.key).map((p) => p.dts)).toEqual([0, 1000]);
    expect(pictures[0]!.key).toBe(true);
    // length-prefixed NAL units: the first unit's length fits inside the picture
    const first = pictures[0]!.data;
    expect(new DataView(first.buffer, first.byteOffset).getUint32(0)).toBeLessThan(first.length);
  });

  it('gives the same items whatever pieces the socket delivers', () => {
    const bytes = ffmpegFlv();
    const whole = new FlvDemuxer().push(bytes);
    expect(demuxInPieces(bytes, () => 1)).toEqual(whole);
    let seed = 7;
    expect(demuxInPieces(bytes, () => ((seed = (seed * 48271) % 2147483647) % 3000) + 1)).toEqual(whole);
  });

  it('adds the composition offset to B-frames: presentation time is not decode time', () => {
    const pictures = new FlvDemuxer().push(ffmpegFlv(['-bf', '2'])).filter((i) => i.kind === 'picture');
    expect(pictures.some((p) => p.pts !== p.dts)).toBe(true);
    const shown = pictures.map((p) => p.pts).sort((a, b) => a - b);
    expect(new Set(shown).size).toBe(pictures.length);
  });

  it("reads the host's clock stamp, and says so when the video is not H.264", () => {
    const hevc = tag(9, new Uint8Array([0x1c, 1, 0, 0, 0, 9, 9]));
    const bytes = new Uint8Array([...FLV_HEADER, ...clockTag(1_764_000_000_123.5), ...hevc]);
    expect(new FlvDemuxer().push(bytes)).toEqual([
      { kind: 'clock', sentAt: 1_764_000_000_123.5 },
      { kind: 'unsupported', codecId: 12 },
    ]);
  });

  it('refuses what is not FLV, and a tag too large to be a picture', () => {
    expect(() => new FlvDemuxer().push(new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n'))).toThrow(FlvFormatError);
    const huge = new Uint8Array([...FLV_HEADER, 9, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0]);
    expect(() => new FlvDemuxer().push(huge)).toThrow(/tag of/);
    expect(() => avcCodecString(new Uint8Array([0, 1, 2]))).toThrow(MediaFormatError);
  });
});
