/** Tables of the scale bench: latency against the floor, main-side cost per feed, renderer cost per tile. */
import { acrossRuns, distribution, median } from './stats.js';
import { markdownTable } from './table.js';
import { atLeast, atMost, judged, withTargets, type Check } from './targets.js';
import type { PeerName } from './settings.js';
import type { WindowResult } from './window.js';

export interface Measurement extends WindowResult {
  run: number;
  size: number;
  tilesLive: number;
  /** The console's player for this wall, WebCodecs (低延迟) or mpegts.js (兼容), or one of the plain peer pages. */
  player: 'webcodecs' | 'mpegts' | PeerName;
}

/** How a table names what it measured. */
export const PLAYER_LABEL = {
  webcodecs: 'console, WebCodecs player (低延迟)',
  mpegts: 'console, mpegts.js player (兼容)',
  peer: 'plain peer: ffmpeg -c copy per tile → WebSocket → mpegts.js with liveSync',
  wcpeer: 'WebCodecs peer: ffmpeg -c copy per tile → WebSocket → FLV tags → VideoDecoder (optimizeForLatency) → each frame at once to a <video> (MediaStreamTrackGenerator)',
  wccanvas: 'WebCodecs canvas peer: the same, each frame drawn at once on a 2D canvas (compositor output only)',
  wctile: "WebCodecs peer in the console's tile box: the <video> peer with a bordered, rounded, clipped tile, a name bar and a standby <video> under it",
} as const;

/** Short names for the side-by-side table's columns. */
const SHORT_LABEL: Record<Measurement['player'], string> = {
  webcodecs: 'console WebCodecs',
  mpegts: 'console mpegts.js',
  peer: 'mpegts.js peer',
  wcpeer: 'WebCodecs peer (<video>)',
  wccanvas: 'WebCodecs peer (canvas)',
  wctile: 'WebCodecs peer in our tile box',
};

const bySize = (ms: Measurement[], size: number) => ms.filter((m) => m.size === size);
const cpu = (m: Measurement, group: string) => m.cost[group]?.cpuPct ?? NaN;
const priv = (m: Measurement, group: string) => m.cost[group]?.privateMb ?? NaN;
const pss = (m: Measurement, group: string) => m.cost[group]?.pssMb ?? NaN;
const procs = (m: Measurement, group: string) => m.cost[group]?.processes ?? 0;

/** docs/benchmarks.md: p50 − floor ≤ 150 ms at 1 and 4 tiles, ≤ 300 at 9; nothing written for larger walls. */
const aboveFloorTarget = (size: number) => (size <= 4 ? atMost(150) : size <= 9 ? atMost(300) : null);
/** Issue 16, against the remux floor: p50 ≤ floor + 25 ms at 1–9 tiles; p50 ≤ + 80 and p95 ≤ + 250 at 16. */
const aboveRemuxP50Target = (size: number) => (size <= 9 ? atMost(25) : atMost(80));
const aboveRemuxP95Target = (size: number) => (size <= 9 ? null : atMost(250));

/** Each size's targets, on the median across runs. */
function latencyChecks(runs: Measurement[], size: number): Check[] {
  const g = runs.map((m) => distribution(m.glass));
  const aboveFloor = aboveFloorTarget(size);
  const remuxP95 = aboveRemuxP95Target(size);
  const hasRemux = runs.some((m) => m.remux.length > 0);
  return [
    ...(aboveFloor ? [{ what: 'p50 − floor', value: median(runs.map((m, i) => g[i]!.p50 - median(m.floor))), target: aboveFloor }] : []),
    ...(hasRemux ? [{ what: 'p50 − remux floor', value: median(runs.map((m, i) => g[i]!.p50 - median(m.remux))), target: aboveRemuxP50Target(size) }] : []),
    ...(hasRemux && remuxP95 ? [{ what: 'p95 − remux floor', value: median(runs.map((m, i) => g[i]!.p95 - median(m.remux))), target: remuxP95 }] : []),
    { what: 'p95 − p50', value: median(g.map((d) => d.p95 - d.p50)), target: atMost(100) },
    // issue 16: every tile at 1–16 sub-stream tiles keeps ≥ 14 of 15 fps.
    { what: 'fps min tile', value: median(runs.map((m) => m.fpsMin)), target: atLeast(14) },
  ];
}

