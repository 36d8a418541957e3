/**
 * A camera on a rural uplink gives one pull. Whether a tile decodes H.265 must not open a second
 * one: for an H.264 camera the flag changes nothing, and a tile that decodes H.265 plays the H.264
 * a converting session already makes. Pulls are counted on the RTSP server's side.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { silentLogger } from '../../main/lib/logger.js';
import { CameraRecorder } from '../../main/recording/cameraRecorder.js';
import { rtspPullsOn } from '../fixtures/processes.js';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';
import { EngineHarness, FFMPEG, RecordingViewer, probeReceived, waitForStatus } from './engineHarness.js';

let fixture: RtspFixture;
const engines = new EngineHarness();

beforeAll(async () => {
  expect(FFMPEG).not.toBeNull();
  fixture = await startRtspFixture([{ name: 'avc1' }, { name: 'avc2' }, { name: 'hevc1', codec: 'h265' }]);
}, 60_000);
afterEach(() => engines.closeAll());
afterAll(() => fixture?.close());

/** The console's grace (5 s): on a loaded machine a session can take longer than the harness's 300 ms to learn its codec, and a session closed between `prepare` and `attach` would blur the count. */
const engineFor = (cameraId: string) => engines.create({ [cameraId]: fixture.url(cameraId) }, { graceMs: 5000 });
const tile = (cameraId: string, acceptsHevc: boolean) => ({ cameraId, profile: 'main' as const, acceptsHevc });

/** Both viewers get frames, and the server holds exactly one pull (given time to show a second). */
async function expectOnePull(viewers: RecordingViewer[]): Promise<void> {
  await vi.waitFor(() => expect(viewers.map((viewer) => viewer.bytes > 20_000)).toEqual(viewers.map(() => true)), { timeout: 30_000, interval: 100 });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(rtspPullsOn(fixture.port)).toBe(1);
}

it('gives an H.264 camera one pull for a tile that decodes H.265, one that does not, and its recorder', async () => {
  const engine = engineFor('avc1');
  const [hevcTile, avcTile] = [new RecordingViewer(), new RecordingViewer()];
  expect(await engine.prepare(tile('avc1', true))).toBe('flv');
  engine.attach(tile('avc1', true), hevcTile);
  await waitForStatus(engine, 'avc1', (status) => status.state === 'live');
  expect(await engine.prepare(tile('avc1', false))).toBe('flv');
  engine.attach(tile('avc1', false), avcTile);
  const recorder = new CameraRecorder({ engine, cameraId: 'avc1', profile: 'main', folder: mkdtempSync(join(tmpdir(), 'vw-one-pull-')), log: silentLogger });
  recorder.start();
  await vi.waitFor(() => expect(recorder.recording).toBe(true), { timeout: 20_000, interval: 100 });
  await expectOnePull([hevcTile, avcTile]);
  expect(engine.statuses()).toHaveLength(1);
  await recorder.stop();
}, 90_000);

it('gives one pull to two tiles of an H.264 camera opened at once, before its codec is known', async () => {
  const engine = engineFor('avc2');
  const [hevcTile, avcTile] = [new RecordingViewer(), new RecordingViewer()];
  await Promise.all([engine.prepare(tile('avc2', true)), engine.prepare(tile('avc2', false))]);
  engine.attach(tile('avc2', true), hevcTile);
  engine.attach(tile('avc2', false), avcTile);
  await expectOnePull([hevcTile, avcTile]);
  expect(engine.statuses()).toHaveLength(1);
}, 90_000);

it('plays the converted H.264 of an H.265 camera to a tile that decodes H.265 too, on the one pull', async () => {
  const engine = engineFor('hevc1');
  const [avcTile, hevcTile] = [new RecordingViewer(), new RecordingViewer()];
  expect(await engine.prepare(tile('hevc1', false))).toBe('flv');
  engine.attach(tile('hevc1', false), avcTile);
  await waitForStatus(engine, 'hevc1', (status) => status.state === 'live' && status.transcoding, 30_000);
  expect(await engine.prepare(tile('hevc1', true))).toBe('flv');
  engine.attach(tile('hevc1', true), hevcTile);
  await expectOnePull([avcTile, hevcTile]);
  expect(engine.statuses()).toHaveLength(1);
}, 90_000);

