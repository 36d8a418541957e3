import { describe, expect, it } from 'vitest';
import { checkPin, hashPin, pinMatches } from './pin.js';

// Each check is a deliberate ~50 ms scrypt; on a loaded 2-core machine ten of them outlast the default 5 s.
describe('admin PIN', { timeout: 60_000 }, () => {
  const stored = hashPin('482913');

  it('is stored as a salted hash, never as the PIN', () => {
    expect(JSON.stringify(stored)).not.toContain('482913');
    expect(hashPin('482913').hash).not.toBe(stored.hash); // a fresh salt every time
    expect(pinMatches('482913', stored)).toBe(true);
    expect(pinMatches('482914', stored)).toBe(false);
  });

  it('locks out after five wrong PINs, refusing even the right one until the lock ends', () => {
    let lock = { failures: 0, lockedUntil: null as number | null };
    const now = 1_000_000;
    for (let i = 0; i < 5; i++) {
      const result = checkPin('000000', stored, lock, now);
      expect(result).toMatchObject({ ok: false, reason: 'wrong' });
      lock = result.lock;
    }
    expect(lock.lockedUntil).toBe(now + 60_000);
    expect(checkPin('482913', stored, lock, now + 1000)).toMatchObject({ ok: false, reason: 'locked' });
    expect(checkPin('482913', stored, lock, now + 60_000)).toMatchObject({ ok: true, lock: { failures: 0, lockedUntil: null } });
  });

  it('locks out for longer after each further five failures', () => {
    let lock = { failures: 0, lockedUntil: null as number | null };
    let now = 0;
    for (let i = 0; i < 10; i++) {
      if (lock.lockedUntil !== null) now = lock.lockedUntil;
      lock = checkPin('1111', stored, lock, now).lock;
    }
    expect(lock.lockedUntil! - now).toBe(120_000);
  });
});
