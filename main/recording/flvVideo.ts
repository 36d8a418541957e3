/**
 * The recorder's muxer input from the session's FLV tags: the AVC sequence header becomes the
 * track (its AVCDecoderConfigurationRecord as is, the picture size from its first SPS), and each
 * AVC video tag a sample (its length-prefixed NAL units as is, FLV's ms as ticks). Pure.
 */
import { avcPictureSize } from '../../preload/media/parameterSets.js';
import { flvTimestamp } from '../engine/container/flv.js';
import { SegmentMuxer, type Fragment, type VideoSample, type VideoTrack } from './fmp4Muxer.js';

/** Tag header (11), codec byte, AVCPacketType, composition time (3): the payload starts here. */
const PAYLOAD_START = 16;
const PREV_TAG_SIZE_BYTES = 4;
const CODEC_AVC = 7;
const ENHANCED_FLAG = 0x80;
const PACKET_NALU = 1;

const isAvc = (tag: Buffer) => tag.length > PAYLOAD_START + PREV_TAG_SIZE_BYTES && !(tag[11]! & ENHANCED_FLAG) && (tag[11]! & 0x0f) === CODEC_AVC;
const payloadOf = (tag: Buffer) => tag.subarray(PAYLOAD_START, tag.length - PREV_TAG_SIZE_BYTES);

/** The track an AVC sequence header tag describes (timescale: FLV's ms); null for another codec. */
export function flvVideoTrack(configTag: Buffer): VideoTrack | null {
  if (!isAvc(configTag)) return null;
  const config = payloadOf(configTag);
  // AVCDecoderConfigurationRecord: 5 bytes, the SPS count, then each SPS behind its 16-bit length.
  const spsLength = config.length >= 8 && (config[5]! & 0x1f) > 0 ? config.readUInt16BE(6) : 0;
  // An SPS this reader cannot follow leaves the size 0: decoders take it from the SPS itself.
  const size = spsLength > 0 ? avcPictureSize(config.subarray(8, 8 + spsLength)) : null;
  return { codec: 'h264', config, width: size?.width ?? 0, height: size?.height ?? 0, timescale: 1000 };
}

/** A picture's sample from an AVC video tag; null for anything else (an end-of-sequence tag, another codec). */
export function flvVideoSample(tag: Buffer): VideoSample | null {
  if (!isAvc(tag) || tag[12] !== PACKET_NALU) return null;
  return { data: payloadOf(tag), dts: flvTimestamp(tag), cts: tag.readIntBE(13, 3), key: tag[11]! >> 4 === 1 };
}

/** One segment's fragmented MP4 from the session's FLV tags: the init from the sequence header, then each fragment as the tags complete it. */
export class FlvSegmentMuxer {
  private constructor(private readonly muxer: SegmentMuxer) {}

  /** A muxer for the stream this sequence header tag starts; null when it is not H.264. */
  static of(configTag: Buffer, maxFragmentMs: number): FlvSegmentMuxer | null {
    const track = flvVideoTrack(configTag);
    return track ? new FlvSegmentMuxer(new SegmentMuxer(track, maxFragmentMs)) : null;
  }

  get init(): Buffer {
    return this.muxer.init;
  }

  /** Takes a tag; returns the fragment it completes, or null (also for a tag that is no picture). */
  push(tag: Buffer): Fragment | null {
    const sample = flvVideoSample(tag);
    return sample ? this.muxer.push(sample) : null;
  }

  /** The last fragment, its final picture lasting `lastFrameMs` (by default as long as the one before it); null when nothing is held. */
  finish(lastFrameMs?: number): Fragment | null {
    return this.muxer.finish(lastFrameMs);
  }
}
