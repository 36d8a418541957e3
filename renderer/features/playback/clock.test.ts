import { describe, expect, it } from 'vitest';
import { keyframesOnly, positionAt, release, seek, setDirection, setPaused, speedLabel, startClock, stepSpeed } from './clock';

const T = 1_764_000_000_000;

describe('the playback clock', () => {
  it('waits at the instant it was started or sought at until released, and runs from that instant', () => {
    const clock = startClock(T, 1000);
    expect(positionAt(clock, 1600)).toBe(T);
    const running = release(clock, 1600);
    expect(positionAt(running, 2600)).toBe(T + 1000);
    const sought = seek(running, T + 60_000, 3000);
    expect(positionAt(sought, 3500)).toBe(T + 60_000);
    expect(positionAt(release(sought, 3500), 3600)).toBe(T + 60_100);
  });

  it('runs at its speed from where it was started', () => {
    const clock = release(startClock(T, 1000), 1000);
    expect(positionAt(clock, 1000)).toBe(T);
    expect(positionAt(clock, 3000)).toBe(T + 2000);
    const fast = stepSpeed(stepSpeed(stepSpeed(stepSpeed(clock, 1, 3000), 1, 3000), 1, 3000), 1, 3000);
    expect(fast.speed).toBe(16);
    expect(positionAt(fast, 4000)).toBe(T + 2000 + 16_000);
  });

  it('holds still while paused, and goes on from the same place', () => {
    const paused = setPaused(release(startClock(T, 0), 0), true, 500);
    expect(positionAt(paused, 10_000)).toBe(T + 500);
    const playing = setPaused(paused, false, 10_000);
    expect(positionAt(playing, 10_250)).toBe(T + 750);
  });

  it('goes back in time in reverse, without a jump when turned', () => {
    const reverse = setDirection(release(startClock(T, 0), 0), -1, 1000);
    expect(positionAt(reverse, 1000)).toBe(T + 1000);
    expect(positionAt(reverse, 1500)).toBe(T + 500);
    expect(positionAt(release(seek(reverse, T, 2000), 2000), 2100)).toBe(T - 100);
  });

  it('keeps its speed within 1/8× … 16×', () => {
    let clock = startClock(T, 0);
    for (let i = 0; i < 10; i++) clock = stepSpeed(clock, -1, 0);
    expect(speedLabel(clock.speed)).toBe('1/8×');
    for (let i = 0; i < 10; i++) clock = stepSpeed(clock, 1, 0);
    expect(speedLabel(clock.speed)).toBe('16×');
  });

  it('asks for keyframes only at 8× and above and in reverse, never while paused', () => {
    const clock = startClock(T, 0);
    expect(keyframesOnly(clock)).toBe(false);
    expect(keyframesOnly({ ...clock, speed: 4 })).toBe(false);
    expect(keyframesOnly({ ...clock, speed: 8 })).toBe(true);
    expect(keyframesOnly({ ...clock, direction: -1 })).toBe(true);
    expect(keyframesOnly({ ...clock, speed: 16, paused: true })).toBe(false);
  });
});