export function latencyTable(ms: Measurement[], sizes: number[], label = ''): string {
  const rows = sizes.map((size) => {
    const runs = bySize(ms, size);
    const g = runs.map((m) => distribution(m.glass));
    const f = runs.map((m) => distribution(m.floor));
    const t = runs.map((m) => distribution(m.transport));
    const r = runs.map((m) => distribution(m.remux));
    const s = runs.map((m) => distribution(m.screen));
    const o = runs.map((m) => distribution(m.pageOutput));
    return [
      String(size),
      acrossRuns(g.map((d) => d.p50)),
      acrossRuns(g.map((d) => d.p95)),
      acrossRuns(g.map((d) => d.max)),
      acrossRuns(r.map((d) => d.p50)),
      acrossRuns(g.map((d, i) => d.p50 - r[i]!.p50)),
      acrossRuns(g.map((d, i) => d.p95 - r[i]!.p50)),
      acrossRuns(f.map((d) => d.p50)),
      acrossRuns(g.map((d, i) => d.p50 - f[i]!.p50)),
      acrossRuns(s.map((d) => d.p50)),
      acrossRuns(s.map((d, i) => d.p50 - r[i]!.p50)),
      acrossRuns(o.map((d) => d.p50)),
      acrossRuns(s.map((d, i) => d.p50 - o[i]!.p50 - r[i]!.p50)),
      acrossRuns(g.map((d) => d.p95 - d.p50)),
      acrossRuns(t.map((d) => d.p50)),
      acrossRuns(runs.map((m) => median(m.buffer))),
      acrossRuns(runs.map((m) => m.fpsMean), 1) + ' / ' + acrossRuns(runs.map((m) => m.fpsMin), 1),
      `${median(runs.map((m) => m.tilesLive))}/${size}`,
      acrossRuns(g.map((d) => d.n)),
    ];
  });
  const table = withTargets(
    ['tiles', 'p50', 'p95', 'max', 'remux floor p50', 'p50 − remux floor', 'p95 − remux floor', 'decoding floor p50', 'p50 − decoding floor', 'on output p50', 'on output − remux floor', "page's own output delay p50", 'on output − page delay − remux floor', 'p95 − p50', 'transport p50', 'player buffer p50', 'fps mean / min tile', 'live', 'samples'],
    rows,
    sizes.map((size) => latencyChecks(bySize(ms, size), size)),
  );
  return markdownTable(
    `Glass-to-glass latency (ms): the clock tile, against both floors measured at the same time${label ? ` — ${label}` : ''}`,
    table.header,
    table.rows,
    [
      table.tally,
      'Each cell: median across runs (min–max across runs). Per run: percentiles of every frame the clock tile presented in the window.',
      'remux floor: the console\'s ingest alone (ffmpeg -c copy RTSP → FLV, its flags) decoded by GStreamer, the lowest a player behind that ingest can reach. decoding floor: plain ffmpeg RTSP client decoding the clock camera (console ingest flags, 1 decoder thread, low_delay), about one frame above. transport: GStreamer RTSP client (no frame held back).',
      'player buffer: media the clock tile held ahead of the frame on screen (video.buffered end − the frame\'s media time), part of p50 − floor.',
      'on output: the clock tile read from the compositor\'s own output frames (CDP screencast for BENCH_SCREEN_S after the window, each new stamp at the swap time of the first frame showing it; bench/lib/screencast.ts). p50/p95 and the targets use requestVideoFrameCallback\'s expected display time, which for the WebCodecs <video> read up to a frame later than the output in some windows (issue 16, bench/stages.bench.ts). A second opinion for a quiet machine: on a loaded one the screencast itself lags, more the more tiles.',
      "page's own output delay: a second screencast as long, with a clock the page draws at every animation frame in a corner (bench/lib/screencast.ts startPageClock): how late anything the page shows reaches the output at this wall size, screencast included. on output − page delay − remux floor: what is left of the tile's output figure above the remux floor once that is taken off, the player's own part.",
      'Targets (docs/benchmarks.md: p50 − decoding floor; issue 16: p50 ≤ remux floor + 25 ms at 1–9 tiles, p50 ≤ + 80 and p95 ≤ + 250 at 16, fps), judged on the median across runs, not asserted.',
    ],
  );
}

/** The issue's own minimal WebCodecs pages: what any page reaches on this machine's output. */
const MINIMAL_PAGES: readonly Measurement['player'][] = ['wcpeer', 'wccanvas'];
/**
 * Issue 16's "+25 over the floor" on the compositor's output, against the floor a page reaches there:
 * the lower of the minimal WebCodecs pages in the same run (no page comes within +25 of the remux
 * floor on this machine's software-composited output). At 1–9 tiles; 16 tiles has its own rows.
 */
const ABOVE_MINIMAL_PAGE = atMost(25);

