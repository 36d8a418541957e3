import { describe, expect, it } from 'vitest';
import { FrameShelf } from './frameShelf';

class FakeFrame {
  closed = false;
  constructor(readonly ms: number) {}
  close() {
    if (this.closed) throw new Error(`frame ${this.ms} closed twice`);
    this.closed = true;
  }
}

function shelfOf(times: number[]): { shelf: FrameShelf<FakeFrame>; frames: FakeFrame[] } {
  const shelf = new FrameShelf<FakeFrame>();
  const frames = times.map((ms) => new FakeFrame(ms));
  for (const frame of frames) shelf.add(frame.ms, frame);
  return { shelf, frames };
}

const open = (frames: FakeFrame[]) => frames.filter((f) => !f.closed).map((f) => f.ms);

describe('the pictures a playback tile holds', () => {
  it('shows the newest picture at or before the clock, and none before the first is due', () => {
    const { shelf } = shelfOf([300, 100, 200]);
    expect(shelf.pick(50)).toBeNull();
    expect(shelf.pick(100)?.ms).toBe(100);
    expect(shelf.pick(299)?.ms).toBe(200);
    expect(shelf.pick(10_000)?.ms).toBe(300);
  });

  it('going forward, closes what the clock has passed and keeps what is to come', () => {
    const { shelf, frames } = shelfOf([0, 66, 133, 200, 266]);
    shelf.trim(150, 1);
    expect(open(frames)).toEqual([133, 200, 266]);
    expect(shelf.ahead(150, 1)).toBe(2);
    shelf.trim(150, 1); // again: nothing more to close, nothing closed twice
    expect(open(frames)).toEqual([133, 200, 266]);
  });

  it('while paused, keeps a few pictures behind for stepping back', () => {
    const { shelf, frames } = shelfOf([0, 66, 133, 200, 266]);
    shelf.trim(210, 1, 2);
    expect(open(frames)).toEqual([66, 133, 200, 266]);
  });

  it('in reverse, closes the pictures after the one on screen and counts those before it as to come', () => {
    const { shelf, frames } = shelfOf([0, 1000, 2000, 3000]);
    shelf.trim(2500, -1);
    expect(open(frames)).toEqual([0, 1000, 2000]);
    expect(shelf.ahead(2500, -1)).toBe(2);
  });

  it('closes a second picture of the same time, and everything on clear', () => {
    const { shelf, frames } = shelfOf([0, 66]);
    const twin = new FakeFrame(66);
    shelf.add(66, twin);
    expect(twin.closed).toBe(true);
    expect(shelf.size).toBe(2);
    expect(shelf.after(0)).toBe(66);
    shelf.clear();
    expect(open(frames)).toEqual([]);
    expect(shelf.size).toBe(0);
  });
});
