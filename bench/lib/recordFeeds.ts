/**
 * Recording N feeds of a 720p25 camera: what it costs in CPU and on disk, beside the plain peer
 * (`ffmpeg -c copy -f segment`, what a clerk could script) and the floor (reading the stream
 * alone). The recorder runs in this process on a real StreamEngine, as it runs in main, so its
 * share of main is this process's CPU less the same windows without it.
 *
 * Windows, one after another: nothing running; the floor; the sessions pulled by a viewer that
 * records nothing; the sessions with a recorder as their only viewer; the peers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CameraRecorder } from '../../main/recording/cameraRecorder.js';
import { segmentFolder, SIDECAR_SUFFIX } from '../../main/recording/segmentName.js';
import { silentLogger } from '../../main/lib/logger.js';
import type { Viewer } from '../../main/engine/session/session.js';
import type { RtspFixture } from '../../tests/fixtures/rtspFixture.js';
import { EngineHarness, FFMPEG, avc, waitForStatus } from '../../tests/integration/engineHarness.js';
import { descendants, type Grouping } from './procSampler.js';
import type { CpuRun, DiskFigures } from './recordTables.js';
import { startWindowCpu, type WindowCpu } from './windowCpu.js';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface FeedOptions {
  fixture: RtspFixture;
  /** Fixture mounts, one per feed. */
  mounts: string[];
  /** Where every window writes its files. */
  dir: string;
  windowSeconds: number;
  segmentMs: number;
  fps: number;
}

/** A viewer that throws what it is sent away: a pull kept up without recording. */
export class NullViewer implements Viewer {
  readonly backlog = 0;
  send(): void {}
  end(): void {}
}

const RTSP_IN = (url: string) => ['-hide_banner', '-loglevel', 'error', '-rtsp_transport', 'tcp', '-i', url, '-map', '0:v:0', '-c', 'copy'];

/** What a clerk could script: one ffmpeg per camera, 60 s segments of MP4 or MPEG-TS. */
export const peerArgs = (url: string, dir: string, format: 'mp4' | 'mpegts', segmentSeconds: number) => [
  ...RTSP_IN(url), '-f', 'segment', '-segment_time', String(segmentSeconds), '-segment_format', format, '-reset_timestamps', '1',
  join(dir, `seg%05d.${format === 'mp4' ? 'mp4' : 'ts'}`),
];

function spawnAll(argsList: string[][]): ChildProcess[] {
  return argsList.map((args) => {
    const child = spawn(FFMPEG!, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.resume();
    return child;
  });
}

/** SIGINT lets ffmpeg finish its file (an MP4's index at the end); waits for every one to exit. */
async function interrupt(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => (clearTimeout(force), resolve()));
          child.kill('SIGINT');
        }),
    ),
  );
}

const pidsOf = (children: ChildProcess[]) => children.map((c) => c.pid).filter((p): p is number => p !== undefined);

/** The bench's own ffmpeg children by role; the fixture's processes are not counted. */
function grouping(fixture: RtspFixture, spawned: Record<string, ChildProcess[]>): Grouping {
  return (procs) => {
    const fixturePids = new Set(descendants(fixture.pid, procs).map((p) => p.pid));
    const mine = descendants(process.pid, procs).filter((p) => p.pid !== process.pid && !fixturePids.has(p.pid) && /ffmpeg/.test(p.cmdline));
    const named = new Set(Object.values(spawned).flatMap(pidsOf));
    const groups = new Map(Object.entries(spawned).map(([name, children]) => [name, mine.filter((p) => pidsOf(children).includes(p.pid))]));
    const engine = mine.filter((p) => !named.has(p.pid));
    // A segment writer ffmpeg read the session's FLV or MPEG-TS on stdin; main writes the fMP4 now, so the row shows 0 unless one comes back.
    const isWriter = (p: { cmdline: string }) => / -f (flv|mpegts) -i pipe:0 /.test(p.cmdline);
    groups.set('writer', engine.filter(isWriter));
    groups.set('ingest', engine.filter((p) => !isWriter(p)));
    return groups;
  };
}

async function measure(fixture: RtspFixture, spawned: Record<string, ChildProcess[]>, seconds: number): Promise<WindowCpu> {
  const window = startWindowCpu(grouping(fixture, spawned));
  await sleep(seconds * 1000);
  return window.stop();
}

/** ffprobe's packets of the first video stream: how many, and their bytes. */
async function packets(file: string): Promise<{ count: number; bytes: number }> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=size', '-of', 'csv=p=0', file], { maxBuffer: 64 * 1024 * 1024 });
  // parseInt: a TS packet's side data adds a trailing comma and an empty line.
  const sizes = stdout.split('\n').map((line) => Number.parseInt(line, 10)).filter((n) => n > 0);
  return { count: sizes.length, bytes: sizes.reduce((a, b) => a + b, 0) };
}

/** Media files (by extension) and index files under `dirs`, measured against their own packets. */
async function diskOf(subject: string, dirs: string[], media: RegExp, fps: number, target = false): Promise<DiskFigures> {
  const figures: DiskFigures = { subject, files: 0, fileBytes: 0, indexBytes: 0, streamBytes: 0, seconds: 0, target };
  for (const dir of dirs) {
    for (const file of readdirSync(dir)) {
      const path = join(dir, file);
      if (file.endsWith(SIDECAR_SUFFIX)) figures.indexBytes += statSync(path).size;
      if (!media.test(file)) continue;
      const p = await packets(path);
      figures.files += 1;
      figures.fileBytes += statSync(path).size;
      figures.streamBytes += p.bytes;
      figures.seconds += p.count / fps;
    }
  }
  return figures;
}

