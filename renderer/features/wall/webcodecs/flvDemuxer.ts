/**
 * An incremental FLV demuxer for the WebCodecs player: bytes in (in whatever pieces the socket
 * delivers them), H.264 decoder configurations, encoded pictures and the host's clock stamps out.
 * It reads only what the console's engine writes: FLV with AVC video (codec id 7), no audio.
 */

import { CLOCK_TAG_NAME } from '../../../../preload/streamClock';
import { avcCodecString, concatBytes, MediaFormatError } from '../../../../preload/media/avc';
import type { AvcConfig, AvcPicture, ClockStamp } from '../../../../preload/media/videoItems';

export type { AvcConfig, AvcPicture, ClockStamp } from '../../../../preload/media/videoItems';


export interface Unsupported {
  kind: 'unsupported';
  /** The FLV video codec id, e.g. 12 for HEVC. */
  codecId: number;
}

export type FlvItem = AvcConfig | AvcPicture | ClockStamp | Unsupported;

const HEADER_BYTES = 9;
const PREVIOUS_TAG_SIZE = 4;
const TAG_HEADER_BYTES = 11;
const TAG_VIDEO = 9;
const TAG_SCRIPT = 18;
const CODEC_AVC = 7;
/** A tag larger than this is not a camera's picture: the stream is broken. */
const MAX_TAG_BYTES = 8 * 1024 * 1024;

export class FlvFormatError extends MediaFormatError {}
export { avcCodecString };

export class FlvDemuxer {
  private buffer: Uint8Array = new Uint8Array(0);
  private headerRead = false;

  /** Feeds the next bytes; returns what they completed, in stream order. */
  push(chunk: Uint8Array): FlvItem[] {
    this.buffer = this.buffer.length === 0 ? chunk : concatBytes(this.buffer, chunk);
    const items: FlvItem[] = [];
    let offset = 0;
    if (!this.headerRead) {
      if (this.buffer.length < HEADER_BYTES + PREVIOUS_TAG_SIZE) return items;
      if (this.buffer[0] !== 0x46 || this.buffer[1] !== 0x4c || this.buffer[2] !== 0x56) throw new FlvFormatError('not an FLV stream');
      const view = new DataView(this.buffer.buffer, this.buffer.byteOffset, this.buffer.byteLength);
      offset = view.getUint32(5) + PREVIOUS_TAG_SIZE;
      this.headerRead = true;
    }
    while (this.buffer.length - offset >= TAG_HEADER_BYTES) {
      const b = this.buffer;
      const type = b[offset]! & 0x1f;
      const size = (b[offset + 1]! << 16) | (b[offset + 2]! << 8) | b[offset + 3]!;
      if (size > MAX_TAG_BYTES) throw new FlvFormatError(`tag of ${size} bytes`);
      const end = offset + TAG_HEADER_BYTES + size + PREVIOUS_TAG_SIZE;
      if (end > b.length) break;
      const timestamp = ((b[offset + 7]! << 24) | (b[offset + 4]! << 16) | (b[offset + 5]! << 8) | b[offset + 6]!) >>> 0;
      const body = b.subarray(offset + TAG_HEADER_BYTES, offset + TAG_HEADER_BYTES + size);
      const item = type === TAG_VIDEO ? videoItem(body, timestamp) : type === TAG_SCRIPT ? clockItem(body) : null;
      if (item) items.push(item);
      offset = end;
    }
    // Keep only the unread tail; copy it so the socket's buffer can be collected.
    this.buffer = offset === this.buffer.length ? new Uint8Array(0) : this.buffer.slice(offset);
    return items;
  }

  /** Drops what it holds (the engine is closing). */
  reset(): void {
    this.buffer = new Uint8Array(0);
  }

  /** Bytes held for a tag that has not completed yet. */
  get pending(): number {
    return this.buffer.length;
  }
}

function videoItem(body: Uint8Array, dts: number): FlvItem | null {
  if (body.length < 1) return null;
  const frameType = body[0]! >> 4;
  const codecId = body[0]! & 0x0f;
  // Enhanced FLV (the high bit of the frame type) or another codec: not ours to decode.
  if (codecId !== CODEC_AVC || (body[0]! & 0x80) !== 0) return { kind: 'unsupported', codecId: (body[0]! & 0x80) !== 0 ? -1 : codecId };
  if (body.length < 5) return null;
  const packetType = body[1]!;
  // Composition time: a signed 24-bit offset in ms.
  const cts = ((body[2]! << 16) | (body[3]! << 8) | body[4]!) << 8 >> 8;
  const payload = body.subarray(5);
  if (packetType === 0) return { kind: 'config', codec: avcCodecString(payload), description: payload.slice() };
  if (packetType !== 1 || payload.length === 0) return null;
  return { kind: 'picture', key: frameType === 1, dts, pts: dts + cts, data: payload };
}

function clockItem(body: Uint8Array): ClockStamp | null {
  // AMF0: a string (type 2, 16-bit length) naming the data, then a number (type 0, big-endian double).
  if (body.length < 3 || body[0] !== 2) return null;
  const nameLength = (body[1]! << 8) | body[2]!;
  if (body.length < 3 + nameLength + 9) return null;
  let name = '';
  for (let i = 0; i < nameLength; i++) name += String.fromCharCode(body[3 + i]!);
  if (name !== CLOCK_TAG_NAME || body[3 + nameLength] !== 0) return null;
  const view = new DataView(body.buffer, body.byteOffset + 4 + nameLength, 8);
  return { kind: 'clock', sentAt: view.getFloat64(0) };
}
