/**
 * The recording index at a township's size: C cameras × D days of 60 s segments, as the recorder
 * names them, each with a real sidecar, and the queries the console answers from them timed with
 * the console's own RecordingService — its start-up (repair, catalog, first sweep), what
 * `recording.list` answers from (segments + gaps, one camera-day and every camera over one hour)
 * and what MediaMTX's `/list` answers from (the catalog's footage, one camera's month) — beside the plain peer
 * (readdir + parse the names) and the floor (a binary search in a sorted in-memory array).
 *
 * Every segment name is a hard link to one small real fMP4 segment: none of these reads a
 * segment's bytes when its sidecar is there (only its directory entry), so a link is what the
 * query sees, at the cost of a directory entry instead of 43 200 real files per camera. The
 * sidecars are real files with their own times, as the recorder writes them (what the queries do read).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, linkSync, mkdirSync, writeFileSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { spansOf } from '../../main/playback/recordedSpan.js';
import { RecordingService } from '../../main/recording/recordingService.js';
import { silentLogger } from '../../main/lib/logger.js';
import { EngineHarness, FFMPEG } from '../../tests/integration/engineHarness.js';
import { gapsBetween } from '../../main/recording/segmentIndex.js';
import { parseSegmentFileName, segmentFileName, segmentFolder, sidecarPathOf } from '../../main/recording/segmentName.js';
import { SidecarSchema, type Sidecar } from '../../main/recording/sidecar.js';
import type { QueryTiming } from './recordTables.js';

export interface IndexShape {
  cameras: number;
  days: number;
  segmentSeconds: number;
}

export const cameraName = (i: number) => `cam${String(i + 1).padStart(2, '0')}`;
const DAY = 86_400_000;

/** A sidecar as the recorder writes one for a whole segment: 1 keyframe a second, bytes per second about 2 Mbit/s. */
export function sidecarFor(startedAt: number, seconds: number, seed: number): Sidecar {
  const bytesPerSecond = Array.from({ length: seconds }, (_, s) => 240_000 + ((seed * 7919 + s * 104_729) % 40_000));
  return SidecarSchema.parse({
    startedAt,
    endedAt: startedAt + seconds * 1000 - 7,
    bytes: bytesPerSecond.reduce((a, b) => a + b, 0) + 1200,
    keyframesMs: Array.from({ length: seconds }, (_, s) => s * 1000),
    bytesPerSecond,
    endReason: 'length',
    repaired: false,
  });
}

