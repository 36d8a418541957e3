/**
 * The recording bench's tables (issue 17), pure so they are tested on made-up runs: CPU per
 * recorded feed, disk overhead over the stream's own bytes, index query times, and the wall's
 * latency with recording off and on — each beside the plain peer a township could run instead,
 * the floor, the differences, and the targets.
 */
import { distribution, median } from './stats.js';
import { markdownTable } from './table.js';
import { atMost, withTargets, type Check } from './targets.js';

export const TARGETS = {
  /** % of one core per recorded feed, main and ffmpeg together. */
  cpuPerFeedPct: atMost(1),
  /** % over the stream's own bytes. */
  diskOverheadPct: atMost(3),
  queryMs: atMost(100),
  /** ms between the wall recording and not, at p50 and at p95. */
  wallDeltaMs: atMost(10),
};

const f = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const signed = (value: number, digits = 2) => (Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${value.toFixed(digits)}` : '–');

/** One run of the CPU windows; every figure is % of one core over its window, all feeds together. */
export interface CpuRun {
  feeds: number;
  /** This process with nothing running: what its own sampling costs. */
  idleMain: number;
  floorFfmpeg: number;
  peerMp4Ffmpeg: number;
  peerTsFfmpeg: number;
  /** Sessions kept up by a viewer that records nothing (a wall's pull). */
  pullIngest: number;
  pullMain: number;
  /** Sessions with a recorder as their only viewer (the township's headless recorder). */
  recIngest: number;
  recWriter: number;
  recMain: number;
}

interface CpuRow {
  subject: string;
  ffmpeg: number;
  main: number;
  target: boolean;
}

function cpuRows(run: CpuRun): CpuRow[] {
  const per = (value: number) => value / run.feeds;
  return [
    { subject: 'floor: ffmpeg -c copy -f null (reading RTSP alone)', ffmpeg: per(run.floorFfmpeg), main: 0, target: false },
    { subject: 'peer: ffmpeg -c copy -f segment, MP4', ffmpeg: per(run.peerMp4Ffmpeg), main: 0, target: false },
    { subject: 'peer: ffmpeg -c copy -f segment, MPEG-TS', ffmpeg: per(run.peerTsFfmpeg), main: 0, target: false },
    { subject: 'console: recording, nothing else viewing (ingest + writer + main)', ffmpeg: per(run.recIngest + run.recWriter), main: per(run.recMain - run.idleMain), target: true },
    { subject: 'console: session pulled, not recording (ingest + main)', ffmpeg: per(run.pullIngest), main: per(run.pullMain - run.idleMain), target: false },
    { subject: "console: recording's own share on a pulled session (writer + main)", ffmpeg: per(run.recWriter), main: per(run.recMain - run.pullMain), target: true },
  ];
}

/** CPU per feed, median across runs; the console's rows against the floor and the MP4 peer. */
export function cpuTable(runs: readonly CpuRun[]): string {
  if (runs.length === 0) return markdownTable('CPU per recorded feed', ['subject'], [], ['no runs']);
  const perRun = runs.map(cpuRows);
  const mid = (pick: (row: CpuRow) => number, i: number) => median(perRun.map((rows) => pick(rows[i]!)));
  const total = (row: CpuRow) => row.ffmpeg + row.main;
  const floor = mid(total, 0);
  const peer = mid(total, 1);
  const rows: string[][] = [];
  const checks: Check[][] = [];
  perRun[0]!.forEach((row, i) => {
    const sum = mid(total, i);
    const isConsole = i >= 3;
    rows.push([row.subject, f(mid((r) => r.ffmpeg, i)), isConsole ? f(mid((r) => r.main, i)) : '–', f(sum), i === 0 ? '–' : signed(sum - floor), i === 1 ? '–' : signed(sum - peer)]);
    checks.push(row.target ? [{ what: '% per feed', value: sum, target: TARGETS.cpuPerFeedPct }] : []);
  });
  const table = withTargets(['subject', 'ffmpeg % / feed', 'main % / feed', 'total % / feed', '− floor', '− peer (MP4)'], rows, checks);
  return markdownTable(`CPU per recorded feed, % of one core (${runs[0]!.feeds} feeds, median of ${runs.length} run${runs.length === 1 ? '' : 's'})`, table.header, table.rows, [
    table.tally,
    "main: this process's CPU (process.cpuUsage) in the window, less the same with nothing running; ffmpeg: /proc ticks of the processes, a writer started in the window counted from its start.",
  ]);
}

/** What one way of storing the stream left on disk, against the bytes of the stream itself. */
export interface DiskFigures {
  subject: string;
  /** Media files (segments). */
  files: number;
  fileBytes: number;
  /** Sidecars, index files: what is not media. */
  indexBytes: number;
  /** The H.264 elementary stream in those files: ffprobe's packet sizes, summed. */
  streamBytes: number;
  /** Seconds of video in them (packets over the frame rate). */
  seconds: number;
  /** The console's row, held to the target. */
  target?: boolean;
}

export const overheadPct = (d: DiskFigures) => ((d.fileBytes + d.indexBytes) / d.streamBytes - 1) * 100;

export function diskTable(figures: readonly DiskFigures[], feeds: number): string {
  const floor = figures.find((d) => d.subject.startsWith('floor'));
  const rows = figures.map((d) => [
    d.subject,
    String(d.files),
    f(d.seconds / feeds, 1),
    f((d.streamBytes * 8) / Math.max(d.seconds, 0.001) / 1000, 0),
    String(d.fileBytes + d.indexBytes),
    String(d.indexBytes),
    f(overheadPct(d)),
    floor && d !== floor ? signed(overheadPct(d) - overheadPct(floor)) : '–',
  ]);
  const checks = figures.map((d) => (d.target ? [{ what: 'overhead %', value: overheadPct(d), target: TARGETS.diskOverheadPct }] : []));
  const table = withTargets(['subject', 'files', 's / feed', 'stream kbit/s', 'bytes on disk', 'of which index', 'overhead %', '− floor'], rows, checks);
  return markdownTable(`Disk over the stream's own bytes (${feeds} feeds, same windows as the CPU)`, table.header, table.rows, [
    table.tally,
    'overhead: (media + index bytes) / (H.264 bytes in the same files, ffprobe packet sizes) − 1; the floor is the raw Annex B stream (start codes only).',
  ]);
}

