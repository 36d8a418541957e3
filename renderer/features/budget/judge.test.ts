import { describe, expect, it } from 'vitest';
import { DEFAULT_JUDGE, PressureJudge, type JudgedTile, type WallSignal } from './judge';
import type { Level } from './ladder';
import type { TileReading } from './pressure';

const CALM: TileReading = { fps: 15, droppedFps: 0, latency: 0.02, latencyRising: false, transit: 0.02 };
/** One keyframe skip in the 3 s rate window: a GOP's frames counted as dropped. */
const SKIPPED: TileReading = { ...CALM, fps: 10, droppedFps: 5 };

const tile = (key: string, reading: TileReading | null, level: Level = 0): JudgedTile => ({ key, reading, sourceFps: 15, level });

/** Judges `readings` (one a second, from `from` ms) of tile a beside a calm tile b. */
function run(judge: PressureJudge, readings: (TileReading | null)[], from: number, level: Level = 0): WallSignal[] {
  return readings.map((reading, i) => judge.judge(from + i * 1000, [tile('a', reading, level), tile('b', CALM)]));
}

/** A judge whose tiles joined the wall at 0 and are past their opening from `DEFAULT_JUDGE.openingMs`. */
function opened(): { judge: PressureJudge; at: number } {
  const judge = new PressureJudge();
  judge.judge(0, [tile('a', null), tile('b', null)]);
  return { judge, at: DEFAULT_JUDGE.openingMs };
}

describe('PressureJudge', () => {
  it('does not call one keyframe skip pressure, but keeps stepped tiles down until its window is clean', () => {
    const { judge, at } = opened();
    const signals = run(judge, [CALM, SKIPPED, SKIPPED, SKIPPED, ...Array(8).fill(CALM)], at);
    expect(signals.some((s) => s.high)).toBe(false);
    expect(signals[0]!.low).toBe(true);
    // Hysteresis: not calm while the skip is in any reading of the window.
    expect(signals.slice(1, 11).every((s) => !s.low)).toBe(true);
    expect(signals[11]!.low).toBe(true);
  });

  it('calls pressure that lasts most of the window sustained, naming the tile and the figure', () => {
    const { judge, at } = opened();
    const signals = run(judge, [SKIPPED, SKIPPED, CALM, SKIPPED, SKIPPED, SKIPPED, SKIPPED], at);
    expect(signals.slice(0, 6).some((s) => s.high)).toBe(false);
    expect(signals[6]).toEqual({ high: true, low: false, pressured: 1, reasons: ['a: 6/7 s, 10.0 fps of 15'] });
  });

  it("ignores a tile's opening, however bad its figures", () => {
    const judge = new PressureJudge();
    const late = { ...CALM, transit: 1.5 };
    const signals = run(judge, Array(10).fill(late), 0);
    expect(signals.every((s) => !s.high && s.low)).toBe(true);
    // Past its opening the same figures count, once they last.
    const after = run(judge, Array(6).fill(late), 10_000);
    expect(after.at(-1)).toMatchObject({ high: true, pressured: 1 });
  });

  it('judges the wall anew after any step: readings from before it describe another load', () => {
    const { judge, at } = opened();
    run(judge, Array(5).fill(SKIPPED), at);
    // Tile b steps down: a's five readings are forgotten, one more does not make six.
    const signal = judge.judge(at + 5000, [tile('a', SKIPPED), tile('b', null, 2)]);
    expect(signal.high).toBe(false);
    const later = Array.from({ length: 6 }, (_, i) => judge.judge(at + 6000 + i * 1000, [tile('a', SKIPPED), tile('b', CALM, 2)]));
    expect(later.at(-1)!.high).toBe(true);
  });

  it('forgets what a tile said before it had nothing to read (its level changed, its picture restarted)', () => {
    const { judge, at } = opened();
    run(judge, Array(5).fill(SKIPPED), at);
    run(judge, [null], at + 5000);
    expect(run(judge, [SKIPPED], at + 6000)[0]!.high).toBe(false);
  });
});
