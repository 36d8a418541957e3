/**
 * The recorder's fragmented-MP4 muxer against real ffmpeg: H.264 from ffmpeg's own FLV (as a
 * session carries it) goes through the muxer, and ffprobe must read back every frame with the
 * source's decode and presentation times, keyframes, codec and picture size, B-frames included;
 * H.265 the same from ffmpeg's MPEG-TS, read as the recorder reads a session's.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fmp4FromFlv } from '../../tests/fixtures/fmp4FromFlv.js';
import { locateFfmpeg } from '../engine/producer/ffmpegLocator.js';
import { FragmentBuilder, SegmentMuxer, initSegment } from './fmp4Muxer.js';
import { inputFor, type RecordedFrame } from './recorderInput.js';
import { boxesIn, path } from './mp4Boxes.js';
import { readInit, readSamples, isKeyframe } from '../playback/fmp4Read.js';

const FFMPEG = locateFfmpeg()?.path ?? 'ffmpeg';
const dir = mkdtempSync(join(tmpdir(), 'vw-muxer-'));

interface Source {
  size: string;
  fps: number;
  gop: number;
  bframes: number;
  seconds: number;
}

/** ffmpeg's FLV of a test picture (H.264). */
function encodeFlv({ size, fps, gop, bframes, seconds }: Source): Buffer {
  return execFileSync(FFMPEG, [
    '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=${fps}`, '-t', String(seconds),
    '-c:v', 'libx264', '-preset', 'ultrafast', '-g', String(gop), '-keyint_min', String(gop), '-sc_threshold', '0', '-bf', String(bframes), '-pix_fmt', 'yuv420p', '-f', 'flv', 'pipe:1',
  ], { maxBuffer: 64 * 1024 * 1024 });
}