it('gives a recorder the H.265 as it arrives beside the H.264 a tile is sent, from the one pull and the one ffmpeg', async () => {
  const engine = engineFor('hevc1');
  const [avcTile, recorder] = [new RecordingViewer(), new RecordingViewer()];
  expect(await engine.prepare(tile('hevc1', false))).toBe('flv');
  engine.attach(tile('hevc1', false), avcTile);
  await waitForStatus(engine, 'hevc1', (status) => status.state === 'live' && status.transcoding, 30_000);
  engine.attachOriginal('hevc1', 'main', recorder);
  await expectOnePull([avcTile, recorder]);
  expect(engine.statuses()).toHaveLength(1);
  expect(engine.runningPids()).toHaveLength(1);
  expect(probeReceived(avcTile)).toBe('flv h264');
  expect(probeReceived(recorder)).toBe('mpegts hevc');
}, 90_000);

it('copies an H.265 camera only a recorder watches, converts for a tile that comes later, on the one pull', async () => {
  const engine = engineFor('hevc1');
  const [recorder, avcTile] = [new RecordingViewer(), new RecordingViewer()];
  engine.attachOriginal('hevc1', 'main', recorder);
  await waitForStatus(engine, 'hevc1', (status) => status.state === 'live' && status.codec === 'hevc', 30_000);
  await vi.waitFor(() => expect(recorder.bytes).toBeGreaterThan(20_000), { timeout: 30_000, interval: 100 });
  expect(engine.statuses()[0]).toMatchObject({ transcoding: false });
  expect(probeReceived(recorder)).toBe('mpegts hevc');
  expect(await engine.prepare(tile('hevc1', false))).toBe('flv');
  engine.attach(tile('hevc1', false), avcTile);
  await waitForStatus(engine, 'hevc1', (status) => status.state === 'live' && status.transcoding, 30_000);
  const before = recorder.bytes;
  await expectOnePull([avcTile]);
  expect(recorder.bytes).toBeGreaterThan(before + 20_000); // the recorder goes on through the switch
  expect(recorder.ended).toBe(false);
  expect(engine.statuses()).toHaveLength(1);
  expect(probeReceived(avcTile)).toBe('flv h264');
}, 90_000);

it('records an H.265 camera a tile receives as H.265, as it arrives, on the one pull', async () => {
  const engine = engineFor('hevc1');
  const hevcTile = new RecordingViewer();
  await engine.prepare(tile('hevc1', true));
  engine.attach(tile('hevc1', true), hevcTile);
  await waitForStatus(engine, 'hevc1', (status) => status.state === 'live' && status.codec === 'hevc', 30_000);
  const folder = mkdtempSync(join(tmpdir(), 'vw-one-pull-'));
  const recorder = new CameraRecorder({ engine, cameraId: 'hevc1', profile: 'main', folder, log: silentLogger });
  recorder.start();
  await vi.waitFor(() => expect(recorder.recording).toBe(true), { timeout: 20_000, interval: 100 });
  await expectOnePull([hevcTile]);
  expect(engine.statuses()).toHaveLength(1);
  expect(engine.statuses()[0]).toMatchObject({ transcoding: false, viewers: 2 });
  await recorder.stop();
  expect(recorder.refused).toBeNull();
  expect(readdirSync(join(folder, 'hevc1', 'main')).filter((name) => name.endsWith('.mp4'))).toHaveLength(1);
}, 90_000);

it('replaces the pull, not adds one, when a tile that got H.265 asks for H.264 instead (its decoder refused it)', async () => {
  const engine = engineFor('hevc1');
  const [passedThrough, converted] = [new RecordingViewer(), new RecordingViewer()];
  expect(await engine.prepare(tile('hevc1', true))).toBe('mpegts');
  const detach = engine.attach(tile('hevc1', true), passedThrough);
  await waitForStatus(engine, 'hevc1', (status) => status.state === 'live' && status.codec === 'hevc', 30_000);
  // The page asks again before its old stream socket has closed, as it may.
  const asked = engine.prepare(tile('hevc1', false));
  detach();
  expect(await asked).toBe('flv');
  engine.attach(tile('hevc1', false), converted);
  await waitForStatus(engine, 'hevc1', (status) => status.state === 'live' && status.transcoding, 30_000);
  // Within the 5 s grace the pass-through would otherwise keep its pull.
  await expectOnePull([converted]);
  expect(engine.statuses().map((status) => [status.transcoding, status.cameraCodec])).toEqual([[true, 'hevc']]);
}, 90_000);
