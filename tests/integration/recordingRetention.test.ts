/**
 * The recording service against a real camera: retention deletes the oldest unlocked footage
 * first and keeps what is locked as evidence; a full disk pauses recording (the wall plays on) and
 * recording resumes by itself when space returns, leaving a gap that says why.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { silentLogger } from '../../main/lib/logger.js';
import { RecordingService } from '../../main/recording/recordingService.js';
import type { EvidenceLock } from '../../main/recording/retention.js';
import { gapsBetween, listSegments } from '../../main/recording/segmentIndex.js';
import { startRtspFixture, type RtspFixture } from '../fixtures/rtspFixture.js';
import { EngineHarness, FFMPEG, RecordingViewer, avc, clientFfmpegs, waitForFrames } from './engineHarness.js';

let fixture: RtspFixture;
const engines = new EngineHarness();
const services: RecordingService[] = [];

beforeAll(async () => {
  expect(FFMPEG).not.toBeNull();
  fixture = await startRtspFixture([{ name: 'keep1' }]);
});
afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.close()));
  await engines.closeAll();
});
afterAll(() => fixture?.close());

it('deletes the oldest unlocked segments first, keeps locked ones, and pauses on a full disk without touching the wall', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'vw-retention-'));
  // What a crash left: a segment with no whole fragment is removed at start-up.
  mkdirSync(join(folder, 'keep1', 'main'), { recursive: true });
  const leftover = join(folder, 'keep1', 'main', 'keep1_main_20261203T000000Z.mp4.part');
  writeFileSync(leftover, Buffer.alloc(100));
  const engine = engines.create({ keep1: fixture.url('keep1') });
  const tile = new RecordingViewer();
  engine.attach(avc('keep1'), tile); // the wall shows the camera throughout
  let quotaBytes: number | null = null;
  let free = 1e12;
  const locks: EvidenceLock[] = [];
  const service = new RecordingService({
    engine, ffmpegPath: () => FFMPEG, folder: () => folder, log: silentLogger,
    targets: () => [{ cameraId: 'keep1', profile: 'main' }],
    policy: () => ({ daysFor: () => 30, quotaBytes, minFreeBytes: 1024 * 1024 }),
    locks: () => locks,
    freeBytes: async () => free, // a stand-in for the disk's free space
    segmentMs: 1000, sweepMs: 3600_000,
  });
  services.push(service);
  await service.start();
  await service.recordersStarted(); // the camera's folder is repaired before its recorder starts
  expect(existsSync(leftover)).toBe(false);
  const recorder = service.recorderFor({ cameraId: 'keep1', profile: 'main' })!;
  const segments = () => listSegments(folder, 'keep1', 'main');
  await vi.waitFor(async () => expect((await segments()).length).toBeGreaterThanOrEqual(6), { timeout: 30_000, interval: 200 });
  expect(clientFfmpegs()).toBe(1); // the recorder shares the tile's pull

  // Quota: lock the second oldest for a case, then allow less than what is there.
  const before = await segments();
  locks.push({ cameraId: 'keep1', from: before[1]!.startedAt + 100, to: before[1]!.startedAt + 200 });
  quotaBytes = before.slice(3).reduce((sum, s) => sum + s.bytes, 0);
  const { deleted } = await service.sweep();
  const unlockedOldestFirst = before.filter((_, i) => i !== 1).map((s) => s.path);
  expect(deleted.length).toBeGreaterThanOrEqual(2);
  expect(deleted).toEqual(unlockedOldestFirst.slice(0, deleted.length));
  expect(existsSync(before[1]!.path)).toBe(true);
  console.log(`[retention] ${before.length} segments, quota ${quotaBytes} B: deleted ${deleted.length} oldest unlocked, kept the locked one`);

  // A full disk with nothing left that may go: everything is locked.
  quotaBytes = null;
  locks.push({ cameraId: 'keep1', from: 0, to: Date.now() + 3600_000 });
  free = 0;
  await service.sweep();
  expect(service.problem).toBe('disk_full');
  expect(recorder.paused).toBe('disk_full');
  const pausedAt = Date.now();
  const tileBytes = tile.bytes;
  await waitForFrames(engine, 'keep1', () => pausedAt + 2000); // two seconds of a full disk
  expect(tile.bytes).toBeGreaterThan(tileBytes + 50_000); // the wall played on
  expect(recorder.recording).toBe(false);
  expect((await segments()).every((s) => s.startedAt < pausedAt)).toBe(true);

  free = 1e12;
  await service.sweep();
  expect(service.problem).toBeNull();
  await vi.waitFor(() => expect(recorder.recording).toBe(true), { timeout: 15_000 });
  await service.close();
  const after = await segments();
  const gaps = gapsBetween(after, after[0]!.startedAt, after.at(-1)!.endedAt);
  expect(gaps.map((gap) => gap.reason)).toContain('disk_full');
  const full = gaps.find((gap) => gap.reason === 'disk_full')!;
  console.log(`[retention] paused for a full disk: gap of ${((full.to - full.from) / 1000).toFixed(2)} s, reason ${full.reason}`);
}, 90_000);
