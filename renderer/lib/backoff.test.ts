import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

const middle = () => 0.5;

describe('backoffDelay', () => {
  it('starts at the minimum and doubles per attempt', () => {
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, 1000, 10_000, 0.2, middle))).toEqual([
      1000, 2000, 4000, 8000,
    ]);
  });

  it('never waits longer than the cap, even with jitter', () => {
    expect(backoffDelay(4, 1000, 10_000, 0.2, middle)).toBe(10_000);
    expect(backoffDelay(50, 1000, 10_000, 0.2, () => 0.999)).toBe(10_000);
  });

  it('spreads retries by the jitter fraction', () => {
    expect(backoffDelay(0, 1000, 10_000, 0.2, () => 0)).toBe(800);
    expect(backoffDelay(0, 1000, 10_000, 0.2, () => 1)).toBe(1200);
  });
});
