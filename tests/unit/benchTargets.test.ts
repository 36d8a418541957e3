/**
 * The benches' tables state each target beside its figure and mark it met or missed. The benches
 * themselves need a quiet machine; their tables are pure, so they are tested here on made-up runs.
 */
import { describe, expect, it } from 'vitest';
import { summaryTable, tileTable, type Condition } from '../../bench/lib/budgetTables.js';
import { driftTable, stallTable, type MinuteRow } from '../../bench/lib/driftTables.js';
import { costTables, latencyTable, sideBySideTable, type Measurement } from '../../bench/lib/scaleTables.js';
import { startupTable } from '../../bench/lib/startupTable.js';
import { atLeast, atMost, judged, markCell, targetCell, withTargets } from '../../bench/lib/targets.js';
import type { TileSample } from '../../bench/lib/tileSampler.js';
import type { WindowResult } from '../../bench/lib/window.js';

/** The table's rows as cells, by their first cell; its header too. */
function parse(markdown: string) {
  const lines = markdown.split('\n').filter((l) => l.startsWith('| '));
  const cells = (line: string) => line.slice(2, -2).split(' | ').map((c) => c.trim());
  const header = cells(lines[0]!);
  const rows = new Map(lines.slice(2).map((l) => [cells(l)[0]!, Object.fromEntries(cells(l).map((c, i) => [header[i]!, c]))]));
  return { header, rows, notes: markdown.split('\n').filter((l) => l.startsWith('- ')) };
}

const constant = (value: number, n = 20) => Array.from({ length: n }, () => value);
const cost = (cpuPct: number, privateMb: number, processes = 1) => ({ cpuPct, privateMb, pssMb: privateMb, processes });
function window(glassMs: number, floorMs: number, fpsMin: number, extra: Partial<WindowResult> = {}): WindowResult {
  return { glass: constant(glassMs), buffer: constant(100), floor: constant(floorMs), transport: constant(4), remux: [], screen: [], pageOutput: [], glassMisreads: 0, glassRepeats: 0, fpsMean: 15, fpsMin, cost: {}, machinePct: 100, ...extra };
}

describe('a target beside each figure', () => {
  it('marks a figure met, missed, or without a figure, naming each miss with its figure', () => {
    const p50 = { what: 'p50 − floor', value: 173, target: atMost(150) };
    const fps = { what: 'fps min tile', value: 14.6, target: atLeast(14) };
    expect(targetCell([p50, fps])).toBe('p50 − floor ≤ 150; fps min tile ≥ 14');
    expect(markCell([fps])).toBe('met');
    expect(markCell([p50, fps])).toBe('missed: p50 − floor 173');
    expect(markCell([{ ...fps, value: NaN }])).toBe('no figure: fps min tile');
    expect(markCell([])).toBe('–');
    expect(judged('0.47 % CPU', { what: 'cpu', value: 0.47, target: atMost(1.5) })).toBe('0.47 % CPU (target ≤ 1.5: met)');
  });

  it('adds a target and a met column to every row, and counts the marks', () => {
    const table = withTargets(['tiles', 'p50'], [['1', '240'], ['16', '300']], [[{ what: 'p50', value: 240, target: atMost(250) }], []], [{ what: 'slope', value: 2, target: atMost(1.5) }]);
    expect(table.header).toEqual(['tiles', 'p50', 'target', 'met?']);
    expect(table.rows).toEqual([
      ['1', '240', 'p50 ≤ 250', 'met'],
      ['16', '300', '–', '–'],
    ]);
    expect(table.tally).toBe('Targets: 1 met, 1 missed.');
    expect(withTargets(['a'], [['1']], []).tally).toBe('Targets: none set for these figures.');
  });
});

