import { describe, expect, it } from 'vitest';
import { areaOf, budgetFloors, decide, effectiveLevels, initialLadder, rankTiles, stepDown, stepUp, type LadderState, type PressureSignal, type TileFacts } from './ladder';

const tile = (key: string, extra: Partial<TileFacts> = {}): TileFacts => ({
  key,
  maximized: false,
  selected: false,
  area: 1,
  featured: false,
  pinned: false,
  hasSubStep: false,
  hasKeyframeStep: true,
  ...extra,
});

const HIGH: PressureSignal = { high: true, low: false };
const LOW: PressureSignal = { high: false, low: true };
const HOLD: PressureSignal = { high: false, low: false };

/** Replays a pressure trace, one sample a second; returns the effective levels after each second. */
function replay(tiles: TileFacts[], trace: PressureSignal[], maxFullRate: number | null = null, start: LadderState = initialLadder()) {
  let state = start;
  const seen: Record<string, number>[] = [];
  trace.forEach((pressure, second) => {
    state = decide(state, { now: second * 1000, tiles, pressure, maxFullRate });
    seen.push(effectiveLevels(tiles, state, maxFullRate));
  });
  return { state, seen, last: seen.at(-1)! };
}

const repeat = (signal: PressureSignal, seconds: number) => Array.from({ length: seconds }, () => signal);

describe('rankTiles', () => {
  it('puts maximized, then selected, then larger, then tour/alarm tiles first, else wall order', () => {
    const ranked = rankTiles([tile('a'), tile('b', { featured: true }), tile('c', { area: 4 }), tile('d', { selected: true }), tile('e', { maximized: true }), tile('f')]);
    expect(ranked.map((t) => t.key)).toEqual(['e', 'd', 'c', 'b', 'a', 'f']);
  });
});

describe('steps', () => {
  const steps = (hasSubStep: boolean, hasKeyframeStep = true) => ({ hasSubStep, hasKeyframeStep });

  it('skips the sub step when it changes nothing', () => {
    expect(stepDown(0, steps(true))).toBe(1);
    expect(stepDown(0, steps(false))).toBe(2);
    expect(stepDown(2, steps(false))).toBe(3);
    expect(stepDown(3, steps(false))).toBe(3);
    expect(stepUp(3, steps(true))).toBe(2);
    expect(stepUp(2, steps(true))).toBe(1);
    expect(stepUp(2, steps(false))).toBe(0);
    expect(stepUp(1, steps(true))).toBe(0);
  });

  it('skips keyframes only for a tile that does not offer it (H.265 passed through)', () => {
    expect(stepDown(1, steps(true, false))).toBe(3);
    expect(stepDown(0, steps(false, false))).toBe(3);
    expect(stepUp(3, steps(true, false))).toBe(1);
    expect(stepUp(3, steps(false, false))).toBe(0);
    expect(effectiveLevels([tile('a', { selected: true }), tile('h', { hasKeyframeStep: false })], initialLadder(), 1)).toEqual({ a: 0, h: 3 });
  });

  it('reads grid-area spans', () => {
    expect(areaOf('1 / 1 / span 2 / span 2')).toBe(4);
    expect(areaOf('3 / 2 / span 1 / span 1')).toBe(1);
  });
});

