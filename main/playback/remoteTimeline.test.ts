import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { spansFromList } from './remoteRecorder.js';
import { remoteTimeline } from './remoteTimeline.js';

const T0 = Date.parse('2026-12-02T14:00:00Z');

describe('another recorder’s spans as the timeline’s view', () => {
  it('gives a console’s gaps their reasons and its spans their activity', () => {
    const view = remoteTimeline(
      [
        { from: T0, to: T0 + 10_000, endReason: 'offline', activity: { start: T0, step: 1, values: [5, 6, 7] } },
        { from: T0 + 20_000, to: T0 + 30_000 },
      ],
      T0, T0 + 40_000, T0 + 35_000,
    );
    expect(view.segments.map((s) => [s.startedAt, s.endedAt, s.bytesPerSecond])).toEqual([[T0, T0 + 10_000, [5, 6, 7]], [T0 + 20_000, T0 + 30_000, []]]);
    expect(view.gaps).toEqual([{ from: T0 + 10_000, to: T0 + 20_000, reason: 'offline' }, { from: T0 + 30_000, to: T0 + 35_000, reason: 'unknown' }]);
  });

  it('reads a MediaMTX server’s gaps as of unknown reason, with no activity (its documented /list)', () => {
    const spans = spansFromList(JSON.parse(readFileSync(new URL('../../tests/fixtures/mediamtxList.json', import.meta.url), 'utf8')))!;
    const from = Date.parse('2026-12-02T14:00:00Z');
    const view = remoteTimeline(spans, from, from + 240_000, from + 240_000);
    expect(view.gaps.map((g) => [g.from - from, g.to - from, g.reason])).toEqual([[0, 512, 'unknown'], [60_512, 180_000, 'unknown'], [212_330, 240_000, 'unknown']]);
    expect(view.segments.every((s) => s.bytesPerSecond.length === 0)).toBe(true);
  });

  it('cuts spans to the range asked, keeps a compact step, and drops activity placed elsewhere', () => {
    const view = remoteTimeline(
      [{ from: T0 - 3600_000, to: T0 + 3600_000, activity: { start: T0, step: 60, values: [1, 2] } }, { from: T0 + 3600_000, to: T0 + 7200_000, activity: { start: T0, step: 1, values: [9] } }],
      T0, T0 + 7200_000, T0 + 7200_000,
    );
    expect(view.segments[0]).toMatchObject({ startedAt: T0, endedAt: T0 + 3600_000, bytesPerSecond: [1, 2], secondsPerValue: 60 });
    expect(view.segments[1]!.bytesPerSecond).toEqual([]);
  });
});
