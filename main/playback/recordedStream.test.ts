/**
 * Playing a recorded range from a time T reads the segment from the fragment holding T, not from
 * its start (issue 18: the first picture ≤ 500 ms at every tile), on real files on disk: segments
 * our muxer writes, one being written, and ffmpeg's own fragmented MP4 whose fragments do not start
 * at keyframes, which must play exactly as a read of the whole file would.
 * The bytes read are the process's own count (/proc/self/io `rchar`: every read(2) it made), so
 * the figure does not depend on how the reading is done.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { locateFfmpeg } from '../engine/producer/ffmpegLocator.js';
import { SegmentMuxer, type VideoSample } from '../recording/fmp4Muxer.js';
import type { FootageSpan } from '../recording/segmentIndex.js';
import { Fmp4Joiner, type JoinRange } from './fmp4Join.js';
import { isKeyframe, readInit, readSamples } from './fmp4Read.js';
import { openRecordedStream } from './recordedStream.js';

const dir = mkdtempSync(join(tmpdir(), 'vw-seek-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const T0 = Date.UTC(2026, 11, 3, 10, 0, 0);
const FPS = 15;

/** A sample whose bytes name its time (ms from the segment's start), padded to `size`. */
function sample(ms: number, key: boolean, size: number): VideoSample {
  const data = Buffer.alloc(size, 0x20);
  data.write(`t${ms};`, 0, 'latin1');
  return { data, dts: ms, cts: 0, key };
}

/**
 * A segment as the recorder writes it (our muxer, fragments of at most 1 s from each keyframe)
 * of `seconds` at 15 fps and about 1 Mbps: a 20 KB keyframe each second, 8 KB pictures between.
 */
function muxed(seconds: number): Buffer {
  const muxer = new SegmentMuxer({ codec: 'h264', config: Buffer.from([1, 0x42, 0, 0x1e, 0xff, 0xe0, 0]), width: 640, height: 360, timescale: 1000 }, 1000);
  const parts = [muxer.init];
  for (let i = 0; i < seconds * FPS; i += 1) {
    const key = i % FPS === 0;
    const fragment = muxer.push(sample(Math.round((i * 1000) / FPS), key, key ? 20_000 : 8_000));
    if (fragment) parts.push(...fragment);
  }
  parts.push(...muxer.finish()!);
  return Buffer.concat(parts);
}