/** Times of one query, ms, for the console's path, the plain peer and the floor. */
export interface QueryTiming {
  what: string;
  /** How many segments (or spans) each answered with: they must agree. */
  found: { console: number; peer: number; floor: number };
  console: number[];
  peer: number[];
  floor: number[];
  /** Held to the query target (start-up work is reported, not held). */
  target: boolean;
}

const p50max = (ms: readonly number[]) => {
  const d = distribution(ms);
  return d.n === 0 ? '–' : `${f(d.p50, 1)} (${f(d.max, 1)})`;
};

export function indexTable(timings: readonly QueryTiming[], shape: string): string {
  const rows = timings.map((t) => [
    t.what,
    t.found.console === t.found.peer && t.found.peer === t.found.floor ? String(t.found.console) : `${t.found.console} / ${t.found.peer} / ${t.found.floor}`,
    p50max(t.console),
    p50max(t.peer),
    p50max(t.floor),
    signed(median(t.console) - median(t.floor), 1),
  ]);
  const checks = timings.map((t) => (t.target ? [{ what: 'p50 ms', value: median(t.console), target: TARGETS.queryMs }] : []));
  const table = withTargets(['query', 'found', 'console ms p50 (max)', 'peer: readdir + names', 'floor: sorted array', 'console − floor'], rows, checks);
  return markdownTable(`Index queries, ${shape}`, table.header, table.rows, [
    table.tally,
    'found: segments (spans for /list); "a / b / c" where console, peer and floor disagree. The peer reads names only (no end times, no gaps, no activity).',
  ]);
}

/** One window of the playing wall with recording off or on. */
export interface WallWindow {
  recording: boolean;
  glass: number[];
  remux: number[];
  fpsMin: number;
  consolePct: number;
  ffmpegPct: number;
  ffmpegProcesses: number;
  machinePct: number;
}

export function wallTable(windows: readonly WallWindow[], tiles: number): string {
  const rows = windows.map((w, i) => {
    const g = distribution(w.glass);
    return [`${i + 1}: recording ${w.recording ? 'on' : 'off'}`, String(g.n), f(g.p50, 0), f(g.p95, 0), f(median(w.remux), 0), f(w.fpsMin, 1), f(w.consolePct, 0), f(w.ffmpegPct, 0), String(w.ffmpegProcesses), f(w.machinePct, 0)];
  });
  const pooled = (on: boolean) => distribution(windows.filter((w) => w.recording === on).flatMap((w) => w.glass));
  const off = pooled(false);
  const on = pooled(true);
  const remux = (on: boolean) => median(windows.filter((w) => w.recording === on).flatMap((w) => w.remux));
  const summary = ['on − off (pooled samples)', `${on.n} / ${off.n}`, signed(on.p50 - off.p50, 0), signed(on.p95 - off.p95, 0), signed(remux(true) - remux(false), 0), '', '', '', '', ''];
  const checks: Check[][] = [
    ...windows.map(() => []),
    [
      { what: '|Δ p50|', value: Math.abs(on.p50 - off.p50), target: TARGETS.wallDeltaMs },
      { what: '|Δ p95|', value: Math.abs(on.p95 - off.p95), target: TARGETS.wallDeltaMs },
    ],
  ];
  const table = withTargets(['window', 'samples', 'glass p50 ms', 'p95 ms', 'remux floor p50', 'fps min', 'console %', 'ffmpeg %', 'ffmpeg procs', 'machine %'], [...rows, summary], checks);
  return markdownTable(`The ${tiles}-tile wall's clock tile, recording all ${tiles} cameras off and on`, table.header, table.rows, [
    table.tally,
    'glass: the clock tile, camera to screen. The remux floor is the console-like ingest decoded by GStreamer, started afresh for each window. CPU in % of one core.',
  ]);
}
