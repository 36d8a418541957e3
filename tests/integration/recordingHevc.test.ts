/**
 * An H.265 camera is recorded as it arrives, never converted, on the one pull the wall uses: a tile
 * in a browser without an H.265 decoder gets H.264 (the session converts it), the recorder gets the
 * camera's own H.265 from the same ffmpeg (a second output, MPEG-TS) and writes `hvc1` fMP4.
 * Pulls are counted on the RTSP server's side; files are read by ffprobe. Recording never depends
 * on the tiles' transcode budget (issue 17): a tile it has no slot for is refused on its own.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { silentLogger } from '../../main/lib/logger.js';
import { CameraRecorder, type ClosedSegment } from '../../main/recording/cameraRecorder.js';
import { gapsBetween, listSegments } from '../../main/recording/segmentIndex.js';
import { segmentFolder } from '../../main/recording/segmentName.js';
import { readSidecar } from '../../main/recording/sidecar.js';
import { isKeyframe, readInit, readSamples, type Sample } from '../../main/playback/fmp4Read.js';
import { CAMERA_FFMPEG_PATTERN, listProcesses, rtspPullsOn } from '../fixtures/processes.js';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';
import { EngineHarness, FFMPEG, RecordingViewer, avc, probeReceived, waitForStatus } from './engineHarness.js';

let fixture: RtspFixture;
const engines = new EngineHarness();
const recorders: CameraRecorder[] = [];

beforeAll(async () => {
  expect(FFMPEG).not.toBeNull();
  fixture = await startRtspFixture(['hevcA', 'hevcB', 'hevcC', 'hevcD'].map((name) => ({ name, codec: 'h265' as const })));
}, 60_000);
afterEach(async () => {
  await Promise.all(recorders.splice(0).map((recorder) => recorder.stop()));
  await engines.closeAll();
});
afterAll(() => fixture?.close());

/** The fixture cameras' frame interval (15 fps). */
const FIXTURE_FRAME_MS = 1000 / 15;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The camera ffmpegs this test process started, with their command lines. */
const cameraFfmpegs = () => listProcesses(CAMERA_FFMPEG_PATTERN).filter((p) => p.ppid === process.pid);

function record(cameraId: string) {
  const folder = mkdtempSync(join(tmpdir(), 'vw-recording-hevc-'));
  // The console's grace (5 s): a conversion only the recorder watches ends that long after the last tile.
  const engine = engines.create({ [cameraId]: fixture.url(cameraId) }, { graceMs: 5000 });
  const recorder = new CameraRecorder({ engine, cameraId, profile: 'main', folder, log: silentLogger, segmentMs: 10_000 });
  recorders.push(recorder);
  const closed: ClosedSegment[] = [];
  recorder.onSegmentClosed((segment) => closed.push(segment));
  const dir = segmentFolder(folder, cameraId, 'main');
  return { engine, recorder, folder, closed, dir, files: () => readdirSync(dir).sort() };
}

interface Probed {
  codec: string;
  tag: string;
  format: string;
  duration: number;
  frames: number;
}

function probe(path: string): Probed {
  const out = JSON.parse(
    execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-show_entries', 'format=duration,format_name:stream=codec_name,codec_tag_string,nb_read_frames', '-of', 'json', path], { encoding: 'utf8' }),
  ) as { format: { duration: string; format_name: string }; streams: { codec_name: string; codec_tag_string: string; nb_read_frames: string }[] };
  const stream = out.streams[0]!;
  return { codec: stream.codec_name, tag: stream.codec_tag_string, format: out.format.format_name, duration: Number(out.format.duration), frames: Number(stream.nb_read_frames) };
}

/** The pictures of a segment's file, in order, as its fragments hold them. */
function pictures(path: string, from: (samples: Sample[]) => number = () => 0): Buffer[] {
  const bytes = readFileSync(path);
  const samples = readSamples(bytes, readInit(bytes)!);
  return samples.slice(from(samples)).map((sample) => bytes.subarray(sample.offset, sample.offset + sample.size));
}

