/**
 * An incremental fragmented-MP4 demuxer for playback: the bytes of a `/get` answer in (in whatever
 * pieces the fetch delivers them), the decoder configuration (H.264, or H.265 as the recorder
 * writes a camera's own) and each sample out, its times
 * in epoch ms. The answer's `X-Start-Ms` is the first sample's decode time; every later time is
 * that plus the sample's decode-time distance from the first (timescale from mdhd).
 *
 * It reads what ffmpeg and MediaMTX write: ftyp, moov (one video track, avcC or hvcC, trex
 * defaults), then moof (mfhd, traf: tfhd, tfdt, trun) + mdat pairs. Other tracks are skipped.
 */
import { avcCodecString, concatBytes, MediaFormatError } from '../../../preload/media/avc';
import { hevcRecordCodecString } from '../../../preload/media/parameterSets';

export interface TrackConfig {
  kind: 'config';
  family: 'h264' | 'h265';
  /** `avc1.PPCCLL` or `hvc1.P.C.TL.B`, as VideoDecoder.configure wants it. */
  codec: string;
  /** The avcC or hvcC record: samples are length-prefixed NAL units. */
  description: Uint8Array;
  width: number;
  height: number;
}

export interface Sample {
  kind: 'sample';
  key: boolean;
  /** Decode time, epoch ms. */
  dts: number;
  /** Presentation time, epoch ms. */
  pts: number;
  /** ms until the next sample's decode time. */
  duration: number;
  data: Uint8Array;
}

export type Mp4Item = TrackConfig | Sample;

/** A box larger than this is not a fragment of camera video: the answer is broken. */
const MAX_BOX_BYTES = 64 * 1024 * 1024;
/** trun/tfhd/trex sample flags: sample_is_non_sync_sample. */
const NON_SYNC = 0x10000;

interface Box {
  type: string;
  /** Offset of the body (after size and type) within the bytes given. */
  body: number;
  end: number;
}

interface TrackDefaults {
  duration: number;
  size: number;
  flags: number;
}

/** One sample of a moof, found before its bytes (in the mdat that follows). */
interface PendingSample {
  /** Absolute offset in the stream. */
  offset: number;
  size: number;
  dtsTicks: number;
  ctsTicks: number;
  durationTicks: number;
  key: boolean;
}

export class Fmp4Demuxer {
  private buffer: Uint8Array = new Uint8Array(0);
  /** Stream offset of buffer[0]. */
  private consumed = 0;
  private trackId: number | null = null;
  private timescale = 1000;
  private trex: TrackDefaults = { duration: 0, size: 0, flags: 0 };
  private pending: PendingSample[] = [];
  /** The first sample's decode time in ticks: X-Start-Ms is that moment. */
  private firstDts: number | null = null;

  /** @param startMs the answer's X-Start-Ms: epoch ms of the first sample's decode time. */
  constructor(private readonly startMs: number) {}

  /** Feeds the next bytes; returns what they completed, in stream order. */
  push(chunk: Uint8Array): Mp4Item[] {
    this.buffer = this.buffer.length === 0 ? chunk : concatBytes(this.buffer, chunk);
    const items: Mp4Item[] = [];
    let offset = 0;
    for (;;) {
      const box = readBox(this.buffer, offset, this.buffer.length);
      if (!box) break;
      if (box.end - offset > MAX_BOX_BYTES) throw new MediaFormatError(`box ${box.type} of ${box.end - offset} bytes`);
      if (box.end > this.buffer.length) break;
      if (box.type === 'moov') items.push(this.readMoov(this.buffer, box));
      else if (box.type === 'moof') this.readMoof(this.buffer, box, this.consumed + offset);
      else if (box.type === 'mdat') this.readMdat(this.buffer, box, this.consumed + offset, offset, items);
      offset = box.end;
    }
    this.consumed += offset;
    // Keep only the unread tail; copy it so the fetch's buffer can be collected.
    this.buffer = offset === this.buffer.length ? new Uint8Array(0) : this.buffer.slice(offset);
    return items;
  }

