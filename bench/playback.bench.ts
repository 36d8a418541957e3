/**
 * Playback and export of recorded footage (issue 18), against what a user could pick instead and
 * a floor. One hour of one camera at 2 Mbit/s: one minute is encoded by real ffmpeg (1280×720,
 * 25 fps, constant 2 Mbit/s, remuxed by the recorder's own segment arguments), and copied into
 * the hour's 60 one-minute segments, named and sidecar'd as the recorder does.
 * - open → first byte: `playback.open` at a random minute, then /get until its first byte;
 *   peer: `ffmpeg -ss <offset> -i <segment> -c copy` to fragmented MP4 on a pipe, until its first
 *   byte; floor: reading the segment's first 64 KB from disk.
 * - seek within the loaded hour: in one open session, /get at random instants (first byte).
 * - export of the hour: `evidence.export` (join + remux + hash + sign); peer: `ffmpeg -f concat
 *   -c copy` of the 60 segments into one MP4; floor: copying the 60 files.
 * BENCH_PLAYBACK_MINUTES (default 60) and BENCH_PLAYBACK_RUNS (default 10) change the size.
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, open, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { segmentFileName, segmentFolder, sidecarPathOf } from '../main/recording/segmentName.js';
import { silentLogger } from '../main/lib/logger.js';
import { startServices } from '../main/services.js';
import { keyFileSecretBox } from '../main/store/secretBox.js';
import { townshipSeed, villageCamera } from '../tests/fixtures/townshipSeed.js';
import { writeRecordedSegments } from '../tests/fixtures/recordedSegments.js';
import { Report } from './lib/report.js';
import { distribution } from './lib/stats.js';

const MINUTES = Number(process.env.BENCH_PLAYBACK_MINUTES ?? 60);
const RUNS = Number(process.env.BENCH_PLAYBACK_RUNS ?? 10);

/** ms until `run` first calls back, and the total. */
async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

/** ms until ffmpeg's first byte on stdout; the process is then stopped. */
function ffmpegFirstByte(args: string[]): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', args, { stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.once('data', () => {
      resolve(performance.now() - started);
      child.kill('SIGKILL');
    });
    child.once('exit', (code) => code !== null && code !== 0 && reject(new Error(`ffmpeg exited ${code}`)));
  });
}

function ffmpegRun(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', args, { stdio: ['ignore', 'ignore', 'ignore'] });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited ${code}`))));
  });
}

async function firstByteOfGet(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url);
  const reader = response.body!.getReader();
  await reader.read();
  const ms = performance.now() - started;
  await reader.cancel();
  return ms;
}

const row = (name: string, values: number[], unit = 'ms') => {
  const d = distribution(values);
  return `| ${name} | ${d.n} | ${d.p50.toFixed(0)} | ${d.p95.toFixed(0)} | ${d.max.toFixed(0)} | ${unit} |`;
};

