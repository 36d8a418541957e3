/**
 * An incremental MPEG-TS demuxer for the WebCodecs player: bytes in (in whatever pieces the
 * socket delivers them), decoder configurations and encoded pictures out — the same items the FLV
 * demuxer gives, so one decoder loop plays both. It reads what the console's engine writes for
 * H.265 (ffmpeg 5.1 cannot put H.265 in FLV): the first program's video, H.264 or H.265, one
 * access unit per PES packet, in Annex B — and the host's clock packet before each keyframe.
 *
 * A PES that says its length (main asks ffmpeg to write it: `-omit_video_pes_length 0`) is handed
 * out the moment its last byte arrives. One of unknown length (ffmpeg's default for video, and
 * what it writes for a picture over 64 KiB) is complete when the next one starts (a frame later),
 * or when the host says it is (keyframes only, where the next one is a GOP away).
 */
import { CLOCK_TAG_NAME, PICTURE_END_NAME, TS_CLOCK_PID } from '../streamClock';
import { concatBytes, MediaFormatError, sameBytes } from './avc';
import type { AvcConfig, AvcPicture, ClockStamp } from './videoItems';
import { annexBUnits, avcConfigOf, hevcConfigOf, lengthPrefixed, type VideoCodec } from './parameterSets';

export type TsItem = AvcConfig | AvcPicture | ClockStamp;

export class TsFormatError extends MediaFormatError {}

const PACKET = 188;
const SYNC = 0x47;
const STREAM_TYPES: Record<number, VideoCodec> = { 0x1b: 'h264', 0x24: 'h265' };
/** A PES larger than this is not a camera's picture: the stream is broken. */
const MAX_PES_BYTES = 8 * 1024 * 1024;
/** 90 kHz clock ticks per ms. */
const TICKS_PER_MS = 90;

export class TsDemuxer {
  private buffer: Uint8Array = new Uint8Array(0);
  private pmtPid: number | null = null;
  private videoPid: number | null = null;
  private codec: VideoCodec | null = null;
  /** The PES being gathered: its payload pieces, its time stamps (ms), and its payload's length if it says. */
  private pes: { pieces: Uint8Array[]; bytes: number; pts: number; dts: number; key: boolean; length: number | null } | null = null;
  /** The parameter sets of the configuration last handed out, to hand out a new one only on change. */
  private configured: Uint8Array | null = null;

  /** Feeds the next bytes; returns what they completed, in stream order. */
  push(chunk: Uint8Array): TsItem[] {
    this.buffer = this.buffer.length === 0 ? chunk : concatBytes(this.buffer, chunk);
    const items: TsItem[] = [];
    let offset = 0;
    while (this.buffer.length - offset >= PACKET) {
      if (this.buffer[offset] !== SYNC) throw new TsFormatError('MPEG-TS lost sync');
      this.packet(this.buffer.subarray(offset, offset + PACKET), items);
      offset += PACKET;
    }
    // Keep only the unread tail; copy it so the socket's buffer can be collected.
    this.buffer = offset === this.buffer.length ? new Uint8Array(0) : this.buffer.slice(offset);
    return items;
  }

  /** Drops what it holds (the engine is closing). */
  reset(): void {
    this.buffer = new Uint8Array(0);
    this.pes = null;
  }

  private packet(packet: Uint8Array, items: TsItem[]): void {
    const pid = ((packet[1]! & 0x1f) << 8) | packet[2]!;
    const start = (packet[1]! & 0x40) !== 0;
    const control = (packet[3]! >> 4) & 0x3;
    if (control === 0 || control === 2) return; // no payload
    const adaptation = control === 3;
    const randomAccess = adaptation && packet[4]! > 0 && (packet[5]! & 0x40) !== 0;
    const at = 4 + (adaptation ? 1 + packet[4]! : 0);
    if (at >= PACKET) return;
    const payload = packet.subarray(at);
    if (pid === TS_CLOCK_PID) {
      if (named(payload, PICTURE_END_NAME)) return this.finishPes(items);
      const clock = clockOf(payload);
      if (clock) items.push(clock);
    } else if (pid === 0 && start) this.pmtPid = patProgramMapPid(payload) ?? this.pmtPid;
    else if (pid === this.pmtPid && start) {
      const video = pmtVideo(payload);
      if (video) [this.videoPid, this.codec] = [video.pid, video.codec];
    } else if (pid === this.videoPid) {
      if (start) {
        this.finishPes(items);
        this.startPes(payload, randomAccess);
      } else if (this.pes) this.addToPes(payload);
      if (this.pes && this.pes.length !== null && this.pes.bytes >= this.pes.length) this.finishPes(items);
    }
  }