/** The pictures from a segment's last keyframe on. */
const lastGop = (path: string) => pictures(path, (samples) => samples.findLastIndex(isKeyframe));

/** Every segment is a whole fragmented MP4 of H.265 tagged hvc1, and its sidecar's span is ffprobe's duration. */
async function expectHvc1Segments(dir: string, names: string[]): Promise<number> {
  expect(names.filter((name) => name.endsWith('.part'))).toEqual([]);
  const segments = names.filter((name) => name.endsWith('.mp4'));
  expect(segments.length).toBeGreaterThan(0);
  let total = 0;
  for (const name of segments) {
    const path = join(dir, name);
    const info = probe(path);
    expect(info).toMatchObject({ codec: 'hevc', tag: 'hvc1' });
    expect(info.format).toContain('mp4');
    expect(info.frames).toBeGreaterThan(0);
    const bytes = readFileSync(path);
    expect(bytes.includes('mvex')).toBe(true); // fragmented: the moov announces movie fragments
    expect(bytes.includes('moof')).toBe(true);
    const sidecar = (await readSidecar(path))!;
    expect(Math.abs((sidecar.endedAt - sidecar.startedAt) / 1000 - info.duration)).toBeLessThan(0.2);
    expect(sidecar.keyframesMs?.[0]).toBe(0);
    expect(sidecar.bytesPerSecond.length).toBeGreaterThan(0);
    total += info.duration;
  }
  return total;
}

it('records the H.265 a tile is sent converted, as it arrives, in hvc1 fMP4 from the one pull', async () => {
  const { engine, recorder, closed, dir, files, folder } = record('hevcA');
  const tile = new RecordingViewer();
  expect(await engine.prepare(avc('hevcA'))).toBe('flv');
  engine.attach(avc('hevcA'), tile);
  await waitForStatus(engine, 'hevcA', (s) => s.state === 'live' && s.transcoding, 30_000);
  recorder.start();
  await vi.waitFor(() => expect(recorder.recording).toBe(true), { timeout: 20_000, interval: 100 });
  const startedAt = Date.now();
  await sleep(20_000);
  expect(rtspPullsOn(fixture.port)).toBe(1);
  expect(cameraFfmpegs()).toHaveLength(1); // the tile's converting ffmpeg writes the recorder's copy too
  expect(engine.statuses()).toHaveLength(1);
  expect(engine.statuses()[0]).toMatchObject({ transcoding: true, viewers: 2 });
  await recorder.stop();
  const wallMs = Date.now() - startedAt;
  expect(recorder.refused).toBeNull();
  expect(probeReceived(tile)).toBe('flv h264'); // the tile plays H.264, unchanged

  const total = await expectHvc1Segments(dir, files());
  expect(closed.map((segment) => segment.endReason)).toEqual(['length', 'length', 'console_stopped']);
  const listed = await listSegments(folder, 'hevcA', 'main');
  expect(gapsBetween(listed, listed[0]!.startedAt, listed.at(-1)!.endedAt)).toEqual([]); // back to back at keyframes
  console.log(`[recording h265] ${listed.length} segments, ${total.toFixed(2)} s recorded over ${(wallMs / 1000).toFixed(2)} s wall`);
  expect(total).toBeLessThanOrEqual(wallMs / 1000 + 1);
  expect(total).toBeGreaterThan(wallMs / 1000 - 1.5);
}, 90_000);

