/**
 * From an Annex B access unit (as MPEG-TS carries H.264 and H.265) to what VideoDecoder wants:
 * the decoder configuration built from the in-band parameter sets (avcC / hvcC, and the codec
 * string), and the picture as 4-byte length-prefixed NAL units without those parameter sets.
 */
import { avcCodecString, MediaFormatError } from './avc';

export type VideoCodec = 'h264' | 'h265';

const H264 = { aud: 9, sps: 7, pps: 8 } as const;
const H265 = { aud: 35, vps: 32, sps: 33, pps: 34 } as const;

/** The NAL units of an Annex B byte stream (start codes and trailing zero bytes removed). */
export function annexBUnits(data: Uint8Array): Uint8Array[] {
  const units: Uint8Array[] = [];
  let start = -1;
  for (let i = 0; i + 2 < data.length; i++) {
    if (data[i] !== 0 || data[i + 1] !== 0 || data[i + 2] !== 1) continue;
    if (start >= 0) units.push(trimZeros(data.subarray(start, i)));
    start = i + 3;
    i += 2;
  }
  if (start >= 0 && start < data.length) units.push(trimZeros(data.subarray(start)));
  return units.filter((unit) => unit.length > 0);
}

function trimZeros(unit: Uint8Array): Uint8Array {
  let end = unit.length;
  while (end > 0 && unit[end - 1] === 0) end--;
  return unit.subarray(0, end);
}

export const nalType = (unit: Uint8Array, codec: VideoCodec): number => (codec === 'h264' ? unit[0]! & 0x1f : (unit[0]! >> 1) & 0x3f);

const isParameterSet = (type: number, codec: VideoCodec) => (codec === 'h264' ? type === H264.sps || type === H264.pps : type === H265.vps || type === H265.sps || type === H265.pps);
/** H.264 IDR; H.265 IRAP (BLA, IDR, CRA). */
const isKey = (type: number, codec: VideoCodec) => (codec === 'h264' ? type === 5 : type >= 16 && type <= 21);

/** The picture's NAL units, 4-byte length-prefixed, without delimiters and parameter sets; whether it is a keyframe. */
export function lengthPrefixed(units: readonly Uint8Array[], codec: VideoCodec): { data: Uint8Array; key: boolean } {
  const aud = codec === 'h264' ? H264.aud : H265.aud;
  const kept = units.filter((unit) => {
    const type = nalType(unit, codec);
    return type !== aud && !isParameterSet(type, codec);
  });
  const data = new Uint8Array(kept.reduce((sum, unit) => sum + 4 + unit.length, 0));
  const view = new DataView(data.buffer);
  let at = 0;
  for (const unit of kept) {
    view.setUint32(at, unit.length);
    data.set(unit, at + 4);
    at += 4 + unit.length;
  }
  return { data, key: kept.some((unit) => isKey(nalType(unit, codec), codec)) };
}

export interface DecoderConfig {
  codec: string;
  description: Uint8Array;
  /** The picture's size from the SPS (after its conformance window / cropping), where the parser reads it. */
  width?: number;
  height?: number;
}

const ofType = (units: readonly Uint8Array[], codec: VideoCodec, type: number) => units.filter((unit) => nalType(unit, codec) === type);

/** An AVCDecoderConfigurationRecord from the access unit's SPS and PPS, or null without them. */
export function avcConfigOf(units: readonly Uint8Array[]): DecoderConfig | null {
  const sps = ofType(units, 'h264', H264.sps);
  const pps = ofType(units, 'h264', H264.pps);
  if (sps.length === 0 || pps.length === 0 || sps[0]!.length < 4) return null;
  const first = sps[0]!;
  const description = concat([
    [1, first[1]!, first[2]!, first[3]!, 0xff, 0xe0 | sps.length],
    ...sps.flatMap((unit) => [u16(unit.length), unit]),
    [pps.length],
    ...pps.flatMap((unit) => [u16(unit.length), unit]),
  ]);
  return { codec: avcCodecString(description), description, ...(avcPictureSize(first) ?? {}) };
}

/** An HEVCDecoderConfigurationRecord from the access unit's VPS, SPS and PPS, or null without them. */
export function hevcConfigOf(units: readonly Uint8Array[]): DecoderConfig | null {
  const arrays = [H265.vps, H265.sps, H265.pps].map((type) => ({ type, units: ofType(units, 'h265', type) }));
  if (arrays.some((array) => array.units.length === 0)) return null;
  const sps = readHevcSps(arrays[1]!.units[0]!);
  if (!sps) return null;
  const header = [
    1,
    (sps.profileSpace << 6) | (sps.tier << 5) | sps.profileIdc,
    ...sps.compatibility,
    ...sps.constraints,
    sps.levelIdc,
    0xf0, 0x00, // no min_spatial_segmentation_idc
    0xfc, // parallelism unknown
    0xfc | sps.chromaFormat,
    0xf8 | sps.bitDepthLumaMinus8,
    0xf8 | sps.bitDepthChromaMinus8,
    0, 0, // average frame rate unknown
    ((sps.maxSubLayersMinus1 + 1) << 3) | (sps.temporalIdNesting << 2) | 3, // 4-byte NAL lengths
    arrays.length,
  ];
  const description = concat([header, ...arrays.flatMap((array) => [[0x80 | array.type, ...u16(array.units.length)], ...array.units.flatMap((unit) => [u16(unit.length), unit])])]);
  return { codec: hevcCodecString(sps), description, width: sps.width, height: sps.height };
}

