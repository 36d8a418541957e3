/**
 * What converting recorded H.265 for a page without an H.265 decoder costs (BENCH_ONLY=playbackHevc):
 * the CPU of main's converting ffmpeg (`/get …&convert=h264`) per tile, at 1× (every picture) and
 * at 8× (keyframes only, one every second of recorded time, as the player asks at 8×). A reader
 * stands in for the page: it reads the answer through the page's own demuxer no faster than the
 * pictures' recorded times at that speed, so ffmpeg runs at the pace a tile plays, as it does on
 * the wall. Footage: libx265 into the recorder's own hvc1 segments (GOP 1 s), per picture size.
 * BENCH_HEVC_SECONDS (default 20) is the window each figure is measured over.
 */
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { silentLogger } from '../main/lib/logger.js';
import { segmentFileName, segmentFolder } from '../main/recording/segmentName.js';
import { writeSidecar } from '../main/recording/sidecar.js';
import { startServices } from '../main/services.js';
import { keyFileSecretBox } from '../main/store/secretBox.js';
import { Fmp4Demuxer } from '../renderer/features/playback/fmp4Demuxer.js';
import { CONVERT_FFMPEG_PATTERN, listProcesses } from '../tests/fixtures/processes.js';
import { writeRecordedSegments } from '../tests/fixtures/recordedSegments.js';
import { townshipSeed, villageCamera } from '../tests/fixtures/townshipSeed.js';
import { CLK_TCK, cpuAndStart } from './lib/procSampler.js';
import { loadLine } from './lib/machine.js';
import { Report } from './lib/report.js';

const WINDOW_S = Number(process.env.BENCH_HEVC_SECONDS ?? 20);
const SIZES = [
  { camera: 'sub', width: 640, height: 360, fps: 15, kbps: 500 },
  { camera: 'main', width: 1280, height: 720, fps: 25, kbps: 2000 },
] as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads `url` as a tile at `speed` would for `seconds` of wall time, after a warm-up of 3 s;
 * returns the converting ffmpeg's CPU (% of one core) over that window and the pictures read.
 */
async function convertingCpu(url: string, speed: number, seconds: number): Promise<{ cpu: number; pictures: number; load: string }> {
  const reading = new AbortController();
  const response = await fetch(url, { signal: reading.signal });
  const startMs = Number(response.headers.get('x-start-ms'));
  const demuxer = new Fmp4Demuxer(startMs);
  const reader = response.body!.getReader();
  const began = performance.now();
  let pictures = 0;
  const read = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      for (const item of demuxer.push(value)) {
        if (item.kind !== 'sample') continue;
        pictures += 1;
        // No faster than the recorded time at this speed: the pipes fill and ffmpeg waits, as for a tile.
        const due = began + (item.dts - startMs) / speed;
        if (due > performance.now()) await sleep(due - performance.now());
      }
    }
  })().catch(() => undefined);
  await sleep(3000);
  const [ffmpeg] = listProcesses(CONVERT_FFMPEG_PATTERN).filter((p) => p.ppid === process.pid);
  if (!ffmpeg) throw new Error('no converting ffmpeg');
  const before = cpuAndStart(ffmpeg.pid)!.ticks;
  const from = performance.now();
  const picturesBefore = pictures;
  await sleep(seconds * 1000);
  const after = cpuAndStart(ffmpeg.pid)?.ticks ?? before;
  const cpu = ((after - before) / CLK_TCK / ((performance.now() - from) / 1000)) * 100;
  const load = loadLine('during');
  reading.abort();
  await read;
  return { cpu, pictures: pictures - picturesBefore, load };
}

it('playback of H.265: converting ffmpeg CPU per tile at 1× and 8×', async () => {
  const report = new Report('playbackHevc', { windowSeconds: WINDOW_S, sizes: SIZES });
  const dataDir = await mkdtemp(join(tmpdir(), 'vw-bench-hevc-'));
  const folder = join(dataDir, 'footage');
  // Enough footage that 8× over the window plus the warm-up never reaches its end.
  const seconds = Math.ceil(((WINDOW_S + 5) * 8) / 60) * 60;
  const T0 = Math.floor((Date.now() - 2 * 3600_000) / 1000) * 1000;
  try {
    for (const size of SIZES) {
      // One minute encoded (x265 is slow), then copies of it under the next minutes' names.
      const [first] = await writeRecordedSegments(folder, size.camera, 'main', [{ startedAt: T0, seconds: 60, codec: 'h265', width: size.width, height: size.height, fps: size.fps, kbps: size.kbps }]);
      for (let m = 1; m < seconds / 60; m += 1) {
        const path = join(segmentFolder(folder, size.camera, 'main'), segmentFileName({ cameraId: size.camera, profile: 'main', startedAt: T0 + m * 60_000 }));
        await copyFile(first!, path);
        await writeSidecar(path, { startedAt: T0 + m * 60_000, endedAt: T0 + (m + 1) * 60_000, bytes: 0, keyframesMs: null, bytesPerSecond: [], endReason: 'length', repaired: false });
      }
    }
    const services = await startServices({
      mode: 'headless', dataDir, secretBox: keyFileSecretBox(join(dataDir, 'k')), log: silentLogger,
      seed: () => townshipSeed(SIZES.map((size) => villageCamera(size.camera, `rtsp://127.0.0.1:9/${size.camera}`)), { settings: { folder, cameras: [], quotaGb: null, minFreeGb: 0 }, locks: [] }),
    });
    const rows: string[] = [];
    const raw: unknown[] = [];
    try {
      for (const size of SIZES) {
        const opened = await services.dispatch('playback.open', { cameraId: size.camera, profile: 'main', at: T0 }, 'bench');
        if (!opened.ok) throw new Error(opened.message);
        const url = (opened.value as { url: string }).url;
        const at1 = await convertingCpu(`${url}&start=${T0}&duration=${seconds}&convert=h264`, 1, WINDOW_S);
        const at8 = await convertingCpu(`${url}&start=${T0}&duration=${seconds}&keyframes=1&spacing=1000&convert=h264`, 8, WINDOW_S);
        const label = `${size.width}×${size.height} ${size.fps} fps ${size.kbps} kbit/s`;
        rows.push(`| ${label} | 1× | ${at1.cpu.toFixed(1)} | ${(at1.pictures / WINDOW_S).toFixed(1)} | ${at1.load} |`);
        rows.push(`| ${label} | 8× keyframes | ${at8.cpu.toFixed(1)} | ${(at8.pictures / WINDOW_S).toFixed(1)} | ${at8.load} |`);
        raw.push({ size, at1, at8 });
      }
    } finally {
      await services.close();
    }
    report.add(['### Converting ffmpeg per tile (H.265 recording → H.264, libx264 ultrafast zerolatency)', '', '| recording | speed | CPU % of a core | pictures/s | load |', '|---|---|---|---|---|', ...rows].join('\n'));
    report.finish(raw);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}, 600_000);
