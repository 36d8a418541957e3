/**
 * A month of footage must not hold the console's start (issue 17): the recording service starts
 * before any sidecar of a big folder is read, answers a day's list from the names while the
 * catalog is still being built (reading only that day's sidecars), gives a stream's whole
 * footage when asked during the build, and retention deletes nothing until the catalog is whole.
 *
 * Real files on disk. The reads go through a gate at the fs boundary (the service's injected
 * segment reader): a read not let through waits until the test opens the gate, so "before the
 * catalog is read" is an order of events, not a time.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { silentLogger } from '../../main/lib/logger.js';
import { RecordingService } from '../../main/recording/recordingService.js';
import type { SegmentReader } from '../../main/recording/segmentCatalog.js';
import { readSegment } from '../../main/recording/segmentIndex.js';
import { segmentFileName, segmentFolder, sidecarPathOf } from '../../main/recording/segmentName.js';
import { startedUnheld } from '../fixtures/startedUnheld.js';
import { EngineHarness, FFMPEG } from './engineHarness.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 9, 1); // two months ago and more: past any days to keep below
const DAYS = 3;
const CAMERAS = ['east', 'west'];
const PER_STREAM = DAYS * 1440;

const engines = new EngineHarness();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await engines.closeAll();
});

/** CAMERAS × DAYS of 60 s segments (main), each with its sidecar; returns their paths by camera. */
function seed(root: string): Map<string, string[]> {
  const paths = new Map<string, string[]>();
  for (const cameraId of CAMERAS) {
    const dir = segmentFolder(root, cameraId, 'main');
    mkdirSync(dir, { recursive: true });
    const mine: string[] = [];
    for (let i = 0; i < PER_STREAM; i++) {
      const startedAt = T0 + i * 60_000;
      const path = join(dir, segmentFileName({ cameraId, profile: 'main', startedAt }));
      writeFileSync(path, Buffer.alloc(8));
      writeFileSync(sidecarPathOf(path), JSON.stringify({ startedAt, endedAt: startedAt + 59_990, bytes: 8, keyframesMs: [0], bytesPerSecond: [8], endReason: 'length', repaired: false }));
      mine.push(path);
    }
    paths.set(cameraId, mine);
  }
  return paths;
}

/** The fs boundary with a gate: reads `allowed` lets through go at once, the others wait for `open`. */
function gatedReader() {
  const reads: string[] = [];
  const waiting = new Set<string>();
  let allowed: (path: string) => boolean = () => false;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const read: SegmentReader = async (path, file, startedAt) => {
    if (!allowed(path)) {
      waiting.add(path);
      await opened;
      waiting.delete(path);
    }
    reads.push(path);
    return readSegment(path, file, startedAt);
  };
  return { read, reads, waiting, open, allow: (rule: (path: string) => boolean) => (allowed = rule) };
}

function serviceOn(root: string, gate: ReturnType<typeof gatedReader>, daysToKeep: number): RecordingService {
  const service = new RecordingService({
    engine: engines.create({}),
    ffmpegPath: () => FFMPEG,
    folder: () => root,
    log: silentLogger,
    targets: () => [],
    policy: () => ({ daysFor: () => daysToKeep, quotaBytes: null, minFreeBytes: 0 }),
    locks: () => [],
    freeBytes: async () => 1e15,
    sweepMs: 3600_000,
    readSegment: gate.read,
  });
  // Opened first: a read held at the gate would hold the close.
  cleanups.push(async () => {
    gate.open();
    await service.close();
  });
  return service;
}

const started = (service: RecordingService) => startedUnheld(service, 'the catalog’s sidecars');

/** The build is stalled at the gate: every reader it runs at once is waiting, so it reads nothing more until the gate opens. */
const buildHeld = (gate: ReturnType<typeof gatedReader>) => vi.waitFor(() => expect(gate.waiting.size).toBe(64), { timeout: 60_000, interval: 50 });

