import { describe, expect, it } from 'vitest';
import { coalescedLoad } from './coalescedLoad';

describe('coalescedLoad', () => {
  it('turns a burst of refreshes into one load in flight and one after it', async () => {
    let loads = 0;
    let release: () => void = () => {};
    const refresh = coalescedLoad(() => {
      loads++;
      return new Promise<void>((resolve) => (release = resolve));
    });
    const first = refresh();
    for (let i = 0; i < 9; i++) void refresh();
    expect(loads).toBe(1);
    release();
    await first;
    await Promise.resolve();
    expect(loads).toBe(2);
    release();
  });
});