  private startPes(payload: Uint8Array, key: boolean): void {
    // packet_start_code_prefix 00 00 01, stream id, length (2), flags (2), header length (1).
    if (payload.length < 9 || payload[0] !== 0 || payload[1] !== 0 || payload[2] !== 1) throw new TsFormatError('PES packet without a start code');
    const flags = payload[7]! >> 6;
    const headerEnd = 9 + payload[8]!;
    if (flags < 2 || payload.length < headerEnd) throw new TsFormatError('PES packet without a presentation time');
    const pts = readTimestamp(payload, 9);
    const dts = flags === 3 ? readTimestamp(payload, 14) : pts;
    // PES_packet_length counts the bytes after itself: the 3 of flags and header length, the header, the picture.
    const packetLength = (payload[4]! << 8) | payload[5]!;
    const length = packetLength === 0 ? null : packetLength - 3 - payload[8]!;
    this.pes = { pieces: [], bytes: 0, pts: pts / TICKS_PER_MS, dts: dts / TICKS_PER_MS, key, length };
    this.addToPes(payload.subarray(headerEnd));
  }

  private addToPes(piece: Uint8Array): void {
    const pes = this.pes!;
    // A whole PES may end inside a packet's payload (the rest is stuffing): keep only its bytes.
    if (pes.length !== null) piece = piece.subarray(0, Math.max(0, pes.length - pes.bytes));
    pes.bytes += piece.length;
    if (pes.bytes > MAX_PES_BYTES) throw new TsFormatError(`PES packet of over ${MAX_PES_BYTES} bytes`);
    pes.pieces.push(piece.slice());
  }

  /** The gathered PES is one access unit: its configuration (when new) and its picture. */
  private finishPes(items: TsItem[]): void {
    const pes = this.pes;
    this.pes = null;
    if (!pes || pes.bytes === 0 || this.codec === null) return;
    const data = new Uint8Array(pes.bytes);
    let at = 0;
    for (const piece of pes.pieces) {
      data.set(piece, at);
      at += piece.length;
    }
    const units = annexBUnits(data);
    const config = (this.codec === 'h264' ? avcConfigOf : hevcConfigOf)(units);
    if (config && !sameBytes(this.configured, config.description)) {
      this.configured = config.description;
      items.push({ kind: 'config', ...config });
    }
    const picture = lengthPrefixed(units, this.codec);
    if (picture.data.length === 0) return;
    // ffmpeg marks a keyframe's first packet random-access; the NAL types say so too.
    items.push({ kind: 'picture', key: pes.key || picture.key, pts: pes.pts, dts: pes.dts, data: picture.data });
  }
}

/** Whether a host packet's payload starts with `name`. */
function named(payload: Uint8Array, name: string): boolean {
  if (payload.length < name.length) return false;
  for (let i = 0; i < name.length; i++) if (payload[i] !== name.charCodeAt(i)) return false;
  return true;
}

/** The host's clock packet: `vwSent`, then its wall clock (ms) as a big-endian double. */
function clockOf(payload: Uint8Array): ClockStamp | null {
  if (!named(payload, CLOCK_TAG_NAME) || payload.length < CLOCK_TAG_NAME.length + 8) return null;
  const sentAt = new DataView(payload.buffer, payload.byteOffset + CLOCK_TAG_NAME.length, 8).getFloat64(0);
  return Number.isFinite(sentAt) ? { kind: 'clock', sentAt } : null;
}

/** PTS or DTS: 33 bits spread over 5 bytes with marker bits. */
function readTimestamp(b: Uint8Array, at: number): number {
  return (((b[at]! >> 1) & 0x07) * 2 ** 30) + (b[at + 1]! << 22) + ((b[at + 2]! >> 1) << 15) + (b[at + 3]! << 7) + (b[at + 4]! >> 1);
}

/** The first program's PMT PID from a PAT section. */
function patProgramMapPid(payload: Uint8Array): number | null {
  const section = 1 + payload[0]!; // pointer field
  const length = ((payload[section + 1]! & 0x0f) << 8) | payload[section + 2]!;
  const end = Math.min(payload.length, section + 3 + length - 4); // before the CRC
  for (let at = section + 8; at + 4 <= end; at += 4) {
    const program = (payload[at]! << 8) | payload[at + 1]!;
    if (program !== 0) return ((payload[at + 2]! & 0x1f) << 8) | payload[at + 3]!;
  }
  return null;
}

/** The first H.264 or H.265 stream of a PMT section. */
function pmtVideo(payload: Uint8Array): { pid: number; codec: VideoCodec } | null {
  const section = 1 + payload[0]!;
  const length = ((payload[section + 1]! & 0x0f) << 8) | payload[section + 2]!;
  const end = Math.min(payload.length, section + 3 + length - 4);
  const programInfo = ((payload[section + 10]! & 0x0f) << 8) | payload[section + 11]!;
  for (let at = section + 12 + programInfo; at + 5 <= end; ) {
    const type = payload[at]!;
    const pid = ((payload[at + 1]! & 0x1f) << 8) | payload[at + 2]!;
    const codec = STREAM_TYPES[type];
    if (codec) return { pid, codec };
    at += 5 + (((payload[at + 3]! & 0x0f) << 8) | payload[at + 4]!);
  }
  return null;
}
