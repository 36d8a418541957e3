/**
 * Main's CPU for pulled and recorded 720p25 sessions, with nothing else in the process
 * (`BENCH_ONLY=sessionCpu npm run bench`): issue 17's "whole recorded feed ≤ 1 % of a core",
 * split into the session's fan-out and the recorder. `process.cpuUsage` over each window, with no
 * /proc sampler running beside it (record.bench.ts samples /proc 4 times a second, which costs
 * this process about 3 % of a core, more than four feeds' fan-out, and varies with how many
 * processes the machine has); the sessions' ffmpeg from /proc at the window's two ends only.
 * CPU time consumed holds up on a loaded machine far better than latency does; say the load.
 *
 * Windows one after another: nothing running; the sessions pulled by a viewer that keeps nothing;
 * the same sessions with a recorder as their only viewer. With SESSION_CPU_PROFILE_DIR, each
 * window is followed by one of the same length under the V8 profiler (not counted: profiling
 * costs CPU itself), written there and summarised by its top self-time functions.
 *
 * Knobs: SESSION_CPU_FEEDS (1), SESSION_CPU_WINDOW_S (60), SESSION_CPU_MODES (idle,pulled,recorded).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session as InspectorSession } from 'node:inspector/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { CameraRecorder } from '../main/recording/cameraRecorder.js';
import { silentLogger } from '../main/lib/logger.js';
import type { StreamEngine } from '../main/engine/session/streamEngine.js';
import { MAIN_STREAM } from '../tests/fixtures/media.js';
import { startRtspFixture, type RtspFixture } from '../tests/fixtures/rtspFixture.js';
import { EngineHarness, avc, waitForStatus } from '../tests/integration/engineHarness.js';
import { selfTimes, type CpuProfile } from './lib/cpuProfileTop.js';
import { CLK_TCK, cpuAndStart, descendants } from './lib/procSampler.js';
import { NullViewer } from './lib/recordFeeds.js';

const num = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}: expected a positive number`);
  return value;
};
const FEEDS = num('SESSION_CPU_FEEDS', 1);
const WINDOW_S = num('SESSION_CPU_WINDOW_S', 60);
const MODES = new Set((process.env.SESSION_CPU_MODES ?? 'idle,pulled,recorded').split(',').map((m) => m.trim()));
const PROFILE_DIR = process.env.SESSION_CPU_PROFILE_DIR ?? null;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (value: number) => value.toFixed(2);

/** This process's ffmpeg children that are not the fixture's: the sessions' ingests. */
function sessionFfmpegs(fixture: RtspFixture): number[] {
  const fixturePids = new Set(descendants(fixture.pid).map((p) => p.pid));
  return descendants(process.pid)
    .filter((p) => p.pid !== process.pid && !fixturePids.has(p.pid) && /ffmpeg/.test(p.cmdline))
    .map((p) => p.pid);
}

interface Window {
  mainPct: number;
  /** Of mainPct, what the kernel spent for it (reads, writes, page faults). */
  systemPct: number;
  ffmpegPct: number;
  load: [number, number];
  /** Each session's frame rate at the window's end (a session that stalled would show it). */
  fps: (number | null)[];
}

/** One window: this process's CPU, and the sessions' ffmpeg ticks between its two ends (% of one core). */
async function measure(fixture: RtspFixture | null, engine: StreamEngine | null = null): Promise<Window> {
  const pids = fixture ? sessionFfmpegs(fixture) : [];
  const ticksOf = () => pids.reduce((sum, pid) => sum + (cpuAndStart(pid)?.ticks ?? 0), 0);
  const load0 = loadavg()[0]!;
  const ticks0 = ticksOf();
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await sleep(WINDOW_S * 1000);
  const cpu = process.cpuUsage(cpu0);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const ticks = ticksOf() - ticks0;
  return { mainPct: ((cpu.user + cpu.system) / 1e6 / seconds) * 100, systemPct: (cpu.system / 1e6 / seconds) * 100, ffmpegPct: (ticks / CLK_TCK / seconds) * 100, load: [load0, loadavg()[0]!], fps: engine ? engine.statuses().map((s) => s.fps) : [] };
}

