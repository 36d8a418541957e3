import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gapsBetween, listSegments, type Segment } from './segmentIndex.js';
import { segmentFileName, segmentFolder } from './segmentName.js';
import { writeSidecar } from './sidecar.js';

const T0 = Date.UTC(2026, 11, 3, 1, 0, 0);
const seg = (startS: number, endS: number, endReason: Segment['endReason'] = 'length'): Segment => ({
  path: '', file: '', startedAt: T0 + startS * 1000, endedAt: T0 + endS * 1000, bytes: 1, keyframesMs: [0], bytesPerSecond: [], endReason, repaired: false,
});

describe('gaps between segments', () => {
  it('are none where segments meet at a keyframe seam', () => {
    expect(gapsBetween([seg(0, 60), seg(60.2, 120)], T0, T0 + 120_000)).toEqual([]);
  });

  it('carry the reason the segment before them ended', () => {
    const segments = [seg(0, 60, 'offline'), seg(80, 120, 'unauthorized'), seg(200, 260, 'disk_full'), seg(300, 310, 'console_stopped')];
    expect(gapsBetween(segments, T0, T0 + 400_000).map((gap) => [(gap.from - T0) / 1000, (gap.to - T0) / 1000, gap.reason])).toEqual([
      [60, 80, 'offline'],
      [120, 200, 'unauthorized'],
      [260, 300, 'disk_full'],
      [310, 400, 'console_stopped'],
    ]);
  });

  it('say the camera reconnected to switch its output (a tile of an H.265 camera came or went) where that cut the segment', () => {
    const segments = [seg(0, 30, 'output_switched'), seg(31.2, 60, 'clock_jump'), seg(62, 90)];
    expect(gapsBetween(segments, T0, T0 + 90_000).map((gap) => [(gap.from - T0) / 1000, (gap.to - T0) / 1000, gap.reason])).toEqual([
      [30, 31.2, 'output_switched'],
      [60, 62, 'unknown'], // a wall-clock jump says nothing about the time it skipped
    ]);
  });

  it('say unknown where no segment before them tells, and are clipped to the range asked', () => {
    expect(gapsBetween([seg(100, 160)], T0 + 50_000, T0 + 130_000)).toEqual([{ from: T0 + 50_000, to: T0 + 100_000, reason: 'unknown' }]);
    expect(gapsBetween([], T0, T0 + 10_000)).toEqual([{ from: T0, to: T0 + 10_000, reason: 'unknown' }]);
  });
});

describe('listing a camera’s segments', () => {
  it('reads names and sidecars, oldest first, within the range, and ignores other files', async () => {
    const root = mkdtempSync(join(tmpdir(), 'vw-index-'));
    const dir = segmentFolder(root, 'cam_1', 'main');
    mkdirSync(dir, { recursive: true });
    for (const start of [120, 0, 60]) {
      const path = join(dir, segmentFileName({ cameraId: 'cam_1', profile: 'main', startedAt: T0 + start * 1000 }));
      writeFileSync(path, 'x');
      await writeSidecar(path, { ...seg(start, start + 59.9), endReason: 'length' });
    }
    writeFileSync(join(dir, 'cam_1_main_20261203T010300Z.mp4.part'), 'being written');
    writeFileSync(join(dir, 'readme.txt'), '');
    const all = await listSegments(root, 'cam_1', 'main');
    expect(all.map((s) => (s.startedAt - T0) / 1000)).toEqual([0, 60, 120]);
    const some = await listSegments(root, 'cam_1', 'main', T0 + 70_000, T0 + 125_000);
    expect(some.map((s) => (s.startedAt - T0) / 1000)).toEqual([60, 120]);
    expect(await listSegments(root, 'cam_2', 'main')).toEqual([]);
  });
});
