/**
 * What a recorder reads from its session, cut into the samples its fMP4 muxer takes: the camera's
 * video as it arrives, FLV for H.264 or MPEG-TS for H.265 (never converted). Either way the
 * recorder sees frames with a decode time in ms, a keyframe flag and their sample, the track a
 * segment's init describes, and the decoder configuration in force (a change cuts the segment).
 */
import { FlvSplitter } from '../engine/container/flv.js';
import type { AvcConfig, AvcPicture } from '../../preload/media/videoItems.js';
import { flvVideoSample, flvVideoTrack } from './flvVideo.js';
import type { VideoSample, VideoTrack } from './fmp4Muxer.js';
import { TsAccessUnits } from './tsAccessUnits.js';

export interface RecordedFrame {
  /** Its bytes as they arrived (the sidecar's bytes per second). */
  bytes: number;
  keyframe: boolean;
  /** Decode time, ms, on the session's timeline. */
  timestamp: number;
  /** What the muxer takes, in the track's timescale; null for a frame that is no picture (an end-of-sequence tag). */
  sample: VideoSample | null;
}

export interface RecorderInput {
  /** Feeds the session's bytes; returns the frames they completed. Throws on bytes not of this format. */
  push(chunk: Buffer): RecordedFrame[];
  /** The decoder configuration in force; null until known. */
  config(): Buffer | null;
  /** The track a segment starting now describes; null until known, or for a codec the muxer does not write. */
  track(): VideoTrack | null;
}

/** The input the session's bytes are in, from their first byte: FLV's `F`, or MPEG-TS's sync byte. */
export function inputFor(first: Buffer): RecorderInput {
  return first[0] === 0x47 ? new TsInput() : new FlvInput();
}

class FlvInput implements RecorderInput {
  private readonly splitter = new FlvSplitter();
  private sequenceHeader: Buffer | null = null;

  push(chunk: Buffer): RecordedFrame[] {
    const frames: RecordedFrame[] = [];
    for (const unit of this.splitter.push(chunk)) {
      if (unit.slot === 'flv-video-config') this.sequenceHeader = unit.bytes;
      if (unit.slot || unit.timestamp === null) continue; // the header and metadata (the players' clock among it) are not the camera's video
      frames.push({ bytes: unit.bytes.length, keyframe: unit.keyframe && unit.frameStart, timestamp: unit.timestamp, sample: flvVideoSample(unit.bytes) });
    }
    return frames;
  }

  config(): Buffer | null {
    return this.sequenceHeader;
  }

  track(): VideoTrack | null {
    return this.sequenceHeader && flvVideoTrack(this.sequenceHeader);
  }
}

/** MPEG-TS's clock: 90 kHz, the timescale its segments are written in (no rounding to ms on the way). */
const TS_TICKS_PER_MS = 90;
const ticks = (ms: number) => Math.round(ms * TS_TICKS_PER_MS);

class TsInput implements RecorderInput {
  private readonly units = new TsAccessUnits();
  private configuration: AvcConfig | null = null;
  private configBytes: Buffer | null = null;

  push(chunk: Buffer): RecordedFrame[] {
    return this.units.push(chunk).map(({ bytes, picture, config }) => {
      if (!this.configBytes?.equals(config.description)) {
        this.configuration = config;
        this.configBytes = Buffer.from(config.description);
      }
      // Whole ms like FLV's: the sidecar's keyframe times and bytes per second are in ms.
      return { bytes, keyframe: picture.key, timestamp: Math.round(picture.dts), sample: tsSample(picture) };
    });
  }

  config(): Buffer | null {
    return this.configBytes;
  }

  track(): VideoTrack | null {
    const config = this.configuration;
    if (!config || !this.configBytes) return null;
    const codec = config.codec.startsWith('hvc1') ? 'h265' : config.codec.startsWith('avc1') ? 'h264' : null;
    return codec && { codec, config: this.configBytes, width: config.width ?? 0, height: config.height ?? 0, timescale: TS_TICKS_PER_MS * 1000 };
  }
}

/** The muxer's sample of a TS picture: its length-prefixed NAL units as they are, times back in 90 kHz ticks. */
function tsSample(picture: AvcPicture): VideoSample {
  const data = Buffer.from(picture.data.buffer, picture.data.byteOffset, picture.data.byteLength);
  return { data, dts: ticks(picture.dts), cts: ticks(picture.pts) - ticks(picture.dts), key: picture.key };
}
