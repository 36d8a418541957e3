/**
 * Recording (issue 17), `BENCH_ONLY=record npm run bench`. Four parts, each beside the plain peer a
 * township could pick instead and the floor, in the same run (RECORD_PARTS picks some):
 * - cpu (with disk): RECORD_FEEDS feeds of a 720p25 H.264 RTSP camera recorded by the console's
 *   recorder in this process, against `ffmpeg -c copy -f segment` and `ffmpeg -c copy -f null`;
 *   what each left on disk over the stream's own bytes;
 * - index: RECORD_INDEX_CAMERAS × RECORD_INDEX_DAYS of 60 s segments written to disk, the
 *   console's queries and start-up against readdir + names and a sorted array;
 * - wall: the 16-tile wall's clock tile with recording of all 16 cameras off, on, off, on.
 * About 15 minutes with the defaults, most of it writing and removing the index's 1.4 million files
 * (RECORD_INDEX_DAYS=2 for a short check); RECORD_WINDOW_S=65 RECORD_SEGMENT_S=60 measures whole 60 s segments.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { MAIN_STREAM } from '../tests/fixtures/media.js';
import { startRtspFixture } from '../tests/fixtures/rtspFixture.js';
import { loopName, openBed } from './lib/bed.js';
import { waitForFirstFrames } from './lib/pageProbe.js';
import { measureFeeds, type FeedResult } from './lib/recordFeeds.js';
import { generateIndex, makeSeedSegment, measureIndex, removeIndex } from './lib/recordIndex.js';
import { cpuTable, diskTable, indexTable, wallTable, type DiskFigures, type WallWindow } from './lib/recordTables.js';
import { Report } from './lib/report.js';
import { median } from './lib/stats.js';
import { WallView } from './lib/wallView.js';
import { measureWindow, startFloors, stopFloors } from './lib/window.js';

const num = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}: expected a positive number`);
  return value;
};
const PARTS = new Set((process.env.RECORD_PARTS ?? 'cpu,index,wall').split(',').map((p) => p.trim()));
const config = {
  parts: [...PARTS],
  feeds: num('RECORD_FEEDS', 4),
  runs: num('RECORD_RUNS', 1),
  /** Each CPU window; a window past the segment length also measures a whole segment on disk. */
  windowSeconds: num('RECORD_WINDOW_S', 35),
  segmentSeconds: num('RECORD_SEGMENT_S', 30),
  indexCameras: num('RECORD_INDEX_CAMERAS', 16),
  indexDays: num('RECORD_INDEX_DAYS', 30),
  indexRepeats: num('RECORD_INDEX_REPEATS', 5),
  wallTiles: 16,
  wallWindowSeconds: num('RECORD_WALL_WINDOW_S', 20),
  wallSettleSeconds: num('RECORD_WALL_SETTLE_S', 8),
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => console.log(line);

async function cpuAndDisk(report: Report, raw: Record<string, unknown>): Promise<void> {
  const mounts = Array.from({ length: config.feeds }, (_, i) => `hd${String(i + 1).padStart(2, '0')}`);
  const fixture = await startRtspFixture(mounts.map((name) => ({ name, size: MAIN_STREAM })));
  const dir = mkdtempSync(join(tmpdir(), 'vw-bench-record-'));
  const results: FeedResult[] = [];
  try {
    for (let run = 1; run <= config.runs; run++) {
      results.push(await measureFeeds({ fixture, mounts, dir, windowSeconds: config.windowSeconds, segmentMs: config.segmentSeconds * 1000, fps: MAIN_STREAM.fps }, run, log));
    }
  } finally {
    await fixture.close();
    rmSync(dir, { recursive: true, force: true });
  }
  report.add(cpuTable(results.map((r) => r.cpu)));
  // Disk: every run's files together.
  const disk = results[0]!.disk.map((first, i): DiskFigures => {
    const all = results.map((r) => r.disk[i]!);
    const add = (pick: (d: DiskFigures) => number) => all.reduce((sum, d) => sum + pick(d), 0);
    return { ...first, files: add((d) => d.files), fileBytes: add((d) => d.fileBytes), indexBytes: add((d) => d.indexBytes), streamBytes: add((d) => d.streamBytes), seconds: add((d) => d.seconds) };
  });
  report.add(diskTable(disk, config.feeds * results.length));
  raw.feeds = results;
}

