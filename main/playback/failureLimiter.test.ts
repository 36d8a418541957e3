import { describe, expect, it } from 'vitest';
import { FailureLimiter } from './failureLimiter.js';

describe('FailureLimiter', () => {
  it('turns an address away after too many failures, and hears it again once the window has passed', () => {
    let now = 0;
    const limiter = new FailureLimiter({ maxFailures: 3, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 2; i++) limiter.failed('10.0.0.7');
    expect(limiter.blocked('10.0.0.7')).toBe(false);
    limiter.failed('10.0.0.7');
    expect(limiter.blocked('10.0.0.7')).toBe(true);
    expect(limiter.blocked('10.0.0.8')).toBe(false); // another address is not punished
    now = 60_001;
    expect(limiter.blocked('10.0.0.7')).toBe(false);
  });

  it('counts only failures inside the window', () => {
    let now = 0;
    const limiter = new FailureLimiter({ maxFailures: 2, windowMs: 1000, now: () => now });
    limiter.failed('a');
    now = 1500;
    limiter.failed('a');
    expect(limiter.blocked('a')).toBe(false);
  });

  it('remembers a bounded number of addresses, forgetting the oldest', () => {
    const limiter = new FailureLimiter({ maxFailures: 1, maxAddresses: 2, now: () => 0 });
    limiter.failed('a');
    limiter.failed('b');
    limiter.failed('c');
    expect(limiter.blocked('a')).toBe(false);
    expect(limiter.blocked('b')).toBe(true);
    expect(limiter.blocked('c')).toBe(true);
  });
});
