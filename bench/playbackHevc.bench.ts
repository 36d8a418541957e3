/**
 * What converting recorded H.265 for a page without an H.265 decoder costs (BENCH_ONLY=playbackHevc):
 * the CPU of main's converting ffmpeg (`/get …&convert=h264`) per tile, at 1× (every picture) and
 * at 8× (keyframes only, one a second of recorded time, as the player asks at 8×).
 * Measured as the ffmpeg's whole CPU time (this process's reaped children, /proc/self/stat cutime +
 * cstime: main runs in-process and nothing else is spawned) for one minute of footage read as fast
 * as it comes, divided by the recorded time: a tile at speed s plays s recorded seconds a second,
 * so its cost is that × s. (A paced reader cannot measure 8×: the whole keyframes-only answer fits
 * in the pipes and sockets, and ffmpeg is done before the window.) The wall time of the same
 * conversion says how much faster than the tile needs it runs. At 1× the ffmpeg is also measured
 * as a tile reads it (paced), which costs more: it wakes for every picture. Footage: libx265 into the recorder's own
 * hvc1 segments (GOP 1 s), per picture size.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { silentLogger } from '../main/lib/logger.js';
import { startServices } from '../main/services.js';
import { keyFileSecretBox } from '../main/store/secretBox.js';
import { Fmp4Demuxer } from '../renderer/features/playback/fmp4Demuxer.js';
import { CONVERT_FFMPEG_PATTERN, listProcesses } from '../tests/fixtures/processes.js';
import { writeRecordedSegments } from '../tests/fixtures/recordedSegments.js';
import { townshipSeed, villageCamera } from '../tests/fixtures/townshipSeed.js';
import { CLK_TCK, cpuAndStart } from './lib/procSampler.js';
import { loadLine } from './lib/machine.js';
import { Report } from './lib/report.js';

const SECONDS = 60;
const SIZES = [
  { camera: 'sub', width: 640, height: 360, fps: 15, kbps: 500 },
  { camera: 'main', width: 1280, height: 720, fps: 25, kbps: 2000 },
] as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU seconds of this process's children that have ended (and been waited for). */
function endedChildrenCpu(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After "pid (comm) ": cutime and cstime are fields 16 and 17 of stat(5).
  return (Number(fields[13]) + Number(fields[14])) / CLK_TCK;
}

/** A fetch body's chunks (the DOM's ReadableStream type has no async iterator in this TypeScript lib). */
async function* chunksOf(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Reads `url` whole; the converting ffmpeg's CPU seconds, the wall seconds, and the pictures it sent. */
async function conversionCost(url: string): Promise<{ cpu: number; wall: number; pictures: number }> {
  const before = endedChildrenCpu();
  const started = performance.now();
  const response = await fetch(url);
  const demuxer = new Fmp4Demuxer(Number(response.headers.get('x-start-ms')));
  let pictures = 0;
  for await (const chunk of chunksOf(response.body!)) pictures += demuxer.push(chunk).filter((item) => item.kind === 'sample').length;
  const wall = (performance.now() - started) / 1000;
  for (let i = 0; i < 100 && listProcesses(CONVERT_FFMPEG_PATTERN).some((p) => p.ppid === process.pid); i++) await sleep(50);
  await sleep(200); // its exit is waited for (and counted) on the event loop
  return { cpu: endedChildrenCpu() - before, wall, pictures };
}

/**
 * The same at 1× as a tile reads it: through the page's demuxer, no faster than the pictures'
 * recorded times, so ffmpeg waits on full pipes between pictures; its CPU over `seconds` after a
 * 3 s warm-up (% of a core), or null when it finished early (the rest fit in the pipes).
 */
async function pacedCpu(url: string, seconds: number): Promise<number | null> {
  const reading = new AbortController();
  const response = await fetch(url, { signal: reading.signal });
  const startMs = Number(response.headers.get('x-start-ms'));
  const demuxer = new Fmp4Demuxer(startMs);
  const began = performance.now();
  const read = (async () => {
    for await (const chunk of chunksOf(response.body!)) {
      for (const item of demuxer.push(chunk)) {
        const due = item.kind === 'sample' ? began + item.dts - startMs : 0;
        if (due > performance.now()) await sleep(due - performance.now());
      }
    }
  })().catch(() => undefined);
  await sleep(3000);
  const [ffmpeg] = listProcesses(CONVERT_FFMPEG_PATTERN).filter((p) => p.ppid === process.pid);
  const before = ffmpeg && cpuAndStart(ffmpeg.pid);
  const from = performance.now();
  await sleep(seconds * 1000);
  const after = ffmpeg && cpuAndStart(ffmpeg.pid);
  const elapsed = (performance.now() - from) / 1000;
  reading.abort();
  await read;
  return before && after ? ((after.ticks - before.ticks) / CLK_TCK / elapsed) * 100 : null;
}

it('playback of H.265: converting ffmpeg CPU per tile at 1× and 8×', async () => {
  const report = new Report('playbackHevc', { seconds: SECONDS, sizes: SIZES });
  const dataDir = await mkdtemp(join(tmpdir(), 'vw-bench-hevc-'));
  const folder = join(dataDir, 'footage');
  const T0 = Math.floor((Date.now() - 2 * 3600_000) / 1000) * 1000;
  try {
    for (const size of SIZES) await writeRecordedSegments(folder, size.camera, 'main', [{ startedAt: T0, seconds: SECONDS, codec: 'h265', width: size.width, height: size.height, fps: size.fps, kbps: size.kbps }]);
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
        const url = `${(opened.value as { url: string }).url}&start=${T0}&duration=${SECONDS}&convert=h264`;
        const label = `${size.width}×${size.height} ${size.fps} fps ${size.kbps} kbit/s`;
        const paced = await pacedCpu(url, 15);
        rows.push(`| ${label} | 1×, read at a tile's pace (15 s window) | | | **${paced === null ? 'n/a (done early)' : paced.toFixed(1)}** | | ${loadLine('after')} |`);
        raw.push({ size, speed: 1, paced });
        for (const [speed, mode, query] of [[1, 'every picture', ''], [8, 'keyframes only, 1 a second', '&keyframes=1&spacing=1000']] as const) {
          const cost = await conversionCost(url + query);
          const perRecordedSecond = cost.cpu / SECONDS;
          const perTile = perRecordedSecond * speed * 100;
          rows.push(`| ${label} | ${speed}× (${mode}) | ${cost.pictures} | ${(cost.cpu * 1000 / cost.pictures).toFixed(1)} | **${perTile.toFixed(1)}** | ${(SECONDS / cost.wall / speed).toFixed(1)} | ${loadLine('after')} |`);
          raw.push({ size, speed, ...cost, perTile });
        }
      }
    } finally {
      await services.close();
    }
    report.add([
      `### Converting ffmpeg per tile (H.265 recording → H.264, libx264 ultrafast zerolatency), ${SECONDS} s of footage each`, '',
      '| recording | speed | pictures | CPU ms a picture | CPU % of a core per tile at that speed | how much faster than that speed it converts | load |', '|---|---|---|---|---|---|---|',
      ...rows,
    ].join('\n'));
    report.finish(raw);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}, 600_000);
