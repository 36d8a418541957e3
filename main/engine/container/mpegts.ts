/**
 * A streaming MPEG-TS packet splitter (for H.265, which ffmpeg 5.1 cannot put in FLV): finds
 * PAT and PMT, the video PID, and the packets where a keyframe starts (ffmpeg's muxer sets the
 * random access indicator there).
 */
import { CLOCK_TAG_NAME, PICTURE_END_NAME, TS_CLOCK_PID } from '../../../preload/streamClock.js';
import { ContainerFormatError } from './flv.js';
import type { Demuxer, MediaUnit } from './mediaUnit.js';

const PACKET = 188;
const SYNC = 0x47;
const VIDEO_STREAM_TYPES = new Set([0x1b, 0x24, 0x02, 0x10]); // H.264, H.265, MPEG-2, MPEG-4

export class TsSplitter implements Demuxer {
  private pending: Buffer = Buffer.alloc(0);
  private pmtPid: number | null = null;
  private videoPid: number | null = null;

  push(chunk: Buffer): MediaUnit[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const units: MediaUnit[] = [];
    let offset = 0;
    while (this.pending.length - offset >= PACKET) {
      if (this.pending[offset] !== SYNC) throw new ContainerFormatError('MPEG-TS lost sync');
      units.push(this.describe(Buffer.from(this.pending.subarray(offset, offset + PACKET))));
      offset += PACKET;
    }
    this.pending = Buffer.from(this.pending.subarray(offset));
    return units;
  }

  private describe(packet: Buffer): MediaUnit {
    const pid = ((packet[1]! & 0x1f) << 8) | packet[2]!;
    const payloadStart = (packet[1]! & 0x40) !== 0;
    const adaptation = (packet[3]! >> 4) & 0x3;
    const hasAdaptation = adaptation === 2 || adaptation === 3;
    const randomAccess = hasAdaptation && packet[4]! > 0 && (packet[5]! & 0x40) !== 0;
    const payloadOffset = 4 + (hasAdaptation ? 1 + packet[4]! : 0);
    if (pid === 0 && payloadStart) {
      this.pmtPid = readPat(packet, payloadOffset) ?? this.pmtPid;
      return { bytes: packet, slot: 'ts-pat', frame: false, frameStart: false, keyframe: false, timestamp: null };
    }
    if (pid === this.pmtPid && payloadStart) {
      this.videoPid = readPmtVideoPid(packet, payloadOffset) ?? this.videoPid;
      return { bytes: packet, slot: 'ts-pmt', frame: false, frameStart: false, keyframe: false, timestamp: null };
    }
    const video = pid === this.videoPid;
    return { bytes: packet, slot: null, frame: video, frameStart: video && payloadStart, keyframe: video && payloadStart && randomAccess, timestamp: null };
  }
}

/** The first program's PMT PID. */
function readPat(packet: Buffer, at: number): number | null {
  const section = at + 1 + packet[at]!; // pointer field
  const entries = section + 8;
  if (entries + 4 > packet.length) return null;
  return ((packet[entries + 2]! & 0x1f) << 8) | packet[entries + 3]!;
}

function readPmtVideoPid(packet: Buffer, at: number): number | null {
  const section = at + 1 + packet[at]!;
  const sectionLength = ((packet[section + 1]! & 0x0f) << 8) | packet[section + 2]!;
  const end = Math.min(packet.length, section + 3 + sectionLength - 4);
  const programInfoLength = ((packet[section + 10]! & 0x0f) << 8) | packet[section + 11]!;
  let cursor = section + 12 + programInfoLength;
  while (cursor + 5 <= end) {
    const streamType = packet[cursor]!;
    const pid = ((packet[cursor + 1]! & 0x1f) << 8) | packet[cursor + 2]!;
    if (VIDEO_STREAM_TYPES.has(streamType)) return pid;
    cursor += 5 + (((packet[cursor + 3]! & 0x0f) << 8) | packet[cursor + 4]!);
  }
  return null;
}

/**
 * The host's clock for an MPEG-TS player, sent just before each keyframe (as `flvClockTag` is in
 * FLV): one packet on a PID no program lists, its payload `vwSent` and the time as a big-endian
 * double, the rest stuffing. A demuxer that does not know the PID skips the packet.
 */
export function tsClockPacket(sentAt: number): Buffer {
  const packet = hostPacket(CLOCK_TAG_NAME);
  packet.writeDoubleBE(sentAt, 4 + CLOCK_TAG_NAME.length);
  return packet;
}

/** Says the picture sent before it is whole (keyframes only: no next picture will say so soon). */
export function tsPictureEndPacket(): Buffer {
  return hostPacket(PICTURE_END_NAME);
}

function hostPacket(name: string): Buffer {
  const packet = Buffer.alloc(PACKET, 0xff);
  packet[0] = SYNC;
  packet[1] = 0x40 | (TS_CLOCK_PID >> 8); // payload unit start
  packet[2] = TS_CLOCK_PID & 0xff;
  packet[3] = 0x10; // payload only; continuity counter 0 (nothing reassembles this PID)
  packet.write(name, 4, 'latin1');
  return packet;
}