describe('scale tables', () => {
  const run = (size: number, glass: number, fpsMin: number, console: number, ffmpeg: number): Measurement => ({
    ...window(glass, 137, fpsMin, { cost: { console: cost(console, 40), ffmpeg: cost(ffmpeg * size, 11 * size, size), renderer: cost(7 * size, 50 + 6 * size) } }),
    run: 1,
    size,
    player: 'webcodecs',
    tilesLive: size,
  });
  const runs = [run(1, 245, 15, 0.8, 0.25), run(4, 310, 15, 2, 0.25), run(9, 342, 13.2, 3, 0.25), run(16, 308, 14.8, 4.4, 0.25)];

  it('holds latency to the documented targets by wall size, and says the 4-tile figure missed', () => {
    const { header, rows, notes } = parse(latencyTable(runs, [1, 4, 9, 16]));
    expect(header.slice(-2)).toEqual(['target', 'met?']);
    expect(rows.get('1')).toMatchObject({ target: 'p50 − floor ≤ 150; p95 − p50 ≤ 100; fps min tile ≥ 14', 'met?': 'met' });
    expect(rows.get('4')!['met?']).toBe('missed: p50 − floor 173');
    expect(rows.get('9')).toMatchObject({ target: 'p50 − floor ≤ 300; p95 − p50 ≤ 100; fps min tile ≥ 14', 'met?': 'missed: fps min tile 13.2' });
    expect(rows.get('16')!.target).toBe('p95 − p50 ≤ 100; fps min tile ≥ 14');
    expect(notes[0]).toBe('- Targets: 9 met, 2 missed.');
  });

  it("judges issue 16's targets against the remux floor measured in the same window, beside the decoding floor", () => {
    const withRemux = (size: number, glass: number, p95: number) => ({ ...run(size, glass, 15, 1, 0.25), glass: [...constant(glass, 17), p95, p95, p95], remux: constant(72) });
    const { header, rows } = parse(latencyTable([withRemux(1, 90, 90), withRemux(9, 110, 110), withRemux(16, 140, 400)], [1, 9, 16]));
    expect(header.slice(4, 9)).toEqual(['remux floor p50', 'p50 − remux floor', 'p95 − remux floor', 'decoding floor p50', 'p50 − decoding floor']);
    expect(rows.get('1')).toMatchObject({ 'remux floor p50': '72', 'p50 − remux floor': '18', 'decoding floor p50': '137', 'p50 − decoding floor': '-47', 'met?': 'met' });
    expect(rows.get('1')!.target).toContain('p50 − remux floor ≤ 25');
    // The compositor's output is shown beside the probe's figure, against the same remux floor.
    const onOutput = parse(latencyTable([{ ...withRemux(1, 150, 150), screen: constant(80) }], [1])).rows.get('1');
    expect(onOutput).toMatchObject({ 'on output p50': '80', 'on output − remux floor': '8', 'p50 − remux floor': '78' });
    expect(rows.get('9')!['on output p50']).toBe('–');
    // Beside it, the page's own output delay (its rAF-drawn clock on the output) and the tile's figure without it.
    const withPage = parse(latencyTable([{ ...withRemux(4, 150, 150), screen: constant(160), pageOutput: constant(70) }], [4])).rows.get('4');
    expect(withPage).toMatchObject({ 'on output p50': '160', "page's own output delay p50": '70', 'on output − page delay − remux floor': '18' });
    expect(rows.get('9')!["page's own output delay p50"]).toBe('–');
    expect(rows.get('9')!['met?']).toBe('missed: p50 − remux floor 38');
    expect(rows.get('16')!.target).toContain('p50 − remux floor ≤ 80; p95 − remux floor ≤ 250');
    expect(rows.get('16')!['met?']).toBe('missed: p95 − remux floor 328, p95 − p50 260');
  });

  it('puts every subject of one run side by side against the remux floor of its own window, probe / output', () => {
    const subject = (player: Measurement['player'], size: number, glass: number[], screen: number, remux: number, runNo = 1): Measurement => ({
      ...run(size, 0, 15, 1, 0.25),
      glass,
      screen: constant(screen),
      remux: constant(remux),
      player,
      run: runNo,
    });
    const measured = [
      subject('webcodecs', 4, constant(130), 160, 70),
      subject('webcodecs', 4, constant(110), 120, 72, 2),
      subject('wcpeer', 4, constant(80), 90, 71),
      // The canvas peer: no <video>, so no probe samples; its figure is the output's only.
      subject('wccanvas', 4, [], 100, 71),
      subject('webcodecs', 9, constant(150), 180, 70),
    ];
    const { header, rows, notes } = parse(sideBySideTable(measured, [4, 9], ['webcodecs', 'wcpeer', 'wccanvas']));
    expect(header).toEqual(['tiles', 'remux floor p50', 'decoding floor p50', 'console WebCodecs', 'WebCodecs peer (<video>)', 'WebCodecs peer (canvas)', 'console − lowest minimal page, on output', 'target', 'met?']);
    expect(rows.get('4')).toMatchObject({
      'remux floor p50': '71 (70–72)',
      'decoding floor p50': '137 (137–137)',
      'console WebCodecs': '49 (38–60) / 69 (48–90)',
      'WebCodecs peer (<video>)': '9 / 19',
      'WebCodecs peer (canvas)': '– / 29',
      // Issue 16's +25, restated: the console's output median (69) against the lower minimal page's (19).
      'console − lowest minimal page, on output': '+50',
      target: 'console − minimal page ≤ 25',
      'met?': 'missed: console − minimal page 50',
    });
    // A subject not measured at a size says so instead of borrowing another's figure.
    expect(rows.get('9')!['WebCodecs peer (<video>)']).toBe('– / –');
    expect(rows.get('9')).toMatchObject({ 'console − lowest minimal page, on output': '–', 'met?': 'no figure: console − minimal page' });
    expect(notes.some((n) => n.includes('MediaStreamTrackGenerator'))).toBe(true);
    expect(notes[0]).toBe('- Targets: 0 met, 1 missed, 1 without a figure.');
  });

  it('judges the console against the lower of the minimal pages on the output, and only where one ran', () => {
    const subject = (player: Measurement['player'], screen: number, runNo = 1): Measurement => ({
      ...run(4, 0, 15, 1, 0.25),
      glass: constant(100),
      screen: constant(screen),
      remux: constant(70),
      player,
      run: runNo,
    });
    // On the output the console is 61 above the remux floor, the <video> page 58, the canvas page 38.
    const measured = [subject('webcodecs', 131), subject('wcpeer', 128), subject('wccanvas', 108)];
    const both = parse(sideBySideTable(measured, [4], ['webcodecs', 'wcpeer', 'wccanvas']));
    expect(both.rows.get('4')).toMatchObject({ 'console − lowest minimal page, on output': '+23', 'met?': 'met' });
    const videoOnly = parse(sideBySideTable(measured, [4], ['webcodecs', 'wcpeer']));
    expect(videoOnly.rows.get('4')).toMatchObject({ 'console − lowest minimal page, on output': '+3', 'met?': 'met' });
    // Without a minimal page in the run there is nothing to judge the console against.
    const noPage = parse(sideBySideTable(measured, [4], ['webcodecs']));
    expect(noPage.header).not.toContain('met?');
  });

  it('judges main-side cost per feed per row and on the marginal slope; says the renderer has no target yet', () => {
    const [main, renderer] = costTables(runs, [1, 16]);
    const { rows, notes } = parse(main!);
    expect(rows.get('1')).toMatchObject({ target: 'main CPU/feed ≤ 1.5', 'met?': 'met' });
    expect(notes.join('\n')).toMatch(/main side 0\.49 % CPU \(target ≤ 1\.5: met\), 11\.0 MB Private \(target ≤ 15: met\)/);
    expect(notes[0]).toBe('- Targets: 4 met, 0 missed.');
    const rendererTable = parse(renderer!);
    expect(rendererTable.rows.get('16')).toMatchObject({ target: '–', 'met?': '–' });
    expect(rendererTable.notes[0]).toBe('- Targets: none set for these figures.');
  });
});