it('playback: open to first byte, seek within an hour, export of an hour', async () => {
  const report = new Report('playback', { minutes: MINUTES, runs: RUNS, camera: '1280x720 25 fps 2 Mbit/s H.264, GOP 1 s, 60 s segments' });
  const dataDir = await mkdtemp(join(tmpdir(), 'vw-bench-playback-'));
  const folder = join(dataDir, 'footage');
  const T0 = Math.floor((Date.now() - (MINUTES + 5) * 60_000) / 60_000) * 60_000;
  try {
    // One minute made by ffmpeg, then the hour as copies of it (same bytes, the recorder's names).
    const [first] = await writeRecordedSegments(folder, 'cam', 'main', [{ startedAt: T0, seconds: 60, width: 1280, height: 720, fps: 25, kbps: 2000 }]);
    const dir = segmentFolder(folder, 'cam', 'main');
    for (let m = 1; m < MINUTES; m += 1) {
      const path = join(dir, segmentFileName({ cameraId: 'cam', profile: 'main', startedAt: T0 + m * 60_000 }));
      await copyFile(first!, path);
      await writeFile(sidecarPathOf(path), JSON.stringify({ startedAt: T0 + m * 60_000, endedAt: T0 + (m + 1) * 60_000, bytes: 0, keyframesMs: null, bytesPerSecond: [], endReason: 'length', repaired: false }));
    }
    const segments = (await readdir(dir)).filter((f) => f.endsWith('.mp4')).sort().map((f) => join(dir, f));
    const services = await startServices({
      mode: 'headless', dataDir, secretBox: keyFileSecretBox(join(dataDir, 'k')), log: silentLogger,
      seed: () => townshipSeed([villageCamera('cam', 'rtsp://127.0.0.1:9/cam')], { settings: { folder, cameras: [], quotaGb: null, minFreeGb: 0 }, locks: [] }),
    });
    const call = async (channel: 'playback.open' | 'evidence.export', payload: unknown) => {
      const result = await services.dispatch(channel, payload, 'bench');
      if (!result.ok) throw new Error(`${channel}: ${result.message}`);
      return result.value as { url: string; folder: string };
    };
    try {
      const randomAt = () => T0 + Math.floor(Math.random() * (MINUTES * 60 - 10)) * 1000 + 500;
      const open1: number[] = [];
      const peer1: number[] = [];
      const floor1: number[] = [];
      for (let i = 0; i < RUNS; i += 1) {
        const at = randomAt();
        open1.push((await timed(async () => firstByteOfGet(`${(await call('playback.open', { cameraId: 'cam', profile: 'main', at })).url}&start=${at}&duration=60`))).ms);
        const minute = Math.floor((at - T0) / 60_000);
        const offset = ((at - T0) % 60_000) / 1000;
        peer1.push(await ffmpegFirstByte(['-hide_banner', '-loglevel', 'error', '-ss', String(offset), '-i', segments[minute]!, '-c', 'copy', '-f', 'mp4', '-movflags', '+frag_keyframe+empty_moov', 'pipe:1']));
        floor1.push((await timed(async () => { const h = await open(segments[minute]!, 'r'); await h.read(Buffer.alloc(65536), 0, 65536, 0); await h.close(); })).ms);
      }
      const { url } = await call('playback.open', { cameraId: 'cam', profile: 'main', at: T0 });
      const seeks: number[] = [];
      const seeksKf: number[] = [];
      for (let i = 0; i < RUNS * 2; i += 1) {
        seeks.push(await firstByteOfGet(`${url}&start=${randomAt()}&duration=60`));
        seeksKf.push(await firstByteOfGet(`${url}&start=${randomAt()}&duration=60&keyframes=1`));
      }
      report.add(['### Time to the first fMP4 byte', '', '| what | n | p50 | p95 | max | unit |', '|---|---|---|---|---|---|',
        row('open + /get at a random minute (ours)', open1), row('peer: ffmpeg -ss -i segment -c copy → fMP4 pipe', peer1), row('floor: read 64 KB of the segment', floor1),
        row('seek in the open hour: /get (ours)', seeks), row('seek, keyframes only (ours)', seeksKf)].join('\n'));

      const exportOurs = await timed(() => call('evidence.export', { cameraIds: ['cam'], profile: 'main', from: T0, to: T0 + MINUTES * 60_000, reason: 'bench' }));
      const peerDir = await mkdtemp(join(tmpdir(), 'vw-bench-peer-'));
      const list = join(peerDir, 'list.txt');
      await writeFile(list, segments.map((s) => `file '${s}'`).join('\n'));
      const exportPeer = await timed(() => ffmpegRun(['-hide_banner', '-loglevel', 'error', '-f', 'concat', '-safe', '0', '-i', list, '-c', 'copy', '-movflags', '+faststart', '-y', join(peerDir, 'out.mp4')]));
      const floorDir = join(peerDir, 'copy');
      await mkdir(floorDir);
      const exportFloor = await timed(async () => { for (const s of segments) await copyFile(s, join(floorDir, s.split('/').at(-1)!)); });
      report.add(['### Export of the whole recording (one camera)', '', '| what | seconds |', '|---|---|',
        `| evidence.export (ours: join, remux -c copy, SHA-256, sign, lock) | ${(exportOurs.ms / 1000).toFixed(1)} |`,
        `| peer: ffmpeg -f concat -i list -c copy +faststart | ${(exportPeer.ms / 1000).toFixed(1)} |`,
        `| floor: copy the ${segments.length} segment files | ${(exportFloor.ms / 1000).toFixed(1)} |`].join('\n'));
      await rm(peerDir, { recursive: true, force: true });
      report.finish({ open1, peer1, floor1, seeks, seeksKf, exportMs: { ours: exportOurs.ms, peer: exportPeer.ms, floor: exportFloor.ms } });
    } finally {
      await services.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
