/**
 * Playback on the wall, from the page's side (BENCH_ONLY=playbackWall): time from "play at T"
 * (the chooser's button) to each tile's first picture, and four tiles at 16× against the same
 * four tiles live — Chromium's CPU and the pictures each tile presents per second.
 *
 * One clock camera on four tiles, recorded for RECORD_S first; every trial opens another T.
 */
import { it } from 'vitest';
import { startClockCamera } from './lib/clockCamera.js';
import { installDecodeCounts, marksSince, profileDuring, startMainThreadMetrics, takeDecodeCounts, type DecodeCounts, type Mark } from './lib/pageCounts.js';
import { installProbe, tileRecords } from './lib/pageProbe.js';
import { openWallPlayback, watchShown } from './lib/playbackDriver.js';
import { allProcs, descendants, startSampling, type Grouping } from './lib/procSampler.js';
import { startThreadSampling } from './lib/threadSampler.js';
import { Report } from './lib/report.js';
import { median } from './lib/stats.js';
import { namedLayout } from '../preload/layouts.js';
import { openWallPage, shutDown, startConsole } from '../tests/e2e/harness.js';

const RECORD_S = Number(process.env.PLAYBACK_RECORD_S ?? 90);
const TRIALS = Number(process.env.PLAYBACK_TRIALS ?? 5);
const WINDOW_S = 10;
/** Seconds at 16× before the CPU window opens (the speed change's re-seek). */
const FAST_SETTLE_S = 2;
/** PLAYBACK_PROFILE=1: a JS profile of the page during the 16× window (its CPU figure then includes the profiler's). */
const PROFILE = process.env.PLAYBACK_PROFILE === '1';

const chromiumOnly: Grouping = (procs) => new Map([['chromium', descendants(process.pid, procs).filter((p) => /chromium/.test(p.cmdline))]]);
const chromiumProcs = () => chromiumOnly(allProcs()).get('chromium') ?? [];

/** Stages after "play at T", ms from the click: each mark's first `count` occurrences (one per tile). */
const STAGES = ['send recording.get', 'send playback.open', 'get asked', 'get answered', 'get first bytes', 'decoded first'] as const;

/** A window's counts per tile and second: what the CPU figure is spent on. */
function perTileSecond(counts: DecodeCounts, seconds: number): string {
  const f = (n: number) => (n / 4 / seconds).toFixed(1);
  const kb = (n: number) => (n / 4 / seconds / 1024).toFixed(0);
  return `${f(counts.key)} keyframes (${kb(counts.keyBytes)} KB) + ${f(counts.delta)} others (${kb(counts.deltaBytes)} KB) decoded, ${kb(counts.fetched)} KB of /get read`;
}