describe('startup table', () => {
  it('marks the cold and warm first frames against 1 s and 300 ms, on the median from the action', () => {
    const trials = (ms: number[]) => ms.map((fromAction) => ({ fromAction, fromMount: fromAction - 10, ok: true }));
    const { rows, notes } = parse(startupTable(trials([331, 252, 401]), trials([250, 320, 310]), [], 'preset'));
    expect(rows.get('cold (no session)')).toMatchObject({ target: 'median from action ≤ 1000', 'met?': 'met' });
    expect(rows.get('warm (2nd tile, session running)')).toMatchObject({ target: 'median from action ≤ 300', 'met?': 'missed: median from action 310' });
    expect(rows.get('16-tile switch: every tile')).toMatchObject({ target: '–', 'met?': '–' });
    expect(notes[0]).toMatch(/^- Targets: 1 met, 1 missed\./);
  });
});

describe('drift tables', () => {
  const minute = (m: number, aboveFloor: number, rendererMb: number): MinuteRow => ({
    ...window(137 + aboveFloor, 137, 15, { remux: constant(71), cost: { renderer: cost(30, rendererMb), console: cost(2, 35), ffmpeg: cost(1, 44, 4) } }),
    minute: m,
    tiles: 4,
  });

  it('judges growth over the run in a change row; memory only on a 30-minute run', () => {
    const short = parse(driftTable([minute(1, 170, 80), minute(2, 260, 75)]));
    expect(short.rows.get('1')).toMatchObject({ 'p50 − remux floor': '236', 'p50 − decoding floor': '170' });
    expect(short.rows.get('change 1 → 2')).toMatchObject({ 'p50 − remux floor': '+90', 'p50 − decoding floor': '+90', 'per tile': '-1.3', 'met?': 'missed: p50 − remux floor growth 90, p50 − decoding floor growth 90; no figure: per-tile growth over 30 min' });
    expect(short.rows.get('1')!['met?']).toBe('–');
    const long = parse(driftTable(Array.from({ length: 30 }, (_, i) => minute(i + 1, 170, 80 + i * 0.5))));
    expect(long.rows.get('change 1 → 30')).toMatchObject({ 'per tile': '+3.6', 'met?': 'missed: per-tile growth over 30 min 3.63' });
  });

  it('marks every stall trial that showed a picture from before the stall as live', () => {
    const frozenAt = 10_000;
    const resumedAt = 20_000;
    const trial = (n: number, stale: number) => ({
      trial: n,
      frozenAt,
      resumedAt,
      before: 300,
      sessionAtResume: 'stalled, attempt 1',
      // `stale` frames captured before the freeze but shown after the camera resumed (the first
      // while the tile still said stalled, the rest as live), then fresh ones.
      glass: [...Array.from({ length: stale }, (_, i) => ({ at: resumedAt + 10 + i, latencyMs: 11_000, state: i === 0 ? 'stalled' : 'live' })), { at: resumedAt + 500, latencyMs: 280, state: 'live' }],
      floor: [{ at: resumedAt + 200, latencyMs: 204 }],
    });
    const { rows, notes } = parse(stallTable([trial(1, 2), trial(2, 0)], 10));
    expect(rows.get('1')).toMatchObject({ 'stale frames (while live)': '2 (1)', target: 'stale frames = 0', 'met?': 'missed: stale frames 2' });
    expect(rows.get('2')!['met?']).toBe('met');
    expect(rows.get('median (min–max)')!['met?']).toBe('–');
    expect(notes[0]).toMatch(/^- Targets: 1 met, 1 missed\./);
  });
});