/** p50 − remux floor of each run's window on the output, median across runs; NaN without a figure. */
const outputAboveRemux = (runs: Measurement[]) => median(runs.filter((m) => m.screen.length > 0).map((m) => median(m.screen) - median(m.remux)));

/**
 * Every subject of one run against the same floors, one row per wall size: the clock tile's p50
 * above the remux floor as the probe reads it (requestVideoFrameCallback) and on the compositor's
 * output, each against the remux floor of its own window. With a minimal page in the run, the
 * console's output figure is also judged against the lower of them.
 */
export function sideBySideTable(ms: Measurement[], sizes: number[], subjects: Measurement['player'][]): string {
  const above = (runs: Measurement[], of: (m: Measurement) => number[]) => acrossRuns(runs.map((m) => median(of(m)) - median(m.remux)));
  const minimal = MINIMAL_PAGES.filter((page) => subjects.includes(page));
  const judgeConsole = subjects.includes('webcodecs') && minimal.length > 0;
  const checks: Check[][] = [];
  const rows = sizes.map((size) => {
    const here = bySize(ms, size);
    const of = (subject: Measurement['player']) => here.filter((m) => m.player === subject);
    const row = [
      String(size),
      acrossRuns(here.map((m) => median(m.remux))),
      acrossRuns(here.map((m) => median(m.floor))),
      ...subjects.map((subject) => `${above(of(subject), (m) => m.glass)} / ${above(of(subject), (m) => m.screen)}`),
    ];
    if (!judgeConsole) return row;
    const lowest = Math.min(...minimal.map((page) => outputAboveRemux(of(page))).filter((v) => !Number.isNaN(v)));
    const value = Number.isFinite(lowest) ? outputAboveRemux(of('webcodecs')) - lowest : NaN;
    checks.push(size <= 9 ? [{ what: 'console − minimal page', value, target: ABOVE_MINIMAL_PAGE }] : []);
    return [...row, Number.isNaN(value) ? '–' : `${value >= 0 ? '+' : ''}${Math.round(value)}`];
  });
  const header = ['tiles', 'remux floor p50', 'decoding floor p50', ...subjects.map((s) => SHORT_LABEL[s])];
  const table = judgeConsole ? withTargets([...header, 'console − lowest minimal page, on output'], rows, checks) : null;
  return markdownTable(
    'Side by side (ms): the clock tile\'s p50 above the remux floor, probe (rVFC) / on the compositor\'s output',
    table?.header ?? header,
    table?.rows ?? rows,
    [
      ...(table ? [table.tally] : []),
      'Each subject cell: p50 − remux floor of the same window, read by requestVideoFrameCallback / on the screencast (BENCH_SCREEN_S); median across runs (min–max). The floors: median of every window of that size. Issue 16\'s original target: ≤ +25 at 1–9 tiles.',
      ...(table
        ? [`console − lowest minimal page: the console's median on output minus the lower median of ${minimal.map((s) => SHORT_LABEL[s]).join(' and ')} in this run. Issue 16's +25 restated against the floor a page reaches on this machine's output (docs/benchmarks.md), judged at 1–9 tiles.`]
        : []),
      ...subjects.map((s) => `${SHORT_LABEL[s]}: ${PLAYER_LABEL[s]}.`),
      'The canvas peer has no probe figure: requestVideoFrameCallback reads <video>s only.',
    ],
  );
}

