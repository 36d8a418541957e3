/**
 * The admin PIN: stored only as a salted scrypt hash, checked in constant time, and locked out
 * after repeated failures (longer each time), so a 4–8 digit PIN cannot be guessed at a desk.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export interface PinHash {
  salt: string;
  hash: string;
  /** scrypt cost parameter N (log2), kept so it can be raised later. */
  cost: number;
}

export interface PinLock {
  failures: number;
  lockedUntil: number | null;
}

const COST = 15; // N = 2^15: ~50 ms per check here, slow enough to make guessing expensive
const FAILURES_BEFORE_LOCK = 5;
const BASE_LOCK_MS = 60_000;

export const PIN_PATTERN = /^\d{4,8}$/;

export function hashPin(pin: string, salt = randomBytes(16).toString('base64')): PinHash {
  return { salt, hash: derive(pin, salt, COST).toString('base64'), cost: COST };
}

export function pinMatches(pin: string, stored: PinHash): boolean {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = derive(pin, stored.salt, stored.cost);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function derive(pin: string, salt: string, cost: number): Buffer {
  return scryptSync(pin, salt, 32, { N: 2 ** cost, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
}

export type PinCheck = { ok: true; lock: PinLock } | { ok: false; reason: 'locked' | 'wrong'; lock: PinLock };

/** One attempt at the PIN: pure apart from the hash, so lock-out is unit-testable. */
export function checkPin(pin: string, stored: PinHash, lock: PinLock, now: number): PinCheck {
  if (lock.lockedUntil !== null && now < lock.lockedUntil) return { ok: false, reason: 'locked', lock };
  if (pinMatches(pin, stored)) return { ok: true, lock: { failures: 0, lockedUntil: null } };
  const failures = lock.failures + 1;
  const lockouts = Math.floor(failures / FAILURES_BEFORE_LOCK);
  const lockedUntil = failures % FAILURES_BEFORE_LOCK === 0 ? now + BASE_LOCK_MS * 2 ** (lockouts - 1) : lock.lockedUntil;
  return { ok: false, reason: 'wrong', lock: { failures, lockedUntil } };
}
