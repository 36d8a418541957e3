import { describe, expect, it } from 'vitest';
import { activeLevel, activityBins, nextActive, type ActivitySegment } from './activity';
import { dayBoundaries, fractionOf, ticks, timeAt, windowAround, zoomStep, ZOOM_SPANS } from './timelineScale';

const local = (d: number, h = 0, m = 0) => new Date(2026, 11, d, h, m).getTime();

describe("the timeline's scale", () => {
  it('zooms from 1 minute to 30 days, and no further either way', () => {
    expect(ZOOM_SPANS[0]).toBe(60_000);
    expect(ZOOM_SPANS.at(-1)).toBe(30 * 86_400_000);
    expect(zoomStep(60_000, -1)).toBe(60_000);
    expect(zoomStep(30 * 86_400_000, 1)).toBe(30 * 86_400_000);
    expect(zoomStep(3_600_000, 1)).toBe(3 * 3_600_000);
  });

  it('draws day boundaries at local midnight and ticks at round local times', () => {
    const window = { from: local(2, 20), to: local(4, 4) };
    expect(dayBoundaries(window)).toEqual([local(3), local(4)]);
    const hour = ticks({ from: local(3, 9, 7), to: local(3, 10, 7) });
    expect(hour.times[0]).toBe(local(3, 9, 15));
    expect(hour.times.length).toBeLessThanOrEqual(8);
    const month = ticks(windowAround(local(15), 30 * 86_400_000));
    expect(month.times.every((t) => new Date(t).getHours() === 0)).toBe(true);
  });

  it('places a time across the width and reads it back', () => {
    const window = { from: 1000, to: 3000 };
    expect(fractionOf(2500, window)).toBe(0.75);
    expect(timeAt(0.75, window)).toBe(2500);
  });
});

describe('the activity strip and skipping quiet', () => {
  const quiet = (startedAt: number, seconds: number, busyAt: number[] = []): ActivitySegment => ({
    startedAt,
    endedAt: startedAt + seconds * 1000,
    bytesPerSecond: Array.from({ length: seconds }, (_, i) => (busyAt.includes(i) ? 90_000 : 50_000)),
  });

  it('bins the highest rate of each slice, zero where nothing is recorded', () => {
    const bins = activityBins([quiet(0, 10, [3])], 0, 20_000, 4);
    expect(bins).toEqual([90_000, 50_000, 0, 0]);
  });

  it('jumps from a quiet second to the next active one, across a gap', () => {
    const segments = [quiet(0, 60), quiet(120_000, 60, [30])];
    const level = activeLevel(segments)!;
    expect(level).toBe(70_000);
    expect(nextActive(segments, 5_000, level)).toBe(150_000);
    expect(nextActive(segments, 150_500, level)).toBe(150_500);
    expect(nextActive(segments, 151_000, level)).toBeNull();
  });

  it('still skips a camera’s still span when it moves more than half the time', () => {
    // 25 s moving, 30 s still, 35 s moving: the median second is a moving one.
    const rates = [...Array(25).fill(126_000), ...Array(30).fill(25_000), ...Array(35).fill(126_000)];
    const segments = [{ startedAt: 0, endedAt: rates.length * 1000, bytesPerSecond: rates }];
    const level = activeLevel(segments)!;
    expect(nextActive(segments, 27_000, level)).toBe(55_000);
  });

  it('reads another console’s compact activity, one value per several seconds, where it lies', () => {
    // 10 values of 60 s each: the busy minute is the 4th (180–240 s).
    const compact: ActivitySegment = { startedAt: 0, endedAt: 600_000, bytesPerSecond: [1, 1, 1, 9, 1, 1, 1, 1, 1, 1], secondsPerValue: 60 };
    expect(activityBins([compact], 0, 600_000, 5)).toEqual([1, 9, 1, 1, 1]);
    expect(nextActive([compact], 10_000, 5)).toBe(180_000);
    expect(nextActive([compact], 200_000, 5)).toBe(200_000);
    expect(nextActive([compact], 240_000, 5)).toBeNull();
  });
});