describe('decide over pressure traces', () => {
  const wall = [tile('sel', { selected: true, hasSubStep: true }), tile('b', { hasSubStep: true }), tile('c'), tile('d')];

  it('leaves a calm wall at full quality', () => {
    const { seen } = replay(wall, [...repeat(LOW, 30), ...repeat(HOLD, 30)]);
    expect(seen.every((levels) => Object.values(levels).every((l) => l === 0))).toBe(true);
  });

  it('ignores short bursts of pressure (sustain first)', () => {
    const trace = Array.from({ length: 40 }, (_, i) => (i % 5 < 3 ? HIGH : HOLD));
    const { last } = replay(wall, trace);
    expect(Object.values(last).every((l) => l === 0)).toBe(true);
  });

  it('steps tiles down breadth first, the lowest-ranked first, one level per tick under sustained pressure', () => {
    const { seen } = replay(wall, repeat(HIGH, 20));
    // Pressure since t=0: first step at 4 s, then every 3 s; every tile below the selected one
    // reaches keyframes before any reaches stills.
    expect(seen[3]).toEqual({ sel: 0, b: 0, c: 0, d: 0 });
    expect(seen[4]).toEqual({ sel: 0, b: 0, c: 0, d: 2 });
    expect(seen[6]).toEqual(seen[4]);
    expect(seen[7]).toEqual({ sel: 0, b: 0, c: 2, d: 2 });
    expect(seen[10]).toEqual({ sel: 0, b: 1, c: 2, d: 2 });
    expect(seen[13]).toEqual({ sel: 0, b: 2, c: 2, d: 2 });
    expect(seen[16]).toEqual({ sel: 0, b: 2, c: 2, d: 3 });
    expect(seen[19]).toEqual({ sel: 0, b: 2, c: 3, d: 3 });
  });

  it('takes more steps per tick when many tiles struggle', () => {
    const sixteen = [tile('sel', { selected: true }), ...Array.from({ length: 15 }, (_, i) => tile(`t${i}`))];
    const { seen } = replay(sixteen, repeat({ high: true, low: false, pressured: 15 }, 11));
    const atKeyframes = (levels: Record<string, number>) => Object.values(levels).filter((l) => l === 2).length;
    expect(atKeyframes(seen[4]!)).toBe(4);
    expect(atKeyframes(seen[7]!)).toBe(8);
    expect(atKeyframes(seen[10]!)).toBe(12);
    expect(seen[10]!.sel).toBe(0);
  });

  it('degrades in the fixed order and steps tiles with a sub stream through it', () => {
    const { last } = replay(wall, repeat(HIGH, 4 + 3 * 7 + 1));
    // d 2,3; c 2,3; b 1,2,3; then sel 1
    expect(last).toEqual({ sel: 1, b: 3, c: 3, d: 3 });
  });

  it('never steps a pinned tile down', () => {
    const pinnedWall = [tile('a', { pinned: true }), tile('b', { selected: true })];
    const { last } = replay(pinnedWall, repeat(HIGH, 40));
    expect(last).toEqual({ a: 0, b: 3 });
  });

  it('recovers the most degraded tile first, the best-ranked among equals, one step per calm window', () => {
    const down = replay(wall, repeat(HIGH, 17));
    expect(down.last).toEqual({ sel: 0, b: 2, c: 2, d: 3 });
    const up = replay(wall, [...repeat(HIGH, 17), ...repeat(LOW, 51)]);
    // Each 10 s of calm: the most degraded first (stills back to keyframes), the best-ranked among equals.
    expect(up.seen[17 + 9]).toEqual(down.last);
    expect(up.seen[17 + 10]).toEqual({ sel: 0, b: 2, c: 2, d: 2 });
    expect(up.seen[17 + 20]).toEqual({ sel: 0, b: 1, c: 2, d: 2 });
    expect(up.seen[17 + 30]).toEqual({ sel: 0, b: 1, c: 0, d: 2 });
    expect(up.seen[17 + 40]).toEqual({ sel: 0, b: 1, c: 0, d: 0 });
    expect(up.seen[17 + 50]).toEqual({ sel: 0, b: 0, c: 0, d: 0 });
  });

  it('hysteresis: calm interrupted by a hold restarts the window', () => {
    const trace = [...repeat(HIGH, 5), ...repeat(LOW, 8), HOLD, ...repeat(LOW, 8)];
    const { last } = replay(wall, trace);
    expect(last.d).toBe(2);
  });

  it('does not flap: a step up that brings pressure back doubles the calm the next one waits for', () => {
    // A PC that copes with one tile at keyframes but not at full rate: each step up brings pressure back.
    const pair = [tile('sel', { selected: true }), tile('d')];
    let state = initialLadder();
    let now = 0;
    const level = () => effectiveLevels(pair, state, null).d;
    const tick = (pressure: PressureSignal) => {
      state = decide(state, { now, tiles: pair, pressure, maxFullRate: null });
      now += 1000;
    };
    while (level() !== 2) tick(HIGH);
    const calmWaits: number[] = [];
    for (let round = 0; round < 4; round++) {
      const calmFrom = now;
      while (level() !== 0) tick(LOW);
      calmWaits.push(now - calmFrom);
      for (let i = 0; i < 5 && level() === 0; i++) tick(HIGH); // pressure again 5 s after the step up
    }
    expect(calmWaits).toEqual([11_000, 21_000, 41_000, 81_000]);
    expect(state.recoverMs).toBe(160_000);
  });

  /** A 16-tile wall fed a pressure signal second by second; `many`: all 15 other tiles struggle. */
  function sixteenTiles() {
    const sixteen = [tile('sel', { selected: true }), ...Array.from({ length: 15 }, (_, i) => tile(`t${i}`))];
    let state = initialLadder();
    let now = 0;
    return {
      many: { high: true, low: false, pressured: 15 },
      run(pressure: PressureSignal, seconds: number) {
        for (let i = 0; i < seconds; i++, now += 1000) state = decide(state, { now, tiles: sixteen, pressure, maxFullRate: null });
        return state;
      },
      stepped: () => Object.values(effectiveLevels(sixteen, state, null)).filter((level) => level !== 0).length,
    };
  }

  it('doubles the wait once per flap, however many steps down follow the step up', () => {
    const { many, run } = sixteenTiles();
    run(many, 12); // several tiles down
    run(LOW, 11); // one step up
    const state = run(many, 20); // pressure again: many steps down within the flap window
    expect(state.recoverMs).toBe(20_000);
  });

  it('undoes a step up that brought pressure back with one step down, however many tiles struggle', () => {
    const { many, run, stepped } = sixteenTiles();
    run(many, 5); // four tiles down at once: the wall was overloaded
    expect(stepped()).toBe(4);
    run(LOW, 11); // one back up
    expect(stepped()).toBe(3);
    run(many, 5); // that one was too many: it goes back down, alone
    expect(stepped()).toBe(4);
  });

  it('forgets a step the cap holds the tile at anyway, so a capped wall can start afresh', () => {
    const capped = [tile('a', { selected: true }), tile('b')];
    // b is held at keyframes by a cap of 1; pressure takes it to stills, calm brings it back.
    const { state } = replay(capped, [...repeat(HIGH, 5), ...repeat(LOW, 12)], 1);
    expect(effectiveLevels(capped, state, 1)).toEqual({ a: 0, b: 2 });
    expect(state.stepped).toEqual({});
    expect(state.recoverMs).toBe(10_000);
    // Raising the cap brings b straight back: no leftover step holds it.
    expect(effectiveLevels(capped, state, null)).toEqual({ a: 0, b: 0 });
  });

  it('starts afresh once every tile has recovered', () => {
    const { state } = replay([tile('only')], [...repeat(HIGH, 5), ...repeat(LOW, 12), ...repeat(HIGH, 6), ...repeat(LOW, 30)]);
    expect(state.stepped).toEqual({});
    expect(state.recoverMs).toBe(10_000);
  });

  it('a tile falling behind live (pressure) is handled like any pressure', () => {
    const { last } = replay([tile('only')], repeat(HIGH, 8));
    expect(last.only).toBe(3);
  });

  it('forgets tiles that left the wall', () => {
    const { state } = replay(wall, repeat(HIGH, 5));
    const next = decide(state, { now: 6000, tiles: wall.slice(0, 3), pressure: HOLD, maxFullRate: null });
    expect(next.stepped).toEqual({});
  });
});

