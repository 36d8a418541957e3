/**
 * A fragmented-MP4 muxer for one video track, written in main from the access units the recorder
 * already has (no ffmpeg per segment): an init segment (ftyp + moov), then a fragment (moof + mdat)
 * from each keyframe, at most about a second long, handed out whole as soon as it is complete: a
 * sample's duration is known when the next one arrives. Codec-agnostic: the caller gives the
 * decoder configuration record (avcC / hvcC) and samples as length-prefixed NAL units, as FLV and
 * MP4 carry them. Pure.
 */
import { box, fragmentParts, fullHeader, u32, type OutSample } from './mp4Write.js';

export type VideoCodec = 'h264' | 'h265';

/** One movie fragment as the parts it is made of (the pictures are not copied): written in order, as one write. */
export type Fragment = Buffer[];

export interface VideoTrack {
  codec: VideoCodec;
  /** AVCDecoderConfigurationRecord (h264) or HEVCDecoderConfigurationRecord (h265). */
  config: Buffer;
  width: number;
  height: number;
  /** Ticks per second of every time given (1000 for FLV's ms, 90 000 for MPEG-TS). */
  timescale: number;
}

export interface VideoSample {
  /** Length-prefixed NAL units (the length size the configuration record says). */
  data: Buffer;
  /** Decode time in the track's timescale; a segment's first sample may start anywhere. */
  dts: number;
  /** Composition offset: presentation minus decode time (B-frames make it non-zero). */
  cts: number;
  key: boolean;
}

/** The sample entry and its configuration box, per codec. */
const SAMPLE_ENTRY: Record<VideoCodec, { entry: string; config: string }> = {
  h264: { entry: 'avc1', config: 'avcC' },
  h265: { entry: 'hvc1', config: 'hvcC' },
};
const TRACK_ID = 1;
/** Sample flags: a sync sample that depends on no other; a non-sync sample that depends on others. */
const KEY_FLAGS = 0x0200_0000;
const DELTA_FLAGS = 0x0101_0000;
/** 1.0 as 16.16 and 8.8 fixed point, and the identity matrix (ISO/IEC 14496-12 8.2.2). */
const UNITY_MATRIX = [0x0001_0000, 0, 0, 0, 0x0001_0000, 0, 0, 0, 0x4000_0000];

const words = (...values: number[]) => Buffer.concat(values.map(u32));
const zeros = (count: number) => Buffer.alloc(count);

/** ftyp + moov: everything a reader needs before the first fragment (durations 0: fragments follow). */
export function initSegment(track: VideoTrack): Buffer {
  const { entry, config } = SAMPLE_ENTRY[track.codec];
  const ftyp = box('ftyp', Buffer.from('isom', 'latin1'), u32(0x200), Buffer.from(`isomiso6iso2${entry}mp41`, 'latin1'));
  const mvhd = box('mvhd', fullHeader(0, 0), words(0, 0, track.timescale, 0, 0x0001_0000), Buffer.from([0x01, 0x00]), zeros(10), words(...UNITY_MATRIX), zeros(24), u32(TRACK_ID + 1));
  // flags 3: the track is enabled and in the movie.
  const tkhd = box('tkhd', fullHeader(0, 3), words(0, 0, TRACK_ID, 0, 0), zeros(8), zeros(8), words(...UNITY_MATRIX), u32(track.width << 16), u32(track.height << 16));
  const mdhd = box('mdhd', fullHeader(0, 0), words(0, 0, track.timescale, 0), Buffer.from([0x55, 0xc4, 0, 0])); // language 'und'
  const hdlr = box('hdlr', fullHeader(0, 0), u32(0), Buffer.from('vide', 'latin1'), zeros(12), Buffer.from('VideoHandler\0', 'latin1'));
  const sampleEntry = box(entry, visualSampleEntry(track), box(config, track.config));
  const stbl = box(
    'stbl',
    box('stsd', fullHeader(0, 0), u32(1), sampleEntry),
    box('stts', fullHeader(0, 0), u32(0)),
    box('stsc', fullHeader(0, 0), u32(0)),
    box('stsz', fullHeader(0, 0), u32(0), u32(0)),
    box('stco', fullHeader(0, 0), u32(0)),
  );
  const dinf = box('dinf', box('dref', fullHeader(0, 0), u32(1), box('url ', fullHeader(0, 1))));
  const minf = box('minf', box('vmhd', fullHeader(0, 1), zeros(8)), dinf, stbl);
  const trak = box('trak', tkhd, box('mdia', mdhd, hdlr, minf));
  const mvex = box('mvex', box('trex', fullHeader(0, 0), words(TRACK_ID, 1, 0, 0, 0)));
  return Buffer.concat([ftyp, box('moov', mvhd, trak, mvex)]);
}

