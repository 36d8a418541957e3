import { describe, expect, it } from 'vitest';
import { JITTER_HALF_TO_FULL, JITTER_TWENTY_PERCENT, backoffDelay, type BackoffPolicy } from './backoff';

const halfToFull: BackoffPolicy = { baseMs: 500, capMs: 30_000, jitter: JITTER_HALF_TO_FULL };
const twentyPercent: BackoffPolicy = { baseMs: 1000, capMs: 10_000, jitter: JITTER_TWENTY_PERCENT };

describe('backoffDelay', () => {
  it('waits about the base before the first retry and doubles after each', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, twentyPercent, 0.5))).toEqual([1000, 2000, 4000, 8000]);
    expect([1, 2, 5].map((attempt) => backoffDelay(attempt, halfToFull, 1))).toEqual([500, 1000, 8000]);
  });

  it('treats an attempt below 1 as the first', () => {
    expect(backoffDelay(0, twentyPercent, 0.5)).toBe(1000);
    expect(backoffDelay(-3, halfToFull, 1)).toBe(500);
  });

  it('draws the wait evenly between the jitter bounds', () => {
    expect([0, 0.5, 1].map((random) => backoffDelay(3, halfToFull, random))).toEqual([1000, 1500, 2000]);
    expect([0, 0.5, 1].map((random) => backoffDelay(1, twentyPercent, random))).toEqual([800, 1000, 1200]);
  });

  it('never waits longer than the cap, even when jitter reaches above it', () => {
    expect(backoffDelay(5, twentyPercent, 0.5)).toBe(10_000);
    expect(backoffDelay(1, { ...twentyPercent, baseMs: 9000 }, 1)).toBe(10_000);
    expect(backoffDelay(60, halfToFull, 0.999999)).toBe(30_000);
  });
});