it('records an H.265 camera alone without converting it; a tile that comes and goes shares the pull', async () => {
  const { engine, recorder, closed, dir, files, folder } = record('hevcB');
  recorder.start();
  await vi.waitFor(() => expect(recorder.recording).toBe(true), { timeout: 30_000, interval: 100 });
  // Only the recorder watches: the camera's H.265 is copied, nothing is encoded.
  expect(engine.statuses()[0]).toMatchObject({ codec: 'hevc', transcoding: false });
  expect(cameraFfmpegs().map((p) => p.cmdline.includes('libx264'))).toEqual([false]);
  await sleep(4000);

  const tile = new RecordingViewer();
  expect(await engine.prepare(avc('hevcB'))).toBe('flv');
  const detach = engine.attach(avc('hevcB'), tile);
  await waitForStatus(engine, 'hevcB', (s) => s.state === 'live' && s.transcoding, 30_000);
  await vi.waitFor(() => expect(tile.bytes).toBeGreaterThan(20_000), { timeout: 20_000, interval: 100 });
  await vi.waitFor(() => expect(recorder.recording).toBe(true), { timeout: 20_000, interval: 100 });
  expect(rtspPullsOn(fixture.port)).toBe(1);
  expect(cameraFfmpegs()).toHaveLength(1);
  expect(probeReceived(tile)).toBe('flv h264');
  await sleep(3000);

  // The tile leaves: after the grace period nothing is converted for nobody; recording goes on.
  detach();
  await waitForStatus(engine, 'hevcB', (s) => s.state === 'live' && !s.transcoding && s.viewers === 1, 30_000);
  await vi.waitFor(() => expect(recorder.recording).toBe(true), { timeout: 20_000, interval: 100 });
  await sleep(3000);
  expect(rtspPullsOn(fixture.port)).toBe(1);
  expect(cameraFfmpegs().map((p) => p.cmdline.includes('libx264'))).toEqual([false]);
  await recorder.stop();

  await expectHvc1Segments(dir, files());
  // Each change of output is one reconnect of the one pull: the segment is cut there, saying so (not
  // as a clock jump), and the next starts at the new run's first keyframe.
  const reasons = closed.map((segment) => segment.endReason);
  expect(reasons.filter((reason) => reason === 'output_switched')).toHaveLength(2);
  expect(reasons).not.toContain('clock_jump');
  expect(reasons.at(-1)).toBe('console_stopped');
  const listed = await listSegments(folder, 'hevcB', 'main');
  // The sidecars keep it (a segment whose every picture the next run replayed leaves no file: they are in the next one).
  expect(listed.map((segment) => segment.endReason)).toEqual(closed.filter((segment) => segment.path).map((segment) => segment.endReason));
  // A switch that took longer than a seam shows as a gap in those words (usually it is shorter).
  for (const gap of gapsBetween(listed, listed[0]!.startedAt, listed.at(-1)!.endedAt)) expect(gap.reason).toBe('output_switched');
  const seams = listed.slice(1).map((segment, i) => segment.startedAt - listed[i]!.endedAt);
  console.log(`[recording h265] output switches cost ${seams.map((ms) => `${ms} ms`).join(', ')} of footage`);
  // The new run begins with the server's cached GOP, pictures the last segment already holds: they
  // are kept once, so the next segment starts where the last one ended, never before it (it did by
  // 0.5–0.7 s, the same pictures twice). A frame of slack for the clocks (the fixture runs at 15 fps).
  for (const seam of seams) expect(seam).toBeGreaterThanOrEqual(-FIXTURE_FRAME_MS);
  // Whatever the clocks say, no picture is in two files: the next segment's first keyframe is not
  // the last GOP's of the one before it, where a replay would put it (only there: the fixture's
  // pictures come round again every few seconds).
  for (const [i, segment] of listed.slice(1).entries()) {
    const [first] = pictures(segment.path);
    expect(lastGop(listed[i]!.path).some((picture) => picture.equals(first!))).toBe(false);
  }
}, 120_000);

/*
 * The recorder copies an H.265 camera. A tile that cannot decode H.265 then opens it while the one
 * conversion slot is taken by another camera: the tile is refused in its own words (unsupported
 * codec, "transcode budget"), and the recorder goes on untouched — no segment ends, no gap, the
 * one pull keeps running. Once the slot frees, the tile gets its H.264.
 */