/** VisualSampleEntry's 78 bytes before its child boxes (ISO/IEC 14496-12 12.1.3). */
function visualSampleEntry(track: VideoTrack): Buffer {
  const body = Buffer.alloc(78);
  body.writeUInt16BE(1, 6); // data_reference_index
  body.writeUInt16BE(track.width, 24);
  body.writeUInt16BE(track.height, 26);
  body.writeUInt32BE(0x0048_0000, 28); // 72 dpi
  body.writeUInt32BE(0x0048_0000, 32);
  body.writeUInt16BE(1, 40); // frame_count
  body.writeUInt16BE(0x18, 74); // depth: colour, no alpha
  body.writeInt16BE(-1, 76);
  return body;
}

/**
 * Gathers samples into fragments: a fragment ends before a keyframe, or before the sample that
 * would make it last `maxFragmentTicks` or more. Decode times in the file count from the first
 * sample given, so every segment starts at 0.
 */
export class FragmentBuilder {
  private batch: { dts: number; sample: VideoSample }[] = [];
  private sequence = 1;
  private firstDts: number | null = null;
  private previousDts: number | null = null;
  /** The last known sample duration: what the segment's final sample is given. */
  private lastDuration = 0;

  constructor(private readonly maxFragmentTicks: number) {}

  /** Adds a sample; returns the fragment its arrival completes, or null. */
  push(sample: VideoSample): Fragment | null {
    this.firstDts ??= sample.dts;
    const dts = sample.dts - this.firstDts;
    const batchStart = this.batch[0]?.dts;
    if (this.previousDts !== null && dts > this.previousDts) this.lastDuration = dts - this.previousDts;
    this.previousDts = dts;
    const complete = batchStart !== undefined && (sample.key || dts - batchStart >= this.maxFragmentTicks) ? this.fragment(dts) : null;
    this.batch.push({ dts, sample });
    return complete;
  }

  /**
   * The last fragment; null when nothing is held. Its final sample lasts `lastDuration` ticks, by
   * default as long as the one before it (a segment of one frame needs the caller's: a frame of 0
   * ticks has no duration to play).
   */
  finish(lastDuration = this.lastDuration): Fragment | null {
    const last = this.batch.at(-1);
    return last ? this.fragment(last.dts + lastDuration) : null;
  }

  /**
   * The keyframe the held samples begin with, when nothing of its GOP has been handed out yet (the
   * GOP so far is held whole: it can still be left out of the file); null otherwise.
   */
  heldKeyframe(): VideoSample | null {
    const first = this.batch[0]?.sample;
    return first?.key ? first : null;
  }

  /** Forgets the held samples: the file ends with the fragment handed out last (its final sample lasts up to the first one forgotten). */
  dropHeld(): void {
    this.batch = [];
  }

  /** The held samples as one fragment; the last one lasts until `nextDts`. */
  private fragment(nextDts: number): Fragment {
    const batch = this.batch;
    this.batch = [];
    const samples: OutSample[] = batch.map(({ dts, sample }, i) => {
      // A decode time that runs backwards (a camera's glitch) gets 0, never a negative duration.
      const duration = Math.max(0, (batch[i + 1]?.dts ?? nextDts) - dts);
      return { duration, flags: sample.key ? KEY_FLAGS : DELTA_FLAGS, cto: sample.cts, data: sample.data };
    });
    return fragmentParts(this.sequence++, TRACK_ID, batch[0]!.dts, samples);
  }
}

/** One segment's fragmented MP4: the init for its track, then each fragment as its samples complete it. Times given in the track's timescale. */
export class SegmentMuxer {
  readonly init: Buffer;
  private readonly fragments: FragmentBuilder;

  constructor(
    private readonly track: VideoTrack,
    maxFragmentMs: number,
  ) {
    this.init = initSegment(track);
    this.fragments = new FragmentBuilder((maxFragmentMs * track.timescale) / 1000);
  }

  /** Takes a sample; returns the fragment its arrival completes, or null. */
  push(sample: VideoSample): Fragment | null {
    return this.fragments.push(sample);
  }

  /** See `FragmentBuilder.heldKeyframe`. */
  heldKeyframe(): VideoSample | null {
    return this.fragments.heldKeyframe();
  }

  /** See `FragmentBuilder.dropHeld`. */
  dropHeld(): void {
    this.fragments.dropHeld();
  }

  /** The last fragment, its final picture lasting `lastFrameMs` (by default as long as the one before it); null when nothing is held. */
  finish(lastFrameMs?: number): Fragment | null {
    return lastFrameMs === undefined ? this.fragments.finish() : this.fragments.finish(Math.round((lastFrameMs * this.track.timescale) / 1000));
  }
}