  /** Bytes held for a box that has not completed yet. */
  get held(): number {
    return this.buffer.length;
  }

  private readMoov(b: Uint8Array, moov: Box): TrackConfig {
    let config: TrackConfig | null = null;
    for (const trak of children(b, moov)) {
      if (trak.type === 'mvex') {
        const trex = first(b, trak, 'trex');
        if (trex) this.trex = { duration: u32(b, trex.body + 12), size: u32(b, trex.body + 16), flags: u32(b, trex.body + 20) };
      }
      if (trak.type !== 'trak' || config) continue;
      const mdia = first(b, trak, 'mdia');
      const hdlr = mdia && first(b, mdia, 'hdlr');
      if (!mdia || !hdlr || fourcc(b, hdlr.body + 8) !== 'vide') continue;
      const tkhd = first(b, trak, 'tkhd');
      const mdhd = first(b, mdia, 'mdhd');
      const stsd = path(b, mdia, ['minf', 'stbl', 'stsd']);
      if (!tkhd || !mdhd || !stsd) throw new MediaFormatError('video track without tkhd, mdhd or stsd');
      this.trackId = u32(b, tkhd.body + (b[tkhd.body] === 1 ? 20 : 12));
      this.timescale = u32(b, mdhd.body + (b[mdhd.body] === 1 ? 20 : 12));
      // stsd: version/flags, entry count, then the first sample entry.
      const entry = readBox(b, stsd.body + 8, stsd.end);
      const family = entry && (entry.type === 'avc1' || entry.type === 'avc3') ? 'h264' : entry && (entry.type === 'hvc1' || entry.type === 'hev1') ? 'h265' : null;
      if (!entry || !family) throw new MediaFormatError(`video codec ${entry?.type ?? 'none'} is neither H.264 nor H.265`);
      // VisualSampleEntry: 78 bytes before its child boxes; width and height at 24 and 26.
      const record = first(b, { type: entry.type, body: entry.body + 78, end: entry.end }, family === 'h264' ? 'avcC' : 'hvcC', true);
      if (!record) throw new MediaFormatError(`${entry.type} track without its configuration record`);
      const description = b.slice(record.body, record.end);
      const codec = family === 'h264' ? avcCodecString(description) : hevcRecordCodecString(description, entry.type as 'hvc1' | 'hev1');
      config = { kind: 'config', family, codec, description, width: u16(b, entry.body + 24), height: u16(b, entry.body + 26) };
    }
    if (!config) throw new MediaFormatError('no video track');
    return config;
  }

