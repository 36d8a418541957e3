/**
 * The recording bench's tables (bench/lib/recordTables.ts) on made-up runs: per-feed CPU from
 * whole-window figures, disk overhead over the stream's own bytes, query times against the
 * target, and the wall's latency with recording on against off.
 */
import { describe, expect, it } from 'vitest';
import { cpuTable, diskTable, indexTable, overheadPct, wallTable, type CpuRun, type DiskFigures, type WallWindow } from '../../bench/lib/recordTables.js';

/** The table's rows as cells, by their first cell. */
function rows(markdown: string): Map<string, Record<string, string>> {
  const lines = markdown.split('\n').filter((l) => l.startsWith('| '));
  const cells = (line: string) => line.slice(2, -2).split(' | ').map((c) => c.trim());
  const header = cells(lines[0]!);
  return new Map(lines.slice(2).map((l) => [cells(l)[0]!, Object.fromEntries(cells(l).map((c, i) => [header[i]!, c]))]));
}

const tally = (markdown: string) => markdown.split('\n').find((l) => l.startsWith('- Targets:'));

const cpuRun: CpuRun = { feeds: 4, idleMain: 2, floorFfmpeg: 2, peerMp4Ffmpeg: 2.4, peerTsFfmpeg: 2.2, pullIngest: 2.4, pullMain: 4, recIngest: 2.4, recWriter: 2, recMain: 4.4 };

describe('CPU per recorded feed', () => {
  it('divides each window by the feeds and takes main as this process less its idle self', () => {
    const table = rows(cpuTable([cpuRun]));
    const recording = table.get('console: recording, nothing else viewing (ingest + writer + main)')!;
    expect(recording['ffmpeg % / feed']).toBe('1.10'); // (2.4 + 2) / 4
    expect(recording['main % / feed']).toBe('0.60'); // (4.4 − 2) / 4
    expect(recording['total % / feed']).toBe('1.70');
    expect(recording['− floor']).toBe('+1.20'); // floor 2 / 4 = 0.5
    expect(recording['− peer (MP4)']).toBe('+1.10'); // peer 2.4 / 4 = 0.6
    expect(recording['met?']).toBe('missed: % per feed 1.70');
  });

  it("holds the recording's own share on a pulled session (writer, and main over the pull) to the same target", () => {
    const share = rows(cpuTable([cpuRun])).get("console: recording's own share on a pulled session (writer + main)")!;
    expect(share['total % / feed']).toBe('0.60'); // 2 / 4 + (4.4 − 4) / 4
    expect(share['met?']).toBe('met');
    expect(tally(cpuTable([cpuRun]))).toBe('- Targets: 1 met, 1 missed.');
  });

  it('takes the median of runs', () => {
    const runs = [1, 5, 3].map((writer) => ({ ...cpuRun, recWriter: writer * 4 }));
    const share = rows(cpuTable(runs)).get("console: recording's own share on a pulled session (writer + main)")!;
    expect(share['ffmpeg % / feed']).toBe('3.00');
  });
});

describe('disk over the stream', () => {
  const figures: DiskFigures[] = [
    { subject: 'floor: raw', files: 1, fileBytes: 1_010_000, indexBytes: 0, streamBytes: 1_000_000, seconds: 4 },
    { subject: 'console: fMP4', files: 2, fileBytes: 1_015_000, indexBytes: 25_000, streamBytes: 1_000_000, seconds: 4, target: true },
  ];

  it('counts the index with the media, over the H.264 bytes in the same files', () => {
    expect(overheadPct(figures[1]!)).toBeCloseTo(4, 6);
    const row = rows(diskTable(figures, 1)).get('console: fMP4')!;
    expect(row['overhead %']).toBe('4.00');
    expect(row['− floor']).toBe('+3.00');
    expect(row['stream kbit/s']).toBe('2000');
    expect(row['met?']).toBe('missed: overhead % 4.00');
  });
});

describe('index queries', () => {
  it('judges the console p50 and shows where the three ways disagree on what they found', () => {
    const table = rows(
      indexTable(
        [
          { what: 'a day', found: { console: 1440, peer: 1440, floor: 1440 }, console: [40, 60, 500], peer: [10, 12, 11], floor: [0.1, 0.1, 0.1], target: true },
          { what: 'start-up', found: { console: 10, peer: 11, floor: 11 }, console: [5000], peer: [100], floor: [1], target: false },
        ],
        'test',
      ),
    );
    expect(table.get('a day')!['console ms p50 (max)']).toBe('60.0 (500.0)');
    expect(table.get('a day')!['met?']).toBe('met');
    expect(table.get('a day')!['console − floor']).toBe('+59.9');
    expect(table.get('start-up')!.found).toBe('10 / 11 / 11');
    expect(table.get('start-up')!['met?']).toBe('–');
  });
});

describe('the wall recording vs not', () => {
  const window = (recording: boolean, glass: number[]): WallWindow => ({ recording, glass, remux: [70], fpsMin: 15, consolePct: 10, ffmpegPct: 8, ffmpegProcesses: recording ? 32 : 16, machinePct: 150 });

  it('pools the samples of the windows of each kind and holds the differences at p50 and p95', () => {
    const same = Array.from({ length: 100 }, (_, i) => 100 + i);
    const table = rows(wallTable([window(false, same), window(true, same.map((v) => v + 5)), window(false, same), window(true, same.map((v) => v + 5))], 16));
    const summary = table.get('on − off (pooled samples)')!;
    expect(summary.samples).toBe('200 / 200');
    expect(summary['glass p50 ms']).toBe('+5');
    expect(summary['met?']).toBe('met');
  });

  it('names a miss at p95 when recording adds a tail', () => {
    const base = Array.from({ length: 100 }, () => 100);
    const tail = base.map((v, i) => (i >= 90 ? 200 : v));
    const summary = rows(wallTable([window(false, base), window(true, tail)], 16)).get('on − off (pooled samples)')!;
    expect(summary['met?']).toBe('missed: |Δ p95| 100');
  });
});
