import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MediaFormatError } from '../../../preload/media/avc';
import { TsDemuxer } from '../../../preload/media/tsDemuxer';
import { Fmp4Demuxer, type Mp4Item, type Sample } from './fmp4Demuxer';

const START_MS = 1_764_000_000_000;
const folder = mkdtempSync(join(tmpdir(), 'vw-fmp4-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Four seconds of H.264 in fragmented MP4 from the real ffmpeg, as a recorder's /get answers. */
function ffmpegFmp4(extra: string[] = [], movflags = '+frag_keyframe+empty_moov+default_base_moof'): Uint8Array {
  const args = ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=15', '-t', '4', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-g', '15', ...extra, '-an', '-movflags', movflags, '-f', 'mp4', 'pipe:1'];
  const run = spawnSync('ffmpeg', args, { maxBuffer: 16 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`ffmpeg failed: ${run.stderr}`);
  return new Uint8Array(run.stdout);
}

/** What ffprobe says of the same bytes: each packet's size, keyframe flag and times (s). */
function ffprobePackets(bytes: Uint8Array): { size: number; key: boolean; dts: number; pts: number }[] {
  const file = join(folder, `probe-${Math.random().toString(36).slice(2)}.mp4`);
  writeFileSync(file, bytes);
  const run = spawnSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=size,flags,dts_time,pts_time', '-of', 'json', file], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`ffprobe failed: ${run.stderr}`);
  const packets = (JSON.parse(run.stdout) as { packets: { size: string; flags: string; dts_time: string; pts_time: string }[] }).packets;
  return packets.map((p) => ({ size: Number(p.size), key: p.flags.includes('K'), dts: Number(p.dts_time), pts: Number(p.pts_time) }));
}

function demuxInPieces(bytes: Uint8Array, sizes: () => number): Mp4Item[] {
  const demuxer = new Fmp4Demuxer(START_MS);
  const items: Mp4Item[] = [];
  for (let at = 0; at < bytes.length; ) {
    const n = Math.min(bytes.length - at, sizes());
    items.push(...demuxer.push(bytes.slice(at, at + n)));
    at += n;
  }
  expect(demuxer.held).toBe(0);
  return items;
}

const samplesOf = (items: Mp4Item[]) => items.filter((i): i is Sample => i.kind === 'sample');

describe('the fMP4 demuxer of the playback player', () => {
  it("reads ffmpeg's fragmented MP4: one H.264 configuration, then every sample as ffprobe sees it", () => {
    const bytes = ffmpegFmp4(['-profile:v', 'high']);
    const items = new Fmp4Demuxer(START_MS).push(bytes);
    expect(items[0]).toMatchObject({ kind: 'config', width: 160, height: 90 });
    expect(items[0]!.kind === 'config' && items[0]!.codec).toMatch(/^avc1\.6400[0-9A-F]{2}$/);
    expect(items.filter((i) => i.kind === 'config')).toHaveLength(1);
    const samples = samplesOf(items);
    const probed = ffprobePackets(bytes);
    expect(samples).toHaveLength(60);
    expect(samples.map((s) => s.data.length)).toEqual(probed.map((p) => p.size));
    expect(samples.map((s) => s.key)).toEqual(probed.map((p) => p.key));
    expect(samples.filter((s) => s.key)).toHaveLength(4);
    // Length-prefixed NAL units: the first unit's length fits inside the sample.
    const data = samples[0]!.data;
    expect(new DataView(data.buffer, data.byteOffset).getUint32(0)).toBeLessThan(data.length);
  });

  it('gives epoch-ms times: the first decode time is X-Start-Ms, the rest follow at the frame rate', () => {
    const bytes = ffmpegFmp4();
    const samples = samplesOf(new Fmp4Demuxer(START_MS).push(bytes));
    const probed = ffprobePackets(bytes);
    expect(samples[0]!.dts).toBe(START_MS);
    samples.forEach((s, i) => {
      expect(s.dts - START_MS).toBeCloseTo((probed[i]!.dts - probed[0]!.dts) * 1000, 2);
      expect(s.duration).toBeCloseTo(1000 / 15, 3);
    });
    expect(samples.filter((s) => s.key).map((s) => Math.round(s.dts - START_MS))).toEqual([0, 1000, 2000, 3000]);
  });

  it('adds the composition offset to B-frames: presentation time is not decode time', () => {
    const bytes = ffmpegFmp4(['-bf', '2']);
    const samples = samplesOf(new Fmp4Demuxer(START_MS).push(bytes));
    const probed = ffprobePackets(bytes);
    expect(samples.some((s) => s.pts !== s.dts)).toBe(true);
    samples.forEach((s, i) => expect(s.pts - s.dts).toBeCloseTo((probed[i]!.pts - probed[i]!.dts) * 1000, 2));
    expect(new Set(samples.map((s) => s.pts)).size).toBe(samples.length);
  });

  it('gives the same items whatever pieces the fetch delivers, with or without default-base-is-moof', () => {
    for (const movflags of ['+frag_keyframe+empty_moov+default_base_moof', '+frag_keyframe+empty_moov']) {
      const bytes = ffmpegFmp4([], movflags);
      const whole = new Fmp4Demuxer(START_MS).push(bytes);
      expect(samplesOf(whole)).toHaveLength(60);
      expect(demuxInPieces(bytes, () => 101)).toEqual(whole);
      let seed = 11;
      expect(demuxInPieces(bytes, () => ((seed = (seed * 48271) % 2147483647) % 5000) + 1)).toEqual(whole);
    }
  }, 30_000);

  it('refuses what is neither H.264 nor H.265 in fMP4, and a box too large to be a fragment', () => {
    const notMp4 = new TextEncoder().encode('{"code":"not_recorded"}  and more text here');
    expect(() => new Fmp4Demuxer(START_MS).push(notMp4)).toThrow(MediaFormatError);
    const huge = new Uint8Array([0x7f, 0xff, 0xff, 0xff, 0x6d, 0x64, 0x61, 0x74]);
    expect(() => new Fmp4Demuxer(START_MS).push(huge)).toThrow(/mdat of/);
    const mjpeg = spawnSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=15', '-t', '1', '-c:v', 'mjpeg', '-movflags', '+frag_keyframe+empty_moov', '-f', 'mp4', 'pipe:1'], { maxBuffer: 16 * 1024 * 1024 });
    expect(() => new Fmp4Demuxer(START_MS).push(new Uint8Array(mjpeg.stdout))).toThrow(/neither H\.264 nor H\.265/);
  });

  it('reads H.265 (hvc1, as the recorder writes it): the hvcC as it is, and the codec string the camera\'s own SPS gives', () => {
    const x265 = ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=15', '-t', '1', '-c:v', 'libx265', '-x265-params', 'log-level=error:keyint=15'];
    const mp4 = spawnSync('ffmpeg', [...x265, '-tag:v', 'hvc1', '-movflags', '+frag_keyframe+empty_moov', '-f', 'mp4', 'pipe:1'], { maxBuffer: 16 * 1024 * 1024 });
    const bytes = new Uint8Array(mp4.stdout);
    const items = new Fmp4Demuxer(START_MS).push(bytes);
    const config = items[0]!;
    expect(config).toMatchObject({ kind: 'config', family: 'h265', width: 160, height: 90 });
    if (config.kind !== 'config') return;
    const at = Buffer.from(bytes).indexOf('hvcC');
    expect([...config.description]).toEqual([...bytes.subarray(at + 4, at - 4 + Buffer.from(bytes).readUInt32BE(at - 4))]);
    // The same stream as MPEG-TS: the live player's demuxer names the codec from the SPS itself.
    const ts = spawnSync('ffmpeg', [...x265, '-f', 'mpegts', 'pipe:1'], { maxBuffer: 16 * 1024 * 1024 });
    const fromSps = new TsDemuxer().push(new Uint8Array(ts.stdout)).find((item) => item.kind === 'config');
    expect(fromSps?.kind === 'config' && fromSps.codec).toMatch(/^hvc1\.1\.6\.L\d+/);
    expect(config.codec).toBe(fromSps?.kind === 'config' && fromSps.codec);
    const samples = samplesOf(items);
    expect(samples).toHaveLength(15);
    expect(samples[0]).toMatchObject({ key: true, dts: START_MS });
    // hev1 (parameter sets in the samples too): the same string under its own name.
    const hev1 = spawnSync('ffmpeg', [...x265, '-tag:v', 'hev1', '-movflags', '+frag_keyframe+empty_moov', '-f', 'mp4', 'pipe:1'], { maxBuffer: 16 * 1024 * 1024 });
    const hev1Config = new Fmp4Demuxer(START_MS).push(new Uint8Array(hev1.stdout))[0]!;
    expect(hev1Config.kind === 'config' && hev1Config.codec).toBe(config.codec.replace(/^hvc1/, 'hev1'));
  });
});
