/**
 * Reads the `onMetaData` script tag a media server puts at the head of an FLV stream (AMF0):
 * just the video fields a status and "Test connection" show. Pure; tolerant of anything it does
 * not understand (it returns what it found so far).
 */

export interface FlvMetadata {
  width?: number;
  height?: number;
  framerate?: number;
  /** FLV codec id: 7 is AVC (H.264), 12 is HEVC; some servers write a FourCC string instead. */
  videocodecid?: number | string;
}

const WANTED = new Set(['width', 'height', 'framerate', 'videocodecid']);
const MAX_DEPTH = 8;

/** `tag` is a whole FLV script tag (11-byte header, data, 4-byte previous size). */
export function readFlvMetadata(tag: Buffer): FlvMetadata | null {
  const data = tag.subarray(11, 11 + tag.readUIntBE(1, 3));
  const reader = new Amf0Reader(data);
  try {
    // node-media-server and others write "@setDataFrame" before "onMetaData".
    for (let i = 0; i < 2; i++) {
      if (reader.value(0) !== 'onMetaData') continue;
      const found: FlvMetadata = {};
      const fields = reader.value(0);
      if (fields && typeof fields === 'object') {
        for (const [key, value] of Object.entries(fields)) {
          if (WANTED.has(key) && (typeof value === 'number' || typeof value === 'string')) Object.assign(found, { [key]: value });
        }
      }
      return found;
    }
  } catch {
    // a truncated or exotic tag: no metadata rather than a failed stream
  }
  return null;
}

type Amf0 = number | boolean | string | null | undefined | Amf0[] | { [key: string]: Amf0 };

class Amf0Reader {
  private at = 0;
  constructor(private readonly data: Buffer) {}

  value(depth: number): Amf0 {
    if (depth > MAX_DEPTH) throw new Error('AMF0 nested too deep');
    const type = this.data.readUInt8(this.at++);
    switch (type) {
      case 0x00: return this.take(8, (at) => this.data.readDoubleBE(at));
      case 0x01: return this.take(1, (at) => this.data[at] !== 0);
      case 0x02: return this.string(this.take(2, (at) => this.data.readUInt16BE(at)));
      case 0x03: return this.properties(depth);
      case 0x05:
      case 0x06: return null;
      case 0x08: this.at += 4; return this.properties(depth); // ECMA array: the count is only a hint
      case 0x0a: {
        const count = this.take(4, (at) => this.data.readUInt32BE(at));
        return Array.from({ length: Math.min(count, 1024) }, () => this.value(depth + 1));
      }
      case 0x0b: this.at += 10; return null; // date
      case 0x0c: return this.string(this.take(4, (at) => this.data.readUInt32BE(at)));
      default: throw new Error(`AMF0 type ${type} not read`);
    }
  }

  private properties(depth: number): { [key: string]: Amf0 } {
    const out: { [key: string]: Amf0 } = {};
    for (;;) {
      const key = this.string(this.take(2, (at) => this.data.readUInt16BE(at)));
      if (key === '' && this.data[this.at] === 0x09) {
        this.at += 1;
        return out;
      }
      out[key] = this.value(depth + 1);
    }
  }

  private string(length: number): string {
    return this.take(length, (at) => this.data.toString('utf8', at, at + length));
  }

  private take<T>(bytes: number, read: (at: number) => T): T {
    if (this.at + bytes > this.data.length) throw new Error('AMF0 truncated');
    const value = read(this.at);
    this.at += bytes;
    return value;
  }
}