/** Writes the tree under `root`; returns the first segment's start (a UTC midnight). */
export function generateIndex(root: string, shape: IndexShape, seedSegment: string, log: (line: string) => void): number {
  const first = Math.floor(Date.now() / DAY) * DAY - shape.days * DAY;
  const perDay = DAY / (shape.segmentSeconds * 1000);
  const started = Date.now();
  for (let c = 0; c < shape.cameras; c++) {
    const cameraId = cameraName(c);
    const dir = segmentFolder(root, cameraId, 'main');
    mkdirSync(dir, { recursive: true });
    // A copy of the seed per camera: ext4 allows 65 000 links to one file, a month is 43 200.
    const seed = join(dirname(seedSegment), `${cameraId}.seed.mp4`);
    copyFileSync(seedSegment, seed);
    for (let i = 0; i < shape.days * perDay; i++) {
      const startedAt = first + i * shape.segmentSeconds * 1000;
      const path = join(dir, segmentFileName({ cameraId, profile: 'main', startedAt }));
      linkSync(seed, path);
      writeFileSync(sidecarPathOf(path), JSON.stringify(sidecarFor(startedAt, shape.segmentSeconds, i)));
    }
    log(`record: index, ${cameraId} written (${shape.days * perDay} segments), ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  return first;
}

/** One small real fMP4 segment, muxed as the recorder muxes (fragments at keyframes, empty moov). */
export function makeSeedSegment(path: string): void {
  execFileSync('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25:duration=2',
    '-c:v', 'libx264', '-g', '25', '-bf', '0', '-f', 'mp4', '-movflags', '+frag_keyframe+empty_moov+default_base_moof', '-y', path,
  ]);
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await work();
  return { ms: performance.now() - t0, value };
}

/** Runs each of console / peer / floor `repeats` times, interleaved, and keeps the last count of each. */
async function compare(what: string, repeats: number, target: boolean, ways: { console: () => Promise<number>; peer: () => Promise<number>; floor: () => Promise<number> }): Promise<QueryTiming> {
  const timing: QueryTiming = { what, found: { console: 0, peer: 0, floor: 0 }, console: [], peer: [], floor: [], target };
  for (let i = 0; i < repeats; i++) {
    for (const way of ['console', 'peer', 'floor'] as const) {
      const { ms, value } = await timed(ways[way]);
      timing[way].push(ms);
      timing.found[way] = value;
    }
  }
  return timing;
}

/** The peer: one camera's folder listed and its names parsed, starts in [from, to). */
async function peerStarts(root: string, cameraId: string, from: number, to: number): Promise<number> {
  const files = await readdir(segmentFolder(root, cameraId, 'main'));
  let found = 0;
  for (const file of files) {
    const name = parseSegmentFileName(file);
    if (name && name.startedAt >= from && name.startedAt < to) found++;
  }
  return found;
}

/** The floor: the first index at or after `at` in a sorted array. */
function lowerBound(sorted: readonly number[], at: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The console's recording service on the folder, as services.ts makes it, set to record every
 * camera (`recorded`) until the bench says otherwise. The cameras are addresses nobody answers:
 * their recorders start (a stream's folder listed and repaired first) and write nothing.
 */
function serviceOn(root: string, engines: EngineHarness, cameras: readonly string[], recorded: () => boolean): RecordingService {
  return new RecordingService({
    engine: engines.create(Object.fromEntries(cameras.map((cameraId) => [cameraId, `rtsp://127.0.0.1:9/${cameraId}`]))),
    ffmpegPath: () => FFMPEG,
    folder: () => root,
    log: silentLogger,
    targets: () => (recorded() ? cameras.map((cameraId) => ({ cameraId, profile: 'main' as const })) : []),
    // Keeps the whole month: the start-up sweep deletes nothing, as on a console keeping 31 days.
    policy: () => ({ daysFor: () => 31, quotaBytes: null, minFreeBytes: 0 }),
    locks: () => [],
    freeBytes: async () => 1e15,
  });
}

