import { describe, expect, it } from 'vitest';
import { testStatus } from '../../state/testStatus';
import { lastPictureAt, shownState, tileStatus } from './tileState';

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

  it('shows the refusal, not live, when the camera is pulled for its recorder but its tiles get no conversion', () => {
    const live = testStatus('c1', { state: 'live', lastFrameAt: 9000, bitrateKbps: 2000, fps: 25, codec: 'hevc', cameraCodec: 'hevc', viewers: 2 });
    expect(tileStatus(live)).toBe(live);
    expect(tileStatus(undefined)).toBeUndefined();
    const refused = tileStatus({ ...live, refused: { state: 'unsupported_codec', detail: 'transcode budget: too many', retryAt: 12_000 } })!;
    expect(refused).toMatchObject({ state: 'unsupported_codec', detail: 'transcode budget: too many', retryAt: 12_000, lastFrameAt: null, fps: null });
    expect(shownState(refused, null, false)).toBe('unsupported_codec');
    expect(lastPictureAt(refused, null)).toBeNull();
  });
});