/** A window of the same length under the V8 profiler: written to PROFILE_DIR, its top self times printed. */
async function profile(name: string): Promise<void> {
  if (!PROFILE_DIR) return;
  mkdirSync(PROFILE_DIR, { recursive: true });
  const inspector = new InspectorSession();
  inspector.connect();
  try {
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.start');
    await sleep(WINDOW_S * 1000);
    const { profile: taken } = (await inspector.post('Profiler.stop')) as { profile: CpuProfile };
    const file = join(PROFILE_DIR, `${name}.cpuprofile`);
    writeFileSync(file, JSON.stringify(taken));
    const lines = selfTimes(taken, 20).map((s) => `  ${s.ms.toFixed(0).padStart(6)} ms ${s.pct.toFixed(1).padStart(5)} %  ${s.what}`);
    console.log(`session-cpu: ${name} profile (${file}), self time, of the time not idle:\n${lines.join('\n')}`);
  } finally {
    inspector.disconnect();
  }
}

function report(name: string, w: Window, idle: Window | null): void {
  const lessIdle = idle ? w.mainPct - idle.mainPct : w.mainPct;
  console.log(
    `session-cpu: ${name}, ${FEEDS} feed(s) of 720p25, ${WINDOW_S} s: main ${pct(w.mainPct)} % (system ${pct(w.systemPct)})` +
      `${idle ? `, less idle ${pct(lessIdle)} %` : ''} = ${pct(lessIdle / FEEDS)} % a feed; ` +
      `ffmpeg ${pct(w.ffmpegPct / FEEDS)} % a feed; load ${w.load[0].toFixed(2)} → ${w.load[1].toFixed(2)}; fps at the end ${w.fps.join(', ') || '–'}`,
  );
}

async function liveAll(engine: StreamEngine, mounts: string[]): Promise<void> {
  await Promise.all(mounts.map((mount) => waitForStatus(engine, mount, (s) => s.state === 'live', 30_000)));
}

it('session CPU: main and its ffmpeg per pulled and per recorded 720p25 feed', async () => {
  const mounts = Array.from({ length: FEEDS }, (_, i) => `hd${String(i + 1).padStart(2, '0')}`);
  const fixture = await startRtspFixture(mounts.map((name) => ({ name, size: MAIN_STREAM })));
  const engines = new EngineHarness();
  const folder = mkdtempSync(join(tmpdir(), 'vw-bench-session-cpu-'));
  try {
    let idle: Window | null = null;
    if (MODES.has('idle')) {
      idle = await measure(null);
      report('idle', idle, null);
    }
    const engine = engines.create(Object.fromEntries(mounts.map((mount) => [mount, fixture.url(mount)])));
    const detach = mounts.map((mount) => engine.attach(avc(mount), new NullViewer()));
    await liveAll(engine, mounts);
    await sleep(3000);
    if (MODES.has('pulled')) {
      report('pulled, not recording', await measure(fixture, engine), idle);
      await profile('pulled');
    }
    if (!MODES.has('recorded')) return;
    // The recorders attach before the viewers leave, so the sessions carry on (as in record.bench.ts).
    const recorders = mounts.map((mount) => new CameraRecorder({ engine, cameraId: mount, profile: 'main', folder, log: silentLogger, segmentMs: 60_000 }));
    for (const recorder of recorders) recorder.start();
    for (const off of detach) off();
    const deadline = Date.now() + 30_000;
    while (recorders.some((r) => !r.recording) && Date.now() < deadline) await sleep(100);
    await sleep(2000);
    report('recording, nothing else viewing', await measure(fixture, engine), idle);
    await profile('recorded');
    await Promise.all(recorders.map((recorder) => recorder.stop()));
  } finally {
    await engines.closeAll();
    await fixture.close();
    rmSync(folder, { recursive: true, force: true });
  }
});