function saved(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

interface Packet {
  pts: number;
  dts: number;
  key: boolean;
}

/** Every packet's times (in ms, counted from the first decode time) and key flag, as ffprobe reads them. */
function packets(path: string): Packet[] {
  const out = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,dts_time,flags', '-of', 'json', path], { encoding: 'utf8' });
  const raw = (JSON.parse(out) as { packets: { pts_time: string; dts_time: string; flags: string }[] }).packets;
  const first = Number(raw[0]!.dts_time);
  return raw.map((p) => ({ pts: Math.round((Number(p.pts_time) - first) * 1000), dts: Math.round((Number(p.dts_time) - first) * 1000), key: p.flags.startsWith('K') }));
}

function stream(path: string): { codec: string; width: number; height: number; frames: number; duration: number } {
  const out = execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,width,height,nb_read_frames:format=duration', '-of', 'json', path], { encoding: 'utf8' });
  const json = JSON.parse(out) as { streams: { codec_name: string; width: number; height: number; nb_read_frames: string }[]; format: { duration: string } };
  const s = json.streams[0]!;
  return { codec: s.codec_name, width: s.width, height: s.height, frames: Number(s.nb_read_frames), duration: Number(json.format.duration) };
}

/**
 * The file's sample entry: its type, the picture size it states (what playback hands the decoder;
 * ffprobe reads the SPS instead) and its configuration box (avcC / hvcC).
 */
function sampleEntry(bytes: Buffer): { type: string; width: number; height: number; config: Buffer } {
  const stsd = path(bytes, boxesIn(bytes).boxes.find((box) => box.type === 'moov')!, 'trak', 'mdia', 'minf', 'stbl', 'stsd')!;
  const [entry] = boxesIn(bytes, stsd.bodyStart + 8, stsd.end).boxes; // after version/flags and the entry count
  const [config] = boxesIn(bytes, entry!.bodyStart + 78, entry!.end).boxes; // after VisualSampleEntry's fixed fields
  return { type: entry!.type, width: bytes.readUInt16BE(entry!.bodyStart + 24), height: bytes.readUInt16BE(entry!.bodyStart + 26), config: bytes.subarray(config!.bodyStart, config!.end) };
}

describe('the recorder’s fMP4 muxer', () => {
  it.each([
    { name: 'B-frames, a keyframe every 2 s', source: { size: '320x240', fps: 25, gop: 50, bframes: 2, seconds: 4 } },
    { name: 'no B-frames, a cropped picture (318×178)', source: { size: '318x178', fps: 15, gop: 15, bframes: 0, seconds: 3 } },
  ])('writes what ffprobe reads frame for frame: $name', { timeout: 60_000 }, ({ source }) => {
    const flvBytes = encodeFlv(source);
    const flv = saved(`${source.size}-${source.bframes}.flv`, flvBytes);
    const mp4Bytes = fmp4FromFlv(flvBytes);
    const mp4 = saved(`${source.size}-${source.bframes}.mp4`, mp4Bytes);
    const [width, height] = source.size.split('x').map(Number);
    expect(sampleEntry(mp4Bytes)).toMatchObject({ type: 'avc1', width, height });
    const frames = source.fps * source.seconds;
    expect(stream(mp4)).toMatchObject({ codec: 'h264', width, height, frames });
    expect(stream(mp4).duration).toBeCloseTo(source.seconds, 1);
    const got = packets(mp4);
    const want = packets(flv);
    expect(got).toHaveLength(frames);
    // Decode and presentation times and keyframes as the source has them (B-frames: pts ≠ dts).
    expect(got).toEqual(want);
    if (source.bframes > 0) expect(got.some((p) => p.pts !== p.dts)).toBe(true);
  });

  // ffmpeg and ffprobe on a loaded machine: more than the default 5 s.
  it('starts a fragment at every keyframe and never lets one run a second or more', { timeout: 60_000 }, () => {
    const bytes = fmp4FromFlv(encodeFlv({ size: '160x90', fps: 25, gop: 50, bframes: 0, seconds: 6 }));
    const init = readInit(bytes)!;
    expect(init.timescale).toBe(1000);
    const samples = readSamples(bytes, init);
    expect(samples).toHaveLength(150);
    const moofs = boxesIn(bytes).boxes.filter((box) => box.type === 'moof');
    // A 2 s GOP in fragments of at most a second: two fragments a GOP, the second starting on a P-frame.
    expect(moofs).toHaveLength(6);
    const firstOf = moofs.map((moof) => samples.findIndex((sample) => sample.offset > moof.start));
    expect(firstOf.map((i) => isKeyframe(samples[i]!))).toEqual([true, false, true, false, true, false]);
    for (let f = 0; f < firstOf.length; f += 1) {
      const end = firstOf[f + 1] ?? samples.length;
      const span = samples[end - 1]!.dts + samples[end - 1]!.duration - samples[firstOf[f]!]!.dts;
      expect(span).toBeLessThanOrEqual(1000);
    }
  });

  it('writes H.265 as hvc1 + hvcC from the same input shape, at the source’s own timescale', { timeout: 60_000 }, () => {
    // ffmpeg's own fragmented MP4 of H.265 with B-frames: its samples and hvcC are what an H.265 camera's access units become.
    const source = execFileSync(FFMPEG, [
      '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25', '-t', '3',
      '-c:v', 'libx265', '-preset', 'ultrafast', '-x265-params', 'keyint=25:min-keyint=25:bframes=2:log-level=error', '-tag:v', 'hvc1', '-pix_fmt', 'yuv420p',
      '-f', 'mp4', '-movflags', '+frag_keyframe+empty_moov+default_base_moof', 'pipe:1',
    ], { maxBuffer: 64 * 1024 * 1024 });
    const init = readInit(source)!;
    const { type, width, height, config } = sampleEntry(source);
    expect(type).toBe('hvc1');
    const fragments = new FragmentBuilder(init.timescale);
    const out = [initSegment({ codec: 'h265', config, width, height, timescale: init.timescale })];
    for (const sample of readSamples(source, init)) {
      const fragment = fragments.push({ data: source.subarray(sample.offset, sample.offset + sample.size), dts: sample.dts, cts: sample.cto, key: isKeyframe(sample) });
      if (fragment) out.push(...fragment);
    }
    out.push(...fragments.finish()!);
    const ours = Buffer.concat(out);
    const mp4 = saved('h265.mp4', ours);
    expect(sampleEntry(ours)).toMatchObject({ type: 'hvc1', width: 320, height: 240, config });
    expect(stream(mp4)).toMatchObject({ codec: 'hevc', width: 320, height: 240, frames: 75 });
    const got = packets(mp4);
    expect(got).toEqual(packets(saved('h265-source.mp4', source)));
    expect(got.some((p) => p.pts !== p.dts)).toBe(true);
  });

  it('writes an H.265 camera’s MPEG-TS, as the recorder reads it, as hvc1 at 90 kHz with every picture’s times', { timeout: 60_000 }, () => {
    // What a session copies from an H.265 camera for its recorder: MPEG-TS, B-frames and all.
    const tsBytes = execFileSync(FFMPEG, [
      '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25', '-t', '3',
      '-c:v', 'libx265', '-preset', 'ultrafast', '-x265-params', 'keyint=25:min-keyint=25:bframes=2:log-level=error', '-pix_fmt', 'yuv420p',
      '-f', 'mpegts', '-mpegts_flags', '+resend_headers', 'pipe:1',
    ], { maxBuffer: 64 * 1024 * 1024 });
    const input = inputFor(tsBytes);
    const frames: RecordedFrame[] = [];
    for (let at = 0; at < tsBytes.length; at += 1000) frames.push(...input.push(tsBytes.subarray(at, at + 1000))); // packets cut in two, as a pipe delivers them
    const track = input.track()!;
    expect(track).toMatchObject({ codec: 'h265', width: 320, height: 240, timescale: 90_000 });
    const muxer = new SegmentMuxer(track, 1000);
    const out = [muxer.init, ...frames.flatMap((frame) => (frame.sample && muxer.push(frame.sample)) || []), ...muxer.finish()!];
    const mp4 = saved('h265-from-ts.mp4', Buffer.concat(out));
    expect(sampleEntry(Buffer.concat(out))).toMatchObject({ type: 'hvc1', width: 320, height: 240 });
    // The last picture is whole only when another starts: a segment of a running stream never misses it.
    expect(stream(mp4)).toMatchObject({ codec: 'hevc', width: 320, height: 240, frames: 74 });
    const got = packets(mp4);
    expect(got).toEqual(packets(saved('h265.ts', tsBytes)).slice(0, 74));
    expect(got.some((p) => p.pts !== p.dts)).toBe(true);
  });

  it('hands a fragment out as its moof and mdat header, then the pictures themselves, never copied', () => {
    const pictures = [Buffer.from([0, 0, 0, 1, 0x65]), Buffer.from([0, 0, 0, 2, 0x41, 9]), Buffer.from([0, 0, 0, 1, 0x41])];
    const builder = new FragmentBuilder(1000);
    pictures.forEach((data, i) => expect(builder.push({ data, dts: i * 40, cts: 0, key: i === 0 })).toBeNull());
    const fragment = builder.finish()!;
    expect(fragment.slice(1)).toHaveLength(3);
    fragment.slice(1).forEach((part, i) => expect(part).toBe(pictures[i])); // the same bytes, not a copy of them
    const whole = Buffer.concat(fragment);
    expect(whole.readUInt32BE(0)).toBe(fragment[0]!.length - 8); // the moof's size; the mdat header follows it
    expect(whole.toString('latin1', fragment[0]!.length - 4, fragment[0]!.length)).toBe('mdat');
    expect(whole.readUInt32BE(fragment[0]!.length - 8)).toBe(8 + 5 + 6 + 5);
  });

  it('can leave out the GOP it holds whole, the file then ending where that GOP began; not one partly handed out', () => {
    const track = { codec: 'h264' as const, config: Buffer.from([1, 0x42, 0, 0x1e, 0xff, 0xe0, 0]), width: 16, height: 16, timescale: 1000 };
    const sample = (dts: number, key: boolean) => ({ data: Buffer.from([0, 0, 0, 1, key ? 0x65 : 0x41, dts & 0xff]), dts, cts: 0, key });
    const builder = new FragmentBuilder(1000);
    const fragments = [sample(0, true), sample(40, false), sample(80, false), sample(120, true), sample(160, false)].map((s) => builder.push(s)).filter(Boolean);
    expect(fragments).toHaveLength(1); // the first GOP, handed out when the second keyframe came
    expect(builder.heldKeyframe()?.data).toEqual(sample(120, true).data);
    builder.dropHeld();
    expect(builder.heldKeyframe()).toBeNull();
    expect(builder.finish()).toBeNull();
    const bytes = Buffer.concat([initSegment(track), ...fragments[0]!]);
    const samples = readSamples(bytes, readInit(bytes)!);
    expect(samples.map((s) => s.duration)).toEqual([40, 40, 40]); // up to 120, where the left-out GOP began
    // A GOP longer than a fragment: its start is in the file already, so it is not held whole.
    const long = new FragmentBuilder(100);
    [sample(0, true), sample(40, false), sample(80, false), sample(120, false)].forEach((s) => long.push(s));
    expect(long.heldKeyframe()).toBeNull();
  });

  it('gives the last picture the duration asked for, so a segment of one frame still has a length', () => {
    const track = { codec: 'h264' as const, config: Buffer.from([1, 0x42, 0, 0x1e, 0xff, 0xe0, 0]), width: 16, height: 16, timescale: 1000 };
    const sample = (dts: number, key: boolean) => ({ data: Buffer.from([0, 0, 0, 1, key ? 0x65 : 0x41]), dts, cts: 0, key });
    const durations = (bytes: Buffer) => readSamples(bytes, readInit(bytes)!).map((s) => s.duration);
    const one = new FragmentBuilder(1000);
    expect(one.push(sample(5000, true))).toBeNull();
    expect(durations(Buffer.concat([initSegment(track), ...one.finish(40)!]))).toEqual([40]);
    const three = new FragmentBuilder(1000);
    const fragments = [sample(0, true), sample(40, false), sample(80, false)].map((s) => three.push(s)).filter(Boolean);
    expect(fragments).toEqual([]);
    expect(durations(Buffer.concat([initSegment(track), ...three.finish()!]))).toEqual([40, 40, 40]); // the last as long as the one before
  });
});