function saved(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** Bytes this process has read so far, whatever read them. */
const bytesRead = () => Number(/rchar:\s*(\d+)/.exec(readFileSync('/proc/self/io', 'latin1'))![1]);

/** The samples of a joined stream read back: when each is decoded and for how long (ms), whether a keyframe, and the time its bytes name. */
function readBack(chunks: readonly Buffer[]) {
  const bytes = Buffer.concat(chunks);
  const init = readInit(bytes)!;
  return readSamples(bytes, init).map((s) => ({ dts: (s.dts * 1000) / init.timescale, duration: (s.duration * 1000) / init.timescale, key: isKeyframe(s), data: bytes.toString('latin1', s.offset, s.offset + s.size) }));
}

async function drain(chunks: AsyncGenerator<Buffer, void, void>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return out;
}

/** What the stream must be: the whole file read and joined at once, as playback did before it read by fragments. */
function wholeRead(bytes: Buffer, startedAt: number, range: JoinRange) {
  const init = readInit(bytes)!;
  const joiner = new Fmp4Joiner(range);
  return readBack([...joiner.addSegment(bytes, init, readSamples(bytes, init), startedAt), ...joiner.finish()]);
}

describe('playing a recorded segment from a time in its middle', () => {
  it('reads the moofs before T and the fragment holding it, not the 60 s segment from its start, and starts at the keyframe at or before T', async () => {
    const bytes = muxed(60);
    expect(bytes.length).toBeGreaterThan(7_000_000);
    const path = saved('cam_main_a.mp4', bytes);
    const T = T0 + 31_400;
    const before = bytesRead();
    const stream = await openRecordedStream([{ path, startedAt: T0, endedAt: T0 + 60_000 }], { start: T, end: T + 60_000, keyframesOnly: false });
    if (!stream.ok) throw new Error('nothing recorded');
    // What a player needs for its first picture: the init and the first fragment.
    const first = [(await stream.chunks.next()).value!, (await stream.chunks.next()).value!];
    const read = bytesRead() - before;
    await stream.chunks.return();
    // Before, the whole 7.9 MB file was read first; now 31 moofs of 4 KB and one fragment of ~130 KB.
    expect(read).toBeLessThan(600_000);
    expect(stream.startMs).toBe(T0 + 31_000);
    const samples = readBack(first);
    expect(samples[0]).toMatchObject({ dts: 0, key: true, data: expect.stringMatching(/^t31000;/) });
    expect(samples.at(-1)!.data).toMatch(/^t31933;/);
  });

  it('sends every sample from that keyframe to the end of the range, across segments, as a read of the whole files did', async () => {
    const a = muxed(20);
    const b = muxed(20);
    const segments: FootageSpan[] = [
      { path: saved('cam_main_b1.mp4', a), startedAt: T0, endedAt: T0 + 20_000 },
      { path: saved('cam_main_b2.mp4', b), startedAt: T0 + 20_000, endedAt: T0 + 40_000 },
    ];
    for (const range of [
      { start: T0 + 12_345, end: T0 + 27_500, keyframesOnly: false },
      { start: T0 + 12_345, end: T0 + 40_000, keyframesOnly: true },
      { start: T0 + 5_000, end: T0 + 40_000, keyframesOnly: true, keyframeSpacingMs: 2000 },
    ]) {
      const stream = await openRecordedStream(segments, range);
      if (!stream.ok) throw new Error('nothing recorded');
      const got = readBack(await drain(stream.chunks));
      // The whole-read joiner over the two files, placed as the stream places the second one.
      const joiner = new Fmp4Joiner(range);
      const initA = readInit(a)!;
      const initB = readInit(b)!;
      const want = readBack([
        ...joiner.addSegment(a, initA, readSamples(a, initA), T0),
        ...joiner.addSegment(b, initB, readSamples(b, initB), T0 + 20_000),
        ...joiner.finish(),
      ]);
      expect(got).toEqual(want);
      expect(got.length).toBeGreaterThan(10);
    }
  });

  it('plays a file whose fragments do not start at keyframes (ffmpeg\'s, with explicit data offsets) exactly as a whole read', async () => {
    const ffmpeg = locateFfmpeg()?.path ?? 'ffmpeg';
    const path = join(dir, 'cam_main_ffmpeg.mp4');
    // A keyframe every 2 s, fragments of 0.5 s: three fragments in four start on a picture that is not one.
    execFileSync(ffmpeg, [
      '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=15', '-t', '9',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '30', '-keyint_min', '30', '-sc_threshold', '0', '-pix_fmt', 'yuv420p',
      '-movflags', 'frag_keyframe+empty_moov', '-frag_duration', '500000', '-y', path,
    ]);
    const bytes = readFileSync(path);
    const init = readInit(bytes)!;
    const all = readSamples(bytes, init);
    expect(all.filter(isKeyframe).length).toBe(5);
    for (const at of [0, 700, 2_900, 5_100, 8_800]) {
      const range = { start: T0 + at, end: T0 + 9_000, keyframesOnly: false };
      const stream = await openRecordedStream([{ path, startedAt: T0, endedAt: T0 + 9_000 }], range);
      if (!stream.ok) throw new Error('nothing recorded');
      const got = readBack(await drain(stream.chunks));
      expect(got).toEqual(wholeRead(bytes, T0, range));
      expect(got[0]!.key).toBe(true);
    }
  });

  it('reads a segment being written up to its last whole fragment, and from its closed file once renamed', async () => {
    const bytes = muxed(10);
    const init = readInit(bytes)!;
    const samples = readSamples(bytes, init);
    // Cut in the middle of the 7th fragment's mdat: six whole fragments are on disk.
    const seventh = samples.find((s) => s.dts >= 6000)!;
    const partPath = saved('cam_main_c.mp4.part', bytes.subarray(0, seventh.offset + 100));
    const range = { start: T0 + 4_200, end: T0 + 10_000, keyframesOnly: false };
    const writing = await openRecordedStream([{ path: join(dir, 'cam_main_c.mp4'), partPath, startedAt: T0, endedAt: T0 + 6_000 }], range);
    if (!writing.ok) throw new Error('nothing recorded');
    const got = readBack(await drain(writing.chunks));
    expect(got[0]!.data).toMatch(/^t4000;/);
    expect(got.at(-1)!.data).toMatch(/^t5933;/);

    const closedPath = saved('cam_main_d.mp4', bytes);
    const closed = await openRecordedStream([{ path: closedPath, partPath: join(dir, 'cam_main_d.mp4.part'), startedAt: T0, endedAt: T0 + 10_000 }], range);
    if (!closed.ok) throw new Error('nothing recorded');
    expect(readBack(await drain(closed.chunks))).toEqual(wholeRead(bytes, T0, range));
  });

  it('closes the segment file when the reader stops early, and tells of a closed segment that is gone', async () => {
    const path = saved('cam_main_e.mp4', muxed(20));
    const openFiles = () => readdirSync('/proc/self/fd').length;
    const before = openFiles();
    const stream = await openRecordedStream([{ path, startedAt: T0, endedAt: T0 + 20_000 }], { start: T0 + 5_000, end: T0 + 20_000, keyframesOnly: false });
    if (!stream.ok) throw new Error('nothing recorded');
    await stream.chunks.next();
    await stream.chunks.return();
    expect(openFiles()).toBe(before);

    const failed: string[] = [];
    const gone = join(dir, 'cam_main_gone.mp4');
    const answer = await openRecordedStream([{ path: gone, startedAt: T0, endedAt: T0 + 20_000 }, { path, startedAt: T0 + 20_000, endedAt: T0 + 40_000 }], { start: T0 + 5_000, end: T0 + 30_000, keyframesOnly: false }, (p) => failed.push(p));
    expect(failed).toEqual([gone]);
    expect(answer.ok && answer.startMs).toBe(T0 + 20_000);
    if (answer.ok) await answer.chunks.return();
  });
});
