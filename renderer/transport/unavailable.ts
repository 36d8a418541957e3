import type { Result } from '../../preload/api';

/** What a call resolves with when the host cannot be reached: errors are values, never throws. */
export function unavailable(message: string): Result<never> {
  return { ok: false, code: 'unavailable', message };
}
