import { describe, expect, it } from 'vitest';
import { nextRecordedAfter, recordedSpan, spansOf } from './recordedSpan.js';
import { recorderPath } from './recorderApiRoute.js';

describe('recorded spans for /list', () => {
  it('merge segments that meet at a keyframe seam and keep real gaps apart, oldest first', () => {
    const seg = (from: number, to: number) => ({ startedAt: from, endedAt: to });
    expect(spansOf([seg(60_200, 120_000), seg(0, 60_000), seg(200_000, 260_000), seg(120_400, 130_000)])).toEqual([
      { from: 0, to: 130_000 },
      { from: 200_000, to: 260_000 },
    ]);
    expect(spansOf([])).toEqual([]);
  });
});

describe('what a stream\'s footage covers', () => {
  it('runs from the oldest segment to the newest one\'s end (the one being written included), and says where footage resumes', () => {
    const seg = (from: number, to: number) => ({ startedAt: from, endedAt: to });
    const footage = [seg(0, 60_000), seg(60_200, 120_000), seg(200_000, 217_500)];
    expect(recordedSpan(footage)).toEqual({ from: 0, to: 217_500 });
    expect(recordedSpan([])).toBeNull();
    expect(nextRecordedAfter(footage, 130_000)).toBe(200_000);
    expect(nextRecordedAfter(footage, 200_000)).toBeNull();
  });
});

describe('a recorder path', () => {
  it('names a camera and a profile, and nothing else', () => {
    expect(recorderPath('square/main')).toEqual({ cameraId: 'square', profile: 'main' });
    for (const bad of ['square', 'square/hd', '../x/main', 'a/b/main', null]) expect(recorderPath(bad)).toBeNull();
  });
});