it('playback: first picture after "play at T", and 4 tiles at 16× against live', async () => {
  const report = new Report('playbackWall', { recordSeconds: RECORD_S, trials: TRIALS, windowSeconds: WINDOW_S });
  const clock = await startClockCamera(15);
  const wall = await startConsole(['--no-demo']);
  let browser;
  try {
    const added = await wall.call('cameras.add', { name: '时钟', mainUrl: clock.url });
    if (!added.ok) throw new Error(added.message);
    const cameraId = added.value.id;
    const state = await wall.call('recording.get');
    if (!state.ok) throw new Error(state.message);
    await wall.call('recording.set', { ...state.value.settings, cameras: [{ cameraId, profile: 'main', days: 1 }], minFreeGb: 0.1 });
    await wall.call('wall.set', { layout: namedLayout('4')!, tiles: [cameraId, cameraId, cameraId, cameraId] });
    const opened = await openWallPage(wall.url, async (p) => {
      await installProbe(p, [cameraId]);
      await installDecodeCounts(p);
    });
    browser = opened.browser;
    const page = opened.page;
    const recordStart = Date.now();
    await page.waitForTimeout(RECORD_S * 1000);

    // Live: four tiles for a window.
    let sampler = startSampling(chromiumOnly, 1000);
    let threads = startThreadSampling(chromiumProcs);
    await takeDecodeCounts(page);
    let mainThread = await startMainThreadMetrics(page);
    const live = await watchShown(page, WINDOW_S * 1000);
    const liveMain = await mainThread.stop();
    const liveCpu = sampler.stop().chromium?.cpuPct ?? NaN;
    const liveThreads = threads.stop();
    const liveCounts = await takeDecodeCounts(page);

    // "Play at T" → first picture, per tile.
    const firsts: number[] = [];
    const stages = new Map<string, number[]>(STAGES.map((name) => [name, []]));
    for (let trial = 0; trial < TRIALS; trial++) {
      const T = Math.floor((recordStart + 10_000 + (trial * (RECORD_S - 30) * 1000) / TRIALS) / 1000) * 1000;
      const clicked = await openWallPlayback(page, T);
      const deadline = Date.now() + 15_000;
      let records = await tileRecords(page);
      while (Date.now() < deadline && records.filter((r) => r.mountAt >= clicked && r.firstAt !== null).length < 4) {
        await page.waitForTimeout(50);
        records = await tileRecords(page);
      }
      for (const r of records.filter((r) => r.mountAt >= clicked && r.firstAt !== null)) firsts.push(r.firstAt! - clicked);
      const marks: Mark[] = await marksSince(page, clicked);
      for (const name of STAGES) stages.get(name)!.push(...marks.filter((m) => m.name === name).slice(0, 4).map((m) => m.at - clicked));
      if (trial < TRIALS - 1) {
        await page.getByTestId('playback-live').click();
        await page.waitForTimeout(3000);
      }
    }

    // 16×: keyframes only, decoded at a fixed rate whatever the speed. From the recording's start,
    // and only as long as the recording lasts at 16× (it must not run past its end).
    await page.getByTestId('playback-live').click();
    await page.waitForTimeout(3000);
    await openWallPlayback(page, Math.ceil((recordStart + 5000) / 1000) * 1000);
    await page.waitForTimeout(1000);
    for (let i = 0; i < 4; i++) await page.keyboard.press(']');
    // The speed change re-seeks every tile (keyframes only from here): let that settle before the
    // window, so the figure is the steady cost of 16×, not the re-seek's.
    const fastSeconds = Math.max(1, Math.min(WINDOW_S, Math.floor((RECORD_S - 10) / 16) - 1 - FAST_SETTLE_S));
    await page.waitForTimeout(FAST_SETTLE_S * 1000);
    sampler = startSampling(chromiumOnly, 500);
    threads = startThreadSampling(chromiumProcs);
    await takeDecodeCounts(page);
    mainThread = await startMainThreadMetrics(page);
    let fast: Awaited<ReturnType<typeof watchShown>> = [];
    const profiled = PROFILE ? await profileDuring(page, async () => void (fast = await watchShown(page, fastSeconds * 1000))) : [];
    if (!PROFILE) fast = await watchShown(page, fastSeconds * 1000);
    const fastMain = await mainThread.stop();
    if (PROFILE) console.log(`\nJS self time at 16× over ${fastSeconds} s (CDP profiler, so the CPU figures of this run are not the real ones):\n${profiled.join('\n')}`);
    const fastCpu = sampler.stop().chromium?.cpuPct ?? NaN;
    const fastThreads = threads.stop();
    const fastCounts = await takeDecodeCounts(page);

    const perTile = (shown: { index: number }[], seconds = WINDOW_S) => [0, 1, 2, 3].map((i) => shown.filter((s) => s.index === i).length / seconds);
    const sorted = [...firsts].sort((a, b) => a - b);
    report.add(
      [
        '| metric | figure |',
        '|---|---|',
        `| "play at T" → first picture, p50 / max (${firsts.length} tiles, ${TRIALS} trials) | ${Math.round(median(sorted))} ms / ${Math.round(sorted.at(-1) ?? NaN)} ms |`,
        `| 4 tiles live: Chromium CPU, pictures/s per tile | ${liveCpu.toFixed(0)} % of a core, ${perTile(live).map((n) => n.toFixed(1)).join(' / ')} |`,
        `| 4 tiles at 16× (${fastSeconds} s): Chromium CPU, pictures/s per tile | ${fastCpu.toFixed(0)} % of a core, ${perTile(fast, fastSeconds).map((n) => n.toFixed(1)).join(' / ')} |`,
        `| live, per tile and second | ${perTileSecond(liveCounts, WINDOW_S)} |`,
        `| 16×, per tile and second | ${perTileSecond(fastCounts, fastSeconds)} |`,
      ].join('\n'),
    );
    const ms = (values: number[]) => (values.length ? `${Math.round(median([...values].sort((a, b) => a - b)))} / ${Math.round(Math.max(...values))}` : '—');
    report.add(
      [
        '"Play at T", ms from the click to each stage, p50 / max over the tiles:',
        '',
        '| stage | ms |',
        '|---|---|',
        ...STAGES.map((name) => `| ${name} | ${ms(stages.get(name)!)} |`),
        `| first picture presented | ${ms(firsts)} |`,
      ].join('\n'),
    );
    const threadRows = (rows: { name: string; cpuPct: number }[]) => rows.slice(0, 12).map((r) => `${r.name} ${r.cpuPct.toFixed(1)}`).join('; ');
    report.add(['Chromium CPU by thread, % of a core (4 tiles):', '', `- live: ${threadRows(liveThreads)}`, `- 16×: ${threadRows(fastThreads)}`, '', 'The page\'s main thread (Chromium\'s Performance metrics, % of a core):', '', `- live: ${liveMain}`, `- 16×: ${fastMain}`].join('\n'));
    report.finish({ firsts, liveCpu, fastCpu, fastSeconds, live: perTile(live), fast: perTile(fast, fastSeconds), stages: Object.fromEntries(stages), liveThreads, fastThreads, liveCounts, fastCounts, liveMain, fastMain });
  } finally {
    await shutDown(browser, wall, clock);
  }
});
