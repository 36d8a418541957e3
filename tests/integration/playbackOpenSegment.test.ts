/**
 * The minute being recorded is playable: with 60 s segments the recorder's first segment is still
 * a `.part` twenty seconds in, and "what happened 15 s ago" is served from it, up to its last whole
 * fragment, through the player's /playback/get and the recorder's /get alike; /list, recording.list
 * and playback.open show the open span up to about now. Real recorder, real RTSP fixture, ffprobe.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { apiCalls } from '../../main/ipc/testCalls.js';
import type { Services } from '../../main/services.js';
import { probeVideo as probe, startRecordingConsole, type RecordingConsole } from '../fixtures/recordingConsoleServices.js';

let recorder: RecordingConsole;
let services: Services;
let folder: string;
const api = apiCalls(() => services);

beforeAll(async () => {
  recorder = await startRecordingConsole('playback-open', 60_000);
  ({ services, folder } = recorder);
}, 30_000);
afterAll(async () => {
  await recorder?.close();
});

const files = () => (existsSync(join(folder, 'square', 'main')) ? readdirSync(join(folder, 'square', 'main')) : []);

/** The answer covers [start, end): from the keyframe at or before start, to within a fragment of end. */
async function expectCovers(response: Response, start: number, end: number): Promise<void> {
  expect(response.status).toBe(200);
  const startMs = Number(response.headers.get('x-start-ms'));
  expect(startMs).toBeLessThanOrEqual(start);
  expect(start - startMs).toBeLessThan(1100); // the fixture sends a keyframe every second
  const probed = probe(Buffer.from(await response.arrayBuffer()));
  expect(probed.packets[0]!.flags.startsWith('K')).toBe(true);
  const dts = probed.packets.map((p) => Number(p.dts_time));
  expect(dts.every((d, i) => i === 0 || d > dts[i - 1]!)).toBe(true);
  const endMs = startMs + Number(probed.format.duration) * 1000;
  console.log(`[figure] asked ${new Date(start).toISOString()} +${(end - start) / 1000} s; served from ${start - startMs} ms before to ${Math.round(endMs - end)} ms past its end`);
  expect(Math.abs(endMs - end)).toBeLessThan(250);
}

it('serves the segment still being written, up to its last whole fragment: 10 s that ended 5 s ago', async () => {
  // Twenty seconds into the first segment, which is still a .part: nothing of it is closed.
  await vi.waitFor(() => expect(files().filter((file) => file.endsWith('.mp4.part'))).toHaveLength(1), { timeout: 20_000, interval: 200 });
  await new Promise((resolve) => setTimeout(resolve, 20_000));
  expect(files().filter((file) => file.endsWith('.mp4.part'))).toHaveLength(1);
  expect(files().filter((file) => file.endsWith('.mp4'))).toHaveLength(0);

  const end = Date.now() - 5000;
  const start = end - 10_000;
  const { url, recordedFrom: opened, recordedTo } = await api.call('playback.open', { cameraId: 'square', profile: 'main', at: start });
  expect(start - opened).toBeGreaterThan(3000);
  expect(Date.now() - recordedTo).toBeLessThan(2000); // the open span runs up to about now
  await expectCovers(await fetch(`${url}&start=${start}&duration=10`), start, end);

  // The recorder's own /get, in MediaMTX's shape, and its /list with the open span.
  const token = services.server.token;
  await expectCovers(await fetch(`${services.server.origin}/get?path=square/main&start=${encodeURIComponent(new Date(start).toISOString())}&duration=10&token=${token}`), start, end);
  const spans = (await (await fetch(`${services.server.origin}/list?path=square/main&token=${token}`)).json()) as { start: string; duration: number }[];
  expect(spans).toHaveLength(1);
  expect(Date.parse(spans[0]!.start)).toBe(opened);
  expect(Date.now() - (opened + spans[0]!.duration * 1000)).toBeLessThan(2000);

  // The timeline: the open segment up to about now, with its activity, and no gap before now.
  const list = await api.call('recording.list', { cameraId: 'square', profile: 'main', from: opened - 10_000, to: Date.now() });
  expect(list.segments).toHaveLength(1);
  expect(list.segments[0]!.bytesPerSecond.length).toBeGreaterThan(15);
  expect(list.gaps.filter((gap) => gap.from >= opened)).toEqual([]);
  expect(files().filter((file) => file.endsWith('.mp4'))).toHaveLength(0); // it was read, never closed
}, 90_000);
