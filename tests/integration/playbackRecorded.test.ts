/**
 * Playback of what the recorder itself wrote from a live RTSP camera (the GStreamer fixture):
 * segments cut every 2 s by the real recorder, read back through playback.open and /get as one
 * fMP4 that ffprobe reads, from the keyframe at or before the start and across segment seams.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { apiCalls } from '../../main/ipc/testCalls.js';
import { silentLogger } from '../../main/lib/logger.js';
import { startServices, type Services } from '../../main/services.js';
import { keyFileSecretBox } from '../../main/store/secretBox.js';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';
import { townshipSeed, villageCamera } from '../fixtures/townshipSeed.js';

let fixture: RtspFixture;
let services: Services;
const api = apiCalls(() => services);

beforeAll(async () => {
  fixture = await startRtspFixture([{ name: 'square' }]);
  const dataDir = mkdtempSync(join(tmpdir(), 'vw-playback-recorded-'));
  const folder = join(dataDir, 'footage');
  services = await startServices({
    mode: 'headless', dataDir, secretBox: keyFileSecretBox(join(dataDir, 'k')), log: silentLogger, recordingSegmentMs: 2000,
    seed: () => townshipSeed([villageCamera('square', fixture.url('square'))], { settings: { folder, cameras: [{ cameraId: 'square', profile: 'main', days: 7 }], quotaGb: null, minFreeGb: 0 }, locks: [] }),
  });
}, 30_000);
afterAll(async () => {
  await services?.close();
  await fixture?.close();
});

it('plays back what the recorder wrote from the camera, as one fMP4 across its segments', async () => {
  const from = Date.now() - 60_000;
  await vi.waitFor(async () => expect((await api.call('recording.list', { cameraId: 'square', profile: 'main', from, to: Date.now() + 1000 })).segments.length).toBeGreaterThanOrEqual(4), { timeout: 30_000, interval: 250 });
  // Three closed segments: the list ends with the one being written, which is served only as far as it is on disk.
  const { segments } = await api.call('recording.list', { cameraId: 'square', profile: 'main', from, to: Date.now() });
  const start = segments[0]!.startedAt + 1200; // inside the first segment, after its first keyframe
  const end = segments[2]!.startedAt + 500; // into the third: two seams on the way
  const { url, recordedFrom } = await api.call('playback.open', { cameraId: 'square', profile: 'main', at: start });
  expect(recordedFrom).toBe(segments[0]!.startedAt);
  const response = await fetch(`${url}&start=${start}&duration=${(end - start) / 1000}`);
  expect(response.status).toBe(200);
  const startMs = Number(response.headers.get('x-start-ms'));
  expect(startMs).toBeLessThanOrEqual(start);
  expect(start - startMs).toBeLessThan(1100); // the fixture sends a keyframe every second
  const path = join(mkdtempSync(join(tmpdir(), 'vw-probe-')), 'got.mp4');
  writeFileSync(path, Buffer.from(await response.arrayBuffer()));
  const probed = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_packets', '-show_entries', 'packet=dts_time,flags:format=duration', '-of', 'json', path]).toString()) as { packets: { dts_time: string; flags: string }[]; format: { duration: string } };
  expect(probed.packets[0]!.flags.startsWith('K')).toBe(true);
  expect(Number(probed.packets[0]!.dts_time)).toBe(0);
  // The length is the range asked from that keyframe, within a frame or two at the seams.
  expect(Math.abs(Number(probed.format.duration) - (end - startMs) / 1000)).toBeLessThan(0.25);
  const dts = probed.packets.map((p) => Number(p.dts_time));
  expect(dts.every((d, i) => i === 0 || d > dts[i - 1]!)).toBe(true);
}, 60_000);
