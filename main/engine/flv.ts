/**
 * A streaming FLV tag splitter: enough of FLV to know where each tag starts and ends, which
 * tags are keyframes and which carry codec sequence headers. It never decodes video.
 */

export const FLV_HEADER_BYTES = 13; // 9-byte header + PreviousTagSize0
const TAG_HEADER_BYTES = 11;
const PREV_TAG_SIZE_BYTES = 4;

export const TAG_AUDIO = 8;
export const TAG_VIDEO = 9;
export const TAG_SCRIPT = 18;

const CODEC_AVC = 7;
const CODEC_HEVC = 12;

export interface FlvTag {
  type: number;
  /** ms, as written by ffmpeg. */
  timestamp: number;
  keyframe: boolean;
  /** AVC/HEVC decoder configuration record (must precede frames for a decoder to start). */
  sequenceHeader: boolean;
  /** The whole tag including its trailing PreviousTagSize, ready to forward as is. */
  bytes: Buffer;
}

export type FlvEvent = { kind: 'header'; bytes: Buffer } | ({ kind: 'tag' } & FlvTag);

export class FlvFormatError extends Error {}

export class FlvSplitter {
  private pending: Buffer = Buffer.alloc(0);
  private headerSeen = false;

  /** Feeds bytes; returns every complete header/tag they finish. */
  push(chunk: Buffer): FlvEvent[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const events: FlvEvent[] = [];
    let offset = 0;
    if (!this.headerSeen) {
      if (this.pending.length < FLV_HEADER_BYTES) return events;
      if (this.pending.toString('latin1', 0, 3) !== 'FLV') {
        throw new FlvFormatError('stream does not start with an FLV header');
      }
      const headerSize = this.pending.readUInt32BE(5);
      const end = headerSize + PREV_TAG_SIZE_BYTES;
      if (this.pending.length < end) return events;
      events.push({ kind: 'header', bytes: Buffer.from(this.pending.subarray(0, end)) });
      this.headerSeen = true;
      offset = end;
    }
    while (this.pending.length - offset >= TAG_HEADER_BYTES) {
      const dataSize = this.pending.readUIntBE(offset + 1, 3);
      const total = TAG_HEADER_BYTES + dataSize + PREV_TAG_SIZE_BYTES;
      if (this.pending.length - offset < total) break;
      const bytes = Buffer.from(this.pending.subarray(offset, offset + total));
      events.push({ kind: 'tag', ...describeTag(bytes) });
      offset += total;
    }
    this.pending = offset === 0 ? this.pending : Buffer.from(this.pending.subarray(offset));
    return events;
  }
}

function describeTag(bytes: Buffer): FlvTag {
  const type = bytes[0]! & 0x1f;
  const timestamp = (bytes.readUIntBE(4, 3) | (bytes[7]! << 24)) >>> 0;
  let keyframe = false;
  let sequenceHeader = false;
  if (type === TAG_VIDEO && bytes.length > TAG_HEADER_BYTES + 1) {
    const first = bytes[TAG_HEADER_BYTES]!;
    const codec = first & 0x0f;
    keyframe = first >> 4 === 1;
    if (codec === CODEC_AVC || codec === CODEC_HEVC) {
      sequenceHeader = bytes[TAG_HEADER_BYTES + 1] === 0;
    }
  }
  return { type, timestamp, keyframe, sequenceHeader, bytes };
}
