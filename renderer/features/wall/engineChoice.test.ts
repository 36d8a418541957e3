import { describe, expect, it } from 'vitest';
import { engineFor, stillFromDecoder } from './playerEngine';

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

  it("makes a still from the tile's own decoder only where WebCodecs plays a stream it can decode", () => {
    expect(stillFromDecoder('auto', false, true, true)).toBe(true);
    expect(stillFromDecoder('mpegts', false, true, true)).toBe(false);
    expect(stillFromDecoder('auto', false, false, true)).toBe(false);
    // H.265 passed through in MPEG-TS is mpegts.js's here: main makes the JPEG.
    expect(stillFromDecoder('auto', true, true, true)).toBe(false);
  });
});