async function index(report: Report, raw: Record<string, unknown>): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'vw-bench-index-'));
  const shape = { cameras: config.indexCameras, days: config.indexDays, segmentSeconds: 60 };
  try {
    const seed = join(root, 'seed.mp4');
    makeSeedSegment(seed);
    const t0 = Date.now();
    const first = generateIndex(join(root, 'rec'), shape, seed, log);
    log(`record: index written in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    const timings = await measureIndex(join(root, 'rec'), shape, first, config.indexRepeats);
    report.add(indexTable(timings, `${shape.cameras} cameras × ${shape.days} days of 60 s segments (${shape.cameras * shape.days * 1440} segments + sidecars; page cache warm)`));
    raw.index = timings;
  } finally {
    await removeIndex(root);
  }
}

async function wall(report: Report, raw: Record<string, unknown>): Promise<void> {
  const bed = await openBed({ loops: config.wallTiles - 1, clock: true });
  const view = new WallView(bed, [bed.id('clock')]);
  const windows: WallWindow[] = [];
  try {
    const tiles = ['clock', ...Array.from({ length: config.wallTiles - 1 }, (_, i) => loopName(i))].map((name) => bed.id(name));
    const state = await bed.console.call('recording.get');
    if (!state.ok) throw new Error(`recording.get: ${state.message}`);
    const setRecording = async (on: boolean) => {
      const cameras = on ? tiles.map((cameraId) => ({ cameraId, profile: 'main' as const, days: 1 })) : [];
      const saved = await bed.console.call('recording.set', { ...state.value.settings, cameras, minFreeGb: 0.1 });
      if (!saved.ok) throw new Error(`recording.set: ${saved.message}`);
    };
    const shown = await view.show(String(config.wallTiles), tiles, { freshPage: true });
    const first = await waitForFirstFrames(shown.page, tiles, shown.actionAt, 60_000);
    log(`record: wall, ${first.records.length}/${tiles.length} tiles live`);
    await sleep(config.wallSettleSeconds * 1000);
    for (const on of [false, true, false, true]) {
      await setRecording(on);
      await sleep(config.wallSettleSeconds * 1000);
      const recorders = await bed.console.call('recording.get');
      const writing = recorders.ok ? recorders.value.recorders.filter((r) => r.writing).length : NaN;
      const floors = startFloors(bed.clock!.url);
      await sleep(3000);
      const w = await measureWindow(shown.page, bed, floors, config.wallWindowSeconds);
      await stopFloors(floors);
      windows.push({ recording: on, glass: w.glass, remux: w.remux, fpsMin: w.fpsMin, consolePct: w.cost.console?.cpuPct ?? NaN, ffmpegPct: w.cost.ffmpeg?.cpuPct ?? NaN, ffmpegProcesses: w.cost.ffmpeg?.processes ?? NaN, machinePct: w.machinePct });
      log(`record: wall, recording ${on ? 'on' : 'off'} (${writing} writing): ${w.glass.length} samples, p50 ${median(w.glass).toFixed(0)} ms, fps min ${w.fpsMin.toFixed(1)}`);
    }
    await setRecording(false);
  } finally {
    await view.close().catch(() => undefined);
    await bed.close();
  }
  report.add(wallTable(windows, config.wallTiles));
  raw.wall = windows;
}

it('recording: CPU per feed, disk over the stream, index queries, the wall recording vs not', async () => {
  const report = new Report('record', config);
  const raw: Record<string, unknown> = {};
  if (PARTS.has('cpu')) await cpuAndDisk(report, raw);
  if (PARTS.has('index')) await index(report, raw);
  if (PARTS.has('wall')) await wall(report, raw);
  report.finish(raw);
});
