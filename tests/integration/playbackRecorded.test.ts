/**
 * Playback of what the recorder itself wrote from a live RTSP camera (the GStreamer fixture):
 * segments cut every 2 s by the real recorder, read back through playback.open and /get as one
 * fMP4 that ffprobe reads, from the keyframe at or before the start and across segment seams.
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { apiCalls } from '../../main/ipc/testCalls.js';
import type { Services } from '../../main/services.js';
import { probeVideo, startRecordingConsole, type RecordingConsole } from '../fixtures/recordingConsoleServices.js';

let recorder: RecordingConsole;
let services: Services;
const api = apiCalls(() => services);

beforeAll(async () => {
  recorder = await startRecordingConsole('playback-recorded', 2000);
  services = recorder.services;
}, 30_000);
afterAll(async () => {
  await recorder?.close();
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
  const probed = probeVideo(Buffer.from(await response.arrayBuffer()));
  expect(probed.packets[0]!.flags.startsWith('K')).toBe(true);
  expect(Number(probed.packets[0]!.dts_time)).toBe(0);
  // The length is the range asked from that keyframe, within a frame or two at the seams.
  expect(Math.abs(Number(probed.format.duration) - (end - startMs) / 1000)).toBeLessThan(0.25);
  const dts = probed.packets.map((p) => Number(p.dts_time));
  expect(dts.every((d, i) => i === 0 || d > dts[i - 1]!)).toBe(true);
}, 60_000);
