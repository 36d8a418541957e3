import { describe, expect, it } from 'vitest';
import { chooseProfile, servedProfile } from './profile';

describe('choosing main or sub stream', () => {
  it('gives small tiles the sub stream and wide tiles the main stream', () => {
    expect(chooseProfile({ widthPx: 400, maximized: false, pinnedMain: false })).toBe('sub');
    expect(chooseProfile({ widthPx: 960, maximized: false, pinnedMain: false })).toBe('main');
  });

  it('always gives a maximized or pinned tile the main stream', () => {
    expect(chooseProfile({ widthPx: 300, maximized: true, pinnedMain: false })).toBe('main');
    expect(chooseProfile({ widthPx: 300, maximized: false, pinnedMain: true })).toBe('main');
  });

  it('knows that a camera without a sub stream is served its main stream', () => {
    expect(servedProfile({ subUrl: null }, 'sub')).toBe('main');
    expect(servedProfile({ subUrl: 'rtsp://198.51.100.7/sub' }, 'sub')).toBe('sub');
    expect(servedProfile({ subUrl: 'rtsp://198.51.100.7/sub' }, 'main')).toBe('main');
  });
});
