/**
 * An H.265 camera's recording played back and exported: the console's recorder writes the camera's
 * own H.265 (hvc1 fMP4), `/get` answers a range across a segment seam as one fMP4 that ffprobe
 * reads as HEVC from a keyframe, and an export is a plain MP4 of that H.265 whose signed manifest
 * verifies, through the API and offline with the folder alone. Real fixture camera, real files.
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
import { verifyFolder } from '../../main/verifyEvidence.js';
import { probeVideoFile } from '../fixtures/recordingConsoleServices.js';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';
import { townshipSeed, villageCamera } from '../fixtures/townshipSeed.js';

let fixture: RtspFixture;
let services: Services;
let folder: string;
const api = apiCalls(() => services);

beforeAll(async () => {
  fixture = await startRtspFixture([{ name: 'gate', codec: 'h265' }]);
  const dataDir = mkdtempSync(join(tmpdir(), 'vw-hevc-playback-'));
  folder = join(dataDir, 'footage');
  const seed = () =>
    townshipSeed([villageCamera('gate', fixture.url('gate'))], { settings: { folder, cameras: [{ cameraId: 'gate', profile: 'main', days: 7 }], quotaGb: null, minFreeGb: 0 }, locks: [] });
  // 5 s segments: a few seconds of footage already hold a seam for /get and the export to join.
  services = await startServices({ mode: 'headless', dataDir, secretBox: keyFileSecretBox(join(dataDir, 'k')), log: silentLogger, seed, recordingSegmentMs: 5000 });
}, 60_000);
afterAll(async () => {
  await services?.close();
  await fixture?.close();
});

interface Probed {
  codec: string;
  tag: string;
  frames: number;
  duration: number;
  firstKey: boolean;
  /** Largest step between consecutive decode times (s): a seam that was not joined shows here. */
  maxStep: number;
}

function probe(path: string): Probed {
  const json = probeVideoFile(path);
  const dts = json.packets.map((p) => Number(p.dts_time));
  return {
    codec: json.streams[0]!.codec_name,
    tag: json.streams[0]!.codec_tag_string,
    frames: json.packets.length,
    duration: Number(json.format.duration),
    firstKey: json.packets[0]?.flags.startsWith('K') ?? false,
    maxStep: Math.max(...dts.slice(1).map((d, i) => d - dts[i]!)),
  };
}

/** The camera's segments, oldest first: the one being written last. */
async function recorded() {
  return (await api.call('recording.list', { cameraId: 'gate', profile: 'main', from: Date.now() - 3600_000, to: Date.now() })).segments;
}

it('plays a range of an H.265 recording across a seam, from a keyframe, and exports it as evidence that verifies', async () => {
  // Two segments closed back to back (5 s each), the third being written (listed too, as far as it goes).
  await vi.waitFor(async () => expect((await recorded()).length).toBeGreaterThanOrEqual(3), { timeout: 60_000, interval: 500 });
  const [first, second] = await recorded();
  expect(second!.startedAt - first!.endedAt).toBeLessThan(500); // back to back at a keyframe

  // /get: 4 s from 1.5 s before the seam, through it.
  const start = first!.endedAt - 1500;
  const { url } = await api.call('playback.open', { cameraId: 'gate', profile: 'main', at: start });
  const response = await fetch(`${url}&start=${start}&duration=4`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('video/mp4');
  const startMs = Number(response.headers.get('x-start-ms'));
  expect(startMs).toBeLessThanOrEqual(start); // the keyframe at or before the start
  expect(start - startMs).toBeLessThan(2000);
  const got = join(mkdtempSync(join(tmpdir(), 'vw-hevc-get-')), 'got.mp4');
  writeFileSync(got, Buffer.from(await response.arrayBuffer()));
  const played = probe(got);
  expect(played).toMatchObject({ codec: 'hevc', tag: 'hvc1', firstKey: true });
  expect(Math.abs(played.duration - (start + 4000 - startMs) / 1000)).toBeLessThan(1);
  expect(played.maxStep).toBeLessThan(0.2); // the seam joined: 15 fps, no hole
  console.log(`[hevc playback] /get from ${start - startMs} ms before the start: ${played.frames} frames, ${played.duration.toFixed(2)} s`);

  // Export the two closed segments' span as a case.
  const from = first!.startedAt + 500;
  const to = second!.endedAt - 500;
  const exported = await api.call('evidence.export', { cameraIds: ['gate'], profile: 'main', from, to, reason: '12 月 3 日门口纠纷' });
  expect(exported).toMatchObject({ files: [expect.stringMatching(/^gate_main_\d{8}T\d{6}Z\.mp4$/)], manifest: 'manifest.json', locked: 1 });
  const mp4 = join(exported.folder, exported.files[0]!);
  const kept = probe(mp4);
  expect(kept).toMatchObject({ codec: 'hevc', firstKey: true });
  expect(Math.abs(kept.duration - (to - from) / 1000)).toBeLessThan(1.5); // from the keyframe at or before `from`
  expect(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format_tags=major_brand', '-of', 'csv=p=0', mp4]).toString().trim()).toBe('isom');
  const caseId = exported.folder.split('/').at(-1)!;
  expect(await api.call('evidence.verify', { file: caseId })).toMatchObject({ ok: true, problem: null, checks: { media: 'present', hash: 'matches', signature: 'valid' } });
  const offline = await verifyFolder(exported.folder); // what `npm run verify-evidence` runs
  expect(offline.code).toBe(0);
}, 120_000);