export interface FeedResult {
  cpu: CpuRun;
  disk: DiskFigures[];
  /** Segments the console closed, and how each ended. */
  segments: { path: string | null; endReason: string }[];
}

export async function measureFeeds(opts: FeedOptions, runIndex: number, log: (line: string) => void): Promise<FeedResult> {
  const { fixture, mounts, windowSeconds: seconds, fps } = opts;
  const urls = mounts.map((mount) => fixture.url(mount));
  const base = join(opts.dir, `run${runIndex}`);
  const dirOf = (name: string, i: number) => {
    const dir = join(base, name, String(i));
    mkdirSync(dir, { recursive: true });
    return dir;
  };

  const idle = await measure(fixture, {}, Math.min(seconds, 15));
  log(`record: run ${runIndex}, idle: this process ${idle.selfPct.toFixed(2)} %`);

  const floorDirs = mounts.map((_, i) => dirOf('floor', i));
  const floor = spawnAll(urls.map((url) => [...RTSP_IN(url), '-f', 'null', '-']));
  // The floor's bytes: the same stream as raw Annex B, from clients of their own (not in the CPU figure).
  const floorFiles = spawnAll(urls.map((url, i) => [...RTSP_IN(url), '-f', 'h264', join(floorDirs[i]!, 'stream.h264')]));
  await sleep(3000);
  const floorCpu = await measure(fixture, { floor, floorFiles }, seconds);
  await interrupt([...floor, ...floorFiles]);
  log(`record: run ${runIndex}, floor: ${floorCpu.groups.floor?.toFixed(2)} % for ${mounts.length} feeds`);

  const engines = new EngineHarness();
  let pull: WindowCpu;
  let rec: WindowCpu;
  const recordFolder = join(base, 'console');
  const segments: FeedResult['segments'] = [];
  try {
    const engine = engines.create(Object.fromEntries(mounts.map((mount, i) => [mount, urls[i]!])));
    const detach = mounts.map((mount) => engine.attach(avc(mount), new NullViewer()));
    await Promise.all(mounts.map((mount) => waitForStatus(engine, mount, (s) => s.state === 'live', 30_000)));
    await sleep(3000);
    pull = await measure(fixture, {}, seconds);
    log(`record: run ${runIndex}, pulled: ingest ${pull.groups.ingest?.toFixed(2)} %, this process ${pull.selfPct.toFixed(2)} %`);
    // The recorders attach before the viewers leave, so the sessions (and their warm pulls) carry on.
    const recorders = mounts.map(
      (mount) => new CameraRecorder({ engine, cameraId: mount, profile: 'main', folder: recordFolder, log: silentLogger, segmentMs: opts.segmentMs }),
    );
    for (const recorder of recorders) {
      recorder.onSegmentClosed(({ path, endReason }) => segments.push({ path, endReason }));
      recorder.start();
    }
    for (const off of detach) off();
    const deadline = Date.now() + 30_000;
    while (recorders.some((r) => !r.recording) && Date.now() < deadline) await sleep(100);
    await sleep(2000);
    rec = await measure(fixture, {}, seconds);
    await Promise.all(recorders.map((recorder) => recorder.stop()));
    log(`record: run ${runIndex}, recording: ingest ${rec.groups.ingest?.toFixed(2)} %, writers ${rec.groups.writer?.toFixed(2)} %, this process ${rec.selfPct.toFixed(2)} %`);
  } finally {
    await engines.closeAll();
  }

  const mp4Dirs = mounts.map((_, i) => dirOf('peer-mp4', i));
  const tsDirs = mounts.map((_, i) => dirOf('peer-ts', i));
  const segmentSeconds = Math.round(opts.segmentMs / 1000);
  const peerMp4 = spawnAll(urls.map((url, i) => peerArgs(url, mp4Dirs[i]!, 'mp4', segmentSeconds)));
  const peerTs = spawnAll(urls.map((url, i) => peerArgs(url, tsDirs[i]!, 'mpegts', segmentSeconds)));
  await sleep(3000);
  const peer = await measure(fixture, { peerMp4, peerTs }, seconds);
  await interrupt([...peerMp4, ...peerTs]);
  log(`record: run ${runIndex}, peers: MP4 ${peer.groups.peerMp4?.toFixed(2)} %, TS ${peer.groups.peerTs?.toFixed(2)} %`);

  const g = (w: WindowCpu, name: string) => w.groups[name] ?? 0;
  const cpu: CpuRun = {
    feeds: mounts.length,
    idleMain: idle.selfPct,
    floorFfmpeg: g(floorCpu, 'floor'),
    peerMp4Ffmpeg: g(peer, 'peerMp4'),
    peerTsFfmpeg: g(peer, 'peerTs'),
    pullIngest: g(pull, 'ingest'),
    pullMain: pull.selfPct,
    recIngest: g(rec, 'ingest'),
    recWriter: g(rec, 'writer'),
    recMain: rec.selfPct,
  };
  const consoleDirs = mounts.map((mount) => segmentFolder(recordFolder, mount, 'main'));
  const disk = [
    await diskOf('floor: raw H.264 (Annex B)', floorDirs, /\.h264$/, fps),
    await diskOf('console: fMP4 segments + sidecars', consoleDirs, /\.mp4$/, fps, true),
    await diskOf('peer: MP4 segments', mp4Dirs, /\.mp4$/, fps),
    await diskOf('peer: MPEG-TS segments', tsDirs, /\.ts$/, fps),
  ];
  return { cpu, disk, segments };
}
