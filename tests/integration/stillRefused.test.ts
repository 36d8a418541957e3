/**
 * A still (and an evidence snapshot) of an H.265 camera whose tile was refused a conversion slot:
 * the session copies the camera's H.265 for its recorder and sends the tile nothing, yet it has the
 * picture — the recorder's cached GOP, which ffmpeg decodes into the JPEG. Real ffmpeg, the RTSP
 * fixture (pulls counted on its side), a real recorder writing real files; the JPEG read by ffprobe.
 * A still of a camera only its recorder watches converts nothing; a snapshot of a camera a tile plays
 * as H.265 is taken from that tile's session.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { silentLogger } from '../../main/lib/logger.js';
import { CameraRecorder, type ClosedSegment } from '../../main/recording/cameraRecorder.js';
import { EvidenceService } from '../../main/evidence/evidenceService.js';
import type { StreamEngine } from '../../main/engine/session/streamEngine.js';
import { stillJpeg } from '../../main/ipc/still.js';
import { rtspPullsOn } from '../fixtures/processes.js';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';
import { EngineHarness, FFMPEG, RecordingViewer, avc, waitForStatus } from './engineHarness.js';

let fixture: RtspFixture;
const engines = new EngineHarness();
const recorders: CameraRecorder[] = [];

beforeAll(async () => {
  expect(FFMPEG).not.toBeNull();
  fixture = await startRtspFixture(['stillC', 'stillD'].map((name) => ({ name, codec: 'h265' as const })));
}, 60_000);
afterEach(async () => {
  await Promise.all(recorders.splice(0).map((recorder) => recorder.stop()));
  await engines.closeAll();
});
afterAll(() => fixture?.close());

/** The JPEG's picture size as ffprobe reads it from the file. */
function jpegSize(jpeg: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'vw-still-probe-'));
  try {
    writeFileSync(join(dir, 'still.jpg'), jpeg);
    return execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name,width,height', '-of', 'csv=p=0', join(dir, 'still.jpg')], { encoding: 'utf8' }).trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Camera C recorded in 60 s segments, once its first segment is open; `closed` lists the segments cut. */
async function recordStillC(engine: StreamEngine) {
  const recorder = new CameraRecorder({ engine, cameraId: 'stillC', profile: 'main', folder: mkdtempSync(join(tmpdir(), 'vw-still-rec-')), log: silentLogger, segmentMs: 60_000 });
  recorders.push(recorder);
  const closed: ClosedSegment[] = [];
  recorder.onSegmentClosed((segment) => closed.push(segment));
  recorder.start();
  await vi.waitFor(() => expect(recorder.recording).toBe(true), { timeout: 30_000, interval: 100 });
  return { recorder, closed };
}

/**
 * Camera C is recorded; camera D's tile holds the one conversion slot; C's tile comes and is
 * refused (sent nothing; the recorder's copy runs on). Returns what the checks need.
 */
async function refusedCamera() {
  const engine = engines.create({ stillC: fixture.url('stillC'), stillD: fixture.url('stillD') }, { transcodeLimit: 1, graceMs: 1000 });
  engine.attach(avc('stillD'), new RecordingViewer());
  await waitForStatus(engine, 'stillD', (s) => s.state === 'live' && s.transcoding, 30_000);

  const { recorder, closed } = await recordStillC(engine);

  const tile = new RecordingViewer();
  await engine.prepare(avc('stillC'));
  engine.attach(avc('stillC'), tile);
  await waitForStatus(engine, 'stillC', (s) => s.refused != null && s.state === 'live', 15_000);

  /** Neither the still nor the snapshot took a conversion slot or opened a pull: the tile still refused and sent nothing, the recording uncut. */
  const expectUntouched = () => {
    expect(rtspPullsOn(fixture.port)).toBe(2); // one a camera
    expect(engine.statuses().find((s) => s.cameraId === 'stillC')).toMatchObject({ state: 'live', transcoding: false, refused: { state: 'unsupported_codec' } });
    expect(tile.bytes).toBe(0);
    expect(recorder.recording).toBe(true);
    expect(closed).toEqual([]);
  };
  return { engine, expectUntouched };
}

it('gives a JPEG still of an H.265 camera whose tile the transcode budget refused, from the recorder\'s copy, at once', async () => {
  const { engine, expectUntouched } = await refusedCamera();
  const askedAt = Date.now();
  const jpeg = await stillJpeg(engine, FFMPEG, 'stillC', 'main');
  const tookMs = Date.now() - askedAt;
  expect(jpeg.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff])); // JPEG's SOI and the next marker
  expect(jpegSize(jpeg)).toBe('mjpeg,640,360'); // the camera's own picture, whole
  expect(tookMs).toBeLessThan(8000); // the refused tile's wait ran into 10 s (generous: a loaded machine)
  console.log(`[still refused] a JPEG of ${jpeg.length} bytes in ${tookMs} ms`);
  expectUntouched();
}, 120_000);

