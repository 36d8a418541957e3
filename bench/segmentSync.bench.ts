/**
 * What the recorder's flush costs (`BENCH_ONLY=segmentSync`): SYNC_FEEDS segment files (16 cameras
 * by default) each given a fragment a second of a 2.7 Mbit/s stream for SYNC_WINDOW_S seconds,
 * through `SegmentFile` on the recording folder's disk, once flushing as the recorder does
 * (fdatasync a second after the last began, and before close) and once without flushing (the
 * recorder before). Printed: how long each flush and each fragment's write took (both on libuv's pool,
 * which the catalog's reads and /get share), and how far the event loop fell behind meanwhile.
 * `SYNC_DIR` picks the folder (a tmpfs flushes nothing: use the disk the footage goes to).
 */
import { close, fdatasync, mkdtempSync, rmSync, writev } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { it } from 'vitest';
import { SegmentFile, type SegmentFileIo } from '../main/recording/segmentFile.js';
import { machineLines } from './lib/machine.js';
import { distribution } from './lib/stats.js';
import { markdownTable } from './lib/table.js';

const FEEDS = Number(process.env.SYNC_FEEDS) || 16;
const WINDOW_S = Number(process.env.SYNC_WINDOW_S) || 30;
const FRAGMENT_BYTES = Math.round((2.7e6 / 8) * 1); // one second of 2.7 Mbit/s
const DIR = process.env.SYNC_DIR ?? tmpdir();

interface Timings {
  syncMs: number[];
  writeMs: number[];
}

/** The real calls, timed. `flush: false` answers a flush at once without doing it (the recorder before). */
function timedIo(timings: Timings, flush: boolean): SegmentFileIo {
  return {
    writev: (fd, buffers, position, callback) => {
      const at = performance.now();
      writev(fd, buffers, position, (error, written) => {
        timings.writeMs.push(performance.now() - at);
        callback(error, written);
      });
    },
    fdatasync: (fd, callback) => {
      if (!flush) return setImmediate(() => callback(null));
      const at = performance.now();
      fdatasync(fd, (error) => {
        timings.syncMs.push(performance.now() - at);
        callback(error);
      });
    },
    close,
  };
}

async function run(flush: boolean): Promise<{ timings: Timings; lagMs: ReturnType<typeof distribution>; syncs: number; load: string }> {
  const folder = mkdtempSync(join(DIR, 'vw-sync-bench-'));
  const timings: Timings = { syncMs: [], writeMs: [] };
  const lag = monitorEventLoopDelay({ resolution: 10 });
  const loadBefore = loadavg()[0]!;
  lag.enable();
  const files = Array.from({ length: FEEDS }, (_, i) => new SegmentFile(join(folder, `cam${i}_main_20261203T000000Z.mp4`), () => {}, timedIo(timings, flush)));
  const fragment = Buffer.alloc(FRAGMENT_BYTES, 7);
  for (let second = 0; second < WINDOW_S; second += 1) {
    // The cameras' fragments close at different moments of each second.
    for (let i = 0; i < FEEDS; i += 1) setTimeout(() => files[i]!.write(fragment), (i * 1000) / FEEDS);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  await Promise.all(files.map((file) => file.finish()));
  lag.disable();
  const syncs = files.reduce((sum, file) => sum + file.syncs, 0);
  rmSync(folder, { recursive: true, force: true });
  return { timings, lagMs: distribution([lag.percentile(50), lag.percentile(95), lag.max].map((ns) => ns / 1e6)), syncs, load: `${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}` };
}

it('prints what flushing each segment once a second costs', async () => {
  const without = await run(false);
  const withFlush = await run(true);
  const ms = (values: number[]) => {
    const d = distribution(values);
    return d.n === 0 ? '–' : `${d.p50.toFixed(1)} / ${d.p95.toFixed(1)} / ${d.max.toFixed(1)}`;
  };
  const rows = [without, withFlush].map((r, i) => [
    i === 0 ? 'no flush (before)' : 'fdatasync ≤ 1 a second + at close (now)',
    i === 0 ? '–' : `${r.syncs} (${(r.syncs / FEEDS / WINDOW_S).toFixed(2)} a second a feed)`,
    ms(r.timings.syncMs),
    ms(r.timings.writeMs),
    `${r.lagMs.p50.toFixed(1)} / ${r.lagMs.max.toFixed(1)}`,
    r.load,
  ]);
  console.log(machineLines().join('\n'));
  console.log(
    markdownTable(
      `Segment flush, ${FEEDS} feeds × ${WINDOW_S} s, ${(FRAGMENT_BYTES / 1024).toFixed(0)} KB a second each, in ${DIR}`,
      ['run', 'flushes', 'flush ms p50 / p95 / max', 'write ms p50 / p95 / max', 'event-loop delay ms p50 / max', 'load (1 min)'],
      rows,
    ),
  );
});
