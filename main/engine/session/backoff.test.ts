import { describe, expect, it } from 'vitest';
import { RETRY, RETRY_RECENTLY_LIVE, RETRY_UNAUTHORIZED, backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('doubles per attempt up to the cap', () => {
    const full = (attempt: number) => backoffDelay(attempt, RETRY, 0.999999);
    expect(full(1)).toBe(500);
    expect(full(2)).toBe(1000);
    expect(full(5)).toBe(8000);
    expect(full(20)).toBe(30_000);
  });

  it('jitters between half and the whole delay', () => {
    expect(backoffDelay(3, RETRY, 0)).toBe(1000);
    expect(backoffDelay(3, RETRY, 0.5)).toBe(1500);
  });

  it('waits far longer before trying a wrong password again', () => {
    expect(backoffDelay(1, RETRY_UNAUTHORIZED, 0)).toBeGreaterThanOrEqual(7500);
    expect(backoffDelay(30, RETRY_UNAUTHORIZED, 0.999999)).toBe(300_000);
  });
});

describe('a camera that was live a moment ago', () => {
  it('is retried at most every 1.5 s', () => {
    expect(backoffDelay(10, RETRY_RECENTLY_LIVE, 0.999999)).toBe(1500);
    expect(backoffDelay(1, RETRY_RECENTLY_LIVE, 0)).toBe(250);
  });
});
