/**
 * What a crash, another console or a clerk left in a recording folder (issue 17), on real
 * fragmented MP4 files made by ffmpeg:
 * - start-up lists no folder itself (a month is 1.4 million entries): a stream's `.part` is
 *   repaired when its folder is first listed, the recorded stream's before its recorder starts,
 *   any other's before anything of it is read;
 * - a folder chosen in the settings that holds another console's `.part` is repaired the same way;
 * - a segment deleted by hand leaves the catalog once a read finds it gone, and the list shows a gap.
 *
 * Listing goes through a gate at the service's fs seam: a listing not let through waits until the
 * test allows it, so "before its folder is listed" is an order of events, not a time.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { silentLogger } from '../../main/lib/logger.js';
import { openRecordedStream } from '../../main/playback/recordedStream.js';
import { boxesIn, scanFragments } from '../../main/recording/mp4Boxes.js';
import { RecordingService, type RecordingServiceOptions } from '../../main/recording/recordingService.js';
import { gapsBetween } from '../../main/recording/segmentIndex.js';
import { segmentFileName, segmentFolder, sidecarPathOf } from '../../main/recording/segmentName.js';
import { readSidecar, writeSidecar } from '../../main/recording/sidecar.js';
import { startedUnheld } from '../fixtures/startedUnheld.js';
import { EngineHarness, FFMPEG } from './engineHarness.js';

const T0 = Date.UTC(2026, 11, 3, 6); // today, early: past no days to keep below
const SEGMENT_MS = 4000;
let whole: Buffer;

const engines = new EngineHarness();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  await engines.closeAll();
});

/** 4 s of 10 fps H.264 in fragments a second long, muxed as the recorder muxes. */
beforeAll(() => {
  expect(FFMPEG).not.toBeNull();
  const out = join(mkdtempSync(join(tmpdir(), 'vw-leftover-src-')), 'whole.mp4');
  execFileSync(FFMPEG!, [
    '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=10', '-t', '4',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '10', '-bf', '0',
    '-f', 'mp4', '-movflags', '+frag_keyframe+empty_moov+default_base_moof', '-y', out,
  ]);
  whole = readFileSync(out);
  expect(scanFragments(whole).fragments).toBe(4);
});

const pathOf = (root: string, cameraId: string, startedAt: number) => join(segmentFolder(root, cameraId, 'main'), segmentFileName({ cameraId, profile: 'main', startedAt }));

/** `count` closed segments of 4 s back to back from `from`, each with its sidecar; their paths. */
async function closedSegments(root: string, cameraId: string, from: number, count: number): Promise<string[]> {
  mkdirSync(segmentFolder(root, cameraId, 'main'), { recursive: true });
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const startedAt = from + i * SEGMENT_MS;
    const path = pathOf(root, cameraId, startedAt);
    writeFileSync(path, whole);
    await writeSidecar(path, { startedAt, endedAt: startedAt + SEGMENT_MS, bytes: whole.length, keyframesMs: [0, 1000, 2000, 3000], bytesPerSecond: [9, 9, 9, 9], endReason: 'length', repaired: false });
    paths.push(path);
  }
  return paths;
}

/** A segment a power cut stopped in its third fragment: its `.part`, two whole fragments and a torn one. */
function cutOffPart(root: string, cameraId: string, startedAt: number): { part: string; path: string } {
  mkdirSync(segmentFolder(root, cameraId, 'main'), { recursive: true });
  const path = pathOf(root, cameraId, startedAt);
  const moofs = boxesIn(whole).boxes.filter((box) => box.type === 'moof');
  writeFileSync(`${path}.part`, whole.subarray(0, moofs[2]!.start + 300));
  return { part: `${path}.part`, path };
}

/** The fs seam with a gate: folders `allowed` lets through are listed at once, the others wait. */
function gatedLister() {
  const listed: { dir: string; entries: number }[] = [];
  const sleepers = new Set<() => void>();
  let allowed: (dir: string) => boolean = () => false;
  const list = async (dir: string): Promise<string[]> => {
    while (!allowed(dir)) await new Promise<void>((resolve) => sleepers.add(resolve));
    const names = await readdir(dir);
    listed.push({ dir, entries: names.length });
    return names;
  };
  const allow = (rule: (dir: string) => boolean) => {
    allowed = rule;
    for (const wake of [...sleepers]) {
      sleepers.delete(wake);
      wake();
    }
  };
  return { list, listed, allow };
}

function serviceWith(options: Partial<RecordingServiceOptions> & Pick<RecordingServiceOptions, 'folder'>, release: () => void = () => {}): RecordingService {
  const service = new RecordingService({
    engine: engines.create({}),
    ffmpegPath: () => FFMPEG,
    log: silentLogger,
    targets: () => [],
    policy: () => ({ daysFor: () => 365, quotaBytes: null, minFreeBytes: 0 }),
    locks: () => [],
    freeBytes: async () => 1e15,
    sweepMs: 3600_000,
    ...options,
  });
  // Released first: a listing held at the gate would hold the close.
  cleanups.push(async () => {
    release();
    await service.close();
  });
  return service;
}

const started = (service: RecordingService) => startedUnheld(service, 'a folder’s listing');

