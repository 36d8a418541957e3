/**
 * Just enough of ISO BMFF to check a fragmented MP4 the recorder wrote: the top-level boxes, where
 * the last complete fragment ends, and how long the video runs (tfdt + trun, never decoding).
 */

export interface Box {
  type: string;
  start: number;
  /** Where the box's body starts (after its 8- or 16-byte header). */
  bodyStart: number;
  end: number;
}

export interface BoxHeader {
  type: string;
  /** The whole box's size, its header included. */
  size: number;
  /** 8, or 16 with a 64-bit size. */
  headerSize: number;
}

/** The box header at `at` (within `bytes[.., to)`); null when it is not all there or cannot be a box's. */
export function boxHeaderAt(bytes: Buffer, at: number, to = bytes.length): BoxHeader | null {
  if (to - at < 8) return null;
  let size = bytes.readUInt32BE(at);
  let headerSize = 8;
  if (size === 1) {
    if (to - at < 16) return null;
    size = Number(bytes.readBigUInt64BE(at + 8));
    headerSize = 16;
  }
  // size 0 runs to the end of the file: a muxer writing fragments never leaves one behind, so it is a cut.
  return size < headerSize ? null : { type: bytes.toString('latin1', at + 4, at + 8), size, headerSize };
}

/** The boxes in `bytes[from, to)`, stopping at the first one that is cut off (its end is past `to`). */
export function boxesIn(bytes: Buffer, from = 0, to = bytes.length): { boxes: Box[]; complete: boolean } {
  const boxes: Box[] = [];
  let offset = from;
  while (offset < to) {
    const header = boxHeaderAt(bytes, offset, to);
    if (!header || offset + header.size > to) return { boxes, complete: false };
    boxes.push({ type: header.type, start: offset, bodyStart: offset + header.headerSize, end: offset + header.size });
    offset += header.size;
  }
  return { boxes, complete: true };
}

export interface FragmentScan {
  /** The file up to here is ftyp/moov and whole moof+mdat pairs: playable. */
  goodEnd: number;
  fragments: number;
  hasMoov: boolean;
}

/** Where the last whole fragment ends: a moof counts only once its mdat is complete too. */
export function scanFragments(bytes: Buffer): FragmentScan {
  const { boxes } = boxesIn(bytes);
  let goodEnd = 0;
  let fragments = 0;
  let hasMoov = false;
  let openMoof = false;
  for (const box of boxes) {
    if (box.type === 'moov') hasMoov = true;
    if (box.type === 'moof') {
      openMoof = true;
      continue;
    }
    if (box.type === 'mdat' && openMoof) fragments += 1;
    if (openMoof && box.type !== 'mdat') break; // a moof without its data: nothing after it can be trusted
    openMoof = false;
    goodEnd = box.end;
  }
  return { goodEnd, fragments, hasMoov };
}

/** The first box of `type` directly inside `parent`, or null. */
export const child = (bytes: Buffer, parent: Box, type: string) => boxesIn(bytes, parent.bodyStart, parent.end).boxes.find((box) => box.type === type) ?? null;
/** The box reached by `types` one level at a time from `parent`, or null. */
export const path = (bytes: Buffer, parent: Box | null, ...types: string[]) => types.reduce<Box | null>((box, type) => (box ? child(bytes, box, type) : null), parent);

/** The video's length in seconds: the last fragment's decode time plus its samples' durations; null if unreadable. */
export function fragmentedDuration(bytes: Buffer): number | null {
  const top = boxesIn(bytes).boxes;
  const mdhd = path(bytes, top.find((box) => box.type === 'moov') ?? null, 'trak', 'mdia', 'mdhd');
  if (!mdhd) return null;
  const timescale = bytes.readUInt32BE(mdhd.bodyStart + (bytes[mdhd.bodyStart] === 1 ? 20 : 12));
  const lastMoof = top.filter((box) => box.type === 'moof').at(-1);
  if (!lastMoof || timescale === 0) return 0;
  const traf = child(bytes, lastMoof, 'traf');
  const tfdt = traf && child(bytes, traf, 'tfdt');
  const tfhd = traf && child(bytes, traf, 'tfhd');
  const trun = traf && child(bytes, traf, 'trun');
  if (!tfdt || !tfhd || !trun) return null;
  const base = bytes[tfdt.bodyStart] === 1 ? Number(bytes.readBigUInt64BE(tfdt.bodyStart + 4)) : bytes.readUInt32BE(tfdt.bodyStart + 4);
  return (base + trunDuration(bytes, tfhd, trun)) / timescale;
}

/** The summed sample durations of one track run, falling back on the fragment's default. */
function trunDuration(bytes: Buffer, tfhd: Box, trun: Box): number {
  const tfhdFlags = bytes.readUIntBE(tfhd.bodyStart + 1, 3);
  let at = tfhd.bodyStart + 8 + (tfhdFlags & 0x01 ? 8 : 0) + (tfhdFlags & 0x02 ? 4 : 0);
  const defaultDuration = tfhdFlags & 0x08 ? bytes.readUInt32BE(at) : 0;
  const flags = bytes.readUIntBE(trun.bodyStart + 1, 3);
  const count = bytes.readUInt32BE(trun.bodyStart + 4);
  at = trun.bodyStart + 8 + (flags & 0x01 ? 4 : 0) + (flags & 0x04 ? 4 : 0);
  const perSample = [0x100, 0x200, 0x400, 0x800].filter((bit) => flags & bit).length * 4;
  if (!(flags & 0x100)) return defaultDuration * count;
  let total = 0;
  for (let i = 0; i < count && at + 4 <= trun.end; i += 1, at += perSample) total += bytes.readUInt32BE(at);
  return total;
}