describe('full-rate budget', () => {
  const wall = [tile('a'), tile('b', { selected: true }), tile('c', { area: 4 }), tile('d', { pinned: true })];

  it('puts tiles beyond N best-ranked (pinned count, never forced) at keyframes', () => {
    expect(effectiveLevels(wall, initialLadder(), 1)).toEqual({ a: 2, b: 2, c: 2, d: 0 });
    expect(effectiveLevels(wall, initialLadder(), 2)).toEqual({ a: 2, b: 0, c: 2, d: 0 });
    expect(effectiveLevels(wall, initialLadder(), 3)).toEqual({ a: 2, b: 0, c: 0, d: 0 });
    expect(effectiveLevels(wall, initialLadder(), null)).toEqual({ a: 0, b: 0, c: 0, d: 0 });
  });

  it("puts tiles beyond the cap at stills when the console's rule says so, the best-ranked and pinned ones still at full rate", () => {
    expect(effectiveLevels(wall, initialLadder(), 2, 'still')).toEqual({ a: 3, b: 0, c: 3, d: 0 });
    expect(effectiveLevels(wall, initialLadder(), 0, 'still')).toEqual({ a: 3, b: 3, c: 3, d: 0 });
    expect(effectiveLevels(wall, initialLadder(), null, 'still')).toEqual({ a: 0, b: 0, c: 0, d: 0 });
    // Calm returns no tile above the rule's floor.
    const state = decide(initialLadder(), { now: 60_000, tiles: wall, pressure: { high: false, low: true }, maxFullRate: 2, beyondCap: 'still' });
    expect(effectiveLevels(wall, state, 2, 'still')).toEqual({ a: 3, b: 0, c: 3, d: 0 });
  });

  it('returns tiles at once when the budget is raised', () => {
    const { state } = replay(wall, repeat(HOLD, 5), 1);
    expect(effectiveLevels(wall, state, 16)).toEqual({ a: 0, b: 0, c: 0, d: 0 });
  });

  it('a tile stepped down for pressure keeps its full-rate place: no other tile goes up for it', () => {
    const floors = budgetFloors(rankTiles(wall), 2);
    expect(floors).toEqual({ d: 0, b: 0, c: 2, a: 2 });
    expect(effectiveLevels(wall, { ...initialLadder(), stepped: { b: 3 } }, 2)).toEqual({ d: 0, b: 3, c: 2, a: 2 });
  });

  it('under pressure a budget-forced tile continues from its forced level', () => {
    const { last } = replay([tile('a', { selected: true }), tile('b')], repeat(HIGH, 5), 1);
    expect(last).toEqual({ a: 0, b: 3 });
  });
});
