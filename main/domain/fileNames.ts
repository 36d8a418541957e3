/**
 * File names people read and copy to a USB drive: the words they know (a camera's or a site's
 * name, in Chinese) and the local time with its UTC offset, safe on Windows and FAT (no
 * `<>:"/\|?*`, no control characters, no trailing dot or space, no reserved device names).
 * Pure: the time zone is passed in.
 */

/** Characters Windows and FAT refuse in a name, and control characters. */
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
/** Windows device names, which cannot be a file's stem whatever the extension. */
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;
/** FAT and ext4 allow 255 bytes; a stem this long leaves room for the time, a suffix and the extension. */
const MAX_STEM_BYTES = 120;

/** A name made safe for a file name; `fallback` when nothing readable is left. */
export function safeFileStem(name: string, fallback = 'file'): string {
  let stem = name.normalize('NFC').replace(FORBIDDEN, '_').replace(/\s+/g, ' ').trim();
  stem = stem.replace(/[. ]+$/, '').replace(/^[. ]+/, '');
  while (Buffer.byteLength(stem, 'utf8') > MAX_STEM_BYTES) stem = [...stem].slice(0, -1).join('');
  stem = stem.replace(/[. ]+$/, '');
  if (stem === '' || /^_+$/.test(stem)) return fallback;
  return RESERVED.test(stem) ? `${stem}_` : stem;
}

const pad = (value: number, width = 2) => String(Math.abs(value)).padStart(width, '0');

/**
 * `20261203-054048+0800`: the wall-clock time at `at` in a zone `offsetMinutes` east of UTC (as
 * `-new Date().getTimezoneOffset()` gives it), with that offset, so the name sorts by time and
 * still says which moment it was.
 */
export function localStamp(at: number, offsetMinutes: number): string {
  const local = new Date(at + offsetMinutes * 60_000);
  const date = `${local.getUTCFullYear()}${pad(local.getUTCMonth() + 1)}${pad(local.getUTCDate())}`;
  const time = `${pad(local.getUTCHours())}${pad(local.getUTCMinutes())}${pad(local.getUTCSeconds())}`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  return `${date}-${time}${sign}${pad(Math.trunc(offsetMinutes / 60))}${pad(offsetMinutes % 60)}`;
}

/** `2026-12-03`: this machine's calendar day at `at`. */
export const localDay = (at: number) => {
  const stamp = localStamp(at, localOffsetMinutes(at));
  return `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}`;
};

/** This machine's offset east of UTC at `at`, in minutes (summer time included). */
export const localOffsetMinutes = (at: number) => -new Date(at).getTimezoneOffset();

/** `东村路口_20261203-054048+0800`: a camera's evidence file stem at a moment. */
export function evidenceStem(cameraName: string, at: number, offsetMinutes: number): string {
  return `${safeFileStem(cameraName, 'camera')}_${localStamp(at, offsetMinutes)}`;
}

/** The n-th choice of a stem when earlier ones are taken: `stem`, `stem_2`, `stem_3`… */
export const numberedStem = (stem: string, n: number) => (n <= 1 ? stem : `${stem}_${n}`);
