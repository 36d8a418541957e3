/**
 * How much an XLSX (a zip) unpacks to, known before exceljs unpacks it. The central directory
 * declares each part's size, so a small file that unpacks to far more is refused at once; each
 * part is then inflated with its declared size as a hard limit, so a directory that lies costs
 * no more than an honest one.
 */
import { inflateRawSync } from 'node:zlib';

/** About 20,000 rows as exceljs or Excel write them; a township's import is far smaller. */
export const MAX_UNPACKED_BYTES = 8 * 1024 * 1024;

export type UnpackedSize = { ok: true; bytes: number } | { ok: false; problem: 'unpacked_too_large' | 'unreadable'; detail: string };

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

interface Part {
  name: string;
  method: number;
  packed: number;
  unpacked: number;
  headerAt: number;
}

export function checkUnpackedSize(zip: Buffer, limit = MAX_UNPACKED_BYTES): UnpackedSize {
  const parts = readDirectory(zip);
  if (typeof parts === 'string') return { ok: false, problem: 'unreadable', detail: parts };
  const declared = parts.reduce((sum, part) => sum + part.unpacked, 0);
  const tooLarge = (detail: string) => ({ ok: false, problem: 'unpacked_too_large', detail: `${detail} (at most ${limit} bytes)` }) as const;
  if (declared > limit) return tooLarge(`unpacks to ${declared} bytes`);
  for (const part of parts) {
    const dataAt = part.headerAt + 30 + zip.readUInt16LE(part.headerAt + 26) + zip.readUInt16LE(part.headerAt + 28);
    const data = zip.subarray(dataAt, dataAt + part.packed);
    const lie = `${part.name} unpacks to more than the ${part.unpacked} bytes its directory says`;
    if (part.method === STORED && data.length > part.unpacked) return tooLarge(lie);
    if (part.method !== DEFLATED || part.unpacked === 0) continue;
    try {
      inflateRawSync(data, { maxOutputLength: part.unpacked });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return tooLarge(lie);
      return { ok: false, problem: 'unreadable', detail: `${part.name}: ${String(error)}` };
    }
  }
  return { ok: true, bytes: declared };
}

/** Every part the central directory lists, or why it cannot be read. */
function readDirectory(zip: Buffer): Part[] | string {
  const end = findEndOfDirectory(zip);
  if (end === null) return 'no zip directory';
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (count === 0xffff || at === 0xffffffff) return 'ZIP64 is not read';
  const parts: Part[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== DIRECTORY_ENTRY) return `directory entry ${i} is damaged`;
    const nameLength = zip.readUInt16LE(at + 28);
    const part = {
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      packed: zip.readUInt32LE(at + 20),
      unpacked: zip.readUInt32LE(at + 24),
      headerAt: zip.readUInt32LE(at + 42),
    };
    // 0xffffffff means "see the ZIP64 extra field": at least 4 GB, which is answer enough.
    if (part.unpacked === 0xffffffff) part.unpacked = Number.MAX_SAFE_INTEGER;
    if (part.headerAt + 30 > zip.length || zip.readUInt32LE(part.headerAt) !== LOCAL_HEADER) return `${part.name}: local header is damaged`;
    parts.push(part);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return parts;
}

/** The end-of-directory record sits in the last 22 bytes plus a comment of up to 64 KB. */
function findEndOfDirectory(zip: Buffer): number | null {
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  return null;
}
