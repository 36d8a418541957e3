/**
 * Recorded H.265 for a page that cannot decode it: `/get` with `convert=h264` answers the same
 * range as H.264, converted by ffmpeg from the joined fMP4, with the same times. The answers are
 * read by the page's own demuxer (renderer/features/playback/fmp4Demuxer.ts), so "the same times"
 * is what the player would see: each picture's presentation time in epoch ms, as recorded. Real
 * segments (libx265 into MPEG-TS, then the recorder's own muxer: hvc1 fMP4), real ffmpeg, the
 * console's real stream server.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCalls } from '../../main/ipc/testCalls.js';
import { silentLogger } from '../../main/lib/logger.js';
import { startServices, type Services } from '../../main/services.js';
import { keyFileSecretBox } from '../../main/store/secretBox.js';
import { Fmp4Demuxer, type Mp4Item, type Sample, type TrackConfig } from '../../renderer/features/playback/fmp4Demuxer.js';
import { CONVERT_FFMPEG_PATTERN, listProcesses } from '../fixtures/processes.js';
import { writeRecordedSegments } from '../fixtures/recordedSegments.js';
import { townshipSeed, villageCamera } from '../fixtures/townshipSeed.js';

let services: Services;
const api = apiCalls(() => services);
// An hour ago: six 10 s segments of an H.265 camera back to back, one of an H.264 camera, and one
// of an H.265 camera that sends B-frames.
const T0 = Math.floor((Date.now() - 3600_000) / 1000) * 1000;
const FPS = 15;

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vw-playback-hevc-'));
  const folder = join(dataDir, 'footage');
  const plans = [0, 10, 20, 30, 40, 50].map((s) => ({ startedAt: T0 + s * 1000, seconds: 10, width: 640, height: 360, fps: FPS, codec: 'h265' as const }));
  await writeRecordedSegments(folder, 'gate', 'main', plans);
  await writeRecordedSegments(folder, 'well', 'main', [{ startedAt: T0, seconds: 10, fps: FPS }]);
  await writeRecordedSegments(folder, 'lane', 'main', [{ startedAt: T0, seconds: 10, fps: FPS, codec: 'h265', bframes: 3 }]);
  const seed = () => townshipSeed([villageCamera('gate', 'rtsp://127.0.0.1:9/gate'), villageCamera('well', 'rtsp://127.0.0.1:9/well'), villageCamera('lane', 'rtsp://127.0.0.1:9/lane')], { settings: { folder, cameras: [], quotaGb: null, minFreeGb: 0 }, locks: [] });
  services = await startServices({ mode: 'headless', dataDir, secretBox: keyFileSecretBox(join(dataDir, 'k')), log: silentLogger, seed });
}, 120_000);
afterAll(async () => {
  await services?.close();
});

/** The converting ffmpegs this test process (the console's main) runs now. */
const converters = () => listProcesses(CONVERT_FFMPEG_PATTERN).filter((p) => p.ppid === process.pid);

interface Answer {
  status: number;
  startMs: number;
  config: TrackConfig | null;
  samples: Sample[];
}

/** `/get` of a playback session, read whole by the page's demuxer. */
async function get(cameraId: string, query: string): Promise<Answer> {
  const { url } = await api.call('playback.open', { cameraId, profile: 'main', at: T0 });
  const response = await fetch(`${url}&${query}`);
  const startMs = Number(response.headers.get('x-start-ms'));
  const items: Mp4Item[] = response.ok ? new Fmp4Demuxer(startMs).push(new Uint8Array(await response.arrayBuffer())) : [];
  return {
    status: response.status,
    startMs,
    config: items.find((item): item is TrackConfig => item.kind === 'config') ?? null,
    samples: items.filter((item): item is Sample => item.kind === 'sample'),
  };
}

/** Each picture of `converted` is presented at the time of the recorded picture in its place (1 ms for rounding). */
function expectSameTimes(converted: Sample[], recorded: Sample[]): void {
  expect(converted.length).toBe(recorded.length);
  const worst = Math.max(...converted.map((sample, i) => Math.abs(sample.pts - recorded[i]!.pts)));
  console.log(`[figure] ${converted.length} converted pictures, largest time difference ${worst.toFixed(3)} ms`);
  expect(worst).toBeLessThanOrEqual(1);
}

