/** H.264 facts both demuxers (live FLV, playback fMP4) need to hand a picture to VideoDecoder. */

/** Bytes that do not read as the container or record they should be. */
export class MediaFormatError extends Error {}

const hex = (byte: number) => byte.toString(16).padStart(2, '0').toUpperCase();

/** `avc1.PPCCLL` from an AVCDecoderConfigurationRecord (profile, constraints, level). */
export function avcCodecString(record: Uint8Array): string {
  if (record.length < 7 || record[0] !== 1) throw new MediaFormatError('not an AVCDecoderConfigurationRecord');
  return `avc1.${hex(record[1]!)}${hex(record[2]!)}${hex(record[3]!)}`;
}

/** Whether a holds the same bytes as b. */
export function sameBytes(a: Uint8Array | null | undefined, b: Uint8Array): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** a then b in one new array. */
export function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
