import { describe, expect, it } from 'vitest';
import { chooseProfile } from './profile';

describe('choosing main or sub stream', () => {
  it('gives small tiles the sub stream and wide tiles the main stream', () => {
    expect(chooseProfile({ widthPx: 400, maximized: false, pinnedMain: false })).toBe('sub');
    expect(chooseProfile({ widthPx: 960, maximized: false, pinnedMain: false })).toBe('main');
  });

  it('always gives a maximized or pinned tile the main stream', () => {
    expect(chooseProfile({ widthPx: 300, maximized: true, pinnedMain: false })).toBe('main');
    expect(chooseProfile({ widthPx: 300, maximized: false, pinnedMain: true })).toBe('main');
  });
});
