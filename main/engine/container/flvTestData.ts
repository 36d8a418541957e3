/**
 * Hand-made FLV streams for the relay tests: what a media server sends at the head of a stream
 * (header, `@setDataFrame onMetaData`, sequence header, keyframe), in H.264, H.265 or enhanced FLV.
 */
import { TAG_SCRIPT, TAG_VIDEO } from './flv.js';

/** Audio + video flags, as node-media-server, SRS and ZLMediaKit write them. */
export const FLV_HEADER = Buffer.from([0x46, 0x4c, 0x56, 1, 0x05, 0, 0, 0, 9, 0, 0, 0, 0]);

export function flvTag(type: number, timestamp: number, body: Buffer | number[]): Buffer {
  const data = Buffer.from(body);
  const head = Buffer.alloc(11);
  head[0] = type;
  head.writeUIntBE(data.length, 1, 3);
  head.writeUIntBE(timestamp & 0xffffff, 4, 3);
  head[7] = timestamp >>> 24;
  const prev = Buffer.alloc(4);
  prev.writeUInt32BE(11 + data.length);
  return Buffer.concat([head, data, prev]);
}

const amfString = (text: string) => Buffer.concat([Buffer.from([2, text.length >> 8, text.length & 0xff]), Buffer.from(text)]);
const amfKey = (key: string) => Buffer.concat([Buffer.from([key.length >> 8, key.length & 0xff]), Buffer.from(key)]);
function amfNumber(value: number): Buffer {
  const out = Buffer.alloc(9);
  out[0] = 0;
  out.writeDoubleBE(value, 1);
  return out;
}

/** `@setDataFrame`, `onMetaData`, then an ECMA array with a nested object and a string among the numbers. */
export function metadataTag(fields: { width: number; height: number; framerate: number; videocodecid: number }): Buffer {
  const entries = [
    Buffer.concat([amfKey('encoder'), amfString('Lavf59.27.100')]),
    Buffer.concat([amfKey('stereo'), Buffer.from([1, 1])]),
    Buffer.concat([amfKey('extra'), Buffer.from([3]), amfKey('n'), amfNumber(1), Buffer.from([0, 0, 9])]),
    ...Object.entries(fields).map(([key, value]) => Buffer.concat([amfKey(key), amfNumber(value)])),
  ];
  const array = Buffer.concat([Buffer.from([8, 0, 0, 0, entries.length]), ...entries, Buffer.from([0, 0, 9])]);
  return flvTag(TAG_SCRIPT, 0, Buffer.concat([amfString('@setDataFrame'), amfString('onMetaData'), array]));
}

export type FlvVideo = 'h264' | 'hevc' | 'enhanced-hevc';

/** Header, metadata, sequence header and `frames` frames (a keyframe first) of the given video. */
export function flvStream(video: FlvVideo, frames = 3): Buffer {
  const codecId = video === 'h264' ? 7 : 12;
  const config =
    video === 'enhanced-hevc'
      ? [0x90, ...Buffer.from('hvc1'), 1, 2, 3] // IsExHeader | keyframe, PacketType 0 (sequence start), FourCC
      : [0x10 | codecId, 0, 0, 0, 0, 1, 2, 3];
  const frame = (i: number) =>
    video === 'enhanced-hevc' ? [i === 0 ? 0x91 : 0xa1, ...Buffer.from('hvc1'), 0, 0, 0, 9] : [(i === 0 ? 0x10 : 0x20) | codecId, 1, 0, 0, 0, 9, 9];
  return Buffer.concat([
    FLV_HEADER,
    metadataTag({ width: 1280, height: 720, framerate: 25, videocodecid: codecId }),
    flvTag(TAG_VIDEO, 0, config),
    ...Array.from({ length: frames }, (_, i) => flvTag(TAG_VIDEO, i * 40, frame(i))),
  ]);
}

/**
 * A camera whose GOP never ends: header, sequence header, one H.264 keyframe, then `interframes`
 * P-frames of `frameBytes` each at 25 fps, one tag at a time so a test never holds the whole stream.
 */
export function* endlessGop(interframes: number, frameBytes: number): Generator<Buffer> {
  yield FLV_HEADER;
  yield flvTag(TAG_VIDEO, 0, [0x17, 0, 0, 0, 0, 1, 2, 3]);
  const payload = Buffer.alloc(frameBytes - 11 - 4 - 5, 7);
  yield flvTag(TAG_VIDEO, 0, Buffer.concat([Buffer.from([0x17, 1, 0, 0, 0]), payload]));
  for (let i = 1; i <= interframes; i++) yield flvTag(TAG_VIDEO, i * 40, Buffer.concat([Buffer.from([0x27, 1, 0, 0, 0]), payload]));
}