export async function measureIndex(root: string, shape: IndexShape, first: number, repeats: number): Promise<QueryTiming[]> {
  const cameras = Array.from({ length: shape.cameras }, (_, i) => cameraName(i));
  const perDay = DAY / (shape.segmentSeconds * 1000);
  const sorted = cameras.map(() => Array.from({ length: shape.days * perDay }, (_, i) => first + i * shape.segmentSeconds * 1000));
  const inRange = (c: number, from: number, to: number) => lowerBound(sorted[c]!, to) - lowerBound(sorted[c]!, from);
  const sum = (counts: number[]) => counts.reduce((a, b) => a + b, 0);
  const engines = new EngineHarness();
  let recorded = true;
  const service = serviceOn(root, engines, cameras, () => recorded);
  const timings: QueryTiming[] = [];
  try {
    // Start-up first, as the console: services.ts awaits start before the API answers; the catalog
    // is built behind it, and a query during the build answers from names, reading its range's sidecars.
    const firstHour = { from: first, to: first + 3_600_000 };
    timings.push(
      await compare('start-up: RecordingService.start (what services.ts and so the API wait for)', 1, false, {
        // Found: the streams recording when it returns (none: each waits for its folder's listing and repair).
        console: async () => {
          await service.start();
          return service.running().length;
        },
        peer: async () => 0,
        floor: async () => 0,
      }),
    );
    timings.push(
      await compare(`then every recorded stream's folder listed and repaired, its recorder started (${shape.cameras})`, 1, false, {
        console: async () => {
          await service.recordersStarted();
          return service.running().length;
        },
        peer: async () => (await Promise.all(cameras.map((id) => readdir(segmentFolder(root, id, 'main'))))).length,
        floor: async () => cameras.length,
      }),
    );
    // The recorders stop: the queries below are timed without them.
    recorded = false;
    service.sync();
    timings.push(
      await compare('then every camera\'s first hour listed (catalog still building)', 1, false, {
        console: async () => sum(await Promise.all(cameras.map(async (id) => (await service.segments(id, 'main', firstHour.from, firstHour.to)).length))),
        peer: async () => sum(await Promise.all(cameras.map((id) => peerStarts(root, id, firstHour.from, firstHour.to)))),
        floor: async () => sum(cameras.map((_, c) => inRange(c, firstHour.from, firstHour.to))),
      }),
    );
    timings.push(
      await compare('catalog whole, built behind the API (retention\'s first pass waits for it)', 1, false, {
        console: async () => {
          await service.catalogWhole();
          return sum(await Promise.all(cameras.map(async (id) => (await service.footage(id, 'main')).length)));
        },
        peer: async () => sum(await Promise.all(cameras.map((id) => peerStarts(root, id, -Infinity, Infinity)))),
        floor: async () => sum(sorted.map((s) => s.length)),
      }),
    );
    // A day and an hour in the middle of the month, in a camera in the middle of the wall.
    const dayFrom = first + Math.floor(shape.days / 2) * DAY;
    const hourFrom = dayFrom + 13 * 3_600_000;
    const mid = Math.floor(shape.cameras / 2);
    // What recording.list answers with: the segments with their sidecars' detail, and the gaps.
    const list = async (cameraId: string, from: number, to: number) => {
      const segments = await service.segments(cameraId, 'main', from, to);
      gapsBetween(segments, from, to);
      return segments.length;
    };
    // First asks: a range not asked before each time (its sidecars are read); then the last asked
    // again, as the timeline does when it pans back (the sidecars kept in memory).
    const days = (i: number) => dayFrom - i * DAY;
    const hours = (i: number) => hourFrom - i * 3_600_000;
    const oneDay = (from: number) => ({
      console: () => list(cameras[mid]!, from, from + DAY),
      peer: () => peerStarts(root, cameras[mid]!, from, from + DAY),
      floor: async () => inRange(mid, from, from + DAY),
    });
    const everyHour = (from: number) => ({
      console: async () => sum(await Promise.all(cameras.map((id) => list(id, from, from + 3_600_000)))),
      peer: async () => sum(await Promise.all(cameras.map((id) => peerStarts(root, id, from, from + 3_600_000)))),
      floor: async () => sum(cameras.map((_, c) => inRange(c, from, from + 3_600_000))),
    });
    let dayAsked = 0;
    timings.push(
      await compare('recording.list: one camera, one day (first ask: a day not asked before)', repeats, true, {
        console: () => oneDay(days(dayAsked)).console(),
        peer: () => oneDay(days(dayAsked)).peer(),
        floor: async () => oneDay(days(dayAsked++)).floor(),
      }),
    );
    timings.push(await compare('recording.list: one camera, one day (asked again)', repeats, true, oneDay(days(dayAsked - 1))));
    let hourAsked = 0;
    timings.push(
      await compare(`recording.list: all ${shape.cameras} cameras, one hour (first ask)`, repeats, true, {
        console: () => everyHour(hours(hourAsked)).console(),
        peer: () => everyHour(hours(hourAsked)).peer(),
        floor: async () => everyHour(hours(hourAsked++)).floor(),
      }),
    );
    timings.push(await compare(`recording.list: all ${shape.cameras} cameras, one hour (asked again)`, repeats, true, everyHour(hours(hourAsked - 1))));
    // What /list answers from (and each /get looks its segments up in): the catalog in memory.
    timings.push(
      await compare(`/list: one camera, all ${shape.days} days (spans)`, repeats, true, {
        console: async () => spansOf(await service.footage(cameras[mid]!, 'main')).length,
        // Names alone: a span per run of starts one segment length apart.
        peer: async () => {
          const files = await readdir(segmentFolder(root, cameras[mid]!, 'main'));
          const starts = files.map((file) => parseSegmentFileName(file)?.startedAt).filter((s): s is number => s !== undefined).sort((a, b) => a - b);
          return starts.filter((s, i) => i === 0 || s - starts[i - 1]! > shape.segmentSeconds * 1000).length;
        },
        floor: async () => sorted[mid]!.filter((s, i, all) => i === 0 || s - all[i - 1]! > shape.segmentSeconds * 1000).length,
      }),
    );
  } finally {
    await service.close();
    await engines.closeAll();
  }
  return timings;
}

export async function removeIndex(root: string): Promise<void> {
  await rm(root, { recursive: true, force: true });
}
