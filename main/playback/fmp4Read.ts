/**
 * Reads a recorded fragmented MP4 as samples, without decoding: the init (ftyp + moov) as bytes,
 * the track's timescale, and every fragment's samples with their decode times, sizes, flags and
 * where their bytes are. Enough to cut a recording at a keyframe and join segments into one fMP4.
 */
import { boxesIn, child, path, type Box } from '../recording/mp4Boxes.js';

export interface Fmp4Init {
  /** ftyp + moov, as the file has them. */
  bytes: Buffer;
  timescale: number;
  trackId: number;
  /**
   * What a decoder is set up with (the sample description: codec, size, avcC): two segments
   * with different keys cannot share one init, so a joined stream stops there.
   */
  codecKey: string;
  trex: { duration: number; size: number; flags: number };
}

export interface Sample {
  /** Decode time in the track's timescale, as the file has it. */
  dts: number;
  duration: number;
  size: number;
  flags: number;
  /** Composition offset (presentation minus decode time). */
  cto: number;
  /** Where the sample's bytes are in the file (or in the buffer of fragments they were handed in). */
  offset: number;
}

/** A sync sample (IDR): the "sample is non-sync" bit is clear. */
export const isKeyframe = (sample: Pick<Sample, 'flags'>) => (sample.flags & 0x0001_0000) === 0;

/** The init of a recorded segment, or null when it has no readable video track. */
export function readInit(bytes: Buffer): Fmp4Init | null {
  const top = boxesIn(bytes).boxes;
  const moov = top.find((box) => box.type === 'moov');
  if (!moov) return null;
  const trak = child(bytes, moov, 'trak');
  const mdhd = path(bytes, trak, 'mdia', 'mdhd');
  const tkhd = trak && child(bytes, trak, 'tkhd');
  const stsd = path(bytes, trak, 'mdia', 'minf', 'stbl', 'stsd');
  if (!mdhd || !tkhd || !stsd) return null;
  const timescale = bytes.readUInt32BE(mdhd.bodyStart + (bytes[mdhd.bodyStart] === 1 ? 20 : 12));
  const trackId = bytes.readUInt32BE(tkhd.bodyStart + (bytes[tkhd.bodyStart] === 1 ? 20 : 12));
  const trexBox = path(bytes, moov, 'mvex', 'trex');
  const trex = trexBox
    ? { duration: bytes.readUInt32BE(trexBox.bodyStart + 12), size: bytes.readUInt32BE(trexBox.bodyStart + 16), flags: bytes.readUInt32BE(trexBox.bodyStart + 20) }
    : { duration: 0, size: 0, flags: 0 };
  if (timescale === 0) return null;
  return { bytes: bytes.subarray(0, moov.end), timescale, trackId, codecKey: `${timescale}:${bytes.toString('hex', stsd.start, stsd.end)}`, trex };
}

/** Every sample of every whole fragment of the track, in decode order. */
export function readSamples(bytes: Buffer, init: Fmp4Init): Sample[] {
  const samples: Sample[] = [];
  let nextDts = 0;
  for (const moof of boxesIn(bytes).boxes.filter((box) => box.type === 'moof')) {
    const fragment = fragmentSamples(bytes, moof, init, nextDts);
    samples.push(...fragment);
    const last = fragment.at(-1);
    if (last) nextDts = last.dts + last.duration;
  }
  return samples.filter((sample) => sample.offset + sample.size <= bytes.length);
}

/**
 * The track's samples in one moof, `fallbackDts` being where the one before ended (for a fragment
 * without a tfdt). `fileAt` is where `bytes[0]` lies in the file: a moof read on its own gives its
 * samples' places in the file all the same.
 */
export function fragmentSamples(bytes: Buffer, moof: Box, init: Fmp4Init, fallbackDts: number, fileAt = 0): Sample[] {
  const samples: Sample[] = [];
  let nextDts = fallbackDts;
  for (const traf of boxesIn(bytes, moof.bodyStart, moof.end).boxes.filter((box) => box.type === 'traf')) {
    const fragment = readTraf(bytes, moof, traf, init, nextDts, fileAt);
    if (!fragment) continue;
    samples.push(...fragment);
    const last = fragment.at(-1);
    if (last) nextDts = last.dts + last.duration;
  }
  return samples;
}

function readTraf(bytes: Buffer, moof: Box, traf: Box, init: Fmp4Init, fallbackDts: number, fileAt: number): Sample[] | null {
  const tfhd = child(bytes, traf, 'tfhd');
  if (!tfhd || bytes.readUInt32BE(tfhd.bodyStart + 4) !== init.trackId) return null;
  const tfhdFlags = bytes.readUIntBE(tfhd.bodyStart + 1, 3);
  let at = tfhd.bodyStart + 8;
  // Without an explicit base, data offsets count from the moof (default-base-is-moof, or the first traf).
  let base = fileAt + moof.start;
  if (tfhdFlags & 0x01) {
    base = Number(bytes.readBigUInt64BE(at));
    at += 8;
  }
  if (tfhdFlags & 0x02) at += 4;
  const defaults = { ...init.trex };
  if (tfhdFlags & 0x08) (defaults.duration = bytes.readUInt32BE(at)), (at += 4);
  if (tfhdFlags & 0x10) (defaults.size = bytes.readUInt32BE(at)), (at += 4);
  if (tfhdFlags & 0x20) defaults.flags = bytes.readUInt32BE(at);
  const tfdt = child(bytes, traf, 'tfdt');
  let dts = tfdt ? (bytes[tfdt.bodyStart] === 1 ? Number(bytes.readBigUInt64BE(tfdt.bodyStart + 4)) : bytes.readUInt32BE(tfdt.bodyStart + 4)) : fallbackDts;
  const samples: Sample[] = [];
  let dataAt = base;
  for (const trun of boxesIn(bytes, traf.bodyStart, traf.end).boxes.filter((box) => box.type === 'trun')) {
    const version = bytes[trun.bodyStart]!;
    const flags = bytes.readUIntBE(trun.bodyStart + 1, 3);
    const count = bytes.readUInt32BE(trun.bodyStart + 4);
    let cursor = trun.bodyStart + 8;
    if (flags & 0x01) (dataAt = base + bytes.readInt32BE(cursor)), (cursor += 4);
    let firstFlags: number | null = null;
    if (flags & 0x04) (firstFlags = bytes.readUInt32BE(cursor)), (cursor += 4);
    for (let i = 0; i < count; i += 1) {
      if (cursor > trun.end) break;
      const duration = flags & 0x100 ? bytes.readUInt32BE((cursor += 4) - 4) : defaults.duration;
      const size = flags & 0x200 ? bytes.readUInt32BE((cursor += 4) - 4) : defaults.size;
      let sampleFlags = flags & 0x400 ? bytes.readUInt32BE((cursor += 4) - 4) : defaults.flags;
      if (i === 0 && firstFlags !== null) sampleFlags = firstFlags;
      const cto = flags & 0x800 ? (version === 1 ? bytes.readInt32BE((cursor += 4) - 4) : bytes.readUInt32BE((cursor += 4) - 4)) : 0;
      samples.push({ dts, duration, size, flags: sampleFlags, cto, offset: dataAt });
      dts += duration;
      dataAt += size;
    }
  }
  return samples;
}