interface HevcSps {
  profileSpace: number;
  tier: number;
  profileIdc: number;
  compatibility: number[];
  constraints: number[];
  levelIdc: number;
  maxSubLayersMinus1: number;
  temporalIdNesting: number;
  chromaFormat: number;
  bitDepthLumaMinus8: number;
  bitDepthChromaMinus8: number;
  width: number;
  height: number;
}

/** What the codec string names: the profile_tier_level fields an SPS and an hvcC both carry. */
type HevcProfile = Pick<HevcSps, 'profileSpace' | 'tier' | 'profileIdc' | 'compatibility' | 'constraints' | 'levelIdc'>;

/**
 * The codec string of an HEVCDecoderConfigurationRecord (an MP4's hvcC box body), with its sample
 * entry's name (`hvc1`, or `hev1` where the parameter sets travel in the samples).
 */
export function hevcRecordCodecString(record: Uint8Array, entry: 'hvc1' | 'hev1' = 'hvc1'): string {
  if (record.length < 23 || record[0] !== 1) throw new MediaFormatError('not an HEVCDecoderConfigurationRecord');
  const b = record[1]!;
  return hevcCodecString({ profileSpace: b >> 6, tier: (b >> 5) & 1, profileIdc: b & 0x1f, compatibility: [...record.subarray(2, 6)], constraints: [...record.subarray(6, 12)], levelIdc: record[12]! }, entry);
}

/** `hvc1.P.C.TL.B…` (ISO/IEC 14496-15 annex E): profile, compatibility flags reversed, tier and level, constraint bytes. */
function hevcCodecString(sps: HevcProfile, entry: 'hvc1' | 'hev1' = 'hvc1'): string {
  const space = ['', 'A', 'B', 'C'][sps.profileSpace]!;
  let flags = 0;
  const compatibility = (sps.compatibility[0]! << 24) | (sps.compatibility[1]! << 16) | (sps.compatibility[2]! << 8) | sps.compatibility[3]!;
  for (let bit = 0; bit < 32; bit++) if (compatibility & (1 << bit)) flags |= 1 << (31 - bit);
  const constraints = [...sps.constraints];
  while (constraints.length > 0 && constraints.at(-1) === 0) constraints.pop();
  return [entry, `${space}${sps.profileIdc}`, (flags >>> 0).toString(16).toUpperCase(), `${sps.tier ? 'H' : 'L'}${sps.levelIdc}`, ...constraints.map((b) => b.toString(16).toUpperCase())].join('.');
}

/** What the configuration record needs of an H.265 SPS (ITU-T H.265 7.3.2.2 up to the bit depths). */
function readHevcSps(unit: Uint8Array): HevcSps | null {
  const bits = new BitReader(unescape(unit.subarray(2)));
  try {
    bits.read(4); // sps_video_parameter_set_id
    const maxSubLayersMinus1 = bits.read(3);
    const temporalIdNesting = bits.read(1);
    const profileSpace = bits.read(2);
    const tier = bits.read(1);
    const profileIdc = bits.read(5);
    const compatibility = [bits.read(8), bits.read(8), bits.read(8), bits.read(8)];
    const constraints = Array.from({ length: 6 }, () => bits.read(8));
    const levelIdc = bits.read(8);
    const present = Array.from({ length: maxSubLayersMinus1 }, () => ({ profile: bits.read(1), level: bits.read(1) }));
    if (maxSubLayersMinus1 > 0) for (let i = maxSubLayersMinus1; i < 8; i++) bits.read(2);
    for (const layer of present) bits.skip((layer.profile ? 88 : 0) + (layer.level ? 8 : 0));
    bits.ue(); // sps_seq_parameter_set_id
    const chromaFormat = bits.ue();
    if (chromaFormat === 3) bits.read(1);
    const coded = { width: bits.ue(), height: bits.ue() };
    // The conformance window is counted in chroma samples: 2 luma columns (and rows) each for 4:2:0.
    const [unitX, unitY] = chromaFormat === 1 ? [2, 2] : chromaFormat === 2 ? [2, 1] : [1, 1];
    const crop = bits.read(1) ? { left: bits.ue(), right: bits.ue(), top: bits.ue(), bottom: bits.ue() } : { left: 0, right: 0, top: 0, bottom: 0 };
    const width = coded.width - unitX * (crop.left + crop.right);
    const height = coded.height - unitY * (crop.top + crop.bottom);
    const bitDepthLumaMinus8 = bits.ue();
    const bitDepthChromaMinus8 = bits.ue();
    return { profileSpace, tier, profileIdc, compatibility, constraints, levelIdc, maxSubLayersMinus1, temporalIdNesting, chromaFormat, bitDepthLumaMinus8, bitDepthChromaMinus8, width, height };
  } catch {
    return null; // cut short: not a whole SPS
  }
}