describe('budget tables', () => {
  const samples = (tiles: number, behindMs: (index: number) => number): TileSample[] =>
    Array.from({ length: tiles }, (_, index) => ({ at: 0, index, state: 'live', level: '0', lagMs: behindMs(index), stillAgeMs: null, transitMs: 0 }));
  const condition = (name: string, fields: Partial<Condition>, glassMs: number, behindMs: (index: number) => number = () => 200): Condition => {
    const size = fields.size ?? 16;
    return {
      ...window(glassMs, 137, 15),
      name,
      label: name,
      size,
      cap: null,
      auto: true,
      clockAt: 0,
      tilesLive: size,
      selectedAtStart: true,
      seconds: 10,
      tileSamples: samples(size, behindMs),
      frames: Object.fromEntries(Array.from({ length: size }, (_, i) => [i, 150])),
      endLevels: Array.from({ length: size }, (_, index) => ({ index, state: 'live', level: '0', selected: index === 0 })),
      load: '',
      ...fields,
    };
  };

  it('holds budget-on conditions to issues 7 and 16, and the budget-off references to nothing', () => {
    const conditions = [
      condition('ref-4', { size: 4 }, 276),
      condition('off-16', { auto: false }, 374, (i) => (i === 3 ? 2500 : 200)),
      condition('auto-16', {}, 339),
      condition('heavy-auto-16', {}, 360, (i) => (i === 5 ? 1200 : 200)),
    ];
    const { rows, notes } = parse(summaryTable(conditions));
    expect(rows.get('ref-4')).toMatchObject({ target: 'old while live (> 2 s) = 0; tiles stepped down = 0; fps min tile ≥ 14', 'met?': 'met' });
    expect(rows.get('off-16')).toMatchObject({ target: '–', 'met?': '–' });
    expect(rows.get('heavy-auto-16')).toMatchObject({
      target: 'old while live (> 2 s) = 0; g2g p50 − 4-tile p50 ≤ 50; old while live (> 1 s) = 0',
      'met?': 'missed: g2g p50 − 4-tile p50 84, old while live (> 1 s) 1',
    });
    expect(notes[0]).toMatch(/^- Targets: 7 met, 2 missed\./);
    const tiles = parse(tileTable(conditions[1]!));
    expect(tiles.rows.get('3')!['met?']).toBe('–');
    const heavyTiles = parse(tileTable(condition('auto-16', {}, 339, (i) => (i === 2 ? 2100 : 200))));
    expect(heavyTiles.rows.get('2')).toMatchObject({ target: 'old while live = 0', 'met?': 'missed: old while live 1' });
    expect(heavyTiles.rows.get('1')!['met?']).toBe('met');
  });
});
