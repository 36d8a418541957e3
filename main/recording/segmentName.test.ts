import { describe, expect, it } from 'vitest';
import { parseSegmentFileName, segmentFileName, utcStamp } from './segmentName.js';

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
