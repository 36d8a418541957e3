import { describe, expect, it } from 'vitest';
import { positionAt, type ClockState } from './clock';
import { PlaybackStore, WAIT_AT_MOST_MS, type Tickable } from './playbackStore';

const T = 1_764_000_000_000;

function setup() {
  let now = 0;
  const frames = new Map<number, () => void>();
  let id = 0;
  const store = new PlaybackStore(() => now, {
    request: (cb) => (frames.set(++id, cb), id),
    cancel: (n) => frames.delete(n),
  });
  return { store, advance: (ms: number) => (now += ms), frames, at: () => now };
}

class SeenTimes implements Tickable {
  seen: number[] = [];
  shown: number | null = null;
  next: number | null = null;
  ready = true;
  tick(clock: ClockState, now: number) {
    this.seen.push(positionAt(clock, now));
  }
  nextPicture() {
    return this.next;
  }
}

describe('the wall in playback', () => {
  it('puts every tile with a camera on one clock, and every tile is asked for the same instant', () => {
    const { store, advance } = setup();
    store.openWall(T, ['a', null, 'b']);
    expect([...store.view.get().tiles.keys()]).toEqual([0, 2]);
    const [p0, p2] = [new SeenTimes(), new SeenTimes()];
    store.register(0, p0);
    store.register(2, p2);
    store.tick(); // both show T: the clock runs
    advance(1000);
    store.tick();
    store.stepSpeed(1);
    advance(500);
    store.tick();
    expect(p0.seen).toEqual([T, T + 1000, T + 2000]);
    expect(p2.seen).toEqual(p0.seen);
  });

  it('a tile set free keeps its own time while the wall goes on, and follows the wall again when asked', () => {
    const { store, advance } = setup();
    store.openWall(T, ['a', 'b']);
    store.register(0, new SeenTimes());
    store.register(1, new SeenTimes());
    store.tick();
    advance(1000);
    store.setFree(1, true);
    store.focus(1);
    store.seek(T - 60_000);
    store.tick();
    advance(1000);
    expect(positionAt(store.clockOf(0)!, 2000)).toBe(T + 2000);
    expect(positionAt(store.clockOf(1)!, 2000)).toBe(T - 59_000);
    store.setFree(1, false);
    expect(store.clockOf(1)).toBe(store.view.get().clock);
  });

  it('steps one picture forward and back, paused', () => {
    const { store, advance } = setup();
    store.openWall(T, ['a']);
    const player = new SeenTimes();
    store.register(0, player);
    advance(300);
    player.shown = T + 267;
    player.next = T + 333;
    store.stepFrame(1);
    expect(store.focusedClock()!.paused).toBe(true);
    expect(store.positionNow()).toBe(T + 333);
    player.shown = T + 333;
    store.stepFrame(-1);
    expect(store.positionNow()).toBe(T + 332); // the newest picture before T+333 is shown
  });

  it('one click returns every tile to live, and the ticks stop with the last player', () => {
    const { store, frames } = setup();
    store.openWall(T, ['a', 'b']);
    const off = [store.register(0, new SeenTimes()), store.register(1, new SeenTimes())];
    expect(frames.size).toBe(1);
    store.toLive();
    expect(store.view.get().clock).toBeNull();
    expect(store.view.get().tiles.size).toBe(0);
    off.forEach((f) => f());
    expect(frames.size).toBe(0);
  });

  it('one tile opened while the wall plays back goes to its own time', () => {
    const { store } = setup();
    store.openTile(0, 'a', T);
    expect(store.view.get().tiles.get(0)!.own).toBeNull();
    store.openTile(1, 'b', T - 3_600_000);
    expect(positionAt(store.clockOf(1)!, 0)).toBe(T - 3_600_000);
    expect(positionAt(store.clockOf(0)!, 0)).toBe(T);
  });

  it('waits at T until every tile shows T\'s picture, then runs from T: the first picture is T\'s, not T plus the time to decode it', () => {
    const { store, advance } = setup();
    store.openWall(T, ['a', 'b']);
    const [p0, p1] = [new SeenTimes(), new SeenTimes()];
    p0.ready = p1.ready = false;
    store.register(0, p0);
    store.register(1, p1);
    advance(400); // the session opens, the GOP is fetched and decoded
    store.tick();
    p0.ready = true;
    advance(300);
    store.tick();
    expect(p0.seen).toEqual([T, T]);
    p1.ready = true;
    advance(100);
    store.tick(); // both show T now: the clock runs from here
    advance(500);
    store.tick();
    expect(p1.seen).toEqual([T, T, T, T + 500]);
    // A seek waits the same way.
    store.seek(T + 60_000);
    p0.ready = false;
    advance(600);
    store.tick();
    expect(p0.seen.at(-1)).toBe(T + 60_000);
  });

  it('a tile that cannot show its picture holds the clock no longer than a few seconds', () => {
    const { store, advance } = setup();
    store.openWall(T, ['a']);
    const player = new SeenTimes();
    player.ready = false;
    store.register(0, player);
    advance(WAIT_AT_MOST_MS);
    store.tick();
    advance(1000);
    store.tick();
    expect(player.seen).toEqual([T, T + 1000]);
  });

  it('a free tile waits for its own picture, the wall does not wait for it', () => {
    const { store, advance } = setup();
    store.openWall(T, ['a', 'b']);
    const [p0, p1] = [new SeenTimes(), new SeenTimes()];
    store.register(0, p0);
    store.register(1, p1);
    store.tick();
    store.setFree(1, true);
    store.focus(1);
    store.seek(T - 60_000);
    p1.ready = false;
    advance(500);
    store.tick();
    expect(p0.seen.at(-1)).toBe(T + 500);
    expect(p1.seen.at(-1)).toBe(T - 60_000);
    p1.ready = true;
    store.tick();
    advance(500);
    store.tick();
    expect(p1.seen.at(-1)).toBe(T - 59_500);
  });
});
