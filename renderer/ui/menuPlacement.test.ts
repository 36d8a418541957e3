import { describe, expect, it } from 'vitest';
import { placeMenu } from './menuPlacement';

const WINDOW = { width: 1280, height: 720 };
const MENU = { width: 220, height: 330 };

describe('placeMenu', () => {
  it('opens to the right of and below the pointer when there is room', () => {
    expect(placeMenu({ x: 100, y: 50 }, MENU, WINDOW)).toEqual({ left: 100, top: 50 });
  });

  it('opens to the left of and above a pointer near the bottom-right corner', () => {
    expect(placeMenu({ x: 1270, y: 710 }, MENU, WINDOW)).toEqual({ left: 1050, top: 380 });
  });

  it('stays inside the window when neither side of the pointer has room', () => {
    const placed = placeMenu({ x: 150, y: 360 }, { width: 220, height: 500 }, { width: 300, height: 720 });
    expect(placed.left).toBeGreaterThanOrEqual(4);
    expect(placed.left + 220).toBeLessThanOrEqual(296);
    expect(placed.top).toBeGreaterThanOrEqual(4);
    expect(placed.top + 500).toBeLessThanOrEqual(716);
  });

  it('scrolls a menu taller than the window', () => {
    expect(placeMenu({ x: 10, y: 300 }, { width: 220, height: 900 }, WINDOW)).toEqual({ left: 10, top: 4, maxHeight: 712 });
  });
});