it('starts before any sidecar is read, and lists a day whole from the names while the catalog builds, reading only that day’s sidecars', { timeout: 180_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'vw-startup-'));
  const paths = seed(root);
  const gate = gatedReader();
  const service = serviceOn(root, gate, 365);

  await started(service);
  expect(gate.reads).toEqual([]); // not one sidecar read: the catalog is being built behind

  const from = T0 + DAY;
  const to = from + DAY;
  // The hour before the day too: a segment starting then could run into it.
  const day = new Set(paths.get('west')!.slice(1440 - 60, 2880));
  const inRange = (path: string) => day.has(path);
  gate.allow(inRange);
  await buildHeld(gate);
  const readsBefore = gate.reads.length;
  const listed = await service.segments('west', 'main', from, to);

  expect(listed.map((segment) => segment.path)).toEqual(paths.get('west')!.slice(1440, 2880));
  expect(listed.every((segment) => segment.bytesPerSecond.length === 1)).toBe(true); // the sidecars' detail, not names alone
  const queryReads = gate.reads.slice(readsBefore);
  expect(queryReads.length).toBe(1440 + 60);
  expect(queryReads.every(inRange)).toBe(true);
  expect(gate.waiting.size).toBe(64); // and the catalog is still not whole
});

it('gives a stream’s whole footage when asked during the build, reading that stream ahead of the others', { timeout: 180_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'vw-startup-'));
  const paths = seed(root);
  const gate = gatedReader();
  const east = new Set(paths.get('east'));
  gate.allow((path) => east.has(path)); // the other camera's sidecars stay held: the catalog cannot be whole
  const service = serviceOn(root, gate, 365);
  await started(service);
  let whole = false;
  void service.catalogWhole().then(() => (whole = true));
  await buildHeld(gate); // the build is stuck on west, before or after it read east

  const footage = await service.footage('east', 'main');
  expect(footage.map((span) => span.path)).toEqual(paths.get('east'));
  expect(footage.every((span) => span.endedAt === span.startedAt + 59_990)).toBe(true);
  expect(gate.reads.some((path) => !east.has(path))).toBe(false);
  expect(whole).toBe(false); // west is still unread
});

it('deletes nothing until the catalog is whole, then what the days to keep say', { timeout: 180_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'vw-startup-'));
  const paths = seed(root);
  const all = [...paths.values()].flat();
  const gate = gatedReader();
  const service = serviceOn(root, gate, 1); // everything seeded is older than a day
  await started(service);

  const firstHour = new Set(paths.get('east')!.slice(0, 60));
  gate.allow((path) => firstHour.has(path));
  let swept = false;
  const sweep = service.sweep().then((result) => ((swept = true), result));
  await buildHeld(gate);
  expect(await service.segments('east', 'main', T0, T0 + 3_600_000)).toHaveLength(60); // the API still answers
  expect(swept).toBe(false);
  expect(all.every((path) => existsSync(path))).toBe(true);

  gate.open();
  const { deleted } = await sweep;
  expect(deleted.sort()).toEqual([...all].sort());
  for (const cameraId of CAMERAS) expect(readdirSync(segmentFolder(root, cameraId, 'main'))).toEqual([]);
});

it('shows each stream’s oldest footage and count from the names while the sidecars are read, and its sizes once they are', { timeout: 180_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'vw-startup-'));
  seed(root);
  const gate = gatedReader();
  const service = serviceOn(root, gate, 365);
  await started(service);
  await buildHeld(gate); // every stream's names listed, its sidecars held

  const counting = service.figures;
  expect(counting).toMatchObject({ complete: false, usedBytes: null, daysUntilFull: null, freeBytes: 1e15 });
  const byCamera = (streams: typeof counting.streams) => [...streams].sort((a, b) => a.cameraId.localeCompare(b.cameraId));
  expect(byCamera(counting.streams)).toEqual([...CAMERAS].sort().map((cameraId) => ({ cameraId, profile: 'main', oldest: T0, segments: PER_STREAM, bytes: null, bytesPerDay: null })));

  gate.open();
  await service.sweep(); // waits for the whole catalog
  const measured = service.figures;
  expect(measured).toMatchObject({ complete: true, usedBytes: CAMERAS.length * PER_STREAM * 8 });
  expect(byCamera(measured.streams).map(({ oldest, segments, bytes }) => ({ oldest, segments, bytes }))).toEqual(CAMERAS.map(() => ({ oldest: T0, segments: PER_STREAM, bytes: PER_STREAM * 8 })));
});
