import { describe, expect, it } from 'vitest';
import { parseSegmentFileName, segmentFileName, segmentFilesBetween, utcStamp } from './segmentName.js';

describe('segment names', () => {
  it('carry the camera, the profile and the UTC start to the second, and read back', () => {
    const startedAt = Date.UTC(2026, 11, 3, 0, 28, 28);
    const name = segmentFileName({ cameraId: 'cam_east-1', profile: 'sub', startedAt: startedAt + 750 });
    expect(name).toBe('cam_east-1_sub_20261203T002828Z.mp4');
    expect(parseSegmentFileName(name)).toEqual({ cameraId: 'cam_east-1', profile: 'sub', startedAt });
  });

  it('ignore anything that is not a finished segment', () => {
    for (const name of ['cam_main_20261203T002828Z.mp4.part', 'cam_main_20261203T002828Z.json', 'cam_side_20261203T002828Z.mp4', 'cam_main_20261332T002828Z.mp4', 'notes.txt']) {
      expect(parseSegmentFileName(name)).toBeNull();
    }
  });

  it('stamp in UTC whatever the local zone', () => {
    expect(utcStamp(Date.UTC(2027, 0, 1, 23, 59, 59))).toBe('20270101T235959Z');
  });
});

describe('segment files in a range, from the names alone', () => {
  const T0 = Date.UTC(2026, 11, 3, 1, 0, 0);
  const name = (cameraId: string, s: number, profile: 'main' | 'sub' = 'main') => segmentFileName({ cameraId, profile, startedAt: T0 + s * 1000 });
  const folder = [
    name('cam', 120), name('cam', 0), name('cam', 60), name('cam', 59), name('cam', 3600 * 24 * 40),
    name('cam', 60, 'sub'), name('cam_main', 60), name('cam2', 60),
    `${name('cam', 90)}.part`, name('cam', 30).replace('.mp4', '.json'), 'cam_main_20261332T002828Z.mp4', 'readme.txt',
  ];
  const starts = (from?: number, to?: number) => segmentFilesBetween(folder, 'cam', 'main', from, to).map(({ name }) => (name.startedAt - T0) / 1000);

  it('are this camera and profile’s finished segments, oldest first', () => {
    expect(starts()).toEqual([0, 59, 60, 120, 3600 * 24 * 40]);
  });

  it('start at or after `from` and before `to`, to the millisecond', () => {
    expect(starts(T0 + 59_000, T0 + 120_000)).toEqual([59, 60]);
    expect(starts(T0 + 59_001, T0 + 120_001)).toEqual([60, 120]);
    expect(starts(T0 + 60_000, T0 + 60_000)).toEqual([]);
    expect(starts(-Infinity, T0 + 59_999)).toEqual([0, 59]);
  });

  it('keep to the times where a bound is past what a stamp can say', () => {
    expect(starts(T0 + 100_000, 1e15)).toEqual([120, 3600 * 24 * 40]);
    expect(starts(0, T0 + 1)).toEqual([0]);
  });
});
