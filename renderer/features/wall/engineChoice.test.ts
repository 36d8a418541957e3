import { describe, expect, it } from 'vitest';
import { engineFor, freshPlayerOnReturn, keyframeStepFor, stillFromDecoder } from './playerEngine';

describe('which engine plays a tile', () => {
  it('takes WebCodecs for 自动 and 低延迟 where the browser can run it, mpegts.js for 兼容', () => {
    expect(engineFor('auto', true, true)).toBe('webcodecs');
    expect(engineFor('webcodecs', true, true)).toBe('webcodecs');
    expect(engineFor('mpegts', true, true)).toBe('mse');
  });

  it('falls back to whichever engine the browser has, and to none without either', () => {
    expect(engineFor('auto', false, true)).toBe('mse');
    expect(engineFor('webcodecs', false, true)).toBe('mse');
    expect(engineFor('mpegts', true, false)).toBe('webcodecs');
    expect(engineFor('auto', false, false)).toBeNull();
  });

  it("makes a still from the tile's own decoder wherever WebCodecs plays the tile, H.265 passed through too", () => {
    expect(stillFromDecoder('auto', true, true)).toBe(true);
    expect(stillFromDecoder('mpegts', true, true)).toBe(false);
    expect(stillFromDecoder('auto', false, true)).toBe(false);
  });

  it('steps an H.265 tile passed through (MPEG-TS) to keyframes only on WebCodecs, not on mpegts.js', () => {
    expect(keyframeStepFor('auto', true, true, true)).toBe(true);
    expect(keyframeStepFor('mpegts', true, true, true)).toBe(false);
    expect(keyframeStepFor('mpegts', false, true, true)).toBe(true);
    expect(keyframeStepFor('auto', true, false, true)).toBe(false);
  });
});

describe('a fresh player when the camera comes back after a stall', () => {
  const stoodStillSince = 10_000;

  it('starts one for an mpegts.js tile whose picture stopped with its stream', () => {
    expect(freshPlayerOnReturn('mse', stoodStillSince, 9_400)).toBe(true);
    expect(freshPlayerOnReturn('mse', stoodStillSince, null)).toBe(true);
  });

  it('leaves a player whose picture stopped while keyframes still arrived to the watchdog', () => {
    expect(freshPlayerOnReturn('mse', stoodStillSince, 11_000)).toBe(false);
  });

  it('leaves a picture that moves, and the WebCodecs player, which holds no frames', () => {
    expect(freshPlayerOnReturn('mse', null, 9_400)).toBe(false);
    expect(freshPlayerOnReturn('webcodecs', stoodStillSince, 9_400)).toBe(false);
    expect(freshPlayerOnReturn(undefined, stoodStillSince, 9_400)).toBe(false);
  });
});
