import { describe, expect, it } from 'vitest';
import { placeWalls, restoreAtStart, type DisplayInfo, type WallWindowSetting } from './arrangement.js';

const display = (id: number, x: number, primary = false): DisplayInfo => ({ id, primary, bounds: { x, y: 0, width: 1920, height: 1080 } });
const wall = (index: number, displayId: number | null, fullscreen = true): WallWindowSetting => ({ index, displayId, presetId: `p${index}`, tour: false, fullscreen });

describe('placeWalls', () => {
  const three = [display(1, 0, true), display(2, 1920), display(3, 3840)];

  it('puts each wall on its own monitor when all are there', () => {
    expect(placeWalls([wall(1, 2), wall(2, 3)], three, 'move')).toEqual([
      { index: 1, displayId: 2, bounds: three[1]!.bounds, fullscreen: true, moved: false },
      { index: 2, displayId: 3, bounds: three[2]!.bounds, fullscreen: true, moved: false },
    ]);
  });

  it('moves the wall of an unplugged monitor to a secondary one before the primary, and a shared monitor is not full screen', () => {
    const two = [display(1, 0, true), display(2, 1920)];
    expect(placeWalls([wall(1, 2), wall(2, 3)], two, 'move')).toEqual([
      { index: 1, displayId: 2, bounds: two[1]!.bounds, fullscreen: false, moved: false },
      { index: 2, displayId: 2, bounds: two[1]!.bounds, fullscreen: false, moved: true },
    ]);
    const one = [display(1, 0, true)];
    expect(placeWalls([wall(1, 2)], one, 'move')).toMatchObject([{ index: 1, displayId: 1, fullscreen: true, moved: true }]);
  });

  it('lets a wall wait for its monitor when told to, and returns it when the monitor is back', () => {
    const two = [display(1, 0, true), display(2, 1920)];
    expect(placeWalls([wall(1, 3)], two, 'wait')).toEqual([{ index: 1, waitingFor: 3 }]);
    expect(placeWalls([wall(1, 3)], three, 'wait')).toMatchObject([{ index: 1, displayId: 3, moved: false }]);
  });

  it('places a wall that was never bound to a monitor', () => {
    expect(placeWalls([wall(1, null)], three, 'wait')).toMatchObject([{ index: 1, displayId: 2, moved: true }]);
  });

  it('waits when there is no monitor at all', () => {
    expect(placeWalls([wall(1, 2)], [], 'move')).toEqual([{ index: 1, waitingFor: 2 }]);
  });
});

describe('restoreAtStart', () => {
  it('restores the walls when set to, or when started at login with start-at-login on', () => {
    expect(restoreAtStart({ startAtLogin: false, restoreWalls: true }, false)).toBe(true);
    expect(restoreAtStart({ startAtLogin: true, restoreWalls: false }, true)).toBe(true);
    expect(restoreAtStart({ startAtLogin: true, restoreWalls: false }, false)).toBe(false);
    expect(restoreAtStart({ startAtLogin: false, restoreWalls: false }, true)).toBe(false);
  });
});
