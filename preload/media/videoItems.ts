/**
 * What a video demuxer hands on, whatever it read (FLV, MPEG-TS): the decoder configuration and
 * the encoded pictures. Shared by the page's players and main's recorder.
 */

export interface AvcConfig {
  kind: 'config';
  /** `avc1.PPCCLL` / `hvc1.…`, as VideoDecoder.configure wants it. */
  codec: string;
  /** The AVC/HEVC DecoderConfigurationRecord itself: pictures then come as length-prefixed NAL units. */
  description: Uint8Array;
  /** The picture's size from the SPS, where the demuxer reads it (H.265 from MPEG-TS). */
  width?: number;
  height?: number;
}

export interface AvcPicture {
  kind: 'picture';
  key: boolean;
  /** Presentation time in ms (decode time + composition offset). */
  pts: number;
  /** Decode time in ms. */
  dts: number;
  data: Uint8Array;
}

export interface ClockStamp {
  kind: 'clock';
  /** The host's wall clock (ms) when it sent the keyframe that follows. */
  sentAt: number;
}
