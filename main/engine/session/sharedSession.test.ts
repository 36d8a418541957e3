import { describe, expect, it } from 'vitest';
import { canServe, worthWaitingFor } from './sharedSession.js';

describe('one session per camera whatever the viewers decode', () => {
  it('serves a viewer of either kind from a session of an H.264 camera', () => {
    for (const acceptsHevc of [true, false]) {
      for (const viewer of [true, false]) expect(canServe({ acceptsHevc, cameraCodec: 'h264' }, viewer)).toBe(true);
    }
  });

  it('serves a viewer that decodes H.265 from a session that delivers H.264 whatever the camera sends', () => {
    for (const cameraCodec of [null, 'h264', 'hevc']) expect(canServe({ acceptsHevc: false, cameraCodec }, true)).toBe(true);
  });

  it('never hands H.265 (or a codec not known yet) to a viewer that cannot decode it', () => {
    expect(canServe({ acceptsHevc: true, cameraCodec: 'hevc' }, false)).toBe(false);
    expect(canServe({ acceptsHevc: true, cameraCodec: null }, false)).toBe(false);
  });

  it('waits to learn the codec only where the answer can change', () => {
    expect(worthWaitingFor({ acceptsHevc: true, cameraCodec: null }, false)).toBe(true);
    expect(worthWaitingFor({ acceptsHevc: true, cameraCodec: 'h264' }, false)).toBe(false);
    expect(worthWaitingFor({ acceptsHevc: false, cameraCodec: null }, true)).toBe(false);
    expect(worthWaitingFor({ acceptsHevc: true, cameraCodec: null }, true)).toBe(false);
  });
});