it('saves an evidence snapshot of that camera from the recorder\'s copy too', async () => {
  const { engine, expectUntouched } = await refusedCamera();
  const folder = mkdtempSync(join(tmpdir(), 'vw-still-evidence-'));
  const evidence = new EvidenceService({ engine, ffmpegPath: () => FFMPEG, folder: () => folder });
  const askedAt = Date.now();
  const manifest = await evidence.snapshot({ cameraId: 'stillC', cameraName: '村口', siteName: null, operator: { console: 'test', role: 'admin' }, reason: null });
  expect(Date.now() - askedAt).toBeLessThan(8000);
  const jpeg = readFileSync(join(folder, manifest.file));
  expect(jpeg.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  expect(jpegSize(jpeg)).toBe('mjpeg,640,360');
  expectUntouched();
}, 120_000);

it('gives a still of an H.265 camera only its recorder watches from the recorder\'s copy, and converts nothing for it: the recording is not cut', async () => {
  // A slot is free here: a still that counted as a tile on its way would have the camera converted (a reconnect that cuts the segment).
  const engine = engines.create({ stillC: fixture.url('stillC') }, { graceMs: 1000 });
  const { recorder, closed } = await recordStillC(engine);

  const jpeg = await stillJpeg(engine, FFMPEG, 'stillC', 'main');
  expect(jpegSize(jpeg)).toBe('mjpeg,640,360');
  // Long enough for a conversion to have begun (it starts within a second of a prepare).
  const watchedUntil = Date.now() + 4000;
  while (Date.now() < watchedUntil) {
    expect(engine.statuses().find((s) => s.cameraId === 'stillC')).toMatchObject({ state: 'live', transcoding: false });
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect(closed).toEqual([]);
  expect(rtspPullsOn(fixture.port)).toBe(1);
}, 120_000);

it('saves an evidence snapshot of an H.265 camera a tile plays as H.265 from that tile\'s session: no second pull, nothing converted', async () => {
  const engine = engines.create({ stillC: fixture.url('stillC') }, { graceMs: 1000 });
  const tile = new RecordingViewer();
  engine.attach({ cameraId: 'stillC', profile: 'main', acceptsHevc: true }, tile);
  await waitForStatus(engine, 'stillC', (s) => s.state === 'live', 30_000);
  const folder = mkdtempSync(join(tmpdir(), 'vw-still-evidence-'));
  const evidence = new EvidenceService({ engine, ffmpegPath: () => FFMPEG, folder: () => folder });
  const manifest = await evidence.snapshot({ cameraId: 'stillC', cameraName: '村口', siteName: null, operator: { console: 'test', role: 'admin' }, reason: null });
  expect(jpegSize(readFileSync(join(folder, manifest.file)))).toBe('mjpeg,640,360');
  expect(engine.statuses()).toMatchObject([{ cameraId: 'stillC', state: 'live', transcoding: false }]); // one session, the tile's
  expect(rtspPullsOn(fixture.port)).toBe(1);
}, 120_000);

it('says at once that there is no ffmpeg to make a still, and opens no session for it', async () => {
  const engine = engines.create({ stillC: fixture.url('stillC') });
  const askedAt = Date.now();
  await expect(stillJpeg(engine, null, 'stillC', 'main')).rejects.toMatchObject({ message: expect.stringContaining('camera_not_live') });
  expect(Date.now() - askedAt).toBeLessThan(2000); // asking the session first waited for a picture
  expect(engine.statuses().filter((s) => s.cameraId === 'stillC')).toEqual([]);
  expect(rtspPullsOn(fixture.port)).toBe(0);
}, 60_000);
