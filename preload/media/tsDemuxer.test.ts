import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFfmpegArgs } from '../../main/engine/producer/ffmpegArgs';
import { tsClockPacket, tsPictureEndPacket } from '../../main/engine/container/mpegts';
import { annexBUnits, nalType } from './parameterSets';
import { TsDemuxer, TsFormatError, type TsItem } from './tsDemuxer';

const dir = mkdtempSync(join(tmpdir(), 'vw-ts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Three seconds of video in MPEG-TS from the real ffmpeg, as a camera's H.265 (or H.264) arrives. */
function ffmpegTs(name: string, encoder: string[]): string {
  const file = join(dir, name);
  const run = spawnSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=15', '-t', '3', '-pix_fmt', 'yuv420p', ...encoder, '-an', '-f', 'mpegts', file]);
  if (run.status !== 0) throw new Error(`ffmpeg failed: ${run.stderr}`);
  return file;
}

interface ProbedPacket {
  pts: number;
  dts: number;
  key: boolean;
}

/** ffprobe's packet list: the truth the demuxer is held to (times in ms). */
function ffprobe(file: string): { packets: ProbedPacket[]; profile: string; level: number } {
  const run = spawnSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_packets', '-show_streams', '-of', 'json', file], { maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`ffprobe failed: ${run.stderr}`);
  const json = JSON.parse(run.stdout.toString()) as { packets: { pts: number; dts: number; flags: string }[]; streams: { profile: string; level: number }[] };
  // ffprobe's pts/dts are in the stream's 1/90000 time base.
  const packets = json.packets.map((p) => ({ pts: p.pts / 90, dts: p.dts / 90, key: p.flags.startsWith('K') }));
  return { packets, profile: json.streams[0]!.profile, level: json.streams[0]!.level };
}

/** The hvcC box ffmpeg writes when it remuxes `file` into MP4 (its body, after size and type). */
function ffmpegHvcC(file: string): Uint8Array {
  const mp4 = join(dir, 'remux.mp4');
  const run = spawnSync('ffmpeg', ['-v', 'error', '-y', '-i', file, '-c', 'copy', '-tag:v', 'hvc1', mp4]);
  if (run.status !== 0) throw new Error(`ffmpeg failed: ${run.stderr}`);
  const bytes = readFileSync(mp4);
  const at = bytes.indexOf('hvcC');
  return new Uint8Array(bytes.subarray(at + 4, at - 4 + bytes.readUInt32BE(at - 4)));
}

/** An hvcC's NAL arrays: type and units, as hex. */
function nalArrays(record: Uint8Array): { type: number; units: string[] }[] {
  const arrays: { type: number; units: string[] }[] = [];
  let at = 23;
  for (let i = 0; i < record[22]!; i++) {
    const type = record[at]! & 0x3f;
    const count = (record[at + 1]! << 8) | record[at + 2]!;
    at += 3;
    const units: string[] = [];
    for (let n = 0; n < count; n++) {
      const length = (record[at]! << 8) | record[at + 1]!;
      units.push(Buffer.from(record.subarray(at + 2, at + 2 + length)).toString('hex'));
      at += 2 + length;
    }
    arrays.push({ type, units });
  }
  return arrays.sort((a, b) => a.type - b.type);
}

/** The file fed in uneven pieces, as a socket delivers it, and what came out. */
function demux(file: string): TsItem[] {
  const bytes = new Uint8Array(readFileSync(file));
  const demuxer = new TsDemuxer();
  const items: TsItem[] = [];
  for (let at = 0, step = 1; at < bytes.length; at += step, step = (step * 7 + 333) % 4001) items.push(...demuxer.push(bytes.slice(at, at + step)));
  // The last picture completes when the next one starts: a live stream always has a next one.
  items.push(...demuxer.push(new Uint8Array([0x47, 0x41, 0x00, 0x10, 0, 0, 1, 0xe0, 0, 0, 0x80, 0x80, 5, 0x21, 0, 1, 0, 1, ...new Array(170).fill(0xff)])));
  return items;
}

const pictures = (items: TsItem[]) => items.filter((item) => item.kind === 'picture');
const configs = (items: TsItem[]) => items.filter((item) => item.kind === 'config');

/** The NAL types of a length-prefixed picture. */
function typesOf(data: Uint8Array, codec: 'h264' | 'h265'): number[] {
  const types: number[] = [];
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let at = 0; at < data.length; at += 4 + view.getUint32(at)) types.push(nalType(data.subarray(at + 4), codec));
  return types;
}

describe('the MPEG-TS demuxer, on real ffmpeg files', () => {
  it('gives every H.265 access unit of a libx265 stream with ffprobe’s keyframes and times, and an hvcC from its parameter sets', () => {
    const file = ffmpegTs('x265.ts', ['-c:v', 'libx265', '-x265-params', 'log-level=error:keyint=15:min-keyint=15:bframes=0']);
    const truth = ffprobe(file);
    const items = demux(file);
    const got = pictures(items).map((p) => ({ pts: p.pts, dts: p.dts, key: p.key }));
    expect(got).toHaveLength(45);
    expect(got).toEqual(truth.packets);
    expect(got.filter((p) => p.key)).toHaveLength(3);

    const config = configs(items);
    expect(config).toHaveLength(1); // the same parameter sets at every keyframe: one configuration
    expect(truth.profile).toBe('Main');
    // Main profile (1), compatible with Main and Main 10 (flags 0x6 reversed), main tier, ffprobe's level.
    // 180 rows are coded as 184 (whole 8-row blocks) with a conformance window: the size shown is the cropped one.
    expect([config[0]!.width, config[0]!.height]).toEqual([320, 180]);
    expect(config[0]!.codec).toMatch(new RegExp(`^hvc1\\.1\\.6\\.L${truth.level}(\\.[0-9A-F]+)*$`));
    const record = config[0]!.description;
    expect(record[0]).toBe(1);
    expect(record[16]! & 0x03).toBe(1); // 4:2:0
    expect(record[21]! & 0x03).toBe(3); // 4-byte NAL lengths
    expect(record[22]).toBe(3); // VPS, SPS, PPS
    // The same record ffmpeg writes when it puts this stream in MP4: profile, compatibility,
    // constraints and level, chroma and bit depths, NAL length size, and the parameter sets themselves.
    const ffmpegs = ffmpegHvcC(file);
    for (const at of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 16, 17, 18]) expect(record[at], `byte ${at}`).toBe(ffmpegs[at]);
    expect(record[21]! & 0x03).toBe(ffmpegs[21]! & 0x03);
    expect(nalArrays(record)).toEqual(nalArrays(ffmpegs));
    // Pictures carry slices only: the parameter sets went into the record.
    for (const picture of pictures(items)) expect(typesOf(picture.data, 'h265').every((type) => type < 32 || type > 34)).toBe(true);
    expect(typesOf(pictures(items)[0]!.data, 'h265').some((type) => type >= 16 && type <= 21)).toBe(true); // an IRAP slice
  });

  it('gives every H.264 access unit of a libx264 stream with B-frames, presentation after decode times as ffprobe has them, and an avcC', () => {
    const file = ffmpegTs('x264.ts', ['-c:v', 'libx264', '-profile:v', 'high', '-g', '15', '-bf', '2']);
    const truth = ffprobe(file);
    const items = demux(file);
    const got = pictures(items).map((p) => ({ pts: p.pts, dts: p.dts, key: p.key }));
    expect(got).toHaveLength(45);
    expect(got).toEqual(truth.packets);
    expect(got.some((p) => p.pts !== p.dts)).toBe(true);
    expect(got.filter((p) => p.key)).toHaveLength(3);

    const config = configs(items);
    expect(config).toHaveLength(1);
    expect(truth.profile).toBe('High');
    expect(config[0]!.codec).toBe(`avc1.6400${truth.level.toString(16).toUpperCase().padStart(2, '0')}`);
    for (const picture of pictures(items)) expect(typesOf(picture.data, 'h264').every((type) => type !== 7 && type !== 8 && type !== 9)).toBe(true);
  });

  it('hands each picture of main’s pass-through output out with its own last packet, not when the next one starts', () => {
    const camera = ffmpegTs('camera.ts', ['-c:v', 'libx265', '-x265-params', 'log-level=error:keyint=15:min-keyint=15:bframes=0']);
    // What main's ffmpeg writes for a viewer that decodes H.265: its own output arguments, into a file.
    const { args } = buildFfmpegArgs({ kind: 'rtsp', url: 'rtsp://192.0.2.10/ch1', credentials: {} }, { output: 'ts-copy' });
    const output = args.slice(args.indexOf('-c:v'), -1);
    const file = join(dir, 'passed-through.ts');
    const run = spawnSync('ffmpeg', ['-v', 'error', '-y', '-i', camera, ...output, file]);
    if (run.status !== 0) throw new Error(`ffmpeg failed: ${run.stderr}`);
    const truth = ffprobe(file);

    const bytes = new Uint8Array(readFileSync(file));
    const demuxer = new TsDemuxer();
    let pesPts: number | null = null; // the picture whose packets are arriving now
    const early: number[] = [];
    const late: number[] = [];
    for (let at = 0; at < bytes.length; at += 188) {
      const packet = bytes.subarray(at, at + 188);
      const payload = packet.subarray(4 + ((packet[3]! & 0x20) !== 0 ? 1 + packet[4]! : 0));
      const videoStart = (packet[1]! & 0x40) !== 0 && payload[0] === 0 && payload[1] === 0 && payload[2] === 1 && payload[3] === 0xe0;
      if (videoStart) pesPts = (((payload[9]! >> 1) & 0x07) * 2 ** 30 + (payload[10]! << 22) + ((payload[11]! >> 1) << 15) + (payload[12]! << 7) + (payload[13]! >> 1)) / 90;
      for (const item of demuxer.push(packet)) if (item.kind === 'picture') (item.pts === pesPts ? early : late).push(item.pts);
    }
    // Every picture, the last one too, without a next one to end it.
    expect(early).toEqual(truth.packets.map((p) => p.pts));
    expect(late).toEqual([]);
  });

  it('reads the host’s clock packet and skips nothing of the picture around it', () => {
    const file = ffmpegTs('clocked.ts', ['-c:v', 'libx264', '-g', '15']);
    const bytes = readFileSync(file);
    const sentAt = 1_764_756_000_123;
    const clocked = new Uint8Array(Buffer.concat([bytes.subarray(0, 188 * 5), tsClockPacket(sentAt), bytes.subarray(188 * 5)]));
    const plain = pictures(new TsDemuxer().push(new Uint8Array(bytes)));
    const items = new TsDemuxer().push(clocked);
    expect(items.filter((item) => item.kind === 'clock')).toEqual([{ kind: 'clock', sentAt }]);
    expect(pictures(items)).toEqual(plain);
  });

  it('ends a picture of unknown length when the host says it is whole', () => {
    const file = ffmpegTs('unbounded.ts', ['-c:v', 'libx264', '-g', '15']); // ffmpeg's default: no video PES length
    const demuxer = new TsDemuxer();
    const before = pictures(demuxer.push(new Uint8Array(readFileSync(file))));
    expect(before).toHaveLength(44); // the 45th waits for a next picture
    const ended = pictures(demuxer.push(new Uint8Array(tsPictureEndPacket())));
    expect(ended).toHaveLength(1);
    expect(ended[0]!.pts).toBe(ffprobe(file).packets.at(-1)!.pts);
  });

  it('splits Annex B at 3- and 4-byte start codes', () => {
    const units = annexBUnits(new Uint8Array([0, 0, 0, 1, 0x67, 1, 2, 0, 0, 1, 0x68, 3, 0, 0, 0, 1, 0x65, 4]));
    expect(units.map((u) => [...u])).toEqual([[0x67, 1, 2], [0x68, 3], [0x65, 4]]);
  });

  it('refuses bytes that are not MPEG-TS', () => {
    expect(() => new TsDemuxer().push(new Uint8Array(188).fill(0x46))).toThrow(TsFormatError);
  });
});