  private readMoof(b: Uint8Array, moof: Box, moofStart: number): void {
    this.pending = [];
    for (const traf of children(b, moof)) {
      if (traf.type !== 'traf') continue;
      const tfhd = first(b, traf, 'tfhd');
      if (!tfhd || u32(b, tfhd.body + 4) !== this.trackId) continue;
      const tfhdFlags = u32(b, tfhd.body) & 0xffffff;
      let at = tfhd.body + 8;
      let base = moofStart;
      if (tfhdFlags & 0x1) {
        base = Number(new DataView(b.buffer, b.byteOffset + at, 8).getBigUint64(0));
        at += 8;
      }
      if (tfhdFlags & 0x2) at += 4;
      const defaults = { ...this.trex };
      if (tfhdFlags & 0x8) (defaults.duration = u32(b, at)), (at += 4);
      if (tfhdFlags & 0x10) (defaults.size = u32(b, at)), (at += 4);
      if (tfhdFlags & 0x20) defaults.flags = u32(b, at);
      const tfdt = first(b, traf, 'tfdt');
      let dts = tfdt ? (b[tfdt.body] === 1 ? Number(new DataView(b.buffer, b.byteOffset + tfdt.body + 4, 8).getBigUint64(0)) : u32(b, tfdt.body + 4)) : 0;
      let dataOffset = base;
      for (const trun of children(b, traf)) {
        if (trun.type !== 'trun') continue;
        const version = b[trun.body]!;
        const flags = u32(b, trun.body) & 0xffffff;
        const count = u32(b, trun.body + 4);
        let p = trun.body + 8;
        if (flags & 0x1) (dataOffset = base + i32(b, p)), (p += 4);
        let firstFlags: number | null = null;
        if (flags & 0x4) (firstFlags = u32(b, p)), (p += 4);
        for (let i = 0; i < count; i++) {
          const durationTicks = flags & 0x100 ? u32(b, (p += 4) - 4) : defaults.duration;
          const size = flags & 0x200 ? u32(b, (p += 4) - 4) : defaults.size;
          const sampleFlags = flags & 0x400 ? u32(b, (p += 4) - 4) : i === 0 && firstFlags !== null ? firstFlags : defaults.flags;
          const ctsTicks = flags & 0x800 ? (version === 0 ? u32(b, (p += 4) - 4) : i32(b, (p += 4) - 4)) : 0;
          this.pending.push({ offset: dataOffset, size, dtsTicks: dts, ctsTicks, durationTicks, key: (sampleFlags & NON_SYNC) === 0 });
          dataOffset += size;
          dts += durationTicks;
        }
      }
    }
  }

  private readMdat(b: Uint8Array, mdat: Box, mdatStart: number, bufferStart: number, items: Mp4Item[]): void {
    const toMs = (ticks: number) => (ticks * 1000) / this.timescale;
    for (const sample of this.pending) {
      const from = sample.offset - mdatStart + bufferStart;
      if (from < mdat.body || from + sample.size > mdat.end) throw new MediaFormatError('a sample lies outside its mdat');
      this.firstDts ??= sample.dtsTicks;
      const dts = this.startMs + toMs(sample.dtsTicks - this.firstDts);
      items.push({ kind: 'sample', key: sample.key, dts, pts: dts + toMs(sample.ctsTicks), duration: toMs(sample.durationTicks), data: b.slice(from, from + sample.size) });
    }
    this.pending = [];
  }
}

const u16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u32 = (b: Uint8Array, at: number) => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const i32 = (b: Uint8Array, at: number) => (b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!;
const fourcc = (b: Uint8Array, at: number) => String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);

/** The box header at `at` (its end may lie beyond the bytes held), or null when the header itself is not all here. */
function readBox(b: Uint8Array, at: number, limit: number): Box | null {
  if (limit - at < 8) return null;
  let size = u32(b, at);
  let body = at + 8;
  if (size === 1) {
    if (limit - at < 16) return null;
    size = Number(new DataView(b.buffer, b.byteOffset + at + 8, 8).getBigUint64(0));
    body = at + 16;
  }
  if (size !== 0 && size < body - at) throw new MediaFormatError(`box of ${size} bytes`);
  return { type: fourcc(b, at + 4), body, end: size === 0 ? limit : at + size };
}

function* children(b: Uint8Array, parent: Box): Generator<Box> {
  for (let at = parent.body; at < parent.end; ) {
    const box = readBox(b, at, parent.end);
    if (!box || box.end > parent.end) throw new MediaFormatError(`a box inside ${parent.type} runs past it`);
    yield box;
    at = box.end;
  }
}

/** The first child of that type; `lenient` stops quietly at trailing bytes that are not a box. */
function first(b: Uint8Array, parent: Box, type: string, lenient = false): Box | null {
  try {
    for (const box of children(b, parent)) if (box.type === type) return box;
  } catch (error) {
    if (!lenient) throw error;
  }
  return null;
}

function path(b: Uint8Array, from: Box, types: string[]): Box | null {
  let box: Box | null = from;
  for (const type of types) box = box && first(b, box, type);
  return box;
}