/** The RBSP: emulation prevention bytes (00 00 03) removed. */
function unescape(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  let zeros = 0;
  for (const byte of data) {
    if (zeros >= 2 && byte === 3) {
      zeros = 0;
      continue;
    }
    zeros = byte === 0 ? zeros + 1 : 0;
    out.push(byte);
  }
  return Uint8Array.from(out);
}

class BitReader {
  private at = 0;
  constructor(private readonly data: Uint8Array) {}

  read(count: number): number {
    let value = 0;
    for (let i = 0; i < count; i++) {
      const byte = this.data[this.at >> 3];
      if (byte === undefined) throw new RangeError('past the end');
      value = value * 2 + ((byte >> (7 - (this.at & 7))) & 1);
      this.at++;
    }
    return value;
  }

  skip(count: number): void {
    this.at += count;
  }

  /** Exp-Golomb, unsigned. */
  ue(): number {
    let zeros = 0;
    while (this.read(1) === 0) if (++zeros > 31) throw new RangeError('bad exp-Golomb code');
    return 2 ** zeros - 1 + this.read(zeros);
  }

  /** Exp-Golomb, signed. */
  se(): number {
    const code = this.ue();
    return code % 2 === 1 ? (code + 1) / 2 : -code / 2;
  }
}

/** Profiles whose SPS carries chroma format, bit depths and scaling matrices (ITU-T H.264 7.3.2.1.1). */
const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);

/** The displayed picture size of an H.264 SPS NAL unit (header byte included), cropping applied; null when it is cut short. */
export function avcPictureSize(sps: Uint8Array): { width: number; height: number } | null {
  const bits = new BitReader(unescape(sps.subarray(1)));
  try {
    const profileIdc = bits.read(8);
    bits.skip(16); // constraint flags, level_idc
    bits.ue(); // seq_parameter_set_id
    let chromaFormat = 1;
    if (HIGH_PROFILES.has(profileIdc)) {
      chromaFormat = bits.ue();
      if (chromaFormat === 3 && bits.read(1)) chromaFormat = 0; // separate colour planes: cropped as monochrome
      bits.ue(); // bit_depth_luma_minus8
      bits.ue(); // bit_depth_chroma_minus8
      bits.skip(1); // qpprime_y_zero_transform_bypass_flag
      if (bits.read(1)) for (let i = 0; i < (chromaFormat === 3 ? 12 : 8); i++) if (bits.read(1)) skipScalingList(bits, i < 6 ? 16 : 64);
    }
    bits.ue(); // log2_max_frame_num_minus4
    const pocType = bits.ue();
    if (pocType === 0) bits.ue();
    else if (pocType === 1) {
      bits.skip(1);
      bits.se();
      bits.se();
      for (let i = bits.ue(); i > 0; i--) bits.se();
    }
    bits.ue(); // max_num_ref_frames
    bits.skip(1); // gaps_in_frame_num_value_allowed_flag
    const widthInMbs = bits.ue() + 1;
    const heightInMapUnits = bits.ue() + 1;
    const frameMbsOnly = bits.read(1);
    if (!frameMbsOnly) bits.skip(1); // mb_adaptive_frame_field_flag
    bits.skip(1); // direct_8x8_inference_flag
    const crop = bits.read(1) ? [bits.ue(), bits.ue(), bits.ue(), bits.ue()] : [0, 0, 0, 0];
    const cropX = chromaFormat === 1 || chromaFormat === 2 ? 2 : 1;
    const cropY = (chromaFormat === 1 ? 2 : 1) * (2 - frameMbsOnly);
    return {
      width: widthInMbs * 16 - cropX * (crop[0]! + crop[1]!),
      height: (2 - frameMbsOnly) * heightInMapUnits * 16 - cropY * (crop[2]! + crop[3]!),
    };
  } catch {
    return null;
  }
}

function skipScalingList(bits: BitReader, size: number): void {
  let last = 8;
  let next = 8;
  for (let j = 0; j < size; j++) {
    if (next !== 0) next = (last + bits.se() + 256) % 256;
    last = next === 0 ? last : next;
  }
}

const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];

function concat(parts: readonly (ArrayLike<number>)[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
