import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TourClock } from './tourClock';

function clock(dwellMs: number[], options: { prestartMs?: number; idleResumeMs?: number; restoreResumeMs?: number } = {}) {
  const events: string[] = [];
  const tour = new TourClock({
    dwellMs,
    ...options,
    onStep: (i) => events.push(`step ${i}`),
    onPrestart: (i) => events.push(`warm ${i}`),
  });
  return { tour, events };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_000_000);
});
afterEach(() => vi.useRealTimers());

describe('tour timing', () => {
  it('shows each step for its dwell and loops back to the first', () => {
    const { tour, events } = clock([10_000, 5_000], { prestartMs: 3000 });
    tour.start();
    expect(events).toEqual(['step 0']);
    vi.advanceTimersByTime(9_999);
    expect(events).toEqual(['step 0', 'warm 1']);
    vi.advanceTimersByTime(1);
    expect(events).toEqual(['step 0', 'warm 1', 'step 1']);
    vi.advanceTimersByTime(5_000);
    expect(events.slice(-2)).toEqual(['warm 0', 'step 0']);
    expect(tour.snapshot()).toMatchObject({ phase: 'running', index: 0, count: 2 });
  });

  it('warms the next step up a few seconds before the switch', () => {
    const { tour, events } = clock([10_000, 10_000], { prestartMs: 3000 });
    tour.start();
    vi.advanceTimersByTime(6_999);
    expect(events).toEqual(['step 0']);
    vi.advanceTimersByTime(1);
    expect(events).toEqual(['step 0', 'warm 1']);
  });

  it('warms the next step at once when the dwell is shorter than the warm-up', () => {
    const { tour, events } = clock([3_000, 3_000], { prestartMs: 5000 });
    tour.start();
    vi.advanceTimersByTime(0);
    expect(events).toEqual(['step 0', 'warm 1']);
  });

  it('does not warm anything for a tour of one step', () => {
    const { tour, events } = clock([3_000]);
    tour.start();
    vi.advanceTimersByTime(7_000);
    expect(events).toEqual(['step 0', 'step 0', 'step 0']);
  });

  it('tells how long the current step has left', () => {
    const { tour } = clock([10_000, 10_000]);
    tour.start();
    vi.advanceTimersByTime(4_000);
    expect(tour.snapshot().endsAt! - Date.now()).toBe(6_000);
  });

  it('holds the step while the operator works and resumes after a quiet spell with the time it had left', () => {
    const { tour, events } = clock([10_000, 10_000], { idleResumeMs: 30_000, prestartMs: 3000 });
    tour.start();
    vi.advanceTimersByTime(4_000);
    tour.touch();
    expect(tour.snapshot()).toMatchObject({ phase: 'paused', pausedBy: 'activity', remainingMs: 6_000 });
    vi.advanceTimersByTime(20_000);
    tour.touch(); // still working: the quiet spell starts again
    vi.advanceTimersByTime(29_999);
    expect(tour.snapshot().phase).toBe('paused');
    expect(events).toEqual(['step 0']);
    vi.advanceTimersByTime(1);
    expect(tour.snapshot()).toMatchObject({ phase: 'running', index: 0 });
    vi.advanceTimersByTime(6_000);
    expect(events).toEqual(['step 0', 'warm 1', 'step 1']);
  });

  it('stays paused after a pause by hand until resumed by hand, whatever the activity', () => {
    const { tour, events } = clock([10_000, 10_000]);
    tour.start();
    vi.advanceTimersByTime(2_000);
    tour.toggle();
    expect(tour.snapshot()).toMatchObject({ phase: 'paused', pausedBy: 'operator' });
    tour.touch();
    vi.advanceTimersByTime(120_000);
    expect(tour.snapshot().phase).toBe('paused');
    tour.toggle();
    vi.advanceTimersByTime(8_000);
    expect(events).toEqual(['step 0', 'warm 1', 'step 1']);
  });

  it('warms the next step only once, even when paused and resumed inside the warm-up window', () => {
    const { tour, events } = clock([10_000, 10_000], { prestartMs: 3000 });
    tour.start();
    vi.advanceTimersByTime(8_000);
    tour.toggle();
    tour.toggle();
    vi.advanceTimersByTime(2_000);
    expect(events).toEqual(['step 0', 'warm 1', 'step 1']);
  });

  it('does nothing more once stopped', () => {
    const { tour, events } = clock([3_000, 3_000]);
    tour.start();
    tour.stop();
    vi.advanceTimersByTime(60_000);
    expect(events.filter((e) => e.startsWith('step'))).toEqual(['step 0']);
    expect(tour.snapshot().phase).toBe('stopped');
  });

  it('holds the step while a tile is maximized, however long the officer sits still', () => {
    const { tour, events } = clock([5_000, 5_000], { idleResumeMs: 30_000 });
    tour.start();
    tour.touch(); // the double-click that maximized the tile
    tour.hold();
    vi.advanceTimersByTime(120_000);
    expect(events).toEqual(['step 0']);
    expect(tour.snapshot()).toMatchObject({ phase: 'paused', pausedBy: 'maximized', resumesAt: null });
    tour.touch();
    expect(tour.snapshot()).toMatchObject({ pausedBy: 'maximized', resumesAt: null });
  });

  it('says when it resumes after the tile is restored, and goes on then', () => {
    const { tour, events } = clock([5_000, 5_000], { restoreResumeMs: 10_000 });
    tour.start();
    vi.advanceTimersByTime(2_000);
    tour.hold();
    tour.release();
    expect(tour.snapshot()).toMatchObject({ phase: 'paused', pausedBy: 'restored', resumesAt: 1_000_000 + 2_000 + 10_000 });
    vi.advanceTimersByTime(10_000);
    expect(tour.snapshot()).toMatchObject({ phase: 'running', index: 0 });
    vi.advanceTimersByTime(3_000);
    expect(events.at(-1)).toBe('step 1');
  });

  it('stays paused when the officer cancels the resume', () => {
    const { tour, events } = clock([5_000, 5_000], { restoreResumeMs: 10_000 });
    tour.start();
    tour.hold();
    tour.release();
    tour.cancelResume();
    vi.advanceTimersByTime(60_000);
    expect(events).toEqual(['step 0']);
    expect(tour.snapshot()).toMatchObject({ phase: 'paused', pausedBy: 'operator', resumesAt: null });
  });

  it('leaves a tour paused by the operator paused when a tile is maximized and restored', () => {
    const { tour } = clock([5_000, 5_000]);
    tour.start();
    tour.toggle();
    tour.hold();
    tour.release();
    expect(tour.snapshot()).toMatchObject({ phase: 'paused', pausedBy: 'operator' });
  });
});
