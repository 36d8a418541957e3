import { describe, expect, it } from 'vitest';
import { lastPictureAt, shownState } from './tileState';

describe('what a tile shows', () => {
  it('shows connecting until the host reports', () => {
    expect(shownState(undefined, null, false)).toBe('starting');
  });

  it('shows live only once the picture is on screen', () => {
    expect(shownState({ state: 'live' }, null, false)).toBe('starting');
    expect(shownState({ state: 'live' }, null, true)).toBe('live');
  });

  it('never shows a frozen picture as live', () => {
    expect(shownState({ state: 'live' }, 1000, true)).toBe('stalled');
    expect(shownState({ state: 'offline' }, 1000, true)).toBe('offline');
  });

  it('dates the last picture by the player when it froze, else by the host', () => {
    expect(lastPictureAt({ lastFrameAt: 5000 }, 3000)).toBe(3000);
    expect(lastPictureAt({ lastFrameAt: 5000 }, null)).toBe(5000);
    expect(lastPictureAt(undefined, null)).toBeNull();
  });
});
