/**
 * Writes ISO BMFF boxes, and one movie fragment (moof + mdat) from samples: the recorder's muxer
 * writes its segments' fragments with it, and playback's joiner writes fragments taken from several
 * segments as one stream with one sequence count and one decode timeline. Every sample states its
 * duration, size, flags and composition offset, so the init's defaults never matter, and the data
 * offset counts from the moof (default-base-is-moof), so fragments can be placed anywhere.
 */

export interface OutSample {
  duration: number;
  flags: number;
  cto: number;
  data: Buffer;
}

export function box(type: string, ...parts: Buffer[]): Buffer {
  const size = 8 + parts.reduce((sum, part) => sum + part.length, 0);
  return Buffer.concat([boxHeader(type, size), ...parts], size);
}

/** A box's size (its header's 8 bytes included) and type. */
function boxHeader(type: string, size: number): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(size, 0);
  header.write(type, 4, 'latin1');
  return header;
}

/** A full box's version and flags. */
export function fullHeader(version: number, flags: number): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt32BE(((version & 0xff) << 24) | (flags & 0xffffff), 0);
  return header;
}

export const u32 = (value: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value >>> 0, 0);
  return b;
};

const TRUN_FLAGS = 0x01 | 0x100 | 0x200 | 0x400 | 0x800;

/** moof + mdat for `samples` (at least one), the first decoded at `baseDts` (track timescale), as one buffer. */
export function fragmentBytes(sequence: number, trackId: number, baseDts: number, samples: readonly OutSample[]): Buffer {
  return Buffer.concat(fragmentParts(sequence, trackId, baseDts, samples));
}

/**
 * The same fragment as the parts it is made of, in order: its moof and mdat header, then each
 * picture's own bytes as they are. The recorder writes them with one `writev`: joining them first
 * was a copy of about a second of video into a new buffer, every second, for every recorded feed
 * (its allocation, the copy and the garbage collection behind them; issue 17).
 */
export function fragmentParts(sequence: number, trackId: number, baseDts: number, samples: readonly OutSample[]): Buffer[] {
  const mfhd = box('mfhd', fullHeader(0, 0), u32(sequence));
  const tfhd = box('tfhd', fullHeader(0, 0x020000), u32(trackId));
  const dts = Buffer.alloc(8);
  dts.writeBigUInt64BE(BigInt(Math.max(0, Math.round(baseDts))), 0);
  const tfdt = box('tfdt', fullHeader(1, 0), dts);
  const entries = Buffer.alloc(16 * samples.length);
  samples.forEach((sample, i) => {
    entries.writeUInt32BE(sample.duration >>> 0, i * 16);
    entries.writeUInt32BE(sample.data.length, i * 16 + 4);
    entries.writeUInt32BE(sample.flags >>> 0, i * 16 + 8);
    entries.writeInt32BE(sample.cto | 0, i * 16 + 12);
  });
  // The data offset depends on the moof's own size: the trun is built with a placeholder first.
  const trunBody = [fullHeader(1, TRUN_FLAGS), u32(samples.length), u32(0), entries];
  const moofSize = 8 + mfhd.length + 8 + tfhd.length + tfdt.length + 8 + trunBody.reduce((sum, part) => sum + part.length, 0);
  trunBody[2] = u32(moofSize + 8);
  const moof = box('moof', mfhd, box('traf', tfhd, tfdt, box('trun', ...trunBody)));
  const data = samples.map((sample) => sample.data);
  const mdatSize = 8 + data.reduce((sum, part) => sum + part.length, 0);
  return [Buffer.concat([moof, boxHeader('mdat', mdatSize)]), ...data];
}
