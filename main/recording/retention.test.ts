import { describe, expect, it } from 'vitest';
import { planRetention, type RetentionPolicy, type StoredSegment } from './retention.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 3);
const MB = 1024 * 1024;
const seg = (cameraId: string, daysAgo: number, bytes = 10 * MB, profile: 'main' | 'sub' = 'main'): StoredSegment => ({
  path: `${cameraId}-${profile}-${daysAgo}`, cameraId, profile, startedAt: NOW - daysAgo * DAY, endedAt: NOW - daysAgo * DAY + 60_000, bytes,
});
const policy = (over: Partial<RetentionPolicy> = {}): RetentionPolicy => ({ daysFor: () => null, quotaBytes: null, minFreeBytes: 0, ...over });
const paths = (segments: StoredSegment[]) => segments.map((s) => s.path);

describe('retention', () => {
  it('deletes what is older than its camera’s days, main and sub apart', () => {
    const segments = [seg('a', 10), seg('a', 2), seg('a', 10, MB, 'sub'), seg('b', 10)];
    const daysFor = (camera: string, profile: string) => (camera === 'a' ? (profile === 'main' ? 7 : 30) : null);
    expect(paths(planRetention(segments, policy({ daysFor }), [], 1e12, NOW).delete)).toEqual(['a-main-10']);
  });

  it('deletes the oldest footage first, across cameras, until under the quota', () => {
    const segments = [seg('a', 1), seg('b', 3), seg('a', 2), seg('b', 0)];
    const plan = planRetention(segments, policy({ quotaBytes: 25 * MB }), [], 1e12, NOW);
    expect(paths(plan.delete)).toEqual(['b-main-3', 'a-main-2']);
    expect(plan.shortBytes).toBe(0);
  });

  it('deletes the oldest until the disk has its minimum free space', () => {
    const plan = planRetention([seg('a', 3), seg('a', 2), seg('a', 1)], policy({ minFreeBytes: 50 * MB }), [], 35 * MB, NOW);
    expect(paths(plan.delete)).toEqual(['a-main-3', 'a-main-2']);
  });

  it('never deletes a segment inside an evidence lock, even expired or over quota, and says what is still short', () => {
    const segments = [seg('a', 10), seg('a', 9), seg('b', 10)];
    const locks = [{ cameraId: 'a', from: NOW - 10 * DAY, to: NOW - 9 * DAY + 1000 }];
    const plan = planRetention(segments, policy({ daysFor: () => 7, quotaBytes: 0 }), locks, 1e12, NOW);
    expect(paths(plan.delete)).toEqual(['b-main-10']);
    expect(plan.shortBytes).toBe(20 * MB);
  });

  it('keeps a household camera’s footage no longer than its owner’s consent, except what is locked for a case', () => {
    const segments = [seg('yard', 1), seg('yard', 0), seg('yard', 2, MB, 'sub'), seg('square', 1)];
    const locks = [{ cameraId: 'yard', from: NOW - DAY, to: NOW - DAY + 1000 }];
    const keepUntil = (camera: string) => (camera === 'yard' ? NOW - 1 : null);
    expect(paths(planRetention(segments, policy({ daysFor: () => 30, keepUntil }), locks, 1e12, NOW).delete)).toEqual(['yard-sub-2', 'yard-main-0']);
    // Before the consent ends, its days to keep decide as for any camera.
    expect(planRetention(segments, policy({ daysFor: () => 30, keepUntil: () => NOW + 1 }), [], 1e12, NOW).delete).toEqual([]);
  });

  it('deletes nothing when there is room and nothing has expired', () => {
    expect(planRetention([seg('a', 1)], policy({ daysFor: () => 7, quotaBytes: 100 * MB, minFreeBytes: MB }), [], 1e9, NOW)).toEqual({ delete: [], shortBytes: 0 });
  });
});
