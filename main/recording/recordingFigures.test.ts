import { describe, expect, it } from 'vitest';
import { daysUntilFull, streamFigures } from './recordingFigures.js';
import type { StoredSegment } from './retention.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 3, 12);
const GB = 1024 ** 3;
const seg = (cameraId: string, profile: 'main' | 'sub', startedAt: number, minutes: number, bytes: number): StoredSegment => ({
  path: `${cameraId}-${profile}-${startedAt}`, cameraId, profile, startedAt, endedAt: startedAt + minutes * 60_000, bytes,
});

describe('stream figures', () => {
  it('gives each stream its oldest footage, its bytes, and bytes per day from the last day’s rate', () => {
    const figures = streamFigures(
      [
        seg('a', 'main', NOW - 10 * DAY, 60, 900), // old footage: counts in bytes, not in the rate
        seg('a', 'main', NOW - 2 * 3600_000, 1, 100),
        seg('a', 'main', NOW - 3600_000, 1, 300),
        seg('a', 'sub', NOW - 3600_000, 2, 60),
      ],
      NOW,
    );
    expect(figures).toEqual([
      { cameraId: 'a', profile: 'main', oldest: NOW - 10 * DAY, segments: 3, bytes: 1300, bytesPerDay: 200 * 1440 },
      { cameraId: 'a', profile: 'sub', oldest: NOW - 3600_000, segments: 1, bytes: 60, bytesPerDay: 30 * 1440 },
    ]);
  });

  it('has no rate for a stream with nothing recorded in the last day', () => {
    expect(streamFigures([seg('a', 'main', NOW - 3 * DAY, 60, 900)], NOW)[0]!.bytesPerDay).toBeNull();
  });
});

describe('days until full', () => {
  const room = { freeBytes: 100 * GB, minFreeBytes: 10 * GB, quotaBytes: null, usedBytes: 0, bytesPerDay: 9 * GB };
  it('divides the room left on the disk above its minimum free space by the day’s bytes', () => {
    expect(daysUntilFull(room)).toBe(10);
  });

  it('counts to the quota when that comes first', () => {
    expect(daysUntilFull({ ...room, quotaBytes: 50 * GB, usedBytes: 32 * GB })).toBe(2);
  });

  it('is 0 once there is no room, and unknown while nothing is written', () => {
    expect(daysUntilFull({ ...room, freeBytes: 5 * GB })).toBe(0);
    expect(daysUntilFull({ ...room, quotaBytes: 10 * GB, usedBytes: 12 * GB })).toBe(0);
    expect(daysUntilFull({ ...room, bytesPerDay: 0 })).toBeNull();
  });
});
