import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PlaybackWatch, type WatchedVideo } from './playbackWatch';

class FakeVideo implements WatchedVideo {
  currentTime = 0;
  paused = false;
  bufferedEnd: number | null = null;
  plays = 0;
  get buffered() {
    const end = this.bufferedEnd;
    return { length: end === null ? 0 : 1, end: () => end ?? 0 };
  }
  play() {
    this.plays++;
  }
}

function watch() {
  const video = new FakeVideo();
  const events: string[] = [];
  const w = new PlaybackWatch(video, {
    onPlaying: () => undefined,
    onFrozen: (since) => events.push(since === null ? 'moving' : `frozen since ${since}`),
    onCaughtUp: () => events.push('caught up'),
    onGiveUp: () => events.push('reload'),
  });
  w.start();
  return { video, events, w };
}

/** Plays `seconds` of video in real time, 1 s per check, with `behind` seconds buffered ahead if given. */
function play(video: FakeVideo, seconds: number, behind?: number) {
  for (let i = 0; i < seconds; i++) {
    video.currentTime += 1;
    if (behind !== undefined) video.bufferedEnd = video.currentTime + behind;
    vi.advanceTimersByTime(1000);
  }
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => vi.useRealTimers());

describe('player watchdog', () => {
  it('says at once when the picture stops, and when it moves again', () => {
    const { video, events } = watch();
    play(video, 3);
    vi.advanceTimersByTime(3000);
    expect(events).toEqual(['frozen since 3000']);
    play(video, 1);
    expect(events).toEqual(['frozen since 3000', 'moving']);
  });

  it('gives a keyframes-only player, a picture every GOP, more time before calling it frozen', () => {
    const { video, events, w } = watch();
    w.setSparse(true);
    play(video, 2);
    vi.advanceTimersByTime(4000); // a 4 s GOP: no new picture for 4 s is normal
    expect(events).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(events).toEqual(['frozen since 2000']);
    w.setSparse(false);
    play(video, 1);
    vi.advanceTimersByTime(3000);
    expect(events).toEqual(['frozen since 2000', 'moving', 'frozen since 8000']);
  });

  it('scales a keyframes-only player\'s patience to a long keyframe interval', () => {
    const { video, events, w } = watch();
    w.setSparse(true, 8000); // a "smart codec" camera: a keyframe every 8 s
    play(video, 2);
    vi.advanceTimersByTime(16_000);
    expect(events).toEqual([]);
    vi.advanceTimersByTime(5000);
    expect(events).toEqual(['frozen since 2000']);
  });

  it('does not call a player that never started "frozen"', () => {
    const { events } = watch();
    vi.advanceTimersByTime(5000);
    expect(events).toEqual([]);
  });

  it('reloads a picture frozen for long', () => {
    const { video, events } = watch();
    play(video, 2);
    vi.advanceTimersByTime(13_000);
    expect(events).toEqual(['frozen since 2000', 'reload']);
  });

  it('jumps to the live edge when more than 1.5 s behind, and reloads if it drifts again at once', () => {
    const { video, events } = watch();
    play(video, 2);
    play(video, 1, 1.4);
    expect(events).toEqual([]);
    play(video, 1, 1.6);
    expect(events).toEqual(['caught up']);
    expect(video.currentTime).toBeCloseTo(video.bufferedEnd! - 0.25);
    play(video, 6, 1);
    expect(events).toEqual(['caught up']);
    play(video, 1, 3);
    expect(events).toEqual(['caught up', 'caught up']);
    play(video, 1, 3);
    expect(events).toEqual(['caught up', 'caught up', 'reload']);
  });

  it('leaves a player close to live alone', () => {
    const { video, events } = watch();
    play(video, 10, 1.4);
    expect(events).toEqual([]);
  });

  it('asks a paused video to play again', () => {
    const { video } = watch();
    video.paused = true;
    vi.advanceTimersByTime(2000);
    expect(video.plays).toBeGreaterThan(0);
  });
});