describe('recorded H.265 asked as H.264 (convert=h264)', () => {
  it('is the same range in H.264: every picture at its recorded time, across a segment seam', async () => {
    const query = `start=${T0 + 7300}&duration=6`;
    const recorded = await get('gate', query);
    expect(recorded.status).toBe(200);
    expect(recorded.config).toMatchObject({ family: 'h265', width: 640, height: 360 });
    expect(recorded.config!.codec).toMatch(/^hvc1\./);
    expect(recorded.startMs).toBe(T0 + 7000); // the keyframe at or before the start
    expect(recorded.samples.at(-1)!.dts).toBeGreaterThan(T0 + 10_000); // the seam is crossed

    const converted = await get('gate', `${query}&convert=h264`);
    expect(converted.status).toBe(200);
    expect(converted.startMs).toBe(recorded.startMs);
    expect(converted.config).toMatchObject({ family: 'h264', width: 640, height: 360 });
    expect(converted.config!.codec).toMatch(/^avc1\./);
    expectSameTimes(converted.samples, recorded.samples);
    // Keyframes where the recording has them: a seek lands on the same picture either way.
    expect(converted.samples.map((s) => s.key)).toEqual(recorded.samples.map((s) => s.key));
    expect(converted.samples[0]!.pts).toBe(T0 + 7000);
    await expect.poll(converters, { timeout: 10_000 }).toEqual([]);
  }, 60_000);

  it('keyframes only (≥ 8×): every converted picture is a keyframe, at its recorded keyframe’s time', async () => {
    const query = `start=${T0 + 2000}&duration=40&keyframes=1&spacing=2000`;
    const recorded = await get('gate', query);
    expect(recorded.samples.length).toBeGreaterThanOrEqual(15);
    expect(recorded.samples.every((s) => s.key)).toBe(true);
    const converted = await get('gate', `${query}&convert=h264`);
    expect(converted.config).toMatchObject({ family: 'h264' });
    expectSameTimes(converted.samples, recorded.samples);
    expect(converted.samples.every((s) => s.key)).toBe(true);
    await expect.poll(converters, { timeout: 10_000 }).toEqual([]);
  }, 60_000);

  it('keeps the times of a camera that sends B-frames: the first picture is the keyframe, at its own time', async () => {
    const query = `start=${T0 + 2500}&duration=3`;
    const recorded = await get('lane', query);
    expect(recorded.samples.some((s) => s.pts !== s.dts)).toBe(true); // B-frames: presentation is not decode time
    const converted = await get('lane', `${query}&convert=h264`);
    expect(converted.config).toMatchObject({ family: 'h264' });
    expect(Math.abs(converted.samples[0]!.pts - recorded.samples[0]!.pts)).toBeLessThanOrEqual(1);
    // Each converted picture at the time of a recorded one (pictures that lean on the GOP before the
    // keyframe cannot be decoded from it, by the page either: ffmpeg drops them).
    const worst = Math.max(...converted.samples.map((c) => Math.min(...recorded.samples.map((r) => Math.abs(c.pts - r.pts)))));
    console.log(`[figure] B-frames: ${converted.samples.length} of ${recorded.samples.length} pictures converted, largest time difference ${worst.toFixed(3)} ms`);
    expect(worst).toBeLessThanOrEqual(1);
    expect(converted.samples.length).toBeGreaterThan(recorded.samples.length - 5);
  }, 60_000);

  it('ends its ffmpeg when the page stops reading and goes away', async () => {
    const { url } = await api.call('playback.open', { cameraId: 'gate', profile: 'main', at: T0 });
    const page = new AbortController();
    const response = await fetch(`${url}&start=${T0}&duration=600&convert=h264`, { signal: page.signal });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    expect((await reader.read()).value!.length).toBeGreaterThan(0);
    // A minute of footage does not fit in the pipes: ffmpeg waits for the page, alive.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const running = converters();
    expect(running).toHaveLength(1);
    page.abort();
    await expect.poll(converters, { timeout: 10_000 }).toEqual([]);
  }, 60_000);

  it('sends H.264 footage as recorded, without an ffmpeg', async () => {
    const query = `start=${T0 + 2500}&duration=3`;
    const recorded = await get('well', query);
    const asked = await get('well', `${query}&convert=h264`);
    expect(asked.config).toEqual(recorded.config);
    expect(asked.samples).toEqual(recorded.samples);
    expect(converters()).toEqual([]);
  }, 60_000);

  it('refuses a conversion to anything but H.264', async () => {
    expect((await get('gate', `start=${T0}&duration=5&convert=vp9`)).status).toBe(400);
  });
});