it('keeps recording an H.265 camera when a tile opens it and the transcode budget is full; the tile is refused in its own words, then served once the slot frees', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'vw-recording-budget-'));
  // One conversion at a time, and another camera's tile holds it.
  const engine = engines.create({ hevcC: fixture.url('hevcC'), hevcD: fixture.url('hevcD') }, { transcodeLimit: 1, graceMs: 1000 });
  const busyTile = new RecordingViewer();
  const leaveBusy = engine.attach(avc('hevcD'), busyTile);
  await waitForStatus(engine, 'hevcD', (s) => s.state === 'live' && s.transcoding, 30_000);

  const recorder = new CameraRecorder({ engine, cameraId: 'hevcC', profile: 'main', folder, log: silentLogger, segmentMs: 60_000 });
  recorders.push(recorder);
  const closed: ClosedSegment[] = [];
  recorder.onSegmentClosed((segment) => closed.push(segment));
  recorder.start();
  await vi.waitFor(() => expect(recorder.recording).toBe(true), { timeout: 30_000, interval: 100 });
  const recordingSince = Date.now();

  // The tile comes: there is no slot to convert for it.
  const tile = new RecordingViewer();
  expect(await engine.prepare(avc('hevcC'))).toBe('flv'); // its player is made for the H.264 it would get
  let detachTile = engine.attach(avc('hevcC'), tile);
  // The recording goes on: the same segment open all along, the one pull kept.
  const watchedUntil = Date.now() + 8000;
  while (Date.now() < watchedUntil) {
    expect(recorder.recording).toBe(true);
    expect(engine.statuses().find((s) => s.cameraId === 'hevcC')?.state).toBe('live');
    await sleep(200);
  }
  expect(closed).toEqual([]);
  const refused = await waitForStatus(engine, 'hevcC', (s) => s.refused != null, 5000);
  expect(refused.refused).toMatchObject({ state: 'unsupported_codec', detail: expect.stringContaining('transcode budget') });
  expect(refused.refused!.retryAt).toEqual(expect.any(Number)); // the tile counts down to the next try, as before
  // The camera itself is live, copied for the recorder, nothing converted.
  expect(refused).toMatchObject({ state: 'live', transcoding: false, cameraCodec: 'hevc' });

  expect(rtspPullsOn(fixture.port)).toBe(2); // one a camera
  expect(tile.bytes).toBe(0); // nothing it cannot decode was sent to it

  // The other tile leaves; its slot frees with its session, and this tile's camera is converted.
  leaveBusy();
  await waitForStatus(engine, 'hevcC', (s) => s.state === 'live' && s.transcoding && s.refused == null, 60_000);
  // A player made before the switch is ended by it and reconnects, like the page's player does.
  let viewer = tile;
  if (tile.ended) {
    detachTile();
    viewer = new RecordingViewer();
    detachTile = engine.attach(avc('hevcC'), viewer);
  }
  await vi.waitFor(() => expect(viewer.bytes).toBeGreaterThan(20_000), { timeout: 20_000, interval: 100 });
  expect(probeReceived(viewer)).toBe('flv h264');
  await vi.waitFor(() => expect(recorder.recording).toBe(true), { timeout: 20_000, interval: 100 });
  expect(rtspPullsOn(fixture.port)).toBe(1); // the busy camera's session closed; this one keeps its one pull
  detachTile();
  await recorder.stop();

  // One cut, where the conversion began (a reconnect of the one pull, said so); never "offline".
  const reasons = closed.map((segment) => segment.endReason);
  expect(reasons).toEqual(['output_switched', 'console_stopped']);
  const listed = await listSegments(folder, 'hevcC', 'main');
  for (const gap of gapsBetween(listed, listed[0]!.startedAt, listed.at(-1)!.endedAt)) expect(gap.reason).toBe('output_switched');
  expect(listed[0]!.startedAt).toBeLessThanOrEqual(recordingSince);
}, 180_000);
