/**
 * A streaming FLV tag splitter: enough of FLV to know where each tag starts and ends, which
 * tags are keyframes and which carry codec sequence headers.
 */
import { CLOCK_TAG_NAME } from '../../../preload/streamClock.js';
import type { Demuxer, MediaUnit } from './mediaUnit.js';

export { CLOCK_TAG_NAME };

const TAG_HEADER_BYTES = 11;
const PREV_TAG_SIZE_BYTES = 4;

export const TAG_VIDEO = 9;
export const TAG_SCRIPT = 18;

const CODEC_AVC = 7;
const CODEC_HEVC = 12;

export class ContainerFormatError extends Error {}

const EMPTY = Buffer.alloc(0);

/**
 * A frame's unit is a view of the chunk it came in, not a copy: a copy of every tag, in the
 * session and again in each recorder, was a large part of what a recorded feed cost main (the
 * allocations and the garbage collection behind them; issue 17). The chunks are the reader's own
 * (a pipe or socket read), so the session may still rewrite a frame's timestamp in place. Header
 * units are copied: a run keeps them to its end, and a view would keep their whole chunk.
 */
export class FlvSplitter implements Demuxer {
  private pending: Buffer = EMPTY;
  private headerSeen = false;

  push(chunk: Buffer): MediaUnit[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const units: MediaUnit[] = [];
    let offset = 0;
    if (!this.headerSeen) {
      if (this.pending.length < 9) return units;
      if (this.pending.toString('latin1', 0, 3) !== 'FLV') throw new ContainerFormatError('stream does not start with an FLV header');
      const end = this.pending.readUInt32BE(5) + PREV_TAG_SIZE_BYTES;
      if (this.pending.length < end) return units;
      units.push({ bytes: Buffer.from(this.pending.subarray(0, end)), slot: 'flv-header', frame: false, frameStart: false, keyframe: false, timestamp: null });
      this.headerSeen = true;
      offset = end;
    }
    while (this.pending.length - offset >= TAG_HEADER_BYTES) {
      const total = TAG_HEADER_BYTES + this.pending.readUIntBE(offset + 1, 3) + PREV_TAG_SIZE_BYTES;
      if (this.pending.length - offset < total) break;
      const unit = describeTag(this.pending.subarray(offset, offset + total));
      if (unit) units.push(unit);
      offset += total;
    }
    // A tag cut off at the chunk's end waits as a view: the next chunk is joined to it by a copy anyway.
    this.pending = offset === 0 ? this.pending : offset === this.pending.length ? EMPTY : this.pending.subarray(offset);
    return units;
  }
}

/** Script and video tags; anything else (stray audio) is dropped. */
function describeTag(bytes: Buffer): MediaUnit | null {
  const type = bytes[0]! & 0x1f;
  const timestamp = flvTimestamp(bytes);
  if (type === TAG_SCRIPT) return { bytes: Buffer.from(bytes), slot: 'flv-metadata', frame: false, frameStart: false, keyframe: false, timestamp };
  if (type !== TAG_VIDEO || bytes.length <= TAG_HEADER_BYTES + 1) return null;
  const first = bytes[TAG_HEADER_BYTES]!;
  const codec = first & 0x0f;
  const config = (codec === CODEC_AVC || codec === CODEC_HEVC) && bytes[TAG_HEADER_BYTES + 1] === 0;
  if (config) return { bytes: Buffer.from(bytes), slot: 'flv-video-config', frame: false, frameStart: false, keyframe: false, timestamp };
  return { bytes, slot: null, frame: true, frameStart: true, keyframe: first >> 4 === 1, timestamp };
}

/** An FLV tag's timestamp in ms (24 bits plus the extension byte). */
export function flvTimestamp(bytes: Buffer): number {
  return (bytes.readUIntBE(4, 3) | (bytes[7]! << 24)) >>> 0;
}

/** Rewrites an FLV tag's timestamp in place. */
export function setFlvTimestamp(bytes: Buffer, timestamp: number): void {
  const ts = Math.max(0, timestamp) >>> 0;
  bytes.writeUIntBE(ts & 0xffffff, 4, 3);
  bytes[7] = (ts >>> 24) & 0xff;
}

/**
 * A tiny FLV script tag carrying the host's wall clock, sent to players just before each keyframe.
 * On one machine the player's clock is the same: `Date.now() − vwSent` when mpegts.js parses it is
 * how long the stream waited between main and the page (socket buffers, a busy renderer), which
 * the player's own buffer cannot show. Decoders ignore script data they do not know.
 */
export function flvClockTag(timestamp: number, sentAt: number): Buffer {
  const name = Buffer.from(CLOCK_TAG_NAME, 'latin1');
  const body = Buffer.alloc(3 + name.length + 9);
  body[0] = 2; // AMF0 string
  body.writeUInt16BE(name.length, 1);
  name.copy(body, 3);
  body[3 + name.length] = 0; // AMF0 number
  body.writeDoubleBE(sentAt, 4 + name.length);
  const tag = Buffer.alloc(TAG_HEADER_BYTES + body.length + PREV_TAG_SIZE_BYTES);
  tag[0] = TAG_SCRIPT;
  tag.writeUIntBE(body.length, 1, 3);
  setFlvTimestamp(tag, timestamp);
  body.copy(tag, TAG_HEADER_BYTES);
  tag.writeUInt32BE(TAG_HEADER_BYTES + body.length, TAG_HEADER_BYTES + body.length);
  return tag;
}