it('starts listing no folder; a recorded stream’s .part is repaired before its recorder starts, another’s before it is read', { timeout: 120_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'vw-leftover-'));
  await closedSegments(root, 'west', T0, 3);
  await closedSegments(root, 'east', T0, 3);
  const west = cutOffPart(root, 'west', T0 + 3 * SEGMENT_MS);
  const east = cutOffPart(root, 'east', T0 + 3 * SEGMENT_MS);
  const gate = gatedLister();
  const service = serviceWith(
    {
      // A camera that never answers: its recorder is there but writes no segment.
      engine: engines.create({ west: 'rtsp://127.0.0.1:9/never' }),
      folder: () => root,
      targets: () => [{ cameraId: 'west', profile: 'main' }],
      listFolder: gate.list,
    },
    () => gate.allow(() => true),
  );

  await started(service);
  // Nothing listed by start, so nothing repaired yet, and the recorder waits for its folder.
  expect(gate.listed).toEqual([]);
  expect(existsSync(west.part) && existsSync(east.part)).toBe(true);
  expect(service.recorderFor({ cameraId: 'west', profile: 'main' })).toBeNull();

  const westDir = segmentFolder(root, 'west', 'main');
  gate.allow((dir) => dir === westDir);
  await service.recordersStarted();
  expect(service.recorderFor({ cameraId: 'west', profile: 'main' })).not.toBeNull();
  // Only the recorded stream's folder was listed: its 3 segments, 3 sidecars and the .part.
  expect(gate.listed).toEqual([{ dir: westDir, entries: 7 }]);
  expect(existsSync(west.part)).toBe(false);
  const repaired = await readSidecar(west.path);
  expect(repaired?.repaired).toBe(true);
  expect(Math.round((repaired!.endedAt - repaired!.startedAt) / 100)).toBe(20); // its two whole fragments
  expect(existsSync(east.part)).toBe(true); // not listed, not read: not touched

  gate.allow(() => true);
  const listed = await service.segments('east', 'main', T0, T0 + 3_600_000);
  expect(existsSync(east.part)).toBe(false);
  expect(listed.map((segment) => [segment.path, segment.repaired])).toEqual([
    ...[0, 1, 2].map((i) => [pathOf(root, 'east', T0 + i * SEGMENT_MS), false]),
    [east.path, true],
  ]);
});

it('repairs another console’s .part in a folder chosen in the settings before that folder is read', { timeout: 120_000 }, async () => {
  const first = mkdtempSync(join(tmpdir(), 'vw-leftover-a-'));
  const other = mkdtempSync(join(tmpdir(), 'vw-leftover-b-'));
  await closedSegments(other, 'east', T0, 2);
  const left = cutOffPart(other, 'east', T0 + 2 * SEGMENT_MS);
  let folder = first;
  const service = serviceWith({ folder: () => folder });
  await started(service);
  expect(await service.segments('east', 'main', T0, T0 + 3_600_000)).toEqual([]);

  folder = other;
  await service.reconfigure();
  const footage = await service.footage('east', 'main');
  expect(footage.map((span) => span.path)).toEqual([pathOf(other, 'east', T0), pathOf(other, 'east', T0 + SEGMENT_MS), left.path]);
  expect(existsSync(left.part)).toBe(false);
  expect((await service.segments('east', 'main', T0, T0 + 3_600_000)).at(-1)).toMatchObject({ path: left.path, repaired: true });
});

it('drops a segment deleted by hand once a read finds it gone: the list then shows a gap there', { timeout: 120_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'vw-leftover-hand-'));
  const paths = await closedSegments(root, 'east', T0, 5);
  const service = serviceWith({ folder: () => root });
  await started(service);
  await service.catalogWhole();
  expect((await service.footage('east', 'main')).map((span) => span.path)).toEqual(paths);
  const range = { from: T0, to: T0 + 5 * SEGMENT_MS };

  // A clerk clears two segments: the second with its sidecar, the fourth leaving its sidecar behind.
  rmSync(paths[1]!);
  rmSync(sidecarPathOf(paths[1]!));
  rmSync(paths[3]!);
  // The timeline's list reads the second's sidecar and finds it gone (the fourth's sidecar still reads).
  const listed = await service.segments('east', 'main', range.from, range.to);
  expect(listed.map((segment) => segment.path)).toEqual([paths[0], paths[2], paths[3], paths[4]]);
  expect((await service.footage('east', 'main')).map((span) => span.path)).toEqual([paths[0], paths[2], paths[3], paths[4]]);

  // Playing the fourth (the player's /get) reads its file: gone, and it leaves the catalog too.
  const footage = await service.footage('east', 'main');
  const stream = await openRecordedStream(footage, { start: T0 + 3 * SEGMENT_MS + 500, end: T0 + 4 * SEGMENT_MS + 500, keyframesOnly: false }, (path) => void service.readFailed(path));
  if (stream.ok) for await (const chunk of stream.chunks) expect(chunk.length).toBeGreaterThan(0);
  await vi.waitFor(async () => expect((await service.footage('east', 'main')).map((span) => span.path)).toEqual([paths[0], paths[2], paths[4]]), { timeout: 10_000, interval: 50 });
  const after = await service.segments('east', 'main', range.from, range.to);
  expect(after.map((segment) => segment.path)).toEqual([paths[0], paths[2], paths[4]]);
  expect(gapsBetween(after, range.from, range.to).map((gap) => [gap.from - T0, gap.to - T0])).toEqual([
    [SEGMENT_MS, 2 * SEGMENT_MS],
    [3 * SEGMENT_MS, 4 * SEGMENT_MS],
  ]);
});