export function costTables(ms: Measurement[], sizes: number[], label = ''): string[] {
  const main = sizes.map((size) => {
    const runs = bySize(ms, size);
    return [
      String(size),
      acrossRuns(runs.map((m) => cpu(m, 'console')), 1),
      acrossRuns(runs.map((m) => priv(m, 'console')), 1),
      acrossRuns(runs.map((m) => procs(m, 'ffmpeg'))),
      acrossRuns(runs.map((m) => cpu(m, 'ffmpeg') / Math.max(procs(m, 'ffmpeg'), 1)), 2),
      acrossRuns(runs.map((m) => pss(m, 'ffmpeg') / Math.max(procs(m, 'ffmpeg'), 1)), 1),
      acrossRuns(runs.map((m) => priv(m, 'ffmpeg') / Math.max(procs(m, 'ffmpeg'), 1)), 1),
      acrossRuns(runs.map((m) => (cpu(m, 'console') + cpu(m, 'ffmpeg')) / size), 2),
    ];
  });
  const renderer = sizes.map((size) => {
    const runs = bySize(ms, size);
    const ours = (m: Measurement) => Object.values(m.cost).reduce((a, g) => a + g.cpuPct, 0);
    return [
      String(size),
      acrossRuns(runs.map((m) => cpu(m, 'renderer'))),
      acrossRuns(runs.map((m) => pss(m, 'renderer'))),
      acrossRuns(runs.map((m) => priv(m, 'renderer'))),
      acrossRuns(runs.map((m) => priv(m, 'renderer') / size), 1),
      acrossRuns(runs.map((m) => cpu(m, 'chromium-other'))),
      acrossRuns(runs.map((m) => cpu(m, 'rigs'))),
      acrossRuns(runs.map((m) => m.machinePct)),
      acrossRuns(runs.map((m) => m.machinePct - ours(m))),
    ];
  });
  const slope = marginal(ms, sizes);
  const mainTable = withTargets(
    ['tiles', 'node CPU', 'node Private', 'ffmpeg procs', 'ffmpeg CPU/feed', 'ffmpeg Pss/feed', 'ffmpeg Private/feed', 'main CPU/feed'],
    main,
    sizes.map((size) => [{ what: 'main CPU/feed', value: median(bySize(ms, size).map((m) => (cpu(m, 'console') + cpu(m, 'ffmpeg')) / size)), target: MAIN_CPU_PER_FEED }]),
    slope.checks,
  );
  const rendererTable = withTargets(
    ['tiles', 'renderer CPU', 'renderer Pss', 'renderer Private', 'Private/tile', 'chromium other CPU', 'rigs CPU', 'machine CPU', 'others CPU'],
    renderer,
    [],
  );
  return [
    markdownTable(`Main side: CPU (% of one core) and memory (MB) of the console process and its ffmpeg children${label ? ` — ${label}` : ''}`, mainTable.header, mainTable.rows, [
      mainTable.tally,
      'main CPU/feed = (node + all ffmpeg) / tiles. Pss shares libraries among processes; Private is what the process alone holds.',
      slope.text,
      'Targets (docs/benchmarks.md), judged on the median across runs, not asserted: main side ≤ 1.5 % of a core and ≤ 15 MB private memory per feed; the memory target on the marginal cost, since one console process serves every feed.',
    ]),
    markdownTable(`Renderer and machine: CPU (% of one core) and memory (MB)${label ? ` — ${label}` : ''}`, rendererTable.header, rendererTable.rows, [
      rendererTable.tally,
      'Issue 16\'s renderer CPU target (not above the mpegts.js path\'s by more than 10 %): this table against the console\'s mpegts.js player\'s and the peers\' tables of the same run; renderer memory over time is the drift bench\'s.',
      'renderer: the bench browser\'s page renderer processes (--type=renderer); chromium other: its browser, GPU (software), utility and UI-renderer processes.',
      'rigs: RTSP fixture, clock camera (live x264) and the two floor clients. machine: /proc/stat busy time (200 = both cores of 2); others: machine − everything listed, i.e. load from outside the bench.',
    ]),
  ];
}

const MAIN_CPU_PER_FEED = atMost(1.5);
const MAIN_PRIVATE_PER_FEED = atMost(15);

/** What one more feed costs on the main side: the slope between the smallest and largest wall. */
function marginal(ms: Measurement[], sizes: number[]): { text: string; checks: Check[] } {
  const lo = Math.min(...sizes);
  const hi = Math.max(...sizes);
  if (lo === hi) return { text: 'marginal cost per feed: needs two wall sizes.', checks: [] };
  const mainOf = (size: number, f: (m: Measurement) => number) => median(bySize(ms, size).map(f));
  const cpuSlope = (mainOf(hi, (m) => cpu(m, 'console') + cpu(m, 'ffmpeg')) - mainOf(lo, (m) => cpu(m, 'console') + cpu(m, 'ffmpeg'))) / (hi - lo);
  const privSlope = (mainOf(hi, (m) => priv(m, 'console') + priv(m, 'ffmpeg')) - mainOf(lo, (m) => priv(m, 'console') + priv(m, 'ffmpeg'))) / (hi - lo);
  const rendSlope = (mainOf(hi, (m) => priv(m, 'renderer')) - mainOf(lo, (m) => priv(m, 'renderer'))) / (hi - lo);
  const cpuCheck = { what: 'marginal main CPU/feed', value: cpuSlope, target: MAIN_CPU_PER_FEED };
  const privCheck = { what: 'marginal main Private/feed', value: privSlope, target: MAIN_PRIVATE_PER_FEED };
  return {
    text: `marginal per feed (${lo}→${hi} tiles, medians): main side ${judged(`${cpuSlope.toFixed(2)} % CPU`, cpuCheck)}, ${judged(`${privSlope.toFixed(1)} MB Private`, privCheck)}; renderer ${rendSlope.toFixed(1)} MB Private per tile.`,
    checks: [cpuCheck, privCheck],
  };
}
